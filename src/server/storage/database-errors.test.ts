import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase } from '../../../test/databases.js';
import type { Database } from './database.js';
import { domainErrorFromDatabase } from './database-errors.js';

// The real refusals of PostgreSQL, turned into 422s naming what to fix rather than 500s.
describe.skipIf(process.env.PORTICO_TEST_PG === 'off')('database refusals [postgres]', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
  });
  afterAll(() => database.close());

  const refusalOf = async (query: ReturnType<typeof sql>) => {
    const error = await query.execute(database.db).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    return domainErrorFromDatabase(error);
  };

  it('answers dates outside years 0001-9999 with 422 invalid_date', async () => {
    for (const value of ['0000-01-01T00:00:00Z', '+010000-01-01T00:00:00.000Z']) {
      const error = await refusalOf(sql`select ${value}::timestamptz`);
      expect(error).toMatchObject({ kind: 'unprocessable', code: 'invalid_date' });
      expect(error?.message).toContain('0001 to 9999');
    }
  });

  it("answers a statement cancelled by the database's own statement_timeout with 503 query_timeout", async () => {
    const error = await database.db
      .transaction()
      .execute(async (trx) => {
        await sql`set local statement_timeout = 50`.execute(trx);
        await sql`select pg_sleep(5)`.execute(trx);
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(domainErrorFromDatabase(error)).toMatchObject({ kind: 'unavailable', code: 'query_timeout' });
  });

  it('answers text it cannot store with 422 invalid_text', async () => {
    for (const query of [sql`select ${'a\u0000'}::text`, sql`select ${'{"a":"\\u0000"}'}::jsonb`]) {
      const error = await refusalOf(query);
      expect(error).toMatchObject({ kind: 'unprocessable', code: 'invalid_text' });
    }
  });
});

// Two processes writing one SQLite file: the one whose snapshot another wrote past is refused with an
// extended BUSY code, which is a lost race for the client to send again, not a 500.
describe('database refusals [sqlite]', () => {
  it('answers a write whose snapshot another connection wrote past with 409 write_conflict', async () => {
    const { default: Sqlite } = await import('better-sqlite3');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'portico-busy-'));
    const [first, second] = [0, 1].map(() => new Sqlite(join(dir, 'db.sqlite')));
    try {
      first!.pragma('journal_mode = WAL');
      first!.exec('create table t (n integer)');
      first!.exec('begin');
      first!.prepare('select count(*) from t').get();
      second!.exec('insert into t values (1)');
      let error: unknown;
      try {
        first!.exec('insert into t values (2)');
      } catch (e) {
        error = e;
      }
      expect((error as { code?: string }).code).toBe('SQLITE_BUSY_SNAPSHOT');
      expect(domainErrorFromDatabase(error)).toMatchObject({ kind: 'conflict', code: 'write_conflict' });
    } finally {
      first!.close();
      second!.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
