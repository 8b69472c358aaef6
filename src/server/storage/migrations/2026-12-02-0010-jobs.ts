import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// The durable job queue (src/server/jobs, decision 0008): jobs, their attempts that did not succeed, and leases that
// pick one process for the queue's upkeep. Times are epoch milliseconds (bigint on PostgreSQL): the queue
// compares and adds to them, with a clock tests inject.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const json = sql.raw(dialect === 'postgres' ? 'jsonb' : 'text');
  const autoId = sql.raw(dialect === 'postgres' ? 'bigserial' : 'integer');
  const idRef = sql.raw(dialect === 'postgres' ? 'bigint' : 'integer');
  const ms = sql.raw(dialect === 'postgres' ? 'bigint' : 'integer');
  await db.schema
    .createTable('jobs')
    .addColumn('id', autoId, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn('kind', 'text', (c) => c.notNull())
    // At most one job per key (a run's delivery, a timer); null for jobs nobody looks up.
    .addColumn('key', 'text', (c) => c.unique())
    .addColumn('payload', json, (c) => c.notNull())
    // available, running, succeeded, failed, cancelled
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('run_at', ms, (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    // Null: the handler's own limit.
    .addColumn('max_attempts', 'integer')
    // While running: who holds it, until when, and since when. The attempt of a job that succeeded is read
    // from these; an attempt that did not is written to job_attempts as it ends.
    .addColumn('lease_until', ms)
    .addColumn('locked_by', 'text')
    .addColumn('attempted_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('finished_at', ms)
    .addColumn('last_error', 'text')
    .execute();
  // The claim walks the due jobs in order; rescue the running ones by lease; pruning the finished by age.
  await db.schema
    .createIndex('jobs_available')
    .on('jobs')
    .columns(['run_at', 'id'])
    .where(sql.ref('state'), '=', 'available')
    .execute();
  await db.schema
    .createIndex('jobs_running')
    .on('jobs')
    .column('lease_until')
    .where(sql.ref('state'), '=', 'running')
    .execute();
  await db.schema.createIndex('jobs_finished').on('jobs').columns(['state', 'finished_at']).execute();

  await db.schema
    .createTable('job_attempts')
    .addColumn('job_id', idRef, (c) => c.notNull().references('jobs.id').onDelete('cascade'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('worker', 'text', (c) => c.notNull())
    .addColumn('started_at', ms, (c) => c.notNull())
    .addColumn('ended_at', ms, (c) => c.notNull())
    // retried, failed, interrupted (a stopping process gave it back) or lease expired (its process went
    // away).
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('job_attempts_pk', ['job_id', 'attempt'])
    .execute();

  await db.schema
    .createTable('job_leaders')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .execute();
}
