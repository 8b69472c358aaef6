/**
 * npm run bench:history [-- --entities=100000 --dialects=sqlite,postgres --batch=1000 --concurrency=4]
 *
 * Issue 13: what keeping every version costs ingest. Two apps in this process, one keeping history and
 * one not, each on a database of its own with the same catalog, take the same bulk upserts of the bench
 * services in turn (CONCURRENCY batches of BATCH at once, the order turning each round), called in memory
 * (Fastify's inject): no HTTP client shares the cores, so the difference is the server's and the
 * database's own. Goal: history costs ≤ 10 % (wall time), also reported in CPU time (this process: the
 * server thread and SQLite's worker). Then each renames a property that every entity holds (a version of
 * each where history is kept), timed once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/server/app.js';
import { openDatabase } from '../src/server/storage/database.js';
import { migrate } from '../src/server/storage/migrate.js';
import type { Api } from './lib/api.js';
import { createCatalog, SERVICE, serviceEntity } from './lib/catalog.js';
import { dialectsSetting, intSetting, type DialectName } from './lib/options.js';
import { recreatePostgresDatabase } from './lib/postgres.js';
import { fmt, printTable } from './lib/report.js';

const ENTITIES = intSetting('ENTITIES', 100_000);
const BATCH = intSetting('BATCH', 1000);
const CONCURRENCY = intSetting('CONCURRENCY', 4);

async function inProcessApp(dialect: DialectName, name: string, history: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'portico-history-'));
  const url =
    dialect === 'sqlite'
      ? `sqlite:${join(dir, 'portico.db')}`
      : await recreatePostgresDatabase(`portico_bench_${name}`);
  const database = openDatabase(url);
  await migrate(database);
  const { app, services } = await buildApp({
    database,
    bodyLimit: 50 * 1024 * 1024,
    tokenTtlSeconds: 3600,
    entityHistory: history,
  });
  await services.credentials.ensureAdminCredential('bench', 'bench-secret-not-for-production');
  const { accessToken } = await services.credentials.issueToken('bench', 'bench-secret-not-for-production');
  const send = async (method: 'POST' | 'PATCH', url: string, body: unknown) => {
    const response = await app.inject({
      method,
      url,
      payload: body as object,
      headers: { authorization: `Bearer ${accessToken}` },
    });
    if (response.statusCode >= 300)
      throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 300)}`);
    return response.json();
  };
  const post = (url: string, body: unknown) => send('POST', url, body);
  await createCatalog({ post } as unknown as Api);
  return {
    post,
    patch: (url: string, body: unknown) => send('PATCH', url, body),
    wallMs: 0,
    cpuMs: 0,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const rows = [];
for (const dialect of dialectsSetting()) {
  const kept = await inProcessApp(dialect, 'history', true);
  const none = await inProcessApp(dialect, 'nohistory', false);
  try {
    const round = BATCH * CONCURRENCY;
    for (let from = 0, r = 0; from < ENTITIES; from += round, r++) {
      for (const app of r % 2 ? [none, kept] : [kept, none]) {
        const cpu = process.cpuUsage();
        const started = performance.now();
        await Promise.all(
          Array.from({ length: CONCURRENCY }, (_, b) => {
            const entities = [];
            for (let i = from + b * BATCH; i < Math.min(ENTITIES, from + (b + 1) * BATCH); i++)
              entities.push(serviceEntity(i));
            return entities.length
              ? app.post(`/v1/blueprints/${SERVICE}/entities/bulk?upsert=true`, { entities })
              : undefined;
          }),
        );
        app.wallMs += performance.now() - started;
        const used = process.cpuUsage(cpu);
        app.cpuMs += (used.user + used.system) / 1000;
      }
    }
    // A property renamed under every entity: each gets a version of it where history is kept.
    const renameMs = new Map<typeof kept, number>();
    for (const app of [kept, none]) {
      const started = performance.now();
      await app.patch(`/v1/blueprints/${SERVICE}/properties/slackChannel/rename`, {
        newPropertyName: 'chatChannel',
      });
      renameMs.set(app, performance.now() - started);
    }
    const cost = (a: number, b: number) => (a / b - 1) * 100;
    const wall = cost(kept.wallMs, none.wallMs);
    rows.push({
      database: dialect,
      entities: ENTITIES,
      'with history, entities/s': Math.round(ENTITIES / (kept.wallMs / 1000)),
      'without, entities/s': Math.round(ENTITIES / (none.wallMs / 1000)),
      'history cost, wall': `${fmt(wall)} %`,
      'history cost, CPU': `${fmt(cost(kept.cpuMs, none.cpuMs))} %`,
      goal: '≤ 10 %',
      met: wall <= 10 ? 'yes' : 'no',
      'property rename, with history': `${Math.round(renameMs.get(kept)!)} ms`,
      'without, ms': `${Math.round(renameMs.get(none)!)} ms`,
    });
  } finally {
    await kept.close();
    await none.close();
  }
}
console.log(`\n${BATCH} entities a batch, ${CONCURRENCY} batches at once, interleaved rounds`);
printTable(rows);
