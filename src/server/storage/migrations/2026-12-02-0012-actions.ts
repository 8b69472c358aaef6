import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Self-service actions in Port's JSON. `definition` is the action's JSON as text on both databases (its key
// order is the author's); `permissions` the stored execute/approve grants (null: the defaults). An action
// outlives its blueprint, as in Port (its runs still name it), so `blueprint` has no foreign key.
// `secrets_allowed` is 1 when an Admin wrote the definition last: only then may its templates read
// organisation secrets (a moderator's action could otherwise send them anywhere).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('identifier', 'text', (c) => c.notNull().unique())
    .addColumn('blueprint', 'text')
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('permissions', 'text')
    .addColumn('secrets_allowed', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('actions_blueprint').on('actions').column('blueprint').execute();
}
