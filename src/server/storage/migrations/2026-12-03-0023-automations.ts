import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Automations are actions whose trigger is `automation` (Port's model): `trigger_type` tells them apart
// from self-service actions, so that lists ask for one kind in SQL. An automation keeps its event's type in
// `operation` and the blueprint of the entities it listens to in `blueprint` (deleting the blueprint then
// meets it as one of its actions). Actions stored before are all self-service.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('actions')
    .addColumn('trigger_type', 'text', (c) => c.notNull().defaultTo('self-service'))
    .execute();
}
