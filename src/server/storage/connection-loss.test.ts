import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl, uniqueId, terminateBackends } from '../../../test/databases.js';
import { openDatabase, type Database } from './database.js';

// A PostgreSQL restart, failover or dropped connection must not end the process: the pool replaces the
// connection, and the next request is served.
describe.skipIf(process.env.PORTICO_TEST_PG === 'off')('a lost PostgreSQL connection [postgres]', () => {
  const opened: Database[] = [];
  afterAll(() => Promise.all(opened.map((database) => database.close())));

  it('is reported, not thrown, whether the connection was idle or in use, and the next query works', async () => {
    const applicationName = uniqueId('lost');
    const lost: Error[] = [];
    const database = openDatabase(`${testDatabaseUrl('postgres')}?application_name=${applicationName}`, {
      onConnectionError: (error) => lost.push(error),
    });
    opened.push(database);
    // Two connections: one idle in the pool, one checked out by a transaction that waits.
    await Promise.all([sql`select 1`.execute(database.db), sql`select 2`.execute(database.db)]);
    let release!: () => void;
    const waiting = new Promise<void>((resolve) => (release = resolve));
    const held = database.db
      .transaction()
      .execute(async (trx) => {
        await sql`select 1`.execute(trx);
        await waiting;
        await sql`select 1`.execute(trx);
      })
      .then(
        () => 'committed',
        () => 'failed',
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await terminateBackends(applicationName)).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < 100 && lost.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    expect(await held).toBe('failed');
    expect(lost.length).toBeGreaterThanOrEqual(1);
    const { rows } = await sql<{ answer: number }>`select 42 as answer`.execute(database.db);
    expect(rows).toEqual([{ answer: 42 }]);
  });
});
