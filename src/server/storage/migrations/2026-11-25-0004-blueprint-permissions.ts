import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Changes to a blueprint's default permissions (only what was set); no row means the defaults.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('blueprint_permissions')
    .addColumn('blueprint', 'text', (c) =>
      c.primaryKey().references('blueprints.identifier').onDelete('cascade').onUpdate('cascade'),
    )
    .addColumn('permissions', sql.raw(dialect === 'postgres' ? 'jsonb' : 'text'), (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
}
