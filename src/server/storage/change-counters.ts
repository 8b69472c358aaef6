import { batchedReads } from './batched-reads.js';
import { compiledOnce } from './compiled-once.js';
import type { Database, Db } from './database.js';

/**
 * The counters of migration 0026: `model` (blueprints, their permissions), `identity` (credentials, users);
 * of 0028: `relations` (relation rows); of 0029: `entities` (entity rows).
 */
export type ChangeCounter = 'model' | 'identity' | 'relations' | 'entities';

const readers = new WeakMap<Database, (counter: ChangeCounter) => Promise<number>>();

/**
 * Reads a change counter of `database` as it is now: at least as new as every change committed before the
 * call, on any replica. Every counter asked for in one turn of the event loop comes from one read (a point
 * read, in the server thread on SQLite), so that a cache checked against one costs next to nothing.
 */
export function changeCounters(database: Database): (counter: ChangeCounter) => Promise<number> {
  let read = readers.get(database);
  if (!read) {
    // Read on every request: built and compiled once.
    const readCounters = compiledOnce(0, (db: Db) =>
      db.selectFrom('change_counters').select(['name', 'version']),
    );
    const batched = batchedReads(async () => {
      const rows = (await readCounters(database.pointReads)) as Array<{ name: string; version: number }>;
      return new Map(rows.map((row) => [row.name as ChangeCounter, Number(row.version)]));
    });
    read = async (counter) => {
      const version = await batched(counter);
      if (version === undefined) throw new Error(`no change counter "${counter}": is the database migrated?`);
      return version;
    };
    readers.set(database, read);
  }
  return read;
}
