import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Integrations as Port's Ocean framework keeps them (docs/integrations.md): each one's stored fields (its
// mapping `config`, versions, resync state…) as one JSON document under its identifier, the examples of raw
// data it sent per kind, its shipped log lines, and the metrics it reports per sync and kind.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  // json, not jsonb: an integration's fields are answered in the order they were written.
  const json = sql.raw(dialect === 'postgres' ? 'json' : 'text');
  const id = dialect === 'postgres' ? sql.raw('bigserial') : sql.raw('integer');
  await db.schema
    .createTable('integrations')
    .addColumn('identifier', 'text', (c) => c.primaryKey())
    .addColumn('fields', json, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  // An integration owns the entities whose $datasource names it, matched without regard to case (SQLite's
  // like): two identifiers that differ only in case would own each other's.
  await sql`create unique index integrations_identifier_any_case on integrations (lower(identifier))`.execute(
    db,
  );
  await db.schema
    .createTable('integration_kind_examples')
    .addColumn('integration', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('examples', json, (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('integration_kind_examples_pk', ['integration', 'kind'])
    .execute();
  await db.schema
    .createTable('integration_logs')
    .addColumn('id', id, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('integration', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('extra', json)
    .execute();
  await db.schema
    .createIndex('integration_logs_by_integration')
    .on('integration_logs')
    .columns(['integration', 'id'])
    .execute();
  await db.schema
    .createTable('integration_sync_metrics')
    .addColumn('integration', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sync_state', 'text')
    .addColumn('data', json, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('integration_sync_metrics_pk', ['integration', 'event_id', 'kind'])
    .execute();
}
