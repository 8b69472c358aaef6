import type { Db } from '../storage/database.js';
import { endAttempt, findExpiredLeases, heldAttemptOf, pruneJobs, type JobRow } from './jobs.repo.js';
import type { Clock, Job, JobHandler } from './job-types.js';

export interface MaintenanceOptions {
  /** How often the leader rescues and prunes; default 30 s. */
  everyMs?: number;
  /** The lease that picks the leader; processes that should share the upkeep share the name. */
  leaderName?: string;
  /** Succeeded and cancelled jobs are deleted this long after they ended; default 1 day. */
  keepSucceededMs?: number;
  /** Failed jobs are deleted this long after they ended; default 7 days. */
  keepFailedMs?: number;
}

export interface MaintenanceReport {
  /** Jobs whose lease had expired: made available again, or failed on their last attempt. */
  rescued: number;
  pruned: number;
}

const RESCUE_BATCH = 100;
const DAY_MS = 24 * 60 * 60_000;

export interface MaintenanceContext {
  db: Db;
  clock: Clock;
  handlers: ReadonlyMap<string, JobHandler>;
  toJob(row: JobRow): Job;
  onFailed(job: Job, error: string): ((trx: Db) => Promise<void>) | undefined;
}

/** What the leader does on each turn: rescue jobs whose process went away, then prune old ones. */
export async function maintainJobs(
  context: MaintenanceContext,
  options: MaintenanceOptions,
): Promise<MaintenanceReport> {
  const rescued = await rescueExpiredLeases(context);
  const now = context.clock.now();
  const pruned = await pruneJobs(context.db, {
    succeeded: now - (options.keepSucceededMs ?? DAY_MS),
    failed: now - (options.keepFailedMs ?? 7 * DAY_MS),
  });
  return { rescued, pruned };
}

/**
 * Running jobs past their lease (the process that held them died, or stalled past the handler's timeout
 * and the grace) are given to any worker again at once, or failed if that was their last attempt; either
 * way their attempt is recorded as "lease expired".
 */
async function rescueExpiredLeases(context: MaintenanceContext): Promise<number> {
  const { db, clock } = context;
  let rescued = 0;
  for (;;) {
    const now = clock.now();
    const expired = await findExpiredLeases(db, now, RESCUE_BATCH);
    for (const row of expired) if (await rescueOne(context, row, now)) rescued++;
    if (expired.length < RESCUE_BATCH) return rescued;
  }
}

async function rescueOne(context: MaintenanceContext, row: JobRow, now: number): Promise<boolean> {
  const job = context.toJob(row);
  const last = job.attempt >= job.maxAttempts;
  const error = `the lease of ${row.locked_by ?? 'its worker'} expired: the process stopped or stalled`;
  const onFailed = last ? context.onFailed(job, error) : undefined;
  return context.db.transaction().execute(async (trx) => {
    const ended = await endAttempt(trx, heldAttemptOf(row), {
      next: last ? { state: 'failed' } : { state: 'available', runAt: now },
      outcome: 'lease expired',
      error,
      now,
      leaseExpiredBefore: now,
    });
    if (ended && onFailed) await onFailed(trx);
    return ended;
  });
}
