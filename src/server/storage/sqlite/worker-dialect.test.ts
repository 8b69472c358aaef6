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

  it('runs a transaction of its own in one message, its statements in order', async () => {
    await database.dialect.runInTransaction(database.db, [
      insert('a1'),
      CompiledQuery.raw("update items set kind = 7 where name = 'a1'"),
      insert('a2'),
    ]);
    const rows = await database.db
      .selectFrom('items' as never)
      .select(['name' as never, 'kind' as never])
      .where(sql`name`, 'in', ['a1', 'a2'])
      .orderBy('id' as never)
      .execute();
    expect(rows).toEqual([
      { name: 'a1', kind: 7 },
      { name: 'a2', kind: 0 },
    ]);
  });

  it('answers statements sent in the same turn of the event loop each on its own, in order', async () => {
    // Sent to the worker together (one message per turn); each has its own answer or error.
    const writes = await Promise.allSettled(
      ['t1', 't2', 't1', 't3'].map((name) => database.db.executeQuery(insert(name))),
    );
    expect(writes.map((write) => write.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const reads = await Promise.all(
      ['t1', 't2', 't3', 'missing'].map((name) =>
        database.db.executeQuery(CompiledQuery.raw('select name from items where name = ?', [name])),
      ),
    );
    expect(reads.map((read) => read.rows)).toEqual([
      [{ name: 't1' }],
      [{ name: 't2' }],
      [{ name: 't3' }],
      [],
    ]);
    const ids = (await names()).filter((name) => name.startsWith('t'));
    expect(ids).toEqual(['t1', 't2', 't3']);
  });

  it('answers a read while the writer is busy with a long transaction', async () => {
    const order: string[] = [];
    const write = database.dialect
      .runInTransaction(database.db, [
        CompiledQuery.raw(
          "with recursive n(v) as (select 1 union all select v + 1 from n where v < 300000) insert into items (name, kind) select 'bulk' || v, 2 from n",
        ),
      ])
      .then(() => order.push('write'));
    const read = names().then(() => order.push('read'));
    await Promise.all([write, read]);
    expect(order).toEqual(['read', 'write']);
  });

  it('rolls a failing transaction back whole, and the writer works afterwards', async () => {
    const failing = database.dialect.runInTransaction(database.db, [
      insert('b1'),
      insert('b1'),
      insert('b2'),
    ]);
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

describe('SQLite reads under a time limit', () => {
  let database: Database;
  beforeAll(() => {
    database = openDatabase(testDatabaseUrl('sqlite'), { queryTimeoutMs: 200 });
  });
  afterAll(() => database.close());

  // A select (so that the limit applies) counting far, checking the limit at every step or not: unchecked,
  // only to ~20 million (a few seconds), which the worker then has to finish before it closes.
  const counting = (checked: boolean) =>
    database.db
      .selectFrom(
        sql`(with recursive n(v) as (select 1 union all select v + 1 from n where ${sql.raw(checked ? 'portico_continue() and ' : '')}v < ${sql.raw(checked ? '1000000000' : '20000000')}) select count(*) as c from n)`.as(
          'x',
        ),
      )
      .selectAll()
      .execute();

  it('stops a statement that checks the limit, and the reader answers the next one', async () => {
    await expect(counting(true)).rejects.toMatchObject({ code: 'query_timeout' });
    expect(await sql<{ one: number }>`select 1 as one`.execute(database.db)).toMatchObject({
      rows: [{ one: 1 }],
    });
    expect(
      (
        await database.db
          .selectFrom(sql`(select 2 as two)`.as('x'))
          .selectAll()
          .execute()
      )[0],
    ).toEqual({
      two: 2,
    });
  });

  it('answers a statement that cannot be stopped at the limit, and a read queued behind it too', async () => {
    const [running, queued] = await Promise.allSettled([
      counting(false),
      database.db
        .selectFrom(sql`(select 3 as three)`.as('x'))
        .selectAll()
        .execute(),
    ]);
    expect(running).toMatchObject({ status: 'rejected', reason: { code: 'query_timeout' } });
    expect(queued).toMatchObject({ status: 'rejected', reason: { code: 'query_timeout' } });
  });
});

describe('two servers on one SQLite file', () => {
  it('has a transaction that read before the other server wrote write after that write, not refused', async () => {
    const url = testDatabaseUrl('sqlite');
    const [mine, other] = [openDatabase(url), openDatabase(url)];
    const counter = async () =>
      (await mine.db.executeQuery<{ n: number }>(CompiledQuery.raw('select n from counter'))).rows[0]!.n;
    try {
      await sql`create table counter (n integer not null)`.execute(mine.db);
      await sql`insert into counter values (0)`.execute(mine.db);
      let theirs!: Promise<unknown>;
      await mine.db.transaction().execute(async (trx) => {
        const read = await trx.executeQuery<{ n: number }>(CompiledQuery.raw('select n from counter'));
        // Sent while this transaction holds what it read; given the time to commit, were it not made to wait.
        theirs = other.db.executeQuery(CompiledQuery.raw('update counter set n = n + 10'));
        await new Promise((resolve) => setTimeout(resolve, 100));
        await trx.executeQuery(CompiledQuery.raw('update counter set n = ?', [read.rows[0]!.n + 1]));
      });
      await theirs;
      // Both kept: the read-modify-write against the row as it was, the other write after it.
      expect(await counter()).toBe(11);
    } finally {
      await Promise.all([mine.close(), other.close()]);
    }
  });
});
