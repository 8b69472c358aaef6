import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// PostgreSQL: portico_expect_changes(actual, expected) answers `actual`, or raises SQLSTATE PT409 when
// the two differ. A statement of writes combined into one (runIndependentWrites) calls it with the rows a
// guarded write changed, so that a row changed since it was read undoes the whole statement. SQLite's
// worker checks the same guards itself.
// PostgreSQL: action_runs pages keep a fifth free, so that a run's updates (delivery attempts, reports),
// which rarely change an indexed column, can be written beside the row without touching its eight indexes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`
    create or replace function portico_expect_changes(actual bigint, expected bigint) returns bigint
    language plpgsql as $$
    begin
      if actual is distinct from expected then
        raise exception 'a row changed since it was read' using errcode = 'PT409';
      end if;
      return actual;
    end
    $$`.execute(db);
  await sql`alter table action_runs set (fillfactor = 80)`.execute(db);
}
