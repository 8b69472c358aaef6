import pg from 'pg';
import { ensureWebBuild } from '../scripts/build-web.js';

export const TEST_PG_ADMIN_URL =
  process.env.PORTICO_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Creates PostgreSQL databases named after this run (other work shares the server: a run creates and drops
 * only its own). On CI an unreachable PostgreSQL fails the run; on a developer's machine the PostgreSQL half
 * of the suite is skipped with a warning.
 */
export default async function setup() {
  // Browser tests open the built web app; a build from the current sources is reused.
  await ensureWebBuild();
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
  const run = `portico_run_${process.pid}_${Date.now().toString(36)}`;
  try {
    await client.query(`create database ${run}`);
  } finally {
    await client.end();
  }
  process.env.PORTICO_TEST_PG = 'on';
  // Databases a test creates for itself (an empty catalog) start with this run's name too.
  process.env.PORTICO_TEST_PG_RUN = run;
  return async function teardown() {
    const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
    await admin.connect();
    try {
      const own = await admin.query<{ datname: string }>(
        'select datname from pg_database where datname = $1 or datname like $2',
        [run, `${run}\\_%`],
      );
      for (const { datname } of own.rows)
        await admin.query(`drop database if exists "${datname}" with (force)`);
    } finally {
      await admin.end();
    }
  };
}
