import pg from 'pg';

export const TEST_PG_ADMIN_URL =
  process.env.PORTICO_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_PG_DATABASE = 'portico_test';

/**
 * Creates a fresh PostgreSQL database for the run. On CI an unreachable PostgreSQL fails the run; on a
 * developer's machine the PostgreSQL half of the suite is skipped with a warning.
 */
export default async function setup() {
  const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    if (process.env.CI)
      throw new Error(`PostgreSQL is unreachable at ${TEST_PG_ADMIN_URL}: ${(error as Error).message}`);
    console.warn(`PostgreSQL unreachable (${(error as Error).message}): PostgreSQL tests are skipped`);
    process.env.PORTICO_TEST_PG = 'off';
    return;
  }
  try {
    await client.query(`drop database if exists ${TEST_PG_DATABASE} with (force)`);
    const leftovers = await client.query<{ datname: string }>(
      "select datname from pg_database where datname like 'portico_fresh_%'",
    );
    for (const { datname } of leftovers.rows)
      await client.query(`drop database if exists "${datname}" with (force)`);
    await client.query(`create database ${TEST_PG_DATABASE}`);
  } finally {
    await client.end();
  }
  process.env.PORTICO_TEST_PG = 'on';
}
