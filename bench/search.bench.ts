/**
 * npm run bench:search [-- --entities=100000 --large=1000000 --runs=200 --dialects=sqlite,postgres
 *                         --as-of=20000,100000]
 *
 * Loads the benchmark catalog into the real server (child process, fresh database), services forming one
 * dependsOn chain (svc-i depends on svc-(i-1)), and times searches over HTTP, one at a time: p50/p95/p99
 * per query. SQLite then grows to --large entities (0 skips it) and
 * is measured again. PostgreSQL is vacuumed and analysed after the load, as autovacuum would be shortly.
 *
 * As the load passes each --as-of size (0 skips them), relation searches are timed as of the instant
 * then, after 2% of the services have moved to another team, each against the same search of the catalog
 * as it is, the two interleaved run by run.
 */
import { createCatalog, SERVICE, serviceEntity, TEAMS } from './lib/catalog.js';
import { loadServices } from './lib/load.js';
import { dialectsSetting, intListSetting, intSetting } from './lib/options.js';
import { AS_OF_SEARCHES, SEARCHES } from './lib/queries.js';
import { fmt, percentile, printTable, progressLine } from './lib/report.js';
import { settlePostgresDatabase } from './lib/postgres.js';
import { startServer, type BenchServer } from './lib/server.js';
import { listingFloorMs } from './lib/list-floor.js';

const entities = intSetting('ENTITIES', 100_000);
const large = intSetting('LARGE', 1_000_000, true);
const runs = intSetting('RUNS', 200);
const asOfSizes = intListSetting('AS_OF', [20_000, 100_000]).filter((size) => size <= entities);
const WARMUP = 20;

const rows: Array<Record<string, string | number>> = [];
const asOfRows: Array<Record<string, string | number>> = [];
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
 * Each run follows a run of the floor (listingFloorMs), so that the two meet the machine at the same speed.
 */
async function listEverything(server: BenchServer, dialect: string, size: number) {
  const times: number[] = [];
  const growth: number[] = [];
  const floors: number[] = [];
  for (let run = 0; run < 3; run++) {
    floors.push(await listingFloorMs(server, SERVICE));
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
  floors.sort((a, b) => a - b);
  rows.push({
    database: dialect,
    entities: size,
    query: 'the database alone, one statement (floor)',
    'p50 ms': fmt(percentile(floors, 50)),
    'p95 ms': fmt(floors[floors.length - 1]!),
    'p99 ms': `listing / floor ${(percentile(times, 50) / percentile(floors, 50)).toFixed(2)}`,
    'avg hits': size,
  });
}

/**
 * The instant after the first `size` services were loaded, then every 50th of them moved to another team
 * (a version each after the instant); each AS_OF_SEARCHES query timed as of that instant and now, in turn.
 */
async function measureAsOf(server: BenchServer, dialect: string, size: number, round: number) {
  await new Promise((resolve) => setTimeout(resolve, 10));
  const at = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 10));
  const moved = [];
  for (let i = 0; i < size; i += 50) {
    const service = serviceEntity(i);
    moved.push({ ...service, relations: { ...service.relations, team: `team-${(i + round) % TEAMS}` } });
  }
  for (let i = 0; i < moved.length; i += 2000)
    await server.api.post(`/v1/blueprints/${SERVICE}/entities/bulk?upsert=true`, {
      entities: moved.slice(i, i + 2000),
    });
  for (const [name, search] of Object.entries(AS_OF_SEARCHES)) {
    const path = `/v1/blueprints/${search.blueprint}/entities/search`;
    const paths = { now: path, 'as of': `${path}?as_of=${at}` };
    for (let i = 0; i < WARMUP; i++)
      for (const p of Object.values(paths)) await server.api.post(p, search.body(i, size));
    const times = { now: [] as number[], 'as of': [] as number[] };
    const hits = { now: 0, 'as of': 0 };
    for (let i = 0; i < runs; i++)
      for (const [which, p] of Object.entries(paths) as Array<[keyof typeof paths, string]>) {
        const started = performance.now();
        const answer = await server.api.post<{ entities: unknown[] }>(p, search.body(i, size));
        times[which].push(performance.now() - started);
        hits[which] += answer.entities.length;
      }
    for (const list of Object.values(times)) list.sort((a, b) => a - b);
    for (const which of ['now', 'as of'] as const)
      asOfRows.push({
        database: dialect,
        entities: size,
        query: name,
        catalog: which,
        'p50 ms': fmt(percentile(times[which], 50)),
        'p95 ms': fmt(percentile(times[which], 95)),
        'p99 ms': fmt(percentile(times[which], 99)),
        'avg hits': Math.round(hits[which] / runs),
        'p95 as of / now':
          which === 'as of' ? fmt(percentile(times['as of'], 95) / percentile(times.now, 95)) : '',
      });
  }
}

for (const dialect of dialectsSetting()) {
  // Each shape's own cost: runs that repeat a query are not answered from pages kept between requests.
  const server = await startServer(dialect, { env: { PORTICO_SEARCH_CACHE_MB: '0' } });
  try {
    // Services form one dependsOn chain, through which relatedTo walks (issue 16).
    await createCatalog(server.api, { chain: true });
    const load = async (from: number, count: number) => {
      const progress = progressLine(`${dialect} load`);
      const seconds = await loadServices(server.api, {
        batch: 2000,
        concurrency: 4,
        progress,
        from,
        count,
        chain: true,
      });
      process.stderr.write('\n');
      loads.push(
        `${dialect}: entities ${from} to ${from + count} loaded at ${Math.round(count / seconds)}/s`,
      );
    };
    let loaded = 0;
    for (const [round, size] of asOfSizes.entries()) {
      await load(loaded, size - loaded);
      loaded = size;
      if (dialect === 'postgres') await settlePostgresDatabase();
      await measureAsOf(server, dialect, size, round + 1);
    }
    if (entities > loaded) await load(loaded, entities - loaded);
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
if (asOfRows.length) {
  console.log(`\nRelation searches as of an instant and now, ${runs} runs each, interleaved`);
  printTable(asOfRows);
}
console.log(`(loaded through the bulk API, batches of 2,000, 4 in flight)\n${loads.join('\n')}`);
