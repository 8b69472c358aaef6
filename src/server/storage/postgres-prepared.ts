import type pg from 'pg';

/**
 * Writes that a connection runs often are sent as named prepared statements: PostgreSQL then parses,
 * analyses and (after five runs) plans each once per connection instead of on every run. For the API's
 * writes (a run, its audit record and its job in one statement of a few dozen columns) that was most of
 * PostgreSQL's CPU time, more than the writes. Reads are not prepared: a search's best plan depends on
 * its values.
 *
 * Bounded: a statement is named once this process has seen its text PREPARE_AFTER times, and a connection
 * names at most MAX_PER_CONNECTION. A column added or removed under a prepared statement makes PostgreSQL
 * refuse it ("cached plan must not change result type", during a migration by another replica): the text
 * is prepared again under a new name, and a statement outside a transaction is run again at once.
 */
export const PREPARE_AFTER = 20;
export const MAX_PER_CONNECTION = 100;
const MAX_TEXTS_COUNTED = 5_000;

const seen = new Map<string, number>();

function isFrequent(text: string): boolean {
  const count = (seen.get(text) ?? 0) + 1;
  if (seen.size >= MAX_TEXTS_COUNTED && count === 1) seen.clear();
  seen.set(text, count);
  return count >= PREPARE_AFTER;
}

const isStaleResultType = (error: unknown) =>
  (error as { code?: unknown }).code === '0A000' &&
  /cached plan must not change result type/.test(String((error as Error).message));

type Query = (...args: unknown[]) => unknown;

// Writes only: their plans (a row to insert, a row by key to change) are the same whatever the values, so a
// plan kept for the statement serves every run; a search's best plan depends on its values. Identifiers in
// Portico's SQL never hold spaces or brackets, so `as (insert` or `) update "` is a write's own text.
const PREPARABLE =
  /^\s*(insert|update|delete)\b|^\s*with\b.*(\bas \((insert|update|delete)\b|\) (insert into|update|delete from) ")/is;

/** Makes `client` send its frequent statements as prepared ones (call once per new connection). */
export function prepareFrequentStatements(client: pg.ClientBase): void {
  const query = client.query.bind(client) as Query;
  const names = new Map<string, string>();
  let serial = 0;
  let inTransaction = false;

  const named = (text: string) => {
    let name = names.get(text);
    if (name === undefined && names.size < MAX_PER_CONNECTION && isFrequent(text)) {
      name = `portico_${++serial}`;
      names.set(text, name);
    }
    return name;
  };

  // Kysely's driver calls query(text, values) and awaits the promise; anything else passes through.
  (client as unknown as { query: Query }).query = (text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text !== 'string' || (values !== undefined && !Array.isArray(values)) || callback)
      return query(text, values, callback);
    const command = /^\s*(begin|start transaction|commit|rollback)\b[^;]*;?\s*$/i.exec(text)?.[1];
    if (command && !/^\s*rollback\s+to\b/i.test(text)) inTransaction = /^(begin|start)/i.test(command);
    const name = PREPARABLE.test(text) ? named(text) : undefined;
    if (name === undefined) return query(text, values);
    const outside = !inTransaction;
    return (query({ name, text, values }) as Promise<unknown>).catch((error: unknown) => {
      if (!isStaleResultType(error)) throw error;
      names.set(text, `portico_${++serial}`);
      if (!outside) throw error;
      return query({ name: names.get(text), text, values });
    });
  };
}
