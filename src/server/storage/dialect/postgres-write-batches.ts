import type DataLoader from 'dataloader';
import { perTurnLoader } from '../batched-reads.js';
import type { Db } from '../database.js';
import type { GuardedQuery } from './index.js';
import { combinedWrites, MAX_COMBINED_PARAMETERS } from './postgres-statements.js';

/** One caller's writes: independent of each other and of every other caller's (rows of its own). */
interface WriteGroup {
  queries: readonly GuardedQuery[];
}

/** Callers combined into one statement at most. */
const MAX_GROUPS = 100;

/**
 * runIndependentWrites on PostgreSQL: the calls made in one turn of the event loop (runs accepted
 * together, deliveries that ended together) are one statement and one commit rather than one each: under
 * load, a trip to the database and a context switch fewer per call. Each call's guards are checked as
 * ever; when the combined statement fails (a guard, or any error), each call runs again on its own, so
 * that every caller gets its own outcome and none is failed by another's write.
 */
export function createWriteBatches(execute: (db: Db, query: GuardedQuery) => Promise<void>) {
  const loaders = new WeakMap<Db, Map<boolean, DataLoader<WriteGroup, void>>>();

  const runAlone = (db: Db, group: WriteGroup, unflushed: boolean) =>
    execute(db, alone(group.queries, unflushed));

  async function runTogether(db: Db, groups: readonly WriteGroup[], unflushed: boolean) {
    const outcomes: Array<void | Error> = [];
    for (const chunk of chunksOf(groups)) {
      if (chunk.length === 1) {
        outcomes.push(await runAlone(db, chunk[0]!, unflushed).catch(asError));
        continue;
      }
      try {
        await execute(
          db,
          combinedWrites(
            chunk.flatMap((group) => group.queries),
            { unflushed },
          ),
        );
        outcomes.push(...chunk.map(() => undefined));
      } catch {
        for (const group of chunk) outcomes.push(await runAlone(db, group, unflushed).catch(asError));
      }
    }
    return outcomes;
  }

  function loaderFor(db: Db, unflushed: boolean) {
    let byDurability = loaders.get(db);
    if (!byDurability) loaders.set(db, (byDurability = new Map()));
    let loader = byDurability.get(unflushed);
    if (!loader) {
      loader = perTurnLoader<WriteGroup, void>((groups) => runTogether(db, groups, unflushed), MAX_GROUPS);
      byDurability.set(unflushed, loader);
    }
    return loader;
  }

  return (db: Db, queries: readonly GuardedQuery[], unflushed: boolean): Promise<void> =>
    loaderFor(db, unflushed).load({ queries });
}

/** One call's writes as their own statement: combined only when they must be (several, a guard, unflushed). */
function alone(queries: readonly GuardedQuery[], unflushed: boolean): GuardedQuery {
  const single = queries.length === 1 && queries[0]!.expectChanges === undefined && !unflushed;
  return single ? queries[0]! : combinedWrites(queries, { unflushed });
}

function* chunksOf(groups: readonly WriteGroup[]): Generator<WriteGroup[]> {
  let chunk: WriteGroup[] = [];
  let parameters = 0;
  for (const group of groups) {
    const count = group.queries.reduce((sum, query) => sum + query.parameters.length, 0);
    if (chunk.length && parameters + count > MAX_COMBINED_PARAMETERS) {
      yield chunk;
      chunk = [];
      parameters = 0;
    }
    chunk.push(group);
    parameters += count;
  }
  if (chunk.length) yield chunk;
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));
