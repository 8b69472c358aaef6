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

/** The attempts at the job that holds `key`, first first (none once the job is pruned). */
export async function listAttempts(db: Db, key: string): Promise<JobAttempt[]> {
  const rows = await db
    .selectFrom('job_attempts')
    .innerJoin('jobs', 'jobs.id', 'job_attempts.job_id')
    .select([
      'job_attempts.attempt',
      'job_attempts.worker',
      'job_attempts.started_at',
      'job_attempts.ended_at',
      'job_attempts.outcome',
      'job_attempts.error',
    ])
    .where('jobs.key', '=', key)
    .orderBy('job_attempts.attempt')
    .execute();
  return rows.map(toAttempt);
}

type AttemptRow = Pick<
  Selectable<JobAttemptsTable>,
  'attempt' | 'worker' | 'started_at' | 'ended_at' | 'outcome' | 'error'
>;

const toAttempt = (row: AttemptRow): JobAttempt => ({
  attempt: row.attempt,
  worker: row.worker,
  startedAt: new Date(row.started_at).toISOString(),
  endedAt: row.ended_at === null ? null : new Date(row.ended_at).toISOString(),
  outcome: row.outcome as JobAttempt['outcome'],
  error: row.error,
});
