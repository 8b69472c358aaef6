import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Each entity row counts its writes: a read-modify-write (PATCH, upsert with merge) commits only if the
// row is still at the version it was computed from, and is computed again otherwise (issue 10).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table entities add column version integer not null default 1`.execute(db);
}
