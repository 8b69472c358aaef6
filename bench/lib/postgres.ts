import pg from 'pg';

const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// BENCH_PG_DATABASE: another name, when two benchmarks share one PostgreSQL.
const DATABASE = process.env.BENCH_PG_DATABASE ?? 'portico_bench';
/** A second database, for a load beside the server's (bench:ingest's raw floor); BENCH_PG_RAW_DATABASE. */
export const RAW_DATABASE = process.env.BENCH_PG_RAW_DATABASE ?? `${DATABASE}_raw`;

/** Drops and creates the benchmark database (or another of the benchmarks' own); returns its URL. */
export async function recreatePostgresDatabase(name = DATABASE): Promise<string> {
  const url = new URL(ADMIN_URL);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost')
    throw new Error(`benchmarks only talk to 127.0.0.1, not ${url.hostname}`);
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * What autovacuum does within a minute or so of a bulk load (vacuum for the visibility map, fresh
 * statistics), done now so that searches are timed on a settled database rather than against autovacuum.
 */
export async function settlePostgresDatabase(): Promise<void> {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DATABASE}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query('vacuum (analyze) entities, entity_relations, entity_versions, audit_log');
  } finally {
    await client.end();
  }
}
