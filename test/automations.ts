import { expect } from 'vitest';
import { startTestApp, type TestApp } from './app.js';
import type { AppOptions } from '../src/server/app.js';
import type { Poster } from './actions.js';
import { createEmptyDatabaseUrl, uniqueId, type DialectUnderTest } from './databases.js';
import { openDatabase } from '../src/server/storage/database.js';
import { migrate } from '../src/server/storage/migrate.js';

/**
 * A database of the test file's own, migrated: an app that fires automations reads every change on its
 * database, which on the shared one would be every other test's.
 */
export async function automationsDatabaseUrl(dialect: DialectUnderTest): Promise<string> {
  const url = await createEmptyDatabaseUrl(dialect);
  const database = openDatabase(url);
  await migrate(database);
  await database.close();
  return url;
}

/**
 * The app on that database, firing automations, its stream read at once and handed over quickly (and in
 * batches of `options.automations.batchSize`, if given).
 */
export function startAutomationsApp(
  dialect: DialectUnderTest,
  url: string,
  options: Partial<AppOptions> = {},
) {
  return startTestApp(dialect, {
    ...options,
    database: openDatabase(url),
    automations: {
      pollMs: 100,
      leaseMs: 2_000,
      ...(typeof options.automations === 'object' ? options.automations : {}),
    },
    // The database is the file's own: an app started again on it takes up where the last one left off.
    jobNamespace: 'automations',
  });
}

/** Creates an automation through the API: Port's JSON (§6.1), a WEBHOOK to `url` unless told otherwise. */
export async function createAutomation(
  api: Poster,
  trigger: Record<string, unknown>,
  rest: Record<string, unknown> = {},
): Promise<string> {
  const identifier = (rest.identifier as string | undefined) ?? uniqueId('automation');
  const created = await api.post('/v1/actions', {
    identifier,
    title: identifier,
    trigger: { type: 'automation', ...trigger },
    invocationMethod: { type: 'WEBHOOK', url: 'https://backend.example.com/hook' },
    publish: true,
    ...rest,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return identifier;
}

/** The runs of an action or automation, newest first. */
export async function runsOf(api: TestApp, action: string) {
  const answer = await api.get(`/v1/actions/runs?action=${encodeURIComponent(action)}&limit=100`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.runs as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
}
