/** Messages between the server thread and a SQLite worker (see worker-dialect.ts). */
export interface Statement {
  sql: string;
  parameters: readonly unknown[];
  /** In a transaction: the rows the statement must change (or, a select, return), or it fails with STALE_CODE. */
  expectChanges?: number;
}

/** What a transaction fails with when a statement changed other than its expected rows (a stale read). */
export const STALE_CODE = 'PORTICO_STALE';

/** A guarded write found a row changed since it was read (the caller computes the write again). */
export const staleWrite = () =>
  Object.assign(new Error('a row changed since it was read'), { code: STALE_CODE });

export type StatementResult = { rows: unknown[] } | { changes: number; lastInsertRowid: number | bigint };

export type WorkerRequest =
  | ({ kind: 'query'; id: number } & Statement)
  /** Statements run between begin and commit without waiting for the server thread; a failure rolls back. */
  | { kind: 'transaction'; id: number; statements: Statement[] }
  /** Closes the database; the worker then exits. */
  | { kind: 'close' };

/** Requests sent together (see WorkerChannel.post), run in order. */
export type WorkerMessage = WorkerRequest | { kind: 'batch'; requests: WorkerRequest[] };

export interface QueryError {
  message: string;
  /** better-sqlite3's SQLITE_* code, which storage/database-errors.ts maps to domain errors. */
  code?: string;
}

export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'result'; id: number; result: StatementResult }
  | { kind: 'transaction'; id: number; results: StatementResult[] }
  | { kind: 'error'; id: number; error: QueryError }
  | { kind: 'failed'; error: QueryError };

export interface WorkerOptions {
  path: string;
  /** The connection's page cache. */
  cacheMb: number;
  /** Int32 slots where the server thread marks a query as cancelled, while the worker is busy (see CANCEL_SLOTS). */
  cancelled: SharedArrayBuffer;
}

/**
 * A query is cancelled by writing its tag into slot `id % CANCEL_SLOTS` of the shared buffer: the worker
 * looks before it starts the query and, through portico_continue() in the query's conditions, while it runs.
 */
export const CANCEL_SLOTS = 1024;
export const cancelTag = (id: number) => (id % 0x3fffffff) + 1;

/** What the worker answers for a query it stopped because the server thread cancelled it. */
export const CANCELLED_CODE = 'PORTICO_CANCELLED';

export const queryCancelled = () =>
  Object.assign(new Error('the query was cancelled'), { code: CANCELLED_CODE });
