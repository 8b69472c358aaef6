import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Saved table views of the web app: per owner (an actor id: an email, a service account's identifier or
// a client id) and blueprint, optionally shared. A view goes with its blueprint (the foreign key cascades).
// `state` is the UI's opaque JSON, kept as the text it was given on both databases; `shared` is 0 or 1.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('table_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('blueprint', 'text', (c) =>
      c.notNull().references('blueprints.identifier').onDelete('cascade').onUpdate('cascade'),
    )
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('shared', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Names are unique per owner and blueprint; the same index finds an owner's views of a blueprint.
  await db.schema
    .createIndex('table_views_owner_name')
    .on('table_views')
    .columns(['blueprint', 'owner', 'name'])
    .unique()
    .execute();
  await db.schema
    .createIndex('table_views_shared')
    .on('table_views')
    .columns(['blueprint', 'shared'])
    .execute();
}
