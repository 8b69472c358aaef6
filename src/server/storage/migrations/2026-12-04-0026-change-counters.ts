import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Servers keep what every request reads in memory between requests: the data model (blueprints and their
// permissions) and who the callers are (credentials and users). Each is checked against a counter here,
// which every change of its tables raises in the change's own transaction, whatever code or replica makes
// it: a read that sees a counter sees that data at least as new (storage/change-counters.ts).
const COUNTED: Array<{ counter: string; table: string; when?: string }> = [
  { counter: 'model', table: 'blueprints' },
  { counter: 'model', table: 'blueprint_permissions' },
  { counter: 'identity', table: 'credentials' },
  { counter: 'identity', table: 'entities', when: `blueprint = '_user'` },
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await sql.raw(`create table change_counters (name text primary key, version bigint not null)`).execute(db);
  await sql
    .raw(`insert into change_counters (name, version) values ('model', 1), ('identity', 1)`)
    .execute(db);
  const bump = (counter: string) =>
    `update change_counters set version = version + 1 where name = '${counter}'`;
  const events = ['insert', 'update', 'delete'] as const;
  // Which row an event's condition looks at: the new one, the old one, or either.
  const rows = (event: (typeof events)[number]) =>
    event === 'insert' ? ['new'] : event === 'delete' ? ['old'] : ['old', 'new'];
  const condition = (event: (typeof events)[number], when?: string) =>
    when
      ? ` when (${rows(event)
          .map((row) => `${row}.${when}`)
          .join(' or ')})`
      : '';
  if (dialect === 'postgres') {
    // At commit (deferred), once per transaction and counter, both counters' rows locked in one order: the
    // rows are held only while the transaction commits, and two that count both never wait for each other.
    await sql
      .raw(
        `create function change_counters_count() returns trigger language plpgsql as $$
        begin
          if current_setting('portico.counted_' || tg_argv[0], true) is distinct from 'yes' then
            perform set_config('portico.counted_' || tg_argv[0], 'yes', true);
            perform 1 from change_counters order by name for update;
            update change_counters set version = version + 1 where name = tg_argv[0];
          end if;
          return null;
        end $$`,
      )
      .execute(db);
    for (const { counter, table, when } of COUNTED)
      for (const event of events)
        await sql
          .raw(
            `create constraint trigger ${table}_${event}_counts_${counter} after ${event} on ${table} deferrable initially deferred for each row${condition(event, when)} execute function change_counters_count('${counter}')`,
          )
          .execute(db);
    return;
  }
  for (const { counter, table, when } of COUNTED)
    for (const event of events)
      await sql
        .raw(
          `create trigger ${table}_${event}_counts_${counter} after ${event} on ${table}${condition(event, when)} begin ${bump(counter)}; end`,
        )
        .execute(db);
}
