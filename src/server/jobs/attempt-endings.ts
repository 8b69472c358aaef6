import type { Db } from '../storage/database.js';
import { isLostRace } from '../storage/database-errors.js';
import type { Dialect } from '../storage/dialect/index.js';
import { DEFAULT_BACKOFF, retryDelayMs } from './backoff.js';
import { endAttempt, markSucceeded, type HeldAttempt } from './jobs.repo.js';
import type { Clock, Job, JobHandler, JobOutcome } from './job-types.js';
import { messageOf } from './run-attempt.js';

export interface JobLog {
  warn(details: object, message: string): void;
}

export interface EndingContext {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  random: () => number;
  log: JobLog;
  /** The handler's onFailed for `job`, bound to it, if it has one. */
  onFailed(job: Job, error: string): ((trx: Db) => Promise<void>) | undefined;
}

export type AttemptEndings = ReturnType<typeof createAttemptEndings>;

/** Writes what attempts came to, where this worker still holds them. */
export function createAttemptEndings(context: EndingContext) {
  const { db, clock, log } = context;
  const successes = createSuccessBatcher(context);

  /** Succeeded, retried (the time of its next attempt returned), or failed for good (with onFailed). */
  async function settle(
    handler: JobHandler,
    job: Job,
    held: HeldAttempt,
    outcome: JobOutcome,
  ): Promise<number | undefined> {
    if (outcome.outcome === 'succeeded')
      return outcome.written ? undefined : void (await successes.add(held));
    const now = clock.now();
    const { error } = outcome;
    if (outcome.outcome === 'retry' && job.attempt < job.maxAttempts) {
      const backoff = handler.backoff ?? DEFAULT_BACKOFF;
      const runAt = now + retryDelayMs(job.attempt, backoff, outcome.retryAfterMs, context.random);
      const end = { next: { state: 'available' as const, runAt }, outcome: 'retried' as const, error, now };
      await db.transaction().execute((trx) => endAttempt(trx, held, end));
      return runAt;
    }
    const end = { next: { state: 'failed' as const }, outcome: 'failed' as const, error, now };
    await db.transaction().execute(async (trx) => {
      if (await endAttempt(trx, held, end)) await context.onFailed(job, error)?.(trx);
    });
  }

  /** Attempts still running when the process must go: available to other workers at once. */
  async function giveBack(attempts: readonly HeldAttempt[]) {
    const now = clock.now();
    const end = {
      next: { state: 'available' as const, runAt: now },
      outcome: 'interrupted' as const,
      error: 'the process stopped',
      now,
    };
    for (const attempt of attempts)
      await db
        .transaction()
        .execute((trx) => endAttempt(trx, attempt, end))
        .catch((error: unknown) => log.warn({ err: messageOf(error) }, 'giving a job back failed'));
  }

  return { settle, giveBack, flushed: successes.flushed };
}

/**
 * A batch's update locks its jobs' rows one by one, in the order of the table; a transaction that locks two
 * of them the other way round (the change stream's reader releasing timers' keys) makes one of the two a
 * deadlock's loser. A success not written is a job run again once its lease expires: worth a second try.
 */
export async function markSucceededRetrying(
  db: Db,
  dialect: Dialect,
  attempts: readonly HeldAttempt[],
  now: number,
) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await markSucceeded(db, dialect, attempts, now);
    } catch (error) {
      if (attempt >= SUCCESS_WRITE_ATTEMPTS || !isLostRace(error)) throw error;
    }
  }
}

const SUCCESS_WRITE_ATTEMPTS = 3;

/**
 * Successes, written together: those that end in one turn of the event loop (and while a write is under
 * way) share one transaction, which is what lets a busy queue keep up.
 */
function createSuccessBatcher({ db, dialect, clock, log }: EndingContext) {
  let batch: { attempts: HeldAttempt[]; written: Promise<void>; resolve(): void } | undefined;
  let writing = Promise.resolve();
  const write = () => {
    const { attempts, resolve } = batch!;
    batch = undefined;
    writing = writing
      .then(() => markSucceededRetrying(db, dialect, attempts, clock.now()))
      .then(
        () => undefined,
        (error: unknown) =>
          log.warn({ err: messageOf(error), jobs: attempts.length }, 'marking jobs succeeded failed'),
      )
      .then(resolve);
  };
  return {
    /** Resolves once the success is written (or its write has failed and been logged). */
    add(attempt: HeldAttempt): Promise<void> {
      if (!batch) {
        let resolve = () => {};
        const written = new Promise<void>((r) => (resolve = r));
        batch = { attempts: [], written, resolve };
        setImmediate(write);
      }
      batch.attempts.push(attempt);
      return batch.written;
    },
    flushed: () => batch?.written ?? writing,
  };
}
