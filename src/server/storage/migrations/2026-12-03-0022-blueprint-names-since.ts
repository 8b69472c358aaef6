import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Since when each name of a blueprint (property, computed property, relation) has had its current
// definition, for those defined later than the blueprint's creation: JSON, name -> ISO instant. Versions
// dated before hold an earlier definition's values under the name (removed and created again), which
// readers other than an Admin do not see. Blueprints stored before start empty: every name counts as
// defined since the blueprint's creation.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const json = dialect === 'postgres' ? 'json' : 'text';
  await db.schema.alterTable('blueprints').addColumn('names_since', sql.raw(json)).execute();
}
