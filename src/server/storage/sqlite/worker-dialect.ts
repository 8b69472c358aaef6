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
import { limitOf, runWithinLimit, type QueryLimit } from '../query-limit.js';
import { BEGIN } from './open-sqlite.js';
import {
  CANCEL_SLOTS,
  cancelTag,
  type QueryError,
  type Statement,
  type StatementResult,
  type WorkerReply,
  type WorkerRequest,
} from './protocol.js';
import { startModuleWorker } from '../../workers/worker-thread.js';

const TRANSACTION = '-- portico: transaction';

/**
 * One query that runs `queries` as a transaction of their own in the writer's worker, from begin to
 * commit, without coming back to the server thread in between: the writer is held only while SQLite
 * works, never while the server thread is busy with another request. Not to be sent inside a transaction.
 */
export function transactionQuery(queries: readonly CompiledQuery[]): CompiledQuery {
  const statements: Statement[] = queries.map(({ sql, parameters, ...rest }) => {
    const { expectChanges } = rest as { expectChanges?: number };
    return expectChanges === undefined ? { sql, parameters } : { sql, parameters, expectChanges };
  });
  return CompiledQuery.raw(TRANSACTION, [statements]);
}

// Page caches: the writer's holds the index pages a bulk write keeps coming back to; reads mostly walk one
// index and a few rows, which the operating system's file cache serves nearly as fast.
const WRITER_CACHE_MB = 32;
const READER_CACHE_MB = 8;

/**
 * Kysely over SQLite connections that live in a worker thread (decision 0004). better-sqlite3 runs every
 * statement on the thread that calls it; in the server thread, a bulk write's B-tree and WAL work (most of
 * its cost) would stop every other request from being parsed, validated or answered meanwhile. Here the
 * server thread only sends statements and awaits their answers, so one request's JSON and validation
 * overlap another's SQLite work. The worker runs statements one at a time, in the order they were sent.
 */
export class WorkerSqliteDialect implements Dialect {
  constructor(
    private readonly path: string,
    /** How long a read outside a transaction may run (decision 0006). */
    private readonly timeoutMs: number,
  ) {}
  createDriver(): Driver {
    return new WorkerSqliteDriver(this.path, this.timeoutMs);
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
  private writer?: WorkerChannel;
  private reader?: WorkerChannel;
  private readonly writerLock = new ConnectionMutex();

  constructor(
    private readonly path: string,
    private readonly timeoutMs: number,
  ) {}

  async init(): Promise<void> {
    const start = (cacheMb: number) => {
      const cancelled = new SharedArrayBuffer(CANCEL_SLOTS * Int32Array.BYTES_PER_ELEMENT);
      const worker = startModuleWorker(new URL('./sqlite-worker.ts', import.meta.url), {
        path: this.path,
        cacheMb,
        cancelled,
      });
      return WorkerChannel.open(worker, cancelled);
    };
    // Every connection to ":memory:" is a database of its own: there the writer also reads.
    this.writer = await start(WRITER_CACHE_MB);
    // The writer has made the file a WAL database by now; the reader only opens it.
    this.reader = this.path === ':memory:' ? this.writer : await start(READER_CACHE_MB);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new SqliteConnection(this.writer!, this.reader!, this.writerLock, this.timeoutMs);
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
    await Promise.all([...new Set([this.writer, this.reader])].map((channel) => channel?.close()));
  }
}

/**
 * What Kysely sees as a connection. Reads outside a transaction go to the reader, in its own worker, and
 * wait for nobody; a transaction, and any other statement, holds the writer until it ends, as on any single
 * SQLite connection.
 */
class SqliteConnection implements DatabaseConnection {
  private holdsWriter = false;
  private inTransaction = false;

  constructor(
    private readonly writer: WorkerChannel,
    private readonly reader: WorkerChannel,
    private readonly writerLock: ConnectionMutex,
    private readonly timeoutMs: number,
  ) {}

  async begin(): Promise<void> {
    await this.writerLock.lock();
    this.holdsWriter = true;
    await this.writer.execute(CompiledQuery.raw(BEGIN));
    this.inTransaction = true;
  }

  async end(command: 'commit' | 'rollback'): Promise<void> {
    await this.writer.execute(CompiledQuery.raw(command));
    this.inTransaction = false;
  }

  async release(): Promise<void> {
    if (this.inTransaction) await this.end('rollback').catch(() => undefined);
    if (this.holdsWriter) this.writerLock.unlock();
    this.holdsWriter = false;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.holdsWriter) return this.write(query);
    if (SelectQueryNode.is(query.query))
      return this.reader.execute(query, limitOf(query, this.timeoutMs, false));
    await this.writerLock.lock();
    try {
      return await this.write(query);
    } finally {
      this.writerLock.unlock();
    }
  }

  private async write<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.writer.execute<R>(query);
    // A connection loads the planner's statistics with the schema, and ANALYZE on another connection does
    // not change the schema: the reader reloads them whenever the writer has gathered new ones.
    if (this.reader !== this.writer && /^\s*analyze\b/i.test(query.sql))
      await this.reader.execute(CompiledQuery.raw('analyze sqlite_schema'));
    return result;
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
  private outbox: WorkerRequest[] = [];
  private stopped?: Error;

  private readonly cancelled: Int32Array;

  private constructor(
    private readonly worker: Worker,
    cancelled: SharedArrayBuffer,
  ) {
    this.cancelled = new Int32Array(cancelled);
    worker.on('message', (reply: WorkerReply) => this.settle(reply));
    // A worker that dies (out of memory, a native crash) fails what it was running and every later query.
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => this.failAll(new Error(`the SQLite worker exited (code ${code})`)));
  }

  static open(worker: Worker, cancelled: SharedArrayBuffer): Promise<WorkerChannel> {
    return new Promise((resolve, reject) => {
      const onStart = (reply: WorkerReply) => {
        worker.off('error', reject);
        if (reply.kind === 'ready') resolve(new WorkerChannel(worker, cancelled));
        else if (reply.kind === 'failed') void worker.terminate().finally(() => reject(toError(reply.error)));
      };
      worker.once('message', onStart);
      worker.once('error', reject);
    });
  }

  /**
   * Runs a query in the worker. Under a limit, the query is marked cancelled in the shared buffer when the
   * time is up or the signal aborts: the worker skips it if it has not started, and stops it where its
   * conditions call portico_continue().
   */
  execute<R>(query: CompiledQuery, limit?: QueryLimit): Promise<QueryResult<R>> {
    const id = this.nextId++;
    if (!limit) return this.send<R>(id, query);
    return runWithinLimit(
      limit,
      () => this.send<R>(id, query),
      () => this.cancel(id),
    );
  }

  /** Stops query `id` in the worker, and answers its caller now rather than when the worker gets to it. */
  private cancel(id: number) {
    Atomics.store(this.cancelled, id % CANCEL_SLOTS, cancelTag(id));
    const pending = this.pending.get(id);
    this.pending.delete(id);
    pending?.reject(new Error('the query was cancelled'));
  }

  private send<R>(id: number, { sql, parameters }: CompiledQuery): Promise<QueryResult<R>> {
    return new Promise((resolve, reject) => {
      if (this.stopped) return reject(this.stopped);
      this.pending.set(id, { resolve: resolve as Pending['resolve'], reject });
      if (sql === TRANSACTION)
        this.post({ kind: 'transaction', id, statements: parameters[0] as Statement[] });
      else this.post({ kind: 'query', id, sql, parameters });
    });
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.post({ kind: 'close' });
    await exited;
  }

  /**
   * Requests made while the event loop handles one round of I/O go to the worker in one message, sent when
   * the round ends: under load many requests each send a few statements, and a message per statement cost
   * more of this thread's time (waking the worker, and being put aside for it on a busy machine) than
   * SQLite took to run them.
   */
  private post(request: WorkerRequest) {
    this.outbox.push(request);
    if (this.outbox.length === 1) setImmediate(this.flush);
  }

  private readonly flush = () => {
    const requests = this.outbox;
    this.outbox = [];
    this.worker.postMessage(requests.length === 1 ? requests[0] : { kind: 'batch', requests });
  };

  private settle(reply: WorkerReply) {
    if (reply.kind === 'ready' || reply.kind === 'failed') return;
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (reply.kind === 'result') pending.resolve(toQueryResult(reply.result));
    else if (reply.kind === 'transaction') pending.resolve({ rows: reply.results.map(toQueryResult) });
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
