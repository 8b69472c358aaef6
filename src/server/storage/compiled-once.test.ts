import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, openTestDatabase } from '../../../test/databases.js';
import { compiledOnce } from './compiled-once.js';
import type { Database } from './database.js';

describeEachDatabase('a select compiled once, run with other values', (dialect) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => database?.close());

  it('binds each run’s values where their stand-ins were, and keeps the statement’s own values', async () => {
    let builds = 0;
    const pair = compiledOnce(2, (db, a: string, b: number) => {
      builds += 1;
      return db
        .selectFrom('change_counters')
        .where('name', '=', 'model')
        .select([sql<string>`${a}`.as('a'), sql<number>`${b} + 1`.as('b'), sql<string>`${'fixed'}`.as('c')]);
    });
    expect(await pair(database.db, 'x', 1)).toEqual([{ a: 'x', b: 2, c: 'fixed' }]);
    expect(await pair(database.db, 'y', 41)).toEqual([{ a: 'y', b: 42, c: 'fixed' }]);
    expect(builds).toBe(1);
  });

  it('refuses a statement that puts a value anywhere but in a bound parameter', async () => {
    const inlined = compiledOnce(1, (db, a: string) =>
      db.selectFrom('change_counters').where('name', '=', 'model').select(sql.lit(a).as('a')),
    );
    await expect(inlined(database.db, 'x')).rejects.toThrow(/bound parameter/);
  });
});
