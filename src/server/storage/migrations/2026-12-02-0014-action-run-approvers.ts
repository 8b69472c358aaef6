import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// The approvers an approve policy (§5.8) listed for a run when it began to wait: they may see and decide
// that run, whoever else may see the action's runs. Kept as rows so that a list of runs finds an approver's
// own with an index rather than a run of jq per row. Runs that waited before this migration have none
// recorded: their Admins and the action's managers decide them. Runs that wait are found by their status
// (an approver's list of runs to decide) without reading every run.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('action_run_approvers')
    .addColumn('run_id', 'text', (c) => c.notNull().references('action_runs.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('action_run_approvers_pk', ['run_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('action_run_approvers_user')
    .on('action_run_approvers')
    .columns(['user_id', 'run_id'])
    .execute();
  await db.schema
    .createIndex('action_runs_status')
    .on('action_runs')
    .columns(['status', 'created_at'])
    .execute();
}
