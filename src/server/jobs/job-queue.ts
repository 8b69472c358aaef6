import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database, Db } from '../storage/database.js';
import { DEFAULT_BACKOFF, retryDelayMs } from './backoff.js';
import {
  acquireLeadership,
  claimJobs,
  endAttempt,
  markSucceeded,
  resignLeadership,
  type AttemptRef,
  type JobRow,
} from './jobs.repo.js';
import { maintainJobs, type MaintenanceOptions, type MaintenanceReport } from './job-maintenance.js';
import {
  systemClock,
  type Clock,
  type Job,
  type JobHandler,
  type JobHandlers,
  type JobOutcome,
} from './job-types.js';
import { messageOf, runAttempt } from './run-attempt.js';

/** The payload a new job's NOTIFY carries (migration 2026-12-02-0010's trigger), on the change channel. */
export const JOBS_ADDED_PAYLOAD = '{"jobs":"added"}';

export const DEFAULT_MAX_ATTEMPTS = 5;

export interface JobLog {
  warn(details: object, message: string): void;
}

export interface JobQueueOptions {
  handlers: JobHandlers;
  /** Attempts run at once by this process; default 10. */
  concurrency?: number;
  clock?: Clock;
  /** Names this process in leases and attempts; default host:pid:random. */
  workerId?: string;
  /** How often to look for due jobs without a wake-up (retries, missed notifications); default 2 s. */
  pollMs?: number;
  /** A claimed job's lease is its handler's timeout plus this; default 30 s. */
  leaseGraceMs?: number;
  /** How long stop() waits for running attempts before giving them back; default 10 s. */
  stopTimeoutMs?: number;
  /** Leader upkeep (rescue and pruning), or false for none in this process. */
  maintenance?: MaintenanceOptions | false;
  log?: JobLog;
  random?: () => number;
}

export interface JobQueue {
  readonly workerId: string;
  /** Starts claiming: listens for new jobs, polls, and takes part in the upkeep. */
  start(): Promise<void>;
  /** Claims no more; waits for running attempts up to stopTimeoutMs, then gives the rest back. */
  stop(): Promise<void>;
  /** Claims due jobs now: call after committing a transaction that enqueued (needed on SQLite). */
  wake(): void;
  /** One turn of the upkeep if this process leads (it takes the lead when free); undefined otherwise. */
  maintain(): Promise<MaintenanceReport | undefined>;
  /** Attempts running now. */
  running(): number;
}

interface Running {
  ref: AttemptRef;
  interrupt: AbortController;
  done: Promise<void>;
}

/** A queue over the jobs table that runs `handlers`; see docs/decisions/0008-job-queue.md. */
export function createJobQueue(database: Database, options: JobQueueOptions): JobQueue {
  const { db, dialect } = database;
  const handlers = new Map(Object.entries(options.handlers));
  const concurrency = options.concurrency ?? 10;
  const clock = options.clock ?? systemClock;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const graceMs = options.leaseGraceMs ?? 30_000;
  const leaseMs = new Map([...handlers].map(([kind, handler]) => [kind, handler.timeoutMs + graceMs]));
  const maintenance = options.maintenance === false ? undefined : (options.maintenance ?? {});
  const leaderName = maintenance?.leaderName ?? 'jobs';
  const log = options.log ?? stderrLog;
  const random = options.random ?? Math.random;

  const inFlight = new Map<number, Running>();
  const successes = createSuccessBatcher(db, workerId, clock, log);
  let phase: 'new' | 'started' | 'stopping' = 'new';
  let claiming: Promise<void> | undefined;
  let dueMaybe = false;
  let timers: NodeJS.Timeout[] = [];
  let unsubscribe: (() => void) | undefined;

  const toJob = (row: JobRow): Job => ({
    id: row.id,
    kind: row.kind,
    key: row.key,
    payload: dialect.fromJson(row.payload),
    attempt: row.attempt,
    maxAttempts: row.max_attempts ?? handlers.get(row.kind)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    runAt: row.run_at,
    createdAt: row.created_at,
  });

  const onFailedOf = (job: Job, error: string) => {
    const handler = handlers.get(job.kind);
    return handler?.onFailed && ((trx: Db) => handler.onFailed!(trx, job, error));
  };

  function wake() {
    dueMaybe = true;
    claimWhenFree();
  }

  function claimWhenFree() {
    if (phase !== 'started' || claiming || !dueMaybe || inFlight.size >= concurrency) return;
    claiming = claim().finally(() => {
      claiming = undefined;
      claimWhenFree();
    });
  }

  async function claim() {
    dueMaybe = false;
    const limit = concurrency - inFlight.size;
    let rows: JobRow[];
    try {
      rows = await claimJobs(db, dialect, { worker: workerId, now: clock.now(), limit, leaseMs });
    } catch (error) {
      log.warn({ err: messageOf(error) }, 'claiming jobs failed; trying again at the next poll');
      return;
    }
    // A full batch may have left more behind.
    console.log(
      'claimed',
      rows.map((r) => [r.id, r.run_at]),
      clock.now(),
      limit,
    );
    if (rows.length === limit) dueMaybe = true;
    for (const row of rows) start(row);
  }

  function start(row: JobRow) {
    const job = toJob(row);
    const interrupt = new AbortController();
    const handler = handlers.get(job.kind)!;
    const done = runAttempt(handler, job, interrupt.signal)
      .then((outcome) => {
        inFlight.delete(job.id);
        claimWhenFree();
        return settle(handler, job, outcome);
      })
      .catch((error: unknown) =>
        log.warn(
          { job: job.id, err: messageOf(error) },
          'ending a job attempt failed; its lease will expire',
        ),
      );
    inFlight.set(job.id, { ref: job, interrupt, done });
  }

  async function settle(handler: JobHandler, job: Job, outcome: JobOutcome) {
    if (outcome.outcome === 'succeeded') return successes.add(job);
    const now = clock.now();
    if (outcome.outcome === 'retry' && job.attempt < job.maxAttempts) {
      const delay = retryDelayMs(
        job.attempt,
        handler.backoff ?? DEFAULT_BACKOFF,
        outcome.retryAfterMs,
        random,
      );
      await db.transaction().execute((trx) =>
        endAttempt(
          trx,
          job,
          { worker: workerId },
          {
            next: { state: 'available', runAt: now + delay },
            outcome: 'retried',
            error: outcome.error,
            now,
          },
        ),
      );
      wakeAfter(delay);
      return;
    }
    await db.transaction().execute(async (trx) => {
      const end = {
        next: { state: 'failed' as const },
        outcome: 'failed' as const,
        error: outcome.error,
        now,
      };
      if (await endAttempt(trx, job, { worker: workerId }, end)) await onFailedOf(job, outcome.error)?.(trx);
    });
  }

  /** A retry due before the next poll is claimed on time. */
  function wakeAfter(delayMs: number) {
    if (delayMs >= (options.pollMs ?? 2_000)) return;
    const timer = setTimeout(() => {
      timers = timers.filter((t) => t !== timer);
      wake();
    }, delayMs);
    timer.unref();
    timers.push(timer);
  }

  async function maintain(): Promise<MaintenanceReport | undefined> {
    if (!maintenance) return undefined;
    const everyMs = maintenance.everyMs ?? 30_000;
    if (!(await acquireLeadership(db, leaderName, workerId, clock.now(), everyMs * 3))) return undefined;
    return maintainJobs({ database, clock, handlers, toJob, onFailed: onFailedOf }, maintenance);
  }

  async function startQueue() {
    if (phase !== 'new') throw new Error('a job queue starts once');
    unsubscribe = await database.changes.subscribe({
      receive: (payload) => payload === JOBS_ADDED_PAYLOAD && wake(),
      missed: wake,
    });
    phase = 'started';
    const every = (ms: number, run: () => void) => {
      const timer = setInterval(run, ms);
      timer.unref();
      timers.push(timer);
    };
    every(options.pollMs ?? 2_000, wake);
    if (maintenance)
      every(
        maintenance.everyMs ?? 30_000,
        () =>
          void maintain().catch((error: unknown) => log.warn({ err: messageOf(error) }, 'job upkeep failed')),
      );
    wake();
  }

  async function stop() {
    if (phase !== 'started') return;
    phase = 'stopping';
    timers.forEach(clearTimeout);
    unsubscribe?.();
    await claiming;
    await waitAtMost(Promise.all([...inFlight.values()].map((r) => r.done)), options.stopTimeoutMs ?? 10_000);
    await giveBack([...inFlight.values()]);
    await successes.flushed();
    if (maintenance) await resignLeadership(db, leaderName, workerId).catch(() => undefined);
  }

  /** Attempts still running when the process must go: available to others at once, then aborted. */
  async function giveBack(attempts: Running[]) {
    const now = clock.now();
    for (const { ref, interrupt } of attempts) {
      await db
        .transaction()
        .execute((trx) =>
          endAttempt(
            trx,
            ref,
            { worker: workerId },
            {
              next: { state: 'available', runAt: now },
              outcome: 'interrupted',
              error: 'the process stopped',
              now,
            },
          ),
        )
        .catch((error: unknown) => log.warn({ err: messageOf(error) }, 'giving a job back failed'));
      interrupt.abort(new Error('the process stopped'));
    }
  }

  return { workerId, start: startQueue, stop, wake, maintain, running: () => inFlight.size };
}

/**
 * Successes, written together: those that end in one turn of the event loop (and while a write is under
 * way) share one transaction, which is what lets a busy queue keep up.
 */
function createSuccessBatcher(db: Db, worker: string, clock: Clock, log: JobLog) {
  let batch: { attempts: AttemptRef[]; written: Promise<void>; resolve(): void } | undefined;
  let writing = Promise.resolve();
  const write = () => {
    const { attempts, resolve } = batch!;
    batch = undefined;
    writing = writing
      .then(() => markSucceeded(db, worker, attempts, clock.now()))
      .then(
        () => undefined,
        (error: unknown) =>
          log.warn({ err: messageOf(error), jobs: attempts.length }, 'marking jobs succeeded failed'),
      )
      .then(resolve);
  };
  return {
    /** Resolves once the success is written (or its write has failed and been logged). */
    add(ref: AttemptRef): Promise<void> {
      if (!batch) {
        let resolve = () => {};
        const written = new Promise<void>((r) => (resolve = r));
        batch = { attempts: [], written, resolve };
        setImmediate(write);
      }
      batch.attempts.push({ id: ref.id, attempt: ref.attempt });
      return batch.written;
    },
    flushed: () => batch?.written ?? writing,
  };
}

async function waitAtMost(promise: Promise<unknown>, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

const stderrLog: JobLog = {
  warn: (details, message) =>
    void process.stderr.write(
      `${JSON.stringify({ level: 40, time: Date.now(), msg: message, ...details })}\n`,
    ),
};
