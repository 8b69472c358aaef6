import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, uniqueId } from '../../../test/databases.js';
import type { Database } from './database.js';
import { PREPARE_AFTER } from './postgres-prepared.js';

describe.skipIf(process.env.PORTICO_TEST_PG === 'off')('prepared statements on PostgreSQL [postgres]', () => {
  let database: Database;
  const table = uniqueId('prepared').replace(/-/g, '_');
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await sql`create table ${sql.id(table)} (id integer primary key, name text)`.execute(database.db);
    await sql`insert into ${sql.id(table)} values (1, 'one'), (2, 'two')`.execute(database.db);
  });
  afterAll(async () => {
    await sql`drop table if exists ${sql.id(table)}`.execute(database.db);
    await database.close();
  });

  const byId = (id: number) =>
    database.db
      .selectFrom(table as never)
      .selectAll()
      .where('id' as never, '=', id as never);
  const preparedHere = async (conn: typeof database.db) =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(conn)).rows.map(
      (row) => row.statement,
    );

  it('prepares a statement once it is frequent, and still plans it for each run', async () => {
    await database.db.connection().execute(async (conn) => {
      for (let i = 0; i < PREPARE_AFTER - 1; i++) await byId(1).execute();
      const compiled = byId(1).compile().sql;
      await byId(2).executeTakeFirst();
      const rows = await conn
        .selectFrom(table as never)
        .selectAll()
        .where('id' as never, '=', 2 as never)
        .execute();
      expect(rows).toEqual([{ id: 2, name: 'two' }]);
      expect(await preparedHere(conn)).toContain(compiled);
      expect(
        (await sql<{ plan_cache_mode: string }>`show plan_cache_mode`.execute(conn)).rows[0]!.plan_cache_mode,
      ).toBe('force_custom_plan');
    });
  });

  it('answers a prepared statement whose table gained a column, outside a transaction and after one', async () => {
    await database.db.connection().execute(async (conn) => {
      const read = () =>
        conn
          .selectFrom(table as never)
          .selectAll()
          .where('id' as never, '=', 1 as never)
          .execute();
      for (let i = 0; i < PREPARE_AFTER + 1; i++) await read();
      await sql`alter table ${sql.id(table)} add column extra text`.execute(database.db);
      expect(await read()).toEqual([{ id: 1, name: 'one', extra: null }]);
      await sql`alter table ${sql.id(table)} add column more text`.execute(database.db);
      // Inside a transaction the refusal stands (the transaction is aborted); the next run prepares again.
      await expect(
        conn.transaction().execute(async (trx) => {
          await trx
            .selectFrom(table as never)
            .selectAll()
            .where('id' as never, '=', 1 as never)
            .execute();
        }),
      ).rejects.toMatchObject({ code: '0A000' });
      expect(await read()).toEqual([{ id: 1, name: 'one', extra: null, more: null }]);
    });
  });
});
