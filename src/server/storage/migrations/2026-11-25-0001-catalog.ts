import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const json = dialect === 'postgres' ? 'jsonb' : 'text';
  const autoId = dialect === 'postgres' ? 'bigserial' : 'integer';
  const idRef = dialect === 'postgres' ? 'bigint' : 'integer';

  await db.schema
    .createTable('blueprints')
    .addColumn('identifier', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('definition', sql.raw(json), (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('entities')
    .addColumn('id', sql.raw(autoId), (c) =>
      dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
    )
    .addColumn('blueprint', 'text', (c) =>
      c.notNull().references('blueprints.identifier').onUpdate('cascade'),
    )
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('icon', 'text')
    .addColumn('team', sql.raw(json), (c) => c.notNull())
    .addColumn('properties', sql.raw(json), (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('entities_blueprint_identifier', ['blueprint', 'identifier'])
    .execute();
  await db.schema
    .createIndex('entities_blueprint_title')
    .on('entities')
    .columns(['blueprint', 'title'])
    .execute();
  await db.schema
    .createIndex('entities_blueprint_updated')
    .on('entities')
    .columns(['blueprint', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('entities_blueprint_created')
    .on('entities')
    .columns(['blueprint', 'created_at'])
    .execute();

  await db.schema
    .createTable('entity_relations')
    .addColumn('source_id', sql.raw(idRef), (c) => c.notNull().references('entities.id').onDelete('cascade'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('target_id', sql.raw(idRef), (c) => c.notNull().references('entities.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('entity_relations_pk', ['source_id', 'relation', 'target_id'])
    .execute();
  await db.schema
    .createIndex('entity_relations_target')
    .on('entity_relations')
    .columns(['target_id', 'relation'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', sql.raw(autoId), (c) =>
      dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
    )
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('blueprint', 'text')
    .addColumn('entity', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('context', sql.raw(json), (c) => c.notNull())
    .addColumn('diff', sql.raw(json), (c) => c.notNull())
    .addColumn('message', 'text')
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at']).execute();
  await db.schema
    .createIndex('audit_log_blueprint_entity')
    .on('audit_log')
    .columns(['blueprint', 'entity'])
    .execute();
  await db.schema.createIndex('audit_log_identifier').on('audit_log').columns(['identifier']).execute();

  await db.schema
    .createTable('credentials')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}
