import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, openTestDatabase, uniqueId } from '../../../../test/databases.js';
import { sql } from 'kysely';
import type { Database, Db } from '../database.js';
import { domainErrorFromDatabase } from '../database-errors.js';
import { isStaleWrite } from './index.js';
import { shiftParameters } from './postgres-statements.js';

describeEachDatabase('independent writes (runIndependentWrites, runInTransaction)', (dialect) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(() => database.close());

  const put = (key: string, value: string) =>
    database.db.insertInto('settings').values({ key, value }).compile();
  const set = (key: string, from: string, to: string) => ({
    ...database.db
      .updateTable('settings')
      .set({ value: to })
      .where('key', '=', key)
      .where('value', '=', from)
      .compile(),
    expectChanges: 1,
  });
  const valuesOf = async (keys: string[]) =>
    Object.fromEntries(
      (await database.db.selectFrom('settings').selectAll().where('key', 'in', keys).execute()).map((row) => [
        row.key,
        row.value,
      ]),
    );

  it('writes every statement, each with its own parameters, in one transaction', async () => {
    const [a, b, c] = [uniqueId('a'), uniqueId('b'), uniqueId('c')];
    await database.dialect.runIndependentWrites(database.db, [
      put(a, "it's $1"),
      put(b, '$2 "quoted"'),
      database.db
        .insertInto('settings')
        .values([{ key: c, value: '3' }])
        .compile(),
    ]);
    expect(await valuesOf([a, b, c])).toEqual({ [a]: "it's $1", [b]: '$2 "quoted"', [c]: '3' });
  });

  it('writes none of them when one fails', async () => {
    const [a, b] = [uniqueId('a'), uniqueId('b')];
    await database.dialect.runIndependentWrites(database.db, [put(a, 'first')]);
    const error = await database.dialect
      .runIndependentWrites(database.db, [put(b, 'new'), put(a, 'again')])
      .catch((e: unknown) => e);
    expect(domainErrorFromDatabase(error)?.kind).toBe('conflict');
    expect(await valuesOf([a, b])).toEqual({ [a]: 'first' });
  });

  it('writes none of them when a guarded write changes other than its expected rows', async () => {
    const [a, b, c] = [uniqueId('a'), uniqueId('b'), uniqueId('c')];
    await database.dialect.runIndependentWrites(database.db, [put(a, 'v1')]);
    const guardedUpdate = (from: string, to: string) => set(a, from, to);
    await database.dialect.runIndependentWrites(database.db, [guardedUpdate('v1', 'v2'), put(b, 'with v2')]);
    expect(await valuesOf([a, b])).toEqual({ [a]: 'v2', [b]: 'with v2' });
    // Computed from v1, which is gone: refused as stale, and the insert beside it is undone.
    const stale = await database.dialect
      .runIndependentWrites(database.db, [put(c, 'with v3'), guardedUpdate('v1', 'v3')])
      .catch((e: unknown) => e);
    expect(isStaleWrite(stale)).toBe(true);
    expect(await valuesOf([a, c])).toEqual({ [a]: 'v2' });
    // Alone, too.
    expect(
      isStaleWrite(
        await database.dialect
          .runIndependentWrites(database.db, [guardedUpdate('v1', 'v3')])
          .catch((e: unknown) => e),
      ),
    ).toBe(true);
  });

  it('gives calls made together each its own outcome: one that fails fails alone', async () => {
    const [a, b, c, d] = [uniqueId('a'), uniqueId('b'), uniqueId('c'), uniqueId('d')];
    await database.dialect.runIndependentWrites(database.db, [put(a, 'v1')]);
    const staleUpdate = {
      ...database.db
        .updateTable('settings')
        .set({ value: 'v9' })
        .where('key', '=', a)
        .where('value', '=', 'v0')
        .compile(),
      expectChanges: 1,
    };
    const outcomes = await Promise.allSettled([
      database.dialect.runIndependentWrites(database.db, [put(b, 'b')]),
      database.dialect.runIndependentWrites(database.db, [put(c, 'c'), staleUpdate]),
      database.dialect.runIndependentWrites(database.db, [put(a, 'taken')]),
      database.dialect.runIndependentWrites(database.db, [put(d, 'd')], { unflushed: true }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect(isStaleWrite((outcomes[1] as PromiseRejectedResult).reason)).toBe(true);
    expect(domainErrorFromDatabase((outcomes[2] as PromiseRejectedResult).reason)?.kind).toBe('conflict');
    expect(await valuesOf([a, b, c, d])).toEqual({ [a]: 'v1', [b]: 'b', [d]: 'd' });
  });

  it.runIf(dialect === 'postgres')('writes the calls made in one turn in one transaction', async () => {
    const keys = Array.from({ length: 5 }, () => uniqueId('together'));
    const putTransaction = (key: string) =>
      sql`insert into settings (key, value) values (${key}, txid_current()::text)`.compile(database.db);
    await Promise.all(
      keys.map((key) => database.dialect.runIndependentWrites(database.db, [putTransaction(key)])),
    );
    expect(new Set(Object.values(await valuesOf(keys))).size).toBe(1);
  });

  const count = async (prefix: string) =>
    Number(
      (
        await database.db
          .selectFrom('settings')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('key', 'like', `${prefix}%`)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('commits the ordered statements and the writes together, more writes than one statement takes', async () => {
    const prefix = uniqueId('many');
    const guard = `${prefix}_guard`;
    await database.db.insertInto('settings').values({ key: guard, value: 'v1' }).execute();
    // 2 parameters each: 25,000 writes are 50,000 parameters, over what one combined statement takes.
    const writes = Array.from({ length: 25_000 }, (_, i) => put(`${prefix}_${i}`, String(i)));
    await database.dialect.runInTransaction(database.db, [set(guard, 'v1', 'v2')], writes);
    expect(await count(`${prefix}_`)).toBe(25_001);
    // Writes alone, a guard among them.
    await database.dialect.runInTransaction(
      database.db,
      [],
      [set(guard, 'v2', 'v3'), put(`${prefix}x`, 'x')],
    );
    expect(await count(`${prefix}x`)).toBe(1);
  });

  it('writes nothing when a guard among the writes or the ordered statements fails', async () => {
    const prefix = uniqueId('stale');
    const guard = `${prefix}_guard`;
    await database.db.insertInto('settings').values({ key: guard, value: 'v1' }).execute();
    const amongWrites = await database.dialect
      .runInTransaction(
        database.db,
        [put(`${prefix}_a`, 'a')],
        [put(`${prefix}_b`, 'b'), set(guard, 'v0', 'v2')],
      )
      .catch((e: unknown) => e);
    expect(isStaleWrite(amongWrites)).toBe(true);
    const alone = await database.dialect
      .runInTransaction(database.db, [], [set(guard, 'v0', 'v2'), put(`${prefix}_c`, 'c')])
      .catch((e: unknown) => e);
    expect(isStaleWrite(alone)).toBe(true);
    const ordered = await database.dialect
      .runInTransaction(database.db, [set(guard, 'v0', 'v2')], [put(`${prefix}_d`, 'd')])
      .catch((e: unknown) => e);
    expect(isStaleWrite(ordered)).toBe(true);
    expect(await count(`${prefix}_`)).toBe(1);
  });
});

it('shiftParameters renumbers parameters, and nothing in quotes, names or comments', () => {
  expect(shiftParameters('insert into t (a, "b$1") values ($1, $2::jsonb)', 3)).toBe(
    'insert into t (a, "b$1") values ($4, $5::jsonb)',
  );
  expect(shiftParameters("select '$1', 'it''s $2', $10 -- $3\n, $$ $4 $$, $q$ $5 $q$ /* $6 */", 1)).toBe(
    "select '$1', 'it''s $2', $11 -- $3\n, $$ $4 $$, $q$ $5 $q$ /* $6 */",
  );
  expect(shiftParameters('update t set a = $1', 0)).toBe('update t set a = $1');
});

describeEachDatabase('unflushedReturning', (dialect) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(() => database.close());

  it('turns off waiting for the disk in the transaction of a statement that changes rows, and only there', async () => {
    const key = uniqueId('unflushed');
    await database.db.insertInto('settings').values({ key, value: '0' }).execute();
    const setting = async (db: Db) =>
      dialect === 'postgres'
        ? (await sql<{ s: string }>`select current_setting('synchronous_commit') as s`.execute(db)).rows[0]!.s
        : 'n/a';
    const inside = await database.db.transaction().execute(async (trx) => {
      const before = await setting(trx);
      const rows = await trx
        .updateTable('settings')
        .set({ value: '1' })
        .where('key', '=', key)
        .returning(database.dialect.unflushedReturning.as('unflushed'))
        .execute();
      return { before, rows: rows.length, after: await setting(trx) };
    });
    expect(inside).toEqual(
      dialect === 'postgres'
        ? { before: 'on', rows: 1, after: 'off' }
        : { before: 'n/a', rows: 1, after: 'n/a' },
    );
    // Set for that transaction alone.
    expect(await setting(database.db)).toBe(dialect === 'postgres' ? 'on' : 'n/a');
  });
});
