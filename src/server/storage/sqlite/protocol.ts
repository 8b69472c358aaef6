/** Messages between the server thread and a SQLite worker (see worker-dialect.ts). */
export interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

export type StatementResult = { rows: unknown[] } | { changes: number; lastInsertRowid: number | bigint };

export type WorkerRequest =
  | ({ kind: 'query'; id: number } & Statement)
  /** Statements run between begin and commit without waiting for the server thread; a failure rolls back. */
  | { kind: 'transaction'; id: number; statements: Statement[] }
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
  | { kind: 'transaction'; id: number; results: StatementResult[] }
  | { kind: 'error'; id: number; error: QueryError }
  | { kind: 'failed'; error: QueryError };

export interface WorkerOptions {
  path: string;
  /** The connection's page cache. */
  cacheMb: number;
}
