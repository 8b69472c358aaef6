import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../../../test/databases.js';
import { openDatabase, type Database } from '../database.js';
import { domainErrorFromDatabase } from '../database-errors.js';

describe('SQLite in a worker thread', () => {
  let database: Database;
  beforeAll(async () => {
    database = openDatabase(testDatabaseUrl('sqlite'));
    await sql`create table items (id integer primary key, name text not null unique, kind integer)`.execute(
      database.db,
    );
  });
  afterAll(() => database.close());

  const names = async () =>
    (
      await database.db
        .selectFrom('items' as never)
        .select('name' as never)
        .orderBy('id' as never)
        .execute()
    ).map((row) => (row as { name: string }).name);
  const insert = (name: string, kind = 0) =>
    CompiledQuery.raw('insert into items (name, kind) values (?, ?)', [name, kind]);

  it('answers reads from the last commit while a transaction is open, without waiting for it', async () => {
    let inside!: string[];
    await database.db.transaction().execute(async (trx) => {
      await trx.executeQuery(insert('uncommitted'));
      inside = await names(); // outside the transaction: the reader connection
    });
    expect(inside).not.toContain('uncommitted');
    expect(await names()).toContain('uncommitted');
  });

  it('runs a batch in order and answers each statement', async () => {
    const [first, second, read] = await database.dialect.runInOrder(database.db, [
      insert('a1'),
      insert('a2'),
      CompiledQuery.raw("select count(*) as n from items where name like 'a%'"),
    ]);
    expect(first!.numAffectedRows).toBe(1n);
    expect(second!.insertId).toBe(first!.insertId! + 1n);
    expect(read!.rows).toEqual([{ n: 2 }]);
  });

  it('stops a batch at its first failure, and the transaction leaves nothing behind', async () => {
    const failing = database.db
      .transaction()
      .execute((trx) => database.dialect.runInOrder(trx, [insert('b1'), insert('b1'), insert('b2')]));
    const error = await failing.catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(domainErrorFromDatabase(error)?.kind).toBe('conflict');
    const after = await names();
    expect(after).not.toContain('b1');
    expect(after).not.toContain('b2');
    // The connection is usable again.
    await database.db.transaction().execute((trx) => trx.executeQuery(insert('b3')));
    expect(await names()).toContain('b3');
  });

  it('lets the reader plan with the statistics the writer gathers', async () => {
    await sql`create table points (x integer, y integer)`.execute(database.db);
    await sql`create index points_x on points (x)`.execute(database.db);
    await sql`create index points_y on points (y)`.execute(database.db);
    await sql`with recursive n(v) as (select 1 union all select v + 1 from n where v < 20000) insert into points select v % 2, v from n`.execute(
      database.db,
    );
    // A read outside a transaction, as the search runs it: a select, so the reader connection plans it.
    const compiled = database.db
      .selectFrom('points' as never)
      .selectAll()
      .where(sql`x`, '=', 1)
      .where(sql`y`, '>', 19990)
      .compile();
    const plan = async () =>
      (
        await database.db.executeQuery<{ detail: string }>({
          ...compiled,
          sql: `explain query plan ${compiled.sql}`,
        })
      ).rows[0]!.detail;
    // Without statistics any equality looks selective; with them, x = 1 matches half the table.
    expect(await plan()).toContain('points_x');
    await sql`analyze points`.execute(database.db);
    expect(await plan()).toContain('points_y');
  });

  it('fails queries after close instead of hanging', async () => {
    const other = openDatabase(testDatabaseUrl('sqlite'));
    await sql`select 1`.execute(other.db);
    await other.close();
    await expect(sql`select 1`.execute(other.db)).rejects.toThrow();
  });
});
