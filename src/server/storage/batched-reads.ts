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
  const loader = new DataLoader<K, V | undefined>(
    async (keys) => {
      // Without its cache DataLoader passes a key once per reader.
      const found = await read([...new Set(keys)]);
      return keys.map((key) => found.get(key));
    },
    { cache: false, maxBatchSize: MAX_BATCH, batchScheduleFn: (callback) => setImmediate(callback) },
  );
  return (key) => loader.load(key);
}
