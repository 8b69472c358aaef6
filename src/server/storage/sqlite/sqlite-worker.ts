import { parentPort, workerData } from 'node:worker_threads';
import { createStatementCache, openSqliteFile } from './open-sqlite.js';
import type {
  QueryError,
  Statement,
  StatementResult,
  WorkerOptions,
  WorkerReply,
  WorkerRequest,
} from './protocol.js';

// The worker owns one SQLite connection: it runs each query it is sent, in order, and answers.
const port = parentPort!;
const reply = (message: WorkerReply) => port.postMessage(message);

function describe(error: unknown): QueryError {
  const { message, code } = error as { message?: unknown; code?: unknown };
  return { message: String(message ?? error), ...(typeof code === 'string' ? { code } : {}) };
}

try {
  const { path, cacheMb } = workerData as WorkerOptions;
  const native = openSqliteFile(path, cacheMb);
  const prepare = createStatementCache(native);
  const run = ({ sql, parameters }: Statement): StatementResult => {
    const statement = prepare(sql);
    if (statement.reader) return { rows: statement.all(parameters) };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { changes, lastInsertRowid };
  };
  /** Runs statements as one transaction, rolled back if one fails. */
  const runTransaction = (statements: Statement[]) => {
    native.exec('begin');
    try {
      const results = statements.map(run);
      native.exec('commit');
      return results;
    } catch (error) {
      if (native.inTransaction) native.exec('rollback');
      throw error;
    }
  };
  port.on('message', (request: WorkerRequest) => {
    if (request.kind === 'close') {
      native.close();
      port.close();
      return;
    }
    try {
      if (request.kind === 'query') reply({ kind: 'result', id: request.id, result: run(request) });
      else reply({ kind: 'transaction', id: request.id, results: runTransaction(request.statements) });
    } catch (error) {
      reply({ kind: 'error', id: request.id, error: describe(error) });
    }
  });
  reply({ kind: 'ready' });
} catch (error) {
  reply({ kind: 'failed', error: describe(error) });
}
