import type { AddressInfo } from 'node:net';
import { loadDemoCatalog } from '../src/server/demo/demo-catalog.js';
import { systemActor } from '../src/server/identity/actor.js';
import { openDatabase } from '../src/server/storage/database.js';
import { migrate } from '../src/server/storage/migrate.js';
import { claimOnce } from '../src/server/storage/settings.repo.js';
import { startTestApp } from './app.js';
import { createEmptyDatabaseUrl, type DialectUnderTest } from './databases.js';

/** The key the demo app signs webhooks and runner invocations with. */
export const DEMO_SIGNING_KEY = 'the-demo-apps-signing-key-for-runner-tests';

/**
 * A test app on a database of its own with the demo catalog and its actions loaded, listening on a
 * loopback port so that runners reach it over real HTTP (`url`). With `automations` (the database is its
 * own) the demo's automations fire and its timers run, the change stream read at once.
 */
export async function startDemoApp(dialect: DialectUnderTest, options: { automations?: boolean } = {}) {
  const database = openDatabase(await createEmptyDatabaseUrl(dialect));
  await migrate(database);
  const api = await startTestApp(dialect, {
    database,
    ...(options.automations ? { automations: { pollMs: 100, leaseMs: 2_000 } } : {}),
    webhooks: {
      secret: DEMO_SIGNING_KEY,
      allowPrivate: ['127.0.0.0/8'],
      timeoutMs: 5_000,
      maxAttempts: 3,
      backoff: { baseMs: 20, capMs: 200 },
    },
  });
  const loaded = await loadDemoCatalog(
    api.services,
    (key) => claimOnce(database.db, key),
    systemActor('demo'),
  );
  if (!loaded) throw new Error('the demo catalog was not loaded into the empty database');
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = api.app.server.address() as AddressInfo;
  return { ...api, url: `http://127.0.0.1:${port}` };
}

export type DemoApp = Awaited<ReturnType<typeof startDemoApp>>;
