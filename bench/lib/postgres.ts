import pg from 'pg';

const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'portico_bench';

/** Drops and creates the benchmark database; returns its URL. */
export async function recreatePostgresDatabase(): Promise<string> {
  const url = new URL(ADMIN_URL);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost')
    throw new Error(`benchmarks only talk to 127.0.0.1, not ${url.hostname}`);
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(`drop database if exists ${DATABASE} with (force)`);
    await client.query(`create database ${DATABASE}`);
  } finally {
    await client.end();
  }
  url.pathname = `/${DATABASE}`;
  return url.toString();
}
