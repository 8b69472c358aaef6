import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, uniqueId } from '../../../test/databases.js';
import type { Database, Db } from './database.js';
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

  const rename = (db: Db, id: number, name: string) =>
    db
      .updateTable(table as never)
      .set({ name } as never)
      .where('id' as never, '=', id as never)
      .returningAll();
  const read = (db: Db, id: number) =>
    db
      .selectFrom(table as never)
      .selectAll()
      .where('id' as never, '=', id as never);
  const preparedOn = async (conn: Db) =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(conn)).rows.map(
      (row) => row.statement,
    );

  it('prepares a write once it is frequent, and never a read', async () => {
    await database.db.connection().execute(async (conn) => {
      for (let i = 0; i <= PREPARE_AFTER; i++) {
        await rename(conn, 2, `two-${i}`).execute();
        await read(conn, 2).execute();
      }
      expect(await read(conn, 2).execute()).toEqual([{ id: 2, name: `two-${PREPARE_AFTER}` }]);
      const prepared = await preparedOn(conn);
      expect(prepared).toContain(rename(conn, 2, 'x').compile().sql);
      expect(prepared).not.toContain(read(conn, 2).compile().sql);
    });
  });

  it('answers a prepared write whose table gained a column, outside a transaction and after one', async () => {
    await database.db.connection().execute(async (conn) => {
      for (let i = 0; i <= PREPARE_AFTER; i++) await rename(conn, 1, 'one').execute();
      await sql`alter table ${sql.id(table)} add column extra text`.execute(database.db);
      expect(await rename(conn, 1, 'one').execute()).toEqual([{ id: 1, name: 'one', extra: null }]);
      await sql`alter table ${sql.id(table)} add column more text`.execute(database.db);
      // Inside a transaction the refusal stands (the transaction is aborted); the next run prepares again.
      await expect(
        conn.transaction().execute((trx) => rename(trx, 1, 'one').execute()),
      ).rejects.toMatchObject({ code: '0A000' });
      expect(await rename(conn, 1, 'one').execute()).toEqual([
        { id: 1, name: 'one', extra: null, more: null },
      ]);
    });
  });
});
