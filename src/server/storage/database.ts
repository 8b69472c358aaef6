import { Kysely, SqliteDialect, sql, type CompiledQuery, type Expression, type SqlBool } from 'kysely';
import pg from 'pg';
import { inProcessChannel, postgresChannel, type ChangeChannel } from './change-channel.js';
import { dialects, type Dialect } from './dialect/index.js';
import { LimitedPostgresDialect } from './postgres-limits.js';
import { prepareFrequentStatements } from './postgres-prepared.js';
import { DEFAULT_QUERY_TIMEOUT_MS } from './query-limit.js';
import { WorkerSqliteDialect } from './sqlite/worker-dialect.js';
import { openPointReader } from './sqlite/open-sqlite.js';
import { createStatisticsRefresher } from './statistics.js';
import type { Tables } from './tables.js';

export type Db = Kysely<Tables>;

/** A statement built by storage code, for other code to hand back to storage (e.g. in a transaction). */
export type Statement = CompiledQuery;

/** A condition built by storage or search code on the entities table aliased `e`. */
export type SqlCondition = Expression<SqlBool>;

export interface Database {
  db: Db;
  /**
   * For background work (the job queue's claims and ends): on PostgreSQL a small pool of its own, so that
   * requests waiting for a connection of `db` never hold it up; on SQLite, `db` itself.
   */
  background: Db;
  /**
   * For reads of a row or a few by key, bounded by construction (a credential, an entity by identifier,
   * the model's version): on SQLite a read-only connection in the server thread, which answers them
   * without a trip to a worker and back (decision 0013); on PostgreSQL a small pool of its own, so that
   * code holding a connection of `db` in a transaction can make them. Selects only.
   */
  pointReads: Db;
  dialect: Dialect;
  /** Tells storage that `rows` entities were written, so that it keeps the planner's statistics current. */
  noteWrites(rows: number): void;
  /** Tells every process on this database what changed (live updates): NOTIFY on PostgreSQL. */
  changes: ChangeChannel;
  close(): Promise<void>;
}

// bigint columns (entity ids, counts) come back as numbers: they stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

export interface DatabaseOptions {
  /** PORTICO_QUERY_TIMEOUT_MS. */
  queryTimeoutMs?: number;
  /**
   * Told when a PostgreSQL connection fails outside a statement (the server restarted or failed over, a
   * proxy or firewall dropped it). The pool replaces the connection; unheard, such an error ends the process.
   */
  onConnectionError?: (error: Error) => void;
}

const reportToStderr = (error: Error) =>
  void process.stderr.write(
    `${JSON.stringify({ level: 40, time: Date.now(), msg: 'database connection lost', err: error.message })}\n`,
  );

/** Opens `sqlite:<path>` or `postgres://…`; see README for the accepted URLs. */
export function openDatabase(url: string, options: DatabaseOptions = {}): Database {
  const timeoutMs = options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), timeoutMs);
  if (url.startsWith('postgres://') || url.startsWith('postgresql://'))
    return openPostgres(url, timeoutMs, options.onConnectionError ?? reportToStderr);
  throw new Error(`PORTICO_DATABASE_URL must start with sqlite: or postgres://, got "${url}"`);
}

function openSqlite(path: string, timeoutMs: number): Database {
  const db = new Kysely<Tables>({ dialect: new WorkerSqliteDialect(path, timeoutMs) });
  // Opened at its first read, by when the writer has made the file (and its WAL) exist.
  const pointReads =
    path === ':memory:'
      ? db
      : new Kysely<Tables>({ dialect: new SqliteDialect({ database: async () => openPointReader(path) }) });
  return withStatistics(db, dialects.sqlite, inProcessChannel(), db, pointReads);
}

function openPostgres(url: string, timeoutMs: number, onConnectionError: (error: Error) => void): Database {
  const db = postgresPool(url, 10, timeoutMs, onConnectionError);
  // Connects only when used; four, so that a burst of retries does not hold up the queue's claims.
  const background = postgresPool(url, 4, timeoutMs, onConnectionError);
  // Point reads (the change counters, the model, credentials) are made by code that may hold a connection
  // of `db` in a transaction meanwhile: from a pool of their own, they never wait for `db`'s to come free.
  const pointReads = postgresPool(url, 2, timeoutMs, onConnectionError);
  return withStatistics(
    db,
    dialects.postgres,
    postgresChannel(db, url, onConnectionError),
    background,
    pointReads,
  );
}

function postgresPool(
  url: string,
  max: number,
  timeoutMs: number,
  onConnectionError: (error: Error) => void,
): Db {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection's failure comes to the pool, a checked-out one's to its client (its statement, if
  // one runs, fails on its own and answers the request).
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => void client.on('error', onConnectionError));
  // No JIT: a search with a few relation rules is estimated expensive enough for LLVM to compile hundreds of
  // functions first, which took seconds and cannot be cancelled (decision 0006). Set per connection, not as
  // a startup option, which connection poolers such as PgBouncer refuse; queued before any other query.
  pool.on('connect', (client) => void client.query('set jit = off').catch(() => undefined));
  pool.on('connect', (client) => prepareFrequentStatements(client));
  return new Kysely<Tables>({
    dialect: new LimitedPostgresDialect({ pool }, url, timeoutMs, onConnectionError),
  });
}

function withStatistics(
  db: Db,
  dialect: Dialect,
  changes: ChangeChannel,
  background = db,
  pointReads = db,
): Database {
  const statistics = createStatisticsRefresher(db, dialect);
  return {
    db,
    background,
    pointReads,
    dialect,
    noteWrites: statistics.noteWrites,
    changes,
    close: async () => {
      await changes.close();
      await statistics.idle();
      if (background !== db) await background.destroy();
      if (pointReads !== db) await pointReads.destroy();
      await db.destroy();
    },
  };
}

export async function pingDatabase(database: Database): Promise<void> {
  await sql`select 1`.execute(database.db);
}
