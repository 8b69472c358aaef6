import { Kysely, PostgresDialect, sql, type CompiledQuery, type Expression, type SqlBool } from 'kysely';
import pg from 'pg';
import { dialects, type Dialect } from './dialect/index.js';
import { WorkerSqliteDialect } from './sqlite/worker-dialect.js';
import { createStatisticsRefresher } from './statistics.js';
import type { Tables } from './tables.js';

export type Db = Kysely<Tables>;

/** A statement built by storage code, for other code to hand back to storage (e.g. in a transaction). */
export type Statement = CompiledQuery;

/** A condition built by storage or search code on the entities table aliased `e`. */
export type SqlCondition = Expression<SqlBool>;

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
  const db = new Kysely<Tables>({ dialect: new WorkerSqliteDialect(path) });
  return withStatistics(db, dialects.sqlite);
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
