import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Indexes that only ever serve rows of one kind hold only those rows, so that the writes of every other
// row (a run's insert and updates, a job's insert and claim) do not add entries to them: finished jobs
// (their pruning), runs waiting for a runner, runs with an external id.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    'drop index jobs_finished',
    'create index jobs_finished on jobs (state, finished_at) where finished_at is not null',
    'drop index action_runs_pending',
    'create index action_runs_pending on action_runs (created_at) where pending = 1',
    'drop index action_runs_external',
    'create index action_runs_external on action_runs (external_run_id) where external_run_id is not null',
  ])
    await sql.raw(statement).execute(db);
}
