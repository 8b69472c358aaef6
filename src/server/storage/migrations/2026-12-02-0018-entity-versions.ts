import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Every version of every entity, written in the transaction that makes it: its state (null once deleted),
// who made it and when. Read by an entity's history, by as_of reads and by properties-history.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const json = dialect === 'postgres' ? 'jsonb' : 'text';
  const autoId = dialect === 'postgres' ? 'bigserial' : 'integer';
  const idRef = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('entity_versions')
    .addColumn('id', sql.raw(autoId), (c) =>
      dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
    )
    .addColumn('entity_id', sql.raw(idRef), (c) => c.notNull())
    .addColumn('blueprint', 'text', (c) => c.notNull())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('icon', 'text')
    .addColumn('team', sql.raw(json))
    .addColumn('properties', sql.raw(json))
    .addColumn('relations', sql.raw(json))
    .addColumn('created_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text')
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema
    .createIndex('entity_versions_entity')
    .on('entity_versions')
    .columns(['entity_id', 'version'])
    .execute();
  await db.schema
    .createIndex('entity_versions_identifier')
    .on('entity_versions')
    .columns(['blueprint', 'identifier', 'at'])
    .execute();
  await db.schema
    .createIndex('entity_versions_at')
    .on('entity_versions')
    .columns(['blueprint', 'at'])
    .execute();
}
