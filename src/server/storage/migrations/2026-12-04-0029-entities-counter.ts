import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// A search page kept between requests (search/search.page-cache.ts) is checked against the counter
// `entities`, raised in the transaction of every change of entity rows (their properties, computed values,
// owners, titles), whatever code or replica makes it, as 0028's `relations` is for relation rows.
const EVENTS = ['insert', 'update', 'delete'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await sql.raw(`insert into change_counters (name, version) values ('entities', 1)`).execute(db);
  for (const event of EVENTS)
    await sql
      .raw(
        dialect === 'sqlite'
          ? // One writer: a row trigger costs a microsecond, and no transaction waits for another's counter.
            `create trigger entities_${event}_counts_entities after ${event} on entities begin update change_counters set version = version + 1 where name = 'entities'; end`
          : // 0028's mark: once per transaction that changed a row, counted while it commits.
            `create trigger entities_${event}_counts_entities after ${event} on entities referencing ${event === 'delete' ? 'old' : 'new'} table as changed for each statement execute function change_counters_mark('entities')`,
      )
      .execute(db);
}
