import { conflict, DomainError, unprocessable } from '../errors.js';

/**
 * Database refusals that are the client's doing, as domain errors: PostgreSQL's btree limit on an indexed
 * value (SQLSTATE 54000) and a unique key taken by a concurrent writer (23505 / SQLITE_CONSTRAINT_UNIQUE).
 */
export function domainErrorFromDatabase(error: unknown): DomainError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === '54000')
    return unprocessable('value_too_large', 'a value is too large to index (over ~2.7 kB): shorten it');
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
    return conflict('conflict', 'a concurrent write created the same entity first; retry the request');
  return undefined;
}
