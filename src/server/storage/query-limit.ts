import {
  SelectQueryNode,
  type CompiledQuery,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import type { Kysely } from 'kysely';
import { DomainError } from '../errors.js';

/**
 * How long a read may run (decision 0006). Every `select` outside a transaction gets `timeoutMs`; one made
 * through `limitQueries(db, {signal})` is also cancelled when `signal` aborts (the client has gone).
 */
export interface QueryLimit {
  timeoutMs: number;
  signal?: AbortSignal;
}

export const DEFAULT_QUERY_TIMEOUT_MS = 10_000;

const signals = new WeakMap<QueryId, AbortSignal>();

class QueryLimitPlugin implements KyselyPlugin {
  constructor(readonly signal: AbortSignal) {}
  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    signals.set(queryId, this.signal);
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

/**
 * Gives query `queryId`, compiled beforehand (plugins never see it), the signal that limitQueries gave
 * `db`, if any: it stops when the client goes, as the statements Kysely builds on `db` do.
 */
export function keepSignalOf<T>(db: Kysely<T>, queryId: QueryId): void {
  for (const plugin of db.getExecutor().plugins)
    if (plugin instanceof QueryLimitPlugin) signals.set(queryId, plugin.signal);
}

/** `db`, whose reads are cancelled when `signal` aborts (e.g. when the client closes the request). */
export function limitQueries<T>(db: Kysely<T>, { signal }: { signal?: AbortSignal }): Kysely<T> {
  return signal ? db.withPlugin(new QueryLimitPlugin(signal)) : db;
}

/** The limit of a statement that the driver is about to run, or undefined when it runs unlimited. */
export function limitOf(
  query: CompiledQuery,
  timeoutMs: number,
  inTransaction: boolean,
): QueryLimit | undefined {
  // Writes, and the reads inside a write's transaction, are not the client's to make expensive: a search is.
  if (inTransaction || !SelectQueryNode.is(query.query)) return undefined;
  const signal = signals.get(query.queryId);
  return signal ? { timeoutMs, signal } : { timeoutMs };
}

export const queryTimeout = (timeoutMs: number) =>
  new DomainError(
    'unavailable',
    'query_timeout',
    `the read took longer than the ${timeoutMs} ms limit (PORTICO_QUERY_TIMEOUT_MS); narrow the search, or ask for less at once`,
  );

export const requestCancelled = () =>
  new DomainError('input', 'request_cancelled', 'the client closed the request; its reads were cancelled');

/**
 * Runs one statement under `limit`: `cancel` is called when the time is up or the signal aborts, and the
 * statement's failure then becomes a query_timeout (503) or request_cancelled error. The cancel is awaited
 * before returning, so that it never reaches the connection's next statement.
 */
export async function runWithinLimit<T>(
  limit: QueryLimit,
  run: () => Promise<T>,
  cancel: () => Promise<void> | void,
): Promise<T> {
  if (limit.signal?.aborted) throw requestCancelled();
  let reason: 'timeout' | 'cancelled' | undefined;
  let cancelling: Promise<void> | undefined;
  const stop = (why: 'timeout' | 'cancelled') => {
    if (reason) return;
    reason = why;
    cancelling = Promise.resolve()
      .then(cancel)
      .catch(() => undefined);
  };
  const timer = setTimeout(() => stop('timeout'), limit.timeoutMs);
  const onAbort = () => stop('cancelled');
  limit.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await run();
  } catch (error) {
    if (reason === 'timeout') throw queryTimeout(limit.timeoutMs);
    if (reason === 'cancelled') throw requestCancelled();
    throw error;
  } finally {
    clearTimeout(timer);
    limit.signal?.removeEventListener('abort', onAbort);
    await cancelling;
  }
}
