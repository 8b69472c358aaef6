import { type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Which client last wrote each entity, as it names itself (its User-Agent): Port's `$datasource`. Ocean's
// integrations find the entities they own by it (`port-ocean/<type>/…/<identifier>/exporter`).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('entities').addColumn('datasource', 'text').execute();
}
