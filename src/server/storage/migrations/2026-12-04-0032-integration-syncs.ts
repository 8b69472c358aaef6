import { type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Each sync of an integration as Portico counts it from the writes it sends (entities created, updated,
// deleted, failed; its last error), and how many entities the integration owned when its deletions began:
// a sync deletes no more than its entityDeletionThreshold of those.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('integration_syncs')
    .addColumn('integration', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('owned', 'integer')
    .addColumn('last_error', 'text')
    .addPrimaryKeyConstraint('integration_syncs_pk', ['integration', 'event_id'])
    .execute();
}
