import { conflict, DomainError, unprocessable } from '../errors.js';

/**
 * Database refusals that are the client's to act on, as domain errors: PostgreSQL's btree limit on an
 * indexed value (SQLSTATE 54000), a date out of its range (22008, 22009), text it cannot store (22P05,
 * 22021), a lost deadlock or serialization race, and a unique key taken by a concurrent writer.
 */
export function domainErrorFromDatabase(error: unknown): DomainError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === '54000')
    return unprocessable('value_too_large', 'a value is too large to index (over ~2.7 kB): shorten it');
  // Values are checked before they get here (the JSON body parser, the property validator, search values);
  // these are the net under those checks, so that a value PostgreSQL cannot hold is never a 500.
  if (code === '22008' || code === '22009')
    return unprocessable(
      'invalid_date',
      'a date-time is outside what the database can compare: use years 0001 to 9999',
    );
  if (code === '22P05' || code === '22021')
    return unprocessable(
      'invalid_text',
      'a text value holds a NUL character (\\u0000) or invalid Unicode, which the database cannot store',
    );
  // A batch that loses a deadlock or serialization race is retried item by item by the entity service;
  // a single write that loses one is the client's to retry.
  // SQLite's BUSY and its extended codes (BUSY_SNAPSHOT: another connection to the file wrote since this
  // transaction's snapshot): two processes writing one file.
  if (isLostRace(error) || (typeof code === 'string' && code.startsWith('SQLITE_BUSY')))
    return conflict('write_conflict', 'a concurrent write to the same entities won; retry the request');
  if (isUniqueViolation(code) && violates(error, 'entities_user_email_folded'))
    return conflict(
      'user_exists',
      'a user with this email in another letter case exists: emails ignore case',
    );
  if (isUniqueViolation(code))
    return conflict('conflict', 'a concurrent write created the same entity first; retry the request');
  // A statement_timeout set in the database (ours cancel with their own message, storage/query-limit.ts).
  if (code === '57014')
    return new DomainError(
      'unavailable',
      'query_timeout',
      'the database cancelled the statement (its statement_timeout); narrow the query',
    );
  return undefined;
}

/** A unique key or primary key taken, by the error's code (PostgreSQL's SQLSTATE or SQLite's). */
export const isUniqueViolation = (code: unknown) =>
  code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';

/** PostgreSQL names the constraint; SQLite names the index in its message. */
function violates(error: unknown, index: string): boolean {
  const { constraint, message } = error as { constraint?: unknown; message?: unknown };
  return constraint === index || (typeof message === 'string' && message.includes(`'${index}'`));
}

/**
 * A write that lost a race another way than by a stale read, and that computed again would see why: its
 * relation target deleted after it found it (a foreign key violated, or an id looked up by identifier and
 * not found), or its new entity created by another writer first (the entity key taken).
 */
export function isRacedWrite(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === '23503' ||
    code === '23502' ||
    code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ||
    code === 'SQLITE_CONSTRAINT_NOTNULL' ||
    (isUniqueViolation(code) && !violates(error, 'entities_user_email_folded'))
  );
}

/** A foreign key violated, by the error's code: the row it points at is gone. */
export const isForeignKeyViolation = (code: unknown) =>
  code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';

/** A write that lost a deadlock or a serialization race, to be computed and sent again as it is. */
export function isLostRace(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}
