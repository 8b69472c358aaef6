import { parentPort, workerData } from 'node:worker_threads';
import { createStatementCache, openSqliteFile } from './open-sqlite.js';
import type {
  ConnectionName,
  QueryError,
  Statement,
  StatementResult,
  WorkerOptions,
  WorkerReply,
  WorkerRequest,
} from './protocol.js';

// The worker owns Portico's SQLite connections: it runs each query it is sent, in order, and answers.
const port = parentPort!;
const reply = (message: WorkerReply) => port.postMessage(message);

function describe(error: unknown): QueryError {
  const { message, code } = error as { message?: unknown; code?: unknown };
  return { message: String(message ?? error), ...(typeof code === 'string' ? { code } : {}) };
}

function connect(path: string, cacheMb: number) {
  const native = openSqliteFile(path, cacheMb);
  const prepare = createStatementCache(native);
  const run = ({ sql, parameters }: Statement): StatementResult => {
    const statement = prepare(sql);
    if (statement.reader) return { rows: statement.all(parameters) };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { changes, lastInsertRowid };
  };
  return { run, close: () => native.close() };
}

// Page caches: the writer's holds the index pages a bulk write keeps coming back to; reads mostly walk one
// index and a few rows, which the operating system's file cache serves nearly as fast.
const WRITER_CACHE_MB = 32;
const READER_CACHE_MB = 8;

try {
  const { path } = workerData as WorkerOptions;
  const writer = connect(path, WRITER_CACHE_MB);
  // Every connection to ":memory:" is a database of its own: there the writer also reads.
  const reader = path === ':memory:' ? writer : connect(path, READER_CACHE_MB);
  const connections: Record<ConnectionName, typeof writer> = { writer, reader };
  port.on('message', (request: WorkerRequest) => {
    if (request.kind === 'close') {
      for (const connection of new Set([reader, writer])) connection.close();
      port.close();
      return;
    }
    const { run } = connections[request.connection];
    try {
      if (request.kind === 'query') reply({ kind: 'result', id: request.id, result: run(request) });
      else reply({ kind: 'batch', id: request.id, results: request.statements.map(run) });
      const statements = request.kind === 'query' ? [request] : request.statements;
      // A connection loads the planner's statistics with the schema, and ANALYZE on another connection does
      // not change the schema: the reader reloads them whenever the writer has gathered new ones.
      if (reader !== writer && statements.some((s) => /^\s*analyze\b/i.test(s.sql)))
        reader.run({ sql: 'analyze sqlite_schema', parameters: [] });
    } catch (error) {
      reply({ kind: 'error', id: request.id, error: describe(error) });
    }
  });
  reply({ kind: 'ready' });
} catch (error) {
  reply({ kind: 'failed', error: describe(error) });
}
