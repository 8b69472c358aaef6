import { parentPort, workerData } from 'node:worker_threads';
import { BEGIN, createStatementCache, openSqliteFile } from './open-sqlite.js';
import {
  CANCEL_SLOTS,
  cancelTag,
  queryCancelled,
  staleWrite,
  type QueryError,
  type Statement,
  type StatementResult,
  type WorkerMessage,
  type WorkerOptions,
  type WorkerReply,
  type WorkerRequest,
} from './protocol.js';

// The worker owns one SQLite connection: it runs each query it is sent, in order, and answers.
const port = parentPort!;
const reply = (message: WorkerReply) => port.postMessage(message);

function describe(error: unknown): QueryError {
  const { message, code } = error as { message?: unknown; code?: unknown };
  return { message: String(message ?? error), ...(typeof code === 'string' ? { code } : {}) };
}

try {
  const { path, cacheMb, cancelled } = workerData as WorkerOptions;
  const native = openSqliteFile(path, cacheMb);
  // better-sqlite3 has no interrupt and no progress handler (decision 0006): a search's conditions call
  // portico_continue(), which stops the statement once the server thread has marked the query cancelled.
  const slots = new Int32Array(cancelled);
  let running = { slot: 0, tag: 0 };
  const isCancelled = () => running.tag !== 0 && Atomics.load(slots, running.slot) === running.tag;
  native.function('portico_continue', { directOnly: true }, () => {
    if (isCancelled()) throw queryCancelled();
    return 1;
  });
  const prepare = createStatementCache(native);
  const run = ({ sql, parameters }: Statement): StatementResult => {
    const statement = prepare(sql);
    if (statement.reader) return { rows: statement.all(parameters) };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { changes, lastInsertRowid };
  };
  /** Runs statements as one transaction, rolled back if one fails. */
  const runTransaction = (statements: Statement[]) => {
    native.exec(BEGIN);
    try {
      const results = statements.map((statement) => {
        const result = run(statement);
        const { expectChanges } = statement;
        const count = 'changes' in result ? result.changes : result.rows.length;
        if (expectChanges !== undefined && count !== expectChanges) throw staleWrite();
        return result;
      });
      native.exec('commit');
      return results;
    } catch (error) {
      if (native.inTransaction) native.exec('rollback');
      throw error;
    }
  };
  /** A query the server thread may cancel, even before it starts. */
  const runQuery = (request: Statement & { id: number }) => {
    running = { slot: request.id % CANCEL_SLOTS, tag: cancelTag(request.id) };
    try {
      if (isCancelled()) throw queryCancelled();
      return run(request);
    } finally {
      running = { slot: 0, tag: 0 };
    }
  };
  const answer = (request: Exclude<WorkerRequest, { kind: 'close' }>): WorkerReply => {
    try {
      if (request.kind === 'query') return { kind: 'result', id: request.id, result: runQuery(request) };
      return { kind: 'transaction', id: request.id, results: runTransaction(request.statements) };
    } catch (error) {
      return { kind: 'error', id: request.id, error: describe(error) };
    }
  };
  const close = () => {
    native.close();
    port.close();
  };
  const handle = (request: WorkerRequest) => {
    if (request.kind === 'close') return close();
    reply(answer(request));
  };
  // Each request of a batch is answered as soon as it has run: one slow statement holds back no answer.
  port.on('message', (message: WorkerMessage) =>
    message.kind === 'batch' ? message.requests.forEach(handle) : handle(message),
  );
  reply({ kind: 'ready' });
} catch (error) {
  reply({ kind: 'failed', error: describe(error) });
}
