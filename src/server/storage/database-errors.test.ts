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
