import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// An entity's audit records carry its identifier in both `identifier` and `entity`, so the identifier index
// serves the entity filter too; the (blueprint, entity) index cost each write a random B-tree insert
// (~6 µs of ~22 µs per audit row on SQLite here) for nothing the identifier index could not answer.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_blueprint_entity').execute();
}
