import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { openDatabase, type Database } from '../src/server/storage/database.js';
import { migrate } from '../src/server/storage/migrate.js';

export type DialectUnderTest = 'sqlite' | 'postgres';

const pgUrl = () =>
  (process.env.PORTICO_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres').replace(
    /\/[^/]*$/,
    '/portico_test',
  );

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
