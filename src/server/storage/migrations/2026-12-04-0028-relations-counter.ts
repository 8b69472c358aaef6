import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// A relation walk kept between requests (search/search.walk-memo.ts) is checked against the counter
// `relations`, raised in the transaction of every change of relation rows, whatever code or replica makes
// it (a cascade from a deleted entity too), as migration 0026's counters are, and of every change of an
// entity's identifier (a walk starts from entities named by identifier).
const EVENTS = ['insert', 'update', 'delete'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await sql.raw(`insert into change_counters (name, version) values ('relations', 1)`).execute(db);
  if (dialect === 'sqlite') {
    // One writer: a row trigger costs a microsecond, and no transaction waits for another's counter.
    for (const event of EVENTS)
      await sql
        .raw(
          `create trigger entity_relations_${event}_counts_relations after ${event} on entity_relations begin update change_counters set version = version + 1 where name = 'relations'; end`,
        )
        .execute(db);
    await sql
      .raw(
        `create trigger entities_identifier_counts_relations after update of identifier on entities when old.identifier is not new.identifier begin update change_counters set version = version + 1 where name = 'relations'; end`,
      )
      .execute(db);
    return;
  }
  // A bulk write changes a hundred thousand relation rows: a deferred row trigger for each (as 0026's) would
  // queue them all until commit. A statement's trigger, once per transaction that changed a row, leaves a
  // mark instead, and the mark's deferred trigger raises the counter while the transaction commits, so that
  // the counter's row is locked only then (0026's order: all counters' rows, by name).
  await sql
    .raw(`create table change_counter_marks (id bigserial primary key, name text not null)`)
    .execute(db);
  await sql
    .raw(
      `create function change_counters_mark() returns trigger language plpgsql as $$
      begin
        if current_setting('portico.marked_' || tg_argv[0], true) is not distinct from 'yes' then
          return null;
        end if;
        -- A statement's trigger, through its transition table: only when it changed a row.
        if tg_level = 'STATEMENT' then
          if not exists (select 1 from changed) then
            return null;
          end if;
        end if;
        perform set_config('portico.marked_' || tg_argv[0], 'yes', true);
        insert into change_counter_marks (name) values (tg_argv[0]);
        return null;
      end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create function change_counters_count_mark() returns trigger language plpgsql as $$
      begin
        perform 1 from change_counters order by name for update;
        update change_counters set version = version + 1 where name = new.name;
        delete from change_counter_marks where id = new.id;
        return null;
      end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create constraint trigger change_counter_marks_count after insert on change_counter_marks deferrable initially deferred for each row execute function change_counters_count_mark()`,
    )
    .execute(db);
  // A rename is rare: a row trigger, on the rows whose identifier changed, leaves the same mark.
  await sql
    .raw(
      `create trigger entities_identifier_counts_relations after update of identifier on entities for each row when (old.identifier is distinct from new.identifier) execute function change_counters_mark('relations')`,
    )
    .execute(db);
  for (const event of EVENTS)
    await sql
      .raw(
        `create trigger entity_relations_${event}_counts_relations after ${event} on entity_relations referencing ${event === 'delete' ? 'old' : 'new'} table as changed for each statement execute function change_counters_mark('relations')`,
      )
      .execute(db);
}
