import type { Db } from '../storage/database.js';
import { batchedReads } from '../storage/batched-reads.js';
import { findRuns } from './run.repo.js';

/** Reads runs by id for deliveries: a claim starts many deliveries at once, which read in one query. */
export const createRunLoader = (db: Db) =>
  batchedReads(
    async (ids: readonly string[]) => new Map((await findRuns(db, ids)).map((row) => [row.id, row])),
  );
