import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';

/**
 * How every transaction on the writer begins: taking the file's write lock at once, waiting for it up to
 * busy_timeout. A deferred one that read first and then wrote is refused outright (BUSY_SNAPSHOT, never
 * waited for) whenever another process wrote the file in between, so with two servers on one file a write
 * could lose every retry to a steady stream of the other's. Within one process the writer is one
 * connection taken in turn, so taking the lock first costs nothing.
 */
export const BEGIN = 'begin immediate';

/** Opens the SQLite file with Portico's settings. SQLite is used from one connection, in one thread. */
export function openSqliteFile(path: string, cacheMb: number): SQLite.Database {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const native = new SQLite(path);
  // First, so that the other connection's start (which may switch the file to WAL) is waited for.
  native.pragma('busy_timeout = 5000');
  native.pragma('journal_mode = WAL');
  native.pragma('synchronous = NORMAL');
  native.pragma('foreign_keys = ON');
  native.pragma(`cache_size = ${-cacheMb * 1024}`);
  native.pragma('temp_store = MEMORY');
  // A bulk write dirties pages all over the indexes and a checkpoint copies each page once however often it
  // changed: checkpointing every ~64 MB instead of every 4 MB saves most of that copying on a busy writer.
  native.pragma('wal_autocheckpoint = 16384');
  native.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  return native;
}

// Preparing a statement costs as much as running a small query and, for a multi-row insert, a good part
// of a large one. Statements are reused by their text instead.
const STATEMENT_CACHE_SIZE = 200;

export function createStatementCache(native: SQLite.Database): (text: string) => SQLite.Statement {
  const cache = new Map<string, SQLite.Statement>();
  return (text) => {
    let statement = cache.get(text);
    if (statement) cache.delete(text);
    else statement = native.prepare(text);
    cache.set(text, statement); // most recently used last
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return statement;
  };
}

/**
 * A read-only connection for the server thread itself (Database.pointReads): reads of a row or a few by
 * key, which take SQLite less than the trip to a worker and back costs this thread (decision 0013).
 * Kysely's own SQLite driver runs it; its statements are kept by their text, as the workers keep theirs.
 */
export function openPointReader(path: string): { prepare(text: string): SQLite.Statement; close(): void } {
  const native = new SQLite(path, { readonly: true, fileMustExist: true });
  native.pragma('busy_timeout = 5000');
  native.pragma(`cache_size = ${-2 * 1024}`);
  // Conditions compiled for searches call it; a point read is never cancelled.
  native.function('portico_continue', { directOnly: true }, () => 1);
  const prepare = createStatementCache(native);
  return { prepare, close: () => native.close() };
}
