import DataLoader from 'dataloader';

/** Keys read together at most this many to a query. */
const MAX_BATCH = 500;

/**
 * Reads by key where the reads asked for in one turn of the event loop (requests that arrived together,
 * deliveries one claim started) are one query instead of one each: a trip to the database fewer per read
 * under load, and none waits longer than the turn. Nothing is remembered between turns: every read sees
 * the database as it is. A query that fails fails each of its readers.
 */
export function batchedReads<K, V>(
  read: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>,
): (key: K) => Promise<V | undefined> {
  const loader = perTurnLoader<K, V | undefined>(async (keys) => {
    // Without its cache DataLoader passes a key once per reader.
    const found = await read([...new Set(keys)]);
    return keys.map((key) => found.get(key));
  }, MAX_BATCH);
  return (key) => loader.load(key);
}

/**
 * A DataLoader that gathers the calls of one turn of the event loop (scheduled with setImmediate, after
 * the turn's I/O callbacks) into one batch of at most `maxBatch`, and remembers nothing between batches.
 */
export const perTurnLoader = <K, V>(batch: DataLoader.BatchLoadFn<K, V>, maxBatch: number) =>
  new DataLoader<K, V>(batch, {
    cache: false,
    maxBatchSize: maxBatch,
    batchScheduleFn: (callback) => setImmediate(callback),
  });
