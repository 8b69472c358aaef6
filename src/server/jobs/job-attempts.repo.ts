import type { Selectable } from 'kysely';
import type { Db } from '../storage/database.js';
import type { JobAttemptsTable } from '../storage/tables.js';
import type { JobAttempt, JobState } from './job-types.js';

export interface JobSummary {
  id: number;
  kind: string;
  state: JobState;
  attempt: number;
  runAt: number;
  lastError: string | null;
}

export async function findJobByKey(db: Db, key: string): Promise<JobSummary | undefined> {
  const row = await db
    .selectFrom('jobs')
    .select(['id', 'kind', 'state', 'attempt', 'run_at', 'last_error'])
    .where('key', '=', key)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      kind: row.kind,
      state: row.state as JobState,
      attempt: row.attempt,
      runAt: row.run_at,
      lastError: row.last_error,
    }
  );
}

/**
 * The attempts at the job that holds `key`, first first, the one running now included (none once the job
 * is pruned).
 */
export async function listAttempts(db: Db, key: string): Promise<JobAttempt[]> {
  const job = await db
    .selectFrom('jobs')
    .select(['id', 'state', 'attempt', 'locked_by', 'attempted_at', 'finished_at'])
    .where('key', '=', key)
    .executeTakeFirst();
  if (!job) return [];
  const ended = await db
    .selectFrom('job_attempts')
    .select(['attempt', 'worker', 'started_at', 'ended_at', 'outcome', 'error'])
    .where('job_id', '=', job.id)
    .orderBy('attempt')
    .execute();
  const attempts = ended.map(toAttempt);
  // The attempt running now, or the one that succeeded, is the job's own (and may have ended between the
  // two reads).
  const current = job.state === 'running' || job.state === 'succeeded';
  if (current && !attempts.some((attempt) => attempt.attempt === job.attempt))
    attempts.push({
      attempt: job.attempt,
      worker: job.locked_by ?? '',
      startedAt: new Date(job.attempted_at ?? 0).toISOString(),
      endedAt: job.state === 'succeeded' ? new Date(job.finished_at ?? 0).toISOString() : null,
      outcome: job.state === 'succeeded' ? 'succeeded' : null,
      error: null,
    });
  return attempts;
}

type AttemptRow = Pick<
  Selectable<JobAttemptsTable>,
  'attempt' | 'worker' | 'started_at' | 'ended_at' | 'outcome' | 'error'
>;

const toAttempt = (row: AttemptRow): JobAttempt => ({
  attempt: row.attempt,
  worker: row.worker,
  startedAt: new Date(row.started_at).toISOString(),
  endedAt: new Date(row.ended_at).toISOString(),
  outcome: row.outcome as JobAttempt['outcome'],
  error: row.error,
});
