import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import { dialects, type Dialect } from './dialect/index.js';
import { createStatisticsRefresher } from './statistics.js';
import type { Tables } from './tables.js';

export type Db = Kysely<Tables>;

export interface Database {
  db: Db;
  dialect: Dialect;
  /** Tells storage that `rows` entities were written, so that it keeps the planner's statistics current. */
  noteWrites(rows: number): void;
  close(): Promise<void>;
}

// bigint columns (entity ids, counts) come back as numbers: they stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

/** Opens `sqlite:<path>` or `postgres://…`; see README for the accepted URLs. */
export function openDatabase(url: string): Database {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url);
  throw new Error(`PORTICO_DATABASE_URL must start with sqlite: or postgres://, got "${url}"`);
}

function openSqlite(path: string): Database {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const native = new SQLite(path);
  native.pragma('journal_mode = WAL');
  native.pragma('synchronous = NORMAL');
  native.pragma('foreign_keys = ON');
  native.pragma('busy_timeout = 5000');
  native.pragma('cache_size = -65536');
  native.pragma('temp_store = MEMORY');
  // A bulk write dirties pages all over the indexes and a checkpoint copies each page once however often it
  // changed: checkpointing every ~64 MB instead of every 4 MB saves most of that copying on a busy writer.
  native.pragma('wal_autocheckpoint = 16384');
  native.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(native) }) });
  return withStatistics(db, dialects.sqlite);
}

// Kysely's SQLite driver prepares every query it runs; preparing costs as much as running a small query
// and, for a multi-row insert, a good part of a large one. Statements are reused by their text instead.
const STATEMENT_CACHE_SIZE = 200;

function withStatementCache(native: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => native.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement) cache.delete(text);
      else statement = native.prepare(text);
      cache.set(text, statement); // most recently used last
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return withStatistics(db, dialects.postgres);
}

function withStatistics(db: Db, dialect: Dialect): Database {
  const statistics = createStatisticsRefresher(db, dialect);
  return {
    db,
    dialect,
    noteWrites: statistics.noteWrites,
    close: async () => {
      await statistics.idle();
      await db.destroy();
    },
  };
}

export async function pingDatabase(database: Database): Promise<void> {
  await sql`select 1`.execute(database.db);
}
