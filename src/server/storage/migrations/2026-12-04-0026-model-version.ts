import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Servers keep the data model (blueprints and their permissions) in memory between requests, and check it
// against this number, which every change of those tables raises in its own transaction, whatever code or
// replica makes it: a read that sees the number sees the model at least as new (model-cache.ts).
const TABLES = ['blueprints', 'blueprint_permissions'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await sql
    .raw(`create table model_version (id integer primary key check (id = 1), version bigint not null)`)
    .execute(db);
  await sql.raw(`insert into model_version (id, version) values (1, 1)`).execute(db);
  const bump = `update model_version set version = version + 1 where id = 1`;
  if (dialect === 'postgres') {
    await sql
      .raw(
        `create function model_version_bump() returns trigger language plpgsql as $$ begin ${bump}; return null; end $$`,
      )
      .execute(db);
    for (const table of TABLES)
      await sql
        .raw(
          `create trigger ${table}_model_version after insert or update or delete or truncate on ${table} for each statement execute function model_version_bump()`,
        )
        .execute(db);
    return;
  }
  for (const table of TABLES)
    for (const event of ['insert', 'update', 'delete'])
      await sql
        .raw(`create trigger ${table}_model_version_${event} after ${event} on ${table} begin ${bump}; end`)
        .execute(db);
}
