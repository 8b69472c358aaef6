import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// PostgreSQL: each property's index ends in the entity id from now on, so that a sort by the property and
// then by id (every sort's tie-break) reads the index in order even where many entities share a value (an
// aggregation's 0, say) instead of sorting them. Existing indexes are built again so. SQLite's indexes end
// in the rowid already.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect !== 'postgres') return;
  const { rows } = await sql<{ indexname: string; indexdef: string }>`
    select indexname, indexdef from pg_indexes
    where tablename = 'entities' and indexname like 'ep\\_%' and indexdef like '%)) WHERE %'`.execute(db);
  for (const { indexname, indexdef } of rows) {
    await sql.raw(`drop index if exists "${indexname}"`).execute(db);
    await sql.raw(indexdef.replace(/\)\) WHERE /, '), id) WHERE ')).execute(db);
  }
}
