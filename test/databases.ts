import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { openDatabase, type Database } from '../src/server/storage/database.js';
import { migrate } from '../src/server/storage/migrate.js';

export type DialectUnderTest = 'sqlite' | 'postgres';

const adminUrl = () => process.env.PORTICO_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const runDatabase = () => process.env.PORTICO_TEST_PG_RUN ?? 'portico_test';
const pgUrl = () => adminUrl().replace(/\/[^/]*$/, `/${runDatabase()}`);

export function testDatabaseUrl(dialect: DialectUnderTest): string {
  if (dialect === 'postgres') return pgUrl();
  return `sqlite:${join(mkdtempSync(join(tmpdir(), 'portico-test-')), 'portico.db')}`;
}

/** A migrated database of the given dialect; SQLite gets a fresh file, PostgreSQL the shared test database. */
export async function openTestDatabase(dialect: DialectUnderTest): Promise<Database> {
  const database = openDatabase(testDatabaseUrl(dialect));
  await migrate(database);
  return database;
}

/**
 * A database nobody else uses: a new SQLite file, or a new PostgreSQL database (for tests that need an
 * empty catalog, such as first start). Not migrated.
 */
export async function createEmptyDatabaseUrl(dialect: DialectUnderTest): Promise<string> {
  if (dialect === 'sqlite') return testDatabaseUrl('sqlite');
  const name = `${runDatabase()}_${uniqueId('fresh').toLowerCase()}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return adminUrl().replace(/\/[^/]*$/, `/${name}`);
}

/** Runs the same suite once per database. Isolation comes from fresh names per test (see uniqueId). */
export function describeEachDatabase(name: string, suite: (dialect: DialectUnderTest) => void) {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const skip = dialect === 'postgres' && process.env.PORTICO_TEST_PG === 'off';
    (skip ? describe.skip : describe)(`${name} [${dialect}]`, () => suite(dialect));
  }
}

let counter = 0;
/** A name no other test uses, valid as a blueprint or entity identifier. */
export function uniqueId(prefix = 't'): string {
  counter += 1;
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter}`;
}

/** Ends every PostgreSQL connection of this application name, as a restart or failover would; how many. */
export async function terminateBackends(applicationName: string): Promise<number> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    const ended = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
      [applicationName],
    );
    return ended.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}
