/**
 * npm run bench:ingest [-- --entities=100000 --batch=2000 --concurrency=4 --dialects=sqlite,postgres --rounds=2]
 *
 * Starts the real server in a child process on a fresh database, creates a blueprint with 10 properties and
 * 2 relations, sends the entities through POST /v1/blueprints/{bp}/entities/bulk?upsert=true over HTTP and
 * prints entities/s, the server's CPU time per entity and its resident memory afterwards.
 *
 * On PostgreSQL each of `rounds` rounds first measures the machine's floor: the same rows written straight
 * into the tables of another fresh database (bench/lib/raw-load.ts), then Portico; the goal is met by the
 * median of Portico/raw or by the rate itself.
 */
import { createCatalog } from './lib/catalog.js';
import { loadServices } from './lib/load.js';
import { dialectsSetting, intSetting, type DialectName } from './lib/options.js';
import { RAW_DATABASE } from './lib/postgres.js';
import { countServiceRows, rawLoadServices } from './lib/raw-load.js';
import { fmt, median, printTable, progressLine } from './lib/report.js';
import { startServer } from './lib/server.js';

const GOALS = { sqlite: 20_000, postgres: 10_000 } as const;
/** PostgreSQL's goal, where the machine cannot show the rate: Portico at this share of the raw load. */
const RAW_RATIO_GOAL = 0.7;
const RSS_GOAL_MB = 400;

const entities = intSetting('ENTITIES', 100_000);
// An importer sending 2,000 entities per request, 4 at a time, keeps both the server thread and SQLite's
// worker busy: one request's parsing and validation overlap another's SQLite work.
const batch = intSetting('BATCH', 2000);
const concurrency = intSetting('CONCURRENCY', 4);
const rounds = intSetting('ROUNDS', 2);
const load = { count: entities, batch, concurrency };

/** Portico's ingest on a fresh database: its rate, the table's columns, and the rows it stored. */
async function measurePortico(dialect: DialectName, label: string) {
  const server = await startServer(dialect);
  try {
    await createCatalog(server.api);
    const cpuBefore = server.cpuSeconds();
    const clientBefore = process.cpuUsage();
    const seconds = await loadServices(server.api, { ...load, progress: progressLine(label) });
    const rate = entities / seconds;
    const cpu = server.cpuSeconds() - cpuBefore;
    const client = process.cpuUsage(clientBefore);
    const rss = server.memoryMb('VmRSS');
    process.stderr.write('\n');
    const counts = dialect === 'postgres' ? await countServiceRows(server.databaseUrl) : undefined;
    const columns = {
      seconds: fmt(seconds),
      'entities/s': Math.round(rate),
      'server CPU µs/entity': Math.round((cpu * 1e6) / entities),
      // The client shares the machine's cores with the server: what it uses, the server cannot.
      'client CPU µs/entity': Math.round((client.user + client.system) / entities),
      'RSS MB': fmt(rss, 0),
      'peak RSS MB': fmt(server.memoryMb('VmHWM'), 0),
    };
    return { rate, rssMet: rss <= RSS_GOAL_MB, columns, counts };
  } finally {
    await server.stop();
  }
}

/** The same rows written straight into a fresh database of Portico's schema (with its relation targets). */
async function measureRaw(label: string) {
  const server = await startServer('postgres', { postgresDatabase: RAW_DATABASE });
  try {
    await createCatalog(server.api);
  } finally {
    await server.stop();
  }
  const seconds = await rawLoadServices(server.databaseUrl, { ...load, progress: progressLine(label) });
  process.stderr.write('\n');
  return { rate: entities / seconds, counts: await countServiceRows(server.databaseUrl) };
}

const rows: Array<Record<string, string | number>> = [];
const ratios: number[] = [];
const rates: number[] = [];
type Measured = Awaited<ReturnType<typeof measurePortico>>;
const row = (dialect: DialectName, round: number, portico: Measured, rawRate: number | undefined) => {
  const ratio = rawRate === undefined ? undefined : portico.rate / rawRate;
  const met =
    (portico.rate >= GOALS[dialect] || (ratio !== undefined && ratio >= RAW_RATIO_GOAL)) && portico.rssMet;
  const { seconds, 'entities/s': rate, ...others } = portico.columns;
  rows.push({
    database: dialect,
    round,
    entities,
    seconds,
    'entities/s': rate,
    'raw entities/s': rawRate === undefined ? '' : Math.round(rawRate),
    'Portico/raw': ratio === undefined ? '' : fmt(ratio, 2),
    goal: `≥ ${GOALS[dialect]}/s${dialect === 'postgres' ? ` or ≥ ${RAW_RATIO_GOAL} raw` : ''}`,
    ...others,
    met: met ? 'yes' : 'no',
  });
  return ratio;
};
for (const dialect of dialectsSetting()) {
  if (dialect === 'sqlite') {
    row(dialect, 1, await measurePortico(dialect, 'sqlite ingest'), undefined);
    continue;
  }
  for (let round = 1; round <= rounds; round++) {
    const raw = await measureRaw(`postgres raw load, round ${round}`);
    const portico = await measurePortico(dialect, `postgres ingest, round ${round}`);
    if (JSON.stringify(raw.counts) !== JSON.stringify(portico.counts))
      throw new Error(
        `the raw load stored other rows than Portico: ${JSON.stringify(raw.counts)} vs ${JSON.stringify(portico.counts)}`,
      );
    ratios.push(row(dialect, round, portico, raw.rate)!);
    rates.push(portico.rate);
  }
}
console.log(`\nIngest: ${entities} entities, batches of ${batch}, ${concurrency} requests in flight`);
printTable(rows);
console.log(`(RSS goal: ≤ ${RSS_GOAL_MB} MB after the load)`);
if (ratios.length) {
  const ratio = median(ratios);
  const rate = median(rates);
  const met = ratio >= RAW_RATIO_GOAL || rate >= GOALS.postgres;
  console.log(
    `PostgreSQL, median of ${ratios.length} rounds: ${Math.round(rate)} entities/s, ${fmt(ratio, 2)} of the raw load (goal ≥ ${GOALS.postgres}/s or ≥ ${RAW_RATIO_GOAL}): ${met ? 'met' : 'not met'}`,
  );
}
