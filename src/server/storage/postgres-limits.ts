import {
  CompiledQuery,
  PostgresDialect,
  type DatabaseConnection,
  type Driver,
  type PostgresDialectConfig,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import { limitOf, runWithinLimit } from './query-limit.js';

/**
 * Kysely's PostgreSQL dialect, with every read outside a transaction under a time limit (decision 0006):
 * when the time is up or the client has gone, the statement is cancelled with pg_cancel_backend, sent
 * over a connection of its own so that a pool full of slow searches cannot hold the cancel back.
 */
export class LimitedPostgresDialect extends PostgresDialect {
  constructor(
    config: PostgresDialectConfig,
    private readonly connectionString: string,
    private readonly timeoutMs: number,
    private readonly onConnectionError: (error: Error) => void,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    return new LimitedPostgresDriver(
      super.createDriver(),
      this.connectionString,
      this.timeoutMs,
      this.onConnectionError,
    );
  }
}

class LimitedPostgresDriver implements Driver {
  private readonly connections = new WeakMap<DatabaseConnection, LimitedConnection>();
  private cancels?: pg.Pool;

  constructor(
    private readonly inner: Driver,
    private readonly connectionString: string,
    private readonly timeoutMs: number,
    private readonly onConnectionError: (error: Error) => void,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let limited = this.connections.get(connection);
    if (!limited) {
      limited = new LimitedConnection(connection, this.timeoutMs, (pid) => this.cancel(pid));
      this.connections.set(connection, limited);
    }
    return limited;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const limited = connection as LimitedConnection;
    await this.inner.beginTransaction(limited.inner, settings);
    limited.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const limited = connection as LimitedConnection;
    try {
      await this.inner.commitTransaction(limited.inner);
    } finally {
      limited.inTransaction = false;
    }
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const limited = connection as LimitedConnection;
    try {
      await this.inner.rollbackTransaction(limited.inner);
    } finally {
      limited.inTransaction = false;
    }
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    await this.inner.savepoint!((connection as LimitedConnection).inner, name, compile);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    await this.inner.rollbackToSavepoint!((connection as LimitedConnection).inner, name, compile);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    await this.inner.releaseSavepoint!((connection as LimitedConnection).inner, name, compile);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection((connection as LimitedConnection).inner);
  }

  async destroy(): Promise<void> {
    await this.inner.destroy();
    await this.cancels?.end();
  }

  private async cancel(pid: number): Promise<void> {
    if (!this.cancels) {
      this.cancels = new pg.Pool({
        connectionString: this.connectionString,
        max: 2,
        idleTimeoutMillis: 10_000,
      });
      this.cancels.on('error', this.onConnectionError);
      this.cancels.on('connect', (client) => void client.on('error', this.onConnectionError));
    }
    await this.cancels.query('select pg_cancel_backend($1)', [pid]);
  }
}

class LimitedConnection implements DatabaseConnection {
  inTransaction = false;
  private pid?: number;

  constructor(
    readonly inner: DatabaseConnection,
    private readonly timeoutMs: number,
    private readonly cancel: (pid: number) => Promise<void>,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const limit = limitOf(query, this.timeoutMs, this.inTransaction);
    if (!limit) return this.inner.executeQuery<R>(query);
    const pid = await this.backendPid();
    return runWithinLimit(
      limit,
      () => this.inner.executeQuery<R>(query),
      () => this.cancel(pid),
    );
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }

  /** The server process of this connection, which pg_cancel_backend names; read once per connection. */
  private async backendPid(): Promise<number> {
    if (this.pid === undefined) {
      const { rows } = await this.inner.executeQuery<{ pid: number }>(
        CompiledQuery.raw('select pg_backend_pid() as pid'),
      );
      this.pid = rows[0]!.pid;
    }
    return this.pid;
  }
}
