import { randomUUID } from 'node:crypto';
import { createQueryId, type Compilable } from 'kysely';
import type { Db } from './database.js';
import { keepSignalOf } from './query-limit.js';

/**
 * A select compiled once and run again with other values. Building and compiling a statement through
 * Kysely cost the server thread more than the database took to run it, when the statement is large (an
 * entity's JSON text) and the read small (one entity). `build` gets a stand-in for each value, to put
 * where the value goes as a bound parameter; each run binds the run's values in their places. A statement
 * run this way runs as Kysely's would (a read goes to a reader, under the query time limit, stopped when
 * the client of a limitQueries `db` goes), but for other plugins, which never see it.
 */
export function compiledOnce<V extends readonly unknown[], R>(
  arity: V['length'],
  build: (db: Db, ...values: V) => Compilable<R>,
): (db: Db, ...values: V) => Promise<R[]> {
  const standIns = Array.from({ length: arity }, (_, i) => `portico-value-${i}-${randomUUID()}`);
  let compiled: { sql: string; parameters: readonly unknown[]; query: never; slots: number[] } | undefined;
  return async (db, ...values) => {
    if (!compiled) {
      const { sql, parameters, query } = build(db, ...(standIns as unknown as V)).compile();
      const slots = parameters.map((parameter) => standIns.indexOf(parameter as string));
      if (standIns.some((_, i) => !slots.includes(i)))
        throw new Error('compiledOnce: every value must be a bound parameter of the statement');
      compiled = { sql, parameters, query: query as never, slots };
    }
    const { sql, parameters, query, slots } = compiled;
    const bound = parameters.map((parameter, i) => (slots[i]! >= 0 ? values[slots[i]!] : parameter));
    const queryId = createQueryId();
    keepSignalOf(db, queryId);
    const result = await db.executeQuery<R>({ sql, parameters: bound, query, queryId });
    return result.rows;
  };
}
