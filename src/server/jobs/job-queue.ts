import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database, Db } from '../storage/database.js';
import { createAttemptEndings, type JobLog } from './attempt-endings.js';
import { maintainJobs, type MaintenanceOptions, type MaintenanceReport } from './job-maintenance.js';
import { systemClock, type Clock, type Job, type JobHandlers } from './job-types.js';
import { acquireLeadership, resignLeadership } from './job-leaders.repo.js';
import { createJobAnnouncer, isJobsAdded } from './job-wakeups.js';
import { claimJobs, heldAttemptOf, successStatement, type HeldAttempt, type JobRow } from './jobs.repo.js';
import { messageOf, runAttempt } from './run-attempt.js';

export type { JobLog } from './attempt-endings.js';

export const DEFAULT_MAX_ATTEMPTS = 5;

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
  /**
   * Call after committing a transaction that enqueued: claims due jobs here now, and tells the queues of
   * the other processes (NOTIFY on PostgreSQL). Without it, new jobs wait for a poll. Given the `kind`
   * enqueued, the others are told only when this queue cannot start it now itself (it runs no such jobs,
   * or every slot is taken): a message fewer per job while it keeps up.
   */
  wake(kind?: string): void;
  /** One turn of the upkeep if this process leads (it takes the lead when free); undefined otherwise. */
  maintain(): Promise<MaintenanceReport | undefined>;
  /** Attempts running now. */
  running(): number;
}

interface Running {
  held: HeldAttempt;
  interrupt: AbortController;
  done: Promise<void>;
}

/** A queue over the jobs table that runs `handlers`; see docs/decisions/0008-job-queue.md. */
export function createJobQueue(database: Database, options: JobQueueOptions): JobQueue {
  // The queue's own pool on PostgreSQL: a busy API does not delay claims.
  const { background: db, dialect } = database;
  const handlers = new Map(Object.entries(options.handlers));
  const concurrency = options.concurrency ?? 10;
  const clock = options.clock ?? systemClock;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const pollMs = options.pollMs ?? 2_000;
  const graceMs = options.leaseGraceMs ?? 30_000;
  const leaseMs = new Map([...handlers].map(([kind, handler]) => [kind, handler.timeoutMs + graceMs]));
  const maintenance = options.maintenance === false ? undefined : (options.maintenance ?? {});
  const upkeepMs = maintenance?.everyMs ?? 30_000;
  const leaderName = maintenance?.leaderName ?? 'jobs';
  const log = options.log ?? stderrLog;

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
  const onFailed = (job: Job, error: string) => {
    const handler = handlers.get(job.kind);
    return handler?.onFailed && ((trx: Db) => handler.onFailed!(trx, job, error));
  };
  const endings = createAttemptEndings({
    db,
    dialect,
    clock,
    log,
    random: options.random ?? Math.random,
    onFailed,
  });

  const announcer = createJobAnnouncer(database.changes, workerId, log);
  const inFlight = new Map<number, Running>();
  let phase: 'new' | 'started' | 'stopping' = 'new';
  let claiming: Promise<void> | undefined;
  let upkeep: Promise<unknown> | undefined;
  let dueMaybe = false;
  let timers: NodeJS.Timeout[] = [];
  let unsubscribe: (() => void) | undefined;

  function wake() {
    dueMaybe = true;
    claimWhenFree();
  }

  function wakeAll(kind?: string) {
    wake();
    const takesItNow = phase === 'started' && handlers.has(kind ?? '') && inFlight.size < concurrency;
    if (phase === 'started' && !takesItNow) announcer.announce();
  }

  /** One claim at a time, for as many jobs as there are free slots: wake-ups meanwhile add up to one. */
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
    if (rows.length === limit) dueMaybe = true;
    for (const row of rows) run(toJob(row), heldAttemptOf(row));
  }

  function run(job: Job, held: HeldAttempt) {
    const interrupt = new AbortController();
    const handler = handlers.get(job.kind)!;
    const done = runAttempt(handler, job, interrupt.signal, () => successStatement(db, held, clock.now()))
      .then((outcome) => {
        inFlight.delete(job.id);
        claimWhenFree();
        return endings.settle(handler, job, held, outcome);
      })
      .then(
        (retryAt) => void (retryAt !== undefined && wakeAt(retryAt)),
        (error: unknown) =>
          log.warn(
            { job: job.id, err: messageOf(error) },
            'ending a job attempt failed; its lease will expire',
          ),
      );
    inFlight.set(job.id, { held, interrupt, done });
  }

  /** A retry due before the next poll is claimed on time. */
  function wakeAt(at: number) {
    const delayMs = at - clock.now();
    if (phase !== 'started' || delayMs >= pollMs) return;
    const timer = setTimeout(() => {
      timers = timers.filter((t) => t !== timer);
      wake();
    }, delayMs);
    timer.unref();
    timers.push(timer);
  }

  async function maintain(): Promise<MaintenanceReport | undefined> {
    if (!maintenance) return undefined;
    if (!(await acquireLeadership(db, leaderName, workerId, clock.now(), upkeepMs * 3))) return undefined;
    return maintainJobs({ db, clock, handlers, toJob, onFailed }, maintenance);
  }

  /** A turn of the upkeep on the timer, unless the last one is still under way. */
  function upkeepTurn() {
    upkeep ??= maintain()
      .catch((error: unknown) => void log.warn({ err: messageOf(error) }, 'job upkeep failed'))
      .finally(() => (upkeep = undefined));
  }

  function every(ms: number, task: () => void) {
    const timer = setInterval(task, ms);
    timer.unref();
    timers.push(timer);
  }

  async function start() {
    if (phase !== 'new') throw new Error('a job queue starts once');
    // On PostgreSQL, the LISTEN connection that storage opens for live updates hears new jobs too.
    unsubscribe = await database.changes.subscribe({
      receive: (payload) => isJobsAdded(payload, workerId) && wake(),
      missed: wake,
    });
    phase = 'started';
    every(pollMs, wake);
    if (maintenance) every(upkeepMs, upkeepTurn);
    wake();
  }

  async function stop() {
    if (phase !== 'started') return;
    phase = 'stopping';
    timers.forEach(clearTimeout);
    unsubscribe?.();
    await Promise.all([claiming, upkeep, announcer.sent()]);
    const finished = Promise.all([...inFlight.values()].map((running) => running.done));
    await waitAtMost(finished, options.stopTimeoutMs ?? 10_000);
    const left = [...inFlight.values()];
    await endings.giveBack(left.map((running) => running.held));
    for (const running of left) running.interrupt.abort(new Error('the process stopped'));
    await endings.flushed();
    if (maintenance) await resignLeadership(db, leaderName, workerId).catch(() => undefined);
  }

  return { workerId, start, stop, wake: wakeAll, maintain, running: () => inFlight.size };
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
