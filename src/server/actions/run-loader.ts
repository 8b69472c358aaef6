import type { Db } from '../storage/database.js';
import { findRuns, type RunRow } from './run.repo.js';

/** Runs read together at most this many to a query. */
const MAX_BATCH = 500;

interface Caller {
  resolve(row: RunRow | undefined): void;
  reject(error: unknown): void;
}

/**
 * Reads runs by id for deliveries: the reads asked for in one turn of the event loop (a claim starts many
 * deliveries at once) are one query rather than one each. A read that fails fails each of its callers.
 */
export function createRunLoader(db: Db) {
  let waiting: Map<string, Caller[]> | undefined;

  async function read(batch: Map<string, Caller[]>) {
    const ids = [...batch.keys()];
    for (let from = 0; from < ids.length; from += MAX_BATCH) {
      const chunk = ids.slice(from, from + MAX_BATCH);
      try {
        const rows = new Map((await findRuns(db, chunk)).map((row) => [row.id, row]));
        for (const id of chunk) for (const caller of batch.get(id)!) caller.resolve(rows.get(id));
      } catch (error) {
        for (const id of chunk) for (const caller of batch.get(id)!) caller.reject(error);
      }
    }
  }

  return function load(id: string): Promise<RunRow | undefined> {
    return new Promise((resolve, reject) => {
      if (!waiting) {
        const batch = new Map<string, Caller[]>();
        waiting = batch;
        setImmediate(() => {
          waiting = undefined;
          void read(batch);
        });
      }
      const callers = waiting.get(id) ?? [];
      callers.push({ resolve, reject });
      waiting.set(id, callers);
    });
  };
}
