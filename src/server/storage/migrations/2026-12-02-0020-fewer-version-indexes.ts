import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Every entity write records a version, so each index on entity_versions is paid on every write. The one
// on (blueprint, at) served only as_of searches, which read each blueprint's versions up to an instant:
// the (blueprint, identifier, at) index reads a blueprint's versions as well.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('entity_versions_at').ifExists().execute();
}
