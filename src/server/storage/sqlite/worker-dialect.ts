import type { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import type {
  ConnectionName,
  QueryError,
  Statement,
  StatementResult,
  WorkerReply,
  WorkerRequest,
} from './protocol.js';
import { startModuleWorker } from './worker-thread.js';

const BATCH = '-- portico: batch';

/**
 * One query that runs `queries` in order in the worker, without a round trip to the server thread between
 * them; its rows are their results. A transaction made of a few batches keeps the connection for as long
 * as SQLite works on it, not for as long as the server thread takes to come back between statements.
 */
export function batchQuery(queries: readonly CompiledQuery[]): CompiledQuery {
  const statements: Statement[] = queries.map(({ sql, parameters }) => ({ sql, parameters }));
  return CompiledQuery.raw(BATCH, [statements]);
}

/**
 * Kysely over SQLite connections that live in a worker thread (decision 0004). better-sqlite3 runs every
 * statement on the thread that calls it; in the server thread, a bulk write's B-tree and WAL work (most of
 * its cost) would stop every other request from being parsed, validated or answered meanwhile. Here the
 * server thread only sends statements and awaits their answers, so one request's JSON and validation
 * overlap another's SQLite work. The worker runs statements one at a time, in the order they were sent.
 */
export class WorkerSqliteDialect implements Dialect {
  constructor(private readonly path: string) {}
  createDriver(): Driver {
    return new WorkerSqliteDriver(this.path);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

class WorkerSqliteDriver implements Driver {
  private channel?: WorkerChannel;
  private readonly writer = new ConnectionMutex();

  constructor(private readonly path: string) {}

  async init(): Promise<void> {
    const worker = startModuleWorker(new URL('./sqlite-worker.ts', import.meta.url), { path: this.path });
    this.channel = await WorkerChannel.open(worker);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new SqliteConnection(this.channel!, this.writer);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as SqliteConnection).begin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as SqliteConnection).end('commit');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as SqliteConnection).end('rollback');
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await (connection as SqliteConnection).release();
  }

  async destroy(): Promise<void> {
    await this.channel?.close();
  }
}

/**
 * What Kysely sees as a connection. Reads outside a transaction go to the reader connection and wait for
 * nobody; a transaction, and any other statement, holds the writer connection until it ends, as on any
 * single SQLite connection.
 */
class SqliteConnection implements DatabaseConnection {
  private holdsWriter = false;
  private inTransaction = false;

  constructor(
    private readonly channel: WorkerChannel,
    private readonly writer: ConnectionMutex,
  ) {}

  async begin(): Promise<void> {
    await this.writer.lock();
    this.holdsWriter = true;
    await this.channel.execute('writer', CompiledQuery.raw('begin'));
    this.inTransaction = true;
  }

  async end(command: 'commit' | 'rollback'): Promise<void> {
    await this.channel.execute('writer', CompiledQuery.raw(command));
    this.inTransaction = false;
  }

  async release(): Promise<void> {
    if (this.inTransaction) await this.end('rollback').catch(() => undefined);
    if (this.holdsWriter) this.writer.unlock();
    this.holdsWriter = false;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.holdsWriter) return this.channel.execute('writer', query);
    if (SelectQueryNode.is(query.query)) return this.channel.execute('reader', query);
    await this.writer.lock();
    try {
      return await this.channel.execute('writer', query);
    } finally {
      this.writer.unlock();
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery(): AsyncIterableIterator<QueryResult<never>> {
    throw new Error('streaming queries is not supported on SQLite');
  }
}

interface Pending {
  resolve(result: QueryResult<unknown>): void;
  reject(error: Error): void;
}

/** Sends statements to the SQLite worker and routes its answers back. */
class WorkerChannel {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private stopped?: Error;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: WorkerReply) => this.settle(reply));
    // A worker that dies (out of memory, a native crash) fails what it was running and every later query.
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => this.failAll(new Error(`the SQLite worker exited (code ${code})`)));
  }

  static open(worker: Worker): Promise<WorkerChannel> {
    return new Promise((resolve, reject) => {
      const onStart = (reply: WorkerReply) => {
        worker.off('error', reject);
        if (reply.kind === 'ready') resolve(new WorkerChannel(worker));
        else if (reply.kind === 'failed') void worker.terminate().finally(() => reject(toError(reply.error)));
      };
      worker.once('message', onStart);
      worker.once('error', reject);
    });
  }

  execute<R>(connection: ConnectionName, { sql, parameters }: CompiledQuery): Promise<QueryResult<R>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.stopped) return reject(this.stopped);
      this.pending.set(id, { resolve: resolve as Pending['resolve'], reject });
      if (sql === BATCH)
        this.send({ kind: 'batch', id, connection, statements: parameters[0] as Statement[] });
      else this.send({ kind: 'query', id, connection, sql, parameters });
    });
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.send({ kind: 'close' });
    await exited;
  }

  private send(request: WorkerRequest) {
    this.worker.postMessage(request);
  }

  private settle(reply: WorkerReply) {
    if (reply.kind === 'ready' || reply.kind === 'failed') return;
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (reply.kind === 'result') pending.resolve(toQueryResult(reply.result));
    else if (reply.kind === 'batch') pending.resolve({ rows: reply.results.map(toQueryResult) });
    else pending.reject(toError(reply.error));
  }

  private failAll(error: Error) {
    this.stopped ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

function toQueryResult(result: StatementResult): QueryResult<unknown> {
  if ('rows' in result) return { rows: result.rows };
  return { rows: [], numAffectedRows: BigInt(result.changes), insertId: BigInt(result.lastInsertRowid) };
}

function toError({ message, code }: QueryError): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

/** One transaction or write at a time on the writer connection, as Kysely's own SQLite driver does. */
class ConnectionMutex {
  private held?: Promise<void>;
  private release?: () => void;

  async lock(): Promise<void> {
    while (this.held) await this.held;
    this.held = new Promise((resolve) => (this.release = resolve));
  }

  unlock(): void {
    const release = this.release;
    this.held = undefined;
    this.release = undefined;
    release?.();
  }
}
