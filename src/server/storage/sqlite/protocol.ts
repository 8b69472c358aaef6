/** Messages between the server thread and the SQLite worker (see sqlite-worker-dialect.ts). */
export interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

export type StatementResult = { rows: unknown[] } | { changes: number; lastInsertRowid: number | bigint };

/**
 * The writer connection runs transactions and writes; the reader connection runs reads outside transactions,
 * which in WAL mode see the last commit without waiting for an open transaction to end.
 */
export type ConnectionName = 'writer' | 'reader';

export type WorkerRequest =
  | ({ kind: 'query'; id: number; connection: ConnectionName } & Statement)
  /** Statements run one after another without waiting for the server thread; the first failure stops them. */
  | { kind: 'batch'; id: number; connection: ConnectionName; statements: Statement[] }
  /** Closes the database; the worker then exits. */
  | { kind: 'close' };

export interface QueryError {
  message: string;
  /** better-sqlite3's SQLITE_* code, which storage/database-errors.ts maps to domain errors. */
  code?: string;
}

export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'result'; id: number; result: StatementResult }
  | { kind: 'batch'; id: number; results: StatementResult[] }
  | { kind: 'error'; id: number; error: QueryError }
  | { kind: 'failed'; error: QueryError };

export interface WorkerOptions {
  path: string;
}
