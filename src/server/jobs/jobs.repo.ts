import { sql, type CompiledQuery, type ExpressionBuilder, type Selectable } from 'kysely';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import type { JobsTable, Tables } from '../storage/tables.js';
import type { JobState, JobToEnqueue } from './job-types.js';

export type JobRow = Selectable<JobsTable>;

/** An attempt that a claim handed out: the job, its attempt, who holds it and since when. */
export interface HeldAttempt {
  id: number;
  attempt: number;
  worker: string;
  startedAt: number;
}

/** The attempt of a job claimed (state running). */
export const heldAttemptOf = (row: JobRow): HeldAttempt => ({
  id: row.id,
  attempt: row.attempt,
  worker: row.locked_by ?? '',
  startedAt: row.attempted_at ?? 0,
});

/**
 * Adds a job in the caller's transaction, so that it exists exactly when the caller's writes commit; its
 * id. A key that a job holds: see JobToEnqueue.key. Call the queue's wake() once the transaction has
 * committed, so that a process claims it at once rather than at its next poll.
 */
export async function enqueueJob(trx: Db, job: JobToEnqueue, now = Date.now()): Promise<number> {
  const row = newJobRow(job, now);

  const insert = () => trx.insertInto('jobs').values(row);
  if (job.key === undefined) return (await insert().returning('id').executeTakeFirstOrThrow()).id;
  if (job.ifKeyExists === 'keep') {
    const added = await insert()
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (added) return added.id;
    const held = await trx.selectFrom('jobs').select('id').where('key', '=', job.key).executeTakeFirst();
    if (held) return held.id;
    return (await insert().returning('id').executeTakeFirstOrThrow()).id;
  }
  // A job that has not started yet is replaced in place: it has no attempts to keep apart from the new ones.
  const replaced = await insert()
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet((eb) => ({
          kind: eb.ref('excluded.kind'),
          payload: eb.ref('excluded.payload'),
          run_at: eb.ref('excluded.run_at'),
          max_attempts: eb.ref('excluded.max_attempts'),
          created_at: eb.ref('excluded.created_at'),
        }))
        .where('jobs.state', '=', 'available')
        .where('jobs.attempt', '=', 0),
    )
    .returning('id')
    .executeTakeFirst();
  if (replaced) return replaced.id;
  await releaseKey(trx, job.key, now);
  return (await insert().returning('id').executeTakeFirstOrThrow()).id;
}

/**
 * Takes `key` from the job that holds it, in the caller's transaction: a job waiting to run (or for a
 * retry) is cancelled; a running one goes on to its end, keyless. Whether a job held the key.
 */
export async function releaseKey(trx: Db, key: string, now = Date.now()): Promise<boolean> {
  const result = await trx
    .updateTable('jobs')
    .set((eb) => ({
      key: null,
      state: eb.case().when('state', '=', 'available').then('cancelled').else(eb.ref('state')).end(),
      finished_at: eb.case().when('state', '=', 'available').then(now).else(eb.ref('finished_at')).end(),
    }))
    .where('key', '=', key)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface ClaimRequest {
  worker: string;
  now: number;
  limit: number;
  /** The kinds this worker runs, each with its lease (timeout plus grace), in milliseconds. */
  leaseMs: ReadonlyMap<string, number>;
}

/**
 * Marks up to `limit` due jobs of the worker's kinds running, held by it until their lease ends; the
 * claimed jobs, oldest due first. One statement: rivals on PostgreSQL skip the rows it has locked rather
 * than wait for them or claim them too. Its commit does not wait for the disk: a claim lost in a crash
 * leaves the job available, to run again (at least once, as ever).
 */
export async function claimJobs(db: Db, dialect: Dialect, request: ClaimRequest): Promise<JobRow[]> {
  const { worker, now, limit, leaseMs } = request;
  if (limit < 1 || leaseMs.size === 0) return [];
  const kinds = [...leaseMs.keys()];
  const leaseUntil = sql<number>`cast(${now} as bigint) + case kind ${sql.join(
    kinds.map((kind) => sql`when ${kind} then ${sql.lit(Math.round(leaseMs.get(kind)!))}`),
    sql` `,
  )} end`;
  const claimed = await db
    .with('claimable', (qc) =>
      dialect.skipLocked(
        qc
          .selectFrom('jobs')
          .select('id')
          .where('state', '=', 'available')
          .where('run_at', '<=', now)
          .where('kind', 'in', kinds)
          .orderBy('run_at')
          .orderBy('id')
          .limit(limit),
      ),
    )
    .updateTable('jobs')
    .set((eb) => ({
      state: 'running',
      attempt: eb('attempt', '+', 1),
      locked_by: worker,
      lease_until: leaseUntil,
      attempted_at: now,
    }))
    .where('id', 'in', (eb) => eb.selectFrom('claimable').select('claimable.id'))
    .returningAll()
    .returning(dialect.unflushedReturning.as('unflushed'))
    .execute();
  return claimed.sort((a, b) => a.run_at - b.run_at || a.id - b.id);
}

const heldBy = (attempt: HeldAttempt) => (eb: ExpressionBuilder<Tables, 'jobs'>) =>
  eb.and([
    eb('id', '=', attempt.id),
    eb('attempt', '=', attempt.attempt),
    eb('locked_by', '=', attempt.worker),
    eb('state', '=', 'running'),
  ]);

const attemptRow = (attempt: HeldAttempt, now: number, outcome: string, error: string) => ({
  job_id: attempt.id,
  attempt: attempt.attempt,
  worker: attempt.worker,
  started_at: attempt.startedAt,
  ended_at: now,
  outcome,
  error,
});

/**
 * Marks the attempts succeeded where their worker still holds them, in one statement; how many. A job
 * keeps its worker and start: its last attempt, the one that succeeded, is read from it (job_attempts
 * holds the attempts that did not).
 */
export async function markSucceeded(
  db: Db,
  dialect: Dialect,
  attempts: readonly HeldAttempt[],
  now: number,
): Promise<number> {
  if (!attempts.length) return 0;
  // A success lost in a crash is run again: at least once, as ever.
  const marked = await markSucceededQuery(db, attempts, now)
    .returning(dialect.unflushedReturning.as('unflushed'))
    .execute();
  return marked.length;
}

/** markSucceeded's write for one attempt, to commit with other writes (AttemptContext.successWrite). */
export const successStatement = (db: Db, attempt: HeldAttempt, now: number): CompiledQuery =>
  markSucceededQuery(db, [attempt], now).compile();

const markSucceededQuery = (db: Db, attempts: readonly HeldAttempt[], now: number) =>
  db
    .updateTable('jobs')
    .set({ state: 'succeeded', finished_at: now, lease_until: null, last_error: null })
    .where((eb) => eb.or(attempts.map((attempt) => heldBy(attempt)(eb))));

export interface AttemptEnd {
  /** available again at `runAt`, or failed for good. */
  next: { state: 'available'; runAt: number } | { state: 'failed' };
  outcome: 'retried' | 'failed' | 'interrupted' | 'lease expired';
  error: string;
  now: number;
  /** Only if the lease expired before this time: the upkeep's rescue. */
  leaseExpiredBefore?: number;
}

/**
 * Ends an attempt other than by success, in the caller's transaction, if its worker still holds it;
 * whether it did (a job whose lease was taken over is left as it is).
 */
export async function endAttempt(trx: Db, attempt: HeldAttempt, end: AttemptEnd): Promise<boolean> {
  const { next, now, error } = end;
  const result = await trx
    .updateTable('jobs')
    .set({
      state: next.state,
      ...(next.state === 'available' ? { run_at: next.runAt } : { finished_at: now }),
      locked_by: null,
      lease_until: null,
      last_error: error,
    })
    .where(heldBy(attempt))
    .$if(end.leaseExpiredBefore !== undefined, (qb) => qb.where('lease_until', '<', end.leaseExpiredBefore!))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await trx
    .insertInto('job_attempts')
    .values(attemptRow(attempt, now, end.outcome, error))
    .execute();
  return true;
}

/** Running jobs whose lease ended before `now` (their process is gone or stuck), oldest first. */
export async function findExpiredLeases(db: Db, now: number, limit: number): Promise<JobRow[]> {
  return db
    .selectFrom('jobs')
    .selectAll()
    .where('state', '=', 'running')
    .where('lease_until', '<', now)
    .orderBy('lease_until')
    .limit(limit)
    .execute();
}

/** Deletes, `batch` rows at a time, jobs that ended before the given times, with their attempts; how many. */
export async function pruneJobs(
  db: Db,
  before: { succeeded: number; failed: number },
  batch = 1000,
): Promise<number> {
  let pruned = 0;
  const rules: Array<[JobState[], number]> = [
    [['succeeded', 'cancelled'], before.succeeded],
    [['failed'], before.failed],
  ];
  for (const [states, cutoff] of rules)
    for (;;) {
      const result = await db
        .deleteFrom('jobs')
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('jobs')
            .select('id')
            .where('state', 'in', states)
            .where('finished_at', '<', cutoff)
            .limit(batch),
        )
        .executeTakeFirst();
      const deleted = Number(result.numDeletedRows);
      pruned += deleted;
      if (deleted < batch) break;
    }
  return pruned;
}

/**
 * A new job as one insert statement, for a caller that writes it in a batch of its own statements
 * (Dialect.runInTransaction) rather than in an open transaction: on SQLite the batch holds the writer only
 * while SQLite works. The batch fails if a job holds `job.key` already; use enqueueJob to replace or keep.
 * Call the queue's wake() once the batch has committed.
 */
export function newJobStatement(
  db: Db,
  job: Omit<JobToEnqueue, 'ifKeyExists'>,
  now = Date.now(),
): CompiledQuery {
  return db.insertInto('jobs').values(newJobRow(job, now)).compile();
}

/** A new job's row: due at `runAt` (default now), not yet attempted. */
function newJobRow(job: Omit<JobToEnqueue, 'ifKeyExists'>, now: number) {
  const runAt = job.runAt === undefined ? now : Number(job.runAt);
  if (!Number.isFinite(runAt)) throw new Error(`runAt of a ${job.kind} job is not a time`);
  return {
    kind: job.kind,
    key: job.key ?? null,
    payload: JSON.stringify(job.payload ?? null),
    state: 'available' satisfies JobState,
    run_at: runAt,
    attempt: 0,
    max_attempts: job.maxAttempts ?? null,
    created_at: now,
  };
}

/**
 * The statements of enqueueJob's replacement for a keyed job (see JobToEnqueue.key), for a batch of one's
 * own statements: a job that holds the key and has started (or waits for a retry) gives it up, and the
 * new job then takes the place of one not yet started, or is added.
 */
export function replaceKeyedJobStatements(
  db: Db,
  job: Omit<JobToEnqueue, 'ifKeyExists'> & { key: string },
  now = Date.now(),
): CompiledQuery[] {
  return [
    releaseKeyStatement(db, job.key, now, true),
    db
      .insertInto('jobs')
      .values(newJobRow(job, now))
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          kind: eb.ref('excluded.kind'),
          payload: eb.ref('excluded.payload'),
          run_at: eb.ref('excluded.run_at'),
          max_attempts: eb.ref('excluded.max_attempts'),
          created_at: eb.ref('excluded.created_at'),
        })),
      )
      .compile(),
  ];
}

/**
 * releaseKey as a statement: a job waiting to run (or for a retry) is cancelled, a running one goes on
 * keyless. With `startedOnly`, a job not yet started keeps it (replaceKeyedJobStatements takes its place).
 */
export function releaseKeyStatement(
  db: Db,
  key: string,
  now = Date.now(),
  startedOnly = false,
): CompiledQuery {
  let query = db
    .updateTable('jobs')
    .set((eb) => ({
      key: null,
      state: eb.case().when('state', '=', 'available').then('cancelled').else(eb.ref('state')).end(),
      finished_at: eb.case().when('state', '=', 'available').then(now).else(eb.ref('finished_at')).end(),
    }))
    .where('key', '=', key);
  if (startedOnly)
    query = query.where((eb) => eb.not(eb.and([eb('state', '=', 'available'), eb('attempt', '=', 0)])));
  return query.compile();
}
