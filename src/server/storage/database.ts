import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import { dialects, type Dialect } from './dialect/index.js';
import type { Tables } from './tables.js';

export type Db = Kysely<Tables>;

export interface Database {
  db: Db;
  dialect: Dialect;
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
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: native }) });
  return { db, dialect: dialects.sqlite, close: () => db.destroy() };
}

function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: dialects.postgres, close: () => db.destroy() };
}

export async function pingDatabase(database: Database): Promise<void> {
  await sql`select 1`.execute(database.db);
}
