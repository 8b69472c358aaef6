/**
 * npm run bench:search [-- --entities=100000 --large=1000000 --runs=200 --dialects=sqlite,postgres]
 *
 * Loads the benchmark catalog into the real server (child process, fresh database) and times searches
 * over HTTP, one at a time: p50/p95/p99 per query. SQLite then grows to --large entities (0 skips it) and
 * is measured again. PostgreSQL is vacuumed and analysed after the load, as autovacuum would be shortly.
 */
import { createCatalog, SERVICE } from './lib/catalog.js';
import { loadServices } from './lib/load.js';
import { dialectsSetting, intSetting } from './lib/options.js';
import { SEARCHES } from './lib/queries.js';
import { fmt, percentile, printTable, progressLine } from './lib/report.js';
import { settlePostgresDatabase } from './lib/postgres.js';
import { startServer, type BenchServer } from './lib/server.js';

const entities = intSetting('ENTITIES', 100_000);
const large = intSetting('LARGE', 1_000_000, true);
const runs = intSetting('RUNS', 200);
const WARMUP = 20;

const rows: Array<Record<string, string | number>> = [];
const loads: string[] = [];

async function measure(server: BenchServer, dialect: string, size: number) {
  const path = `/v1/blueprints/${SERVICE}/entities/search`;
  for (const [name, body] of Object.entries(SEARCHES)) {
    for (let i = 0; i < WARMUP; i++) await server.api.post(path, body(i));
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const answer = await server.api.post<{ entities: unknown[] }>(path, body(i));
      times.push(performance.now() - started);
      found += answer.entities.length;
    }
    times.sort((a, b) => a - b);
    const goal = size > 100_000 ? 100 : 20;
    rows.push({
      database: dialect,
      entities: size,
      query: name,
      'p50 ms': fmt(percentile(times, 50)),
      'p95 ms': fmt(percentile(times, 95)),
      'p99 ms': fmt(percentile(times, 99)),
      'avg hits': Math.round(found / runs),
      goal: `p95 ≤ ${goal}`,
      met: percentile(times, 95) <= goal ? 'yes' : 'no',
    });
  }
  if (size <= 100_000) await listEverything(server, dialect, size);
  rows.push({
    database: dialect,
    entities: size,
    query: '(server RSS MB)',
    'p50 ms': fmt(server.memoryMb(), 0),
  });
}

/**
 * Issue 14's goal: GET …/entities without a limit answers every entity of the blueprint (as Port does), in
 * ≤ 3 s for 100,000, the server's memory staying within 100 MB of what it was before (sampled every 10 ms).
 */
async function listEverything(server: BenchServer, dialect: string, size: number) {
  const times: number[] = [];
  const growth: number[] = [];
  for (let run = 0; run < 3; run++) {
    const before = server.memoryMb();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, server.memoryMb())), 10);
    const started = performance.now();
    const answer = await server.api.request<{ entities: unknown[] }>(
      'GET',
      `/v1/blueprints/${SERVICE}/entities`,
    );
    times.push(performance.now() - started);
    clearInterval(sampler);
    growth.push(Math.max(peak, server.memoryMb()) - before);
    if (answer.entities.length !== size)
      throw new Error(`listed ${answer.entities.length} entities, not ${size}`);
  }
  times.sort((a, b) => a - b);
  rows.push({
    database: dialect,
    entities: size,
    query: 'GET …/entities, every entity',
    'p50 ms': fmt(percentile(times, 50)),
    'p95 ms': fmt(times[times.length - 1]!),
    'p99 ms': `RSS +${fmt(Math.max(...growth), 0)} MB`,
    'avg hits': size,
    goal: '≤ 3,000 ms, ≤ +100 MB',
    met: times[times.length - 1]! <= 3000 && Math.max(...growth) <= 100 ? 'yes' : 'no',
  });
}

for (const dialect of dialectsSetting()) {
  const server = await startServer(dialect);
  try {
    await createCatalog(server.api);
    const load = async (from: number, count: number) => {
      const progress = progressLine(`${dialect} load`);
      const seconds = await loadServices(server.api, { batch: 2000, concurrency: 4, progress, from, count });
      process.stderr.write('\n');
      loads.push(
        `${dialect}: entities ${from} to ${from + count} loaded at ${Math.round(count / seconds)}/s`,
      );
    };
    await load(0, entities);
    if (dialect === 'postgres') await settlePostgresDatabase();
    await measure(server, dialect, entities);
    if (dialect === 'sqlite' && large > entities) {
      await load(entities, large - entities);
      await measure(server, dialect, large);
    }
  } finally {
    await server.stop();
  }
}
console.log(
  `\nSearch over HTTP, POST /v1/blueprints/${SERVICE}/entities/search, ${runs} runs per query, one at a time`,
);
printTable(rows);
console.log(`(loaded through the bulk API, batches of 2,000, 4 in flight)\n${loads.join('\n')}`);
