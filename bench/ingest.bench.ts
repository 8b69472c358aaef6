/**
 * npm run bench:ingest [-- --entities=100000 --batch=2000 --concurrency=4 --dialects=sqlite,postgres]
 *
 * Starts the real server in a child process on a fresh database, creates a blueprint with 10 properties and
 * 2 relations, sends the entities through POST /v1/blueprints/{bp}/entities/bulk?upsert=true over HTTP and
 * prints entities/s, the server's CPU time per entity and its resident memory afterwards.
 */
import { createCatalog } from './lib/catalog.js';
import { loadServices } from './lib/load.js';
import { dialectsSetting, intSetting } from './lib/options.js';
import { fmt, printTable, progressLine } from './lib/report.js';
import { startServer } from './lib/server.js';

const GOALS = { sqlite: 20_000, postgres: 10_000 } as const;
const RSS_GOAL_MB = 400;

const entities = intSetting('ENTITIES', 100_000);
// An importer sending 2,000 entities per request, 4 at a time, keeps both the server thread and SQLite's
// worker busy: one request's parsing and validation overlap another's SQLite work.
const batch = intSetting('BATCH', 2000);
const concurrency = intSetting('CONCURRENCY', 4);

const rows: Array<Record<string, string | number>> = [];
for (const dialect of dialectsSetting()) {
  const server = await startServer(dialect);
  try {
    await createCatalog(server.api);
    const cpuBefore = server.cpuSeconds();
    const clientBefore = process.cpuUsage();
    const seconds = await loadServices(server.api, {
      count: entities,
      batch,
      concurrency,
      progress: progressLine(`${dialect} ingest`),
    });
    const rate = entities / seconds;
    const cpu = server.cpuSeconds() - cpuBefore;
    const client = process.cpuUsage(clientBefore);
    const rss = server.memoryMb('VmRSS');
    const peak = server.memoryMb('VmHWM');
    process.stderr.write('\n');
    rows.push({
      database: dialect,
      entities,
      seconds: fmt(seconds),
      'entities/s': Math.round(rate),
      goal: `≥ ${GOALS[dialect]}`,
      'server CPU µs/entity': Math.round((cpu * 1e6) / entities),
      // The client shares the machine's cores with the server: what it uses, the server cannot.
      'client CPU µs/entity': Math.round((client.user + client.system) / entities),
      'RSS MB': fmt(rss, 0),
      'peak RSS MB': fmt(peak, 0),
      met: rate >= GOALS[dialect] && rss <= RSS_GOAL_MB ? 'yes' : 'no',
    });
  } finally {
    await server.stop();
  }
}
console.log(`\nIngest: ${entities} entities, batches of ${batch}, ${concurrency} requests in flight`);
printTable(rows);
console.log(`(RSS goal: ≤ ${RSS_GOAL_MB} MB after the load)`);
