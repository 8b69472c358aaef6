import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Runs of self-service actions (Port §5.6), their log lines, approvers' decisions and the entities they
// changed. JSON columns are text on both databases. A run outlives its action and its entity (Port shows
// them as deleted), so only the run's own rows reference it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('action_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('action_identifier', 'text', (c) => c.notNull())
    .addColumn('action_id', 'text', (c) => c.notNull())
    .addColumn('blueprint', 'text')
    .addColumn('entity', 'text')
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('backend', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_label', 'text')
    .addColumn('link', 'text')
    .addColumn('summary', 'text')
    .addColumn('external_run_id', 'text')
    .addColumn('properties', 'text', (c) => c.notNull())
    .addColumn('context', 'text', (c) => c.notNull())
    .addColumn('payload', 'text')
    .addColumn('response', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('required_approval', 'text', (c) => c.notNull())
    .addColumn('approval', 'text')
    .addColumn('pending', 'integer', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('acknowledged', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('impersonated_by', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  for (const [name, columns] of [
    ['action_runs_created', ['created_at', 'id']],
    ['action_runs_creator', ['created_by', 'created_at']],
    ['action_runs_action', ['action_identifier', 'created_at']],
    ['action_runs_entity', ['blueprint', 'entity', 'created_at']],
    ['action_runs_external', ['external_run_id']],
    ['action_runs_pending', ['pending', 'created_at']],
  ] as const)
    await db.schema
      .createIndex(name)
      .on('action_runs')
      .columns([...columns])
      .execute();

  await db.schema
    .createTable('action_run_logs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull().references('action_runs.id').onDelete('cascade'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('action_run_logs_run')
    .on('action_run_logs')
    .columns(['run_id', 'id'])
    .execute();

  await db.schema
    .createTable('action_run_approvals')
    .addColumn('run_id', 'text', (c) => c.notNull().references('action_runs.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('action_run_approvals_pk', ['run_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('action_run_entities')
    .addColumn('run_id', 'text', (c) => c.notNull().references('action_runs.id').onDelete('cascade'))
    .addColumn('blueprint', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('action_run_entities_pk', ['run_id', 'blueprint', 'entity'])
    .execute();
}
