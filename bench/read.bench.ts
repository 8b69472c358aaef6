/**
 * npm run bench:read [-- --entities=20000 --seconds=5 --rounds=5 --connections=32 --dialects=sqlite,postgres
 *                       --baseline=<git revision> --only=entity|search]
 *
 * Issue 16: how fast the server reads, as a share of what this machine gives any request. The real server
 * (child process, fresh database) gets --entities services, then autocannon (in this process, sharing the
 * two cores as a real client would) loads it with --connections connections, one request kind at a time:
 * `GET /healthz` (Fastify's floor here: no caller, no database), one entity by identifier, and a search of
 * one `=` rule answering a page of 50 (four queries in turn, answered from kept pages between writes), and
 * the same page with each request's query new (read afresh each time). Each round runs the three in turn, the order turning each round, so
 * that each ratio (req/s ÷ /healthz's req/s) is taken of the same round: the machine's speed drifts.
 *
 * With --baseline, a build from before (checked out beside this one) is measured too, its rounds
 * interleaved with this checkout's, on the same data.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createCatalog, SERVICE, TIERS } from './lib/catalog.js';
import { loadServices } from './lib/load.js';
import { dialectsSetting, intSetting, stringSetting } from './lib/options.js';
import { fmt, percentile, printTable, progressLine } from './lib/report.js';
import { machineLoad } from './lib/machine.js';
import { startServer, type BenchServer } from './lib/server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTITIES = intSetting('ENTITIES', 20_000);
const SECONDS = intSetting('SECONDS', 5);
const ROUNDS = intSetting('ROUNDS', 5);
const CONNECTIONS = intSetting('CONNECTIONS', 32);
const BASELINE = stringSetting('BASELINE');

const GOALS: Record<string, { share: number; p99Ms?: number }> = {
  'GET one entity': { share: 0.3, p99Ms: 20 },
  'POST search, one = rule, 50 rows': { share: 0.15 },
};

interface Load {
  name: string;
  /** autocannon's request for connection-wide request number `i`. */
  request: (i: number) => { method: 'GET' | 'POST'; path: string; body?: string; auth: boolean };
}

/** A page of 50 services of one tier (four in turn), with `more(i)`'s rules beside. */
const searchLoad = (name: string, more: (i: number) => unknown[]): Load => ({
  name,
  request: (i) => ({
    method: 'POST',
    path: `/v1/blueprints/${SERVICE}/entities/search`,
    auth: true,
    body: JSON.stringify({
      query: {
        combinator: 'and',
        rules: [{ property: 'tier', operator: '=', value: TIERS[i % 4] }, ...more(i)],
      },
      limit: 50,
    }),
  }),
});

const ALL_LOADS: Load[] = [
  { name: 'GET /healthz', request: () => ({ method: 'GET', path: '/healthz', auth: false }) },
  {
    name: 'GET one entity',
    request: (i) => ({
      method: 'GET',
      path: `/v1/blueprints/${SERVICE}/entities/svc-${(i * 7919) % ENTITIES}`,
      auth: true,
    }),
  },
  searchLoad('POST search, one = rule, 50 rows', () => []),
  // The same page, each request a query not asked before: never answered from a kept page.
  searchLoad('POST search, 50 rows, each query new', (i) => [
    { property: '$identifier', operator: '!=', value: `none-${i}` },
  ]),
];

// --only=entity (or search, or new): /healthz and those requests alone, e.g. to profile them.
const ONLY = stringSetting('ONLY');
const LOADS = ALL_LOADS.filter((load, i) => i === 0 || !ONLY || load.name.toLowerCase().includes(ONLY));

interface Sample {
  rate: number;
  p50: number;
  p99: number;
  errors: number;
  busy: number;
}

async function run(server: BenchServer, load: Load, seconds: number): Promise<Sample> {
  let i = 0;
  const busy = machineLoad();
  const result = await autocannon({
    url: server.api.baseUrl,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => {
          const next = load.request(i++);
          return {
            ...request,
            method: next.method,
            path: next.path,
            headers: {
              ...(next.auth ? { authorization: `Bearer ${server.api.token}` } : {}),
              ...(next.body ? { 'content-type': 'application/json' } : {}),
            },
            ...(next.body ? { body: next.body } : {}),
          };
        },
      },
    ],
  });
  const errors = result.errors + result.timeouts + result.non2xx;
  return {
    rate: result.requests.total / (result.duration || seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors,
    busy: busy.busyPercent(),
  };
}

function checkout(revision: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'portico-baseline-'));
  execFileSync('git', ['worktree', 'add', '--detach', dir, revision], { cwd: ROOT, stdio: 'ignore' });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

const rows: Array<Record<string, string | number>> = [];
const baselineDir = BASELINE ? checkout(BASELINE) : undefined;
try {
  for (const dialect of dialectsSetting(['sqlite'])) {
    const builds: Array<{ name: string; server: BenchServer }> = [];
    try {
      builds.push({ name: 'this checkout', server: await startServer(dialect) });
      if (baselineDir)
        builds.push({
          name: `baseline ${BASELINE}`,
          server: await startServer(dialect, {
            root: baselineDir,
            ...(dialect === 'postgres' ? { postgresDatabase: 'portico_bench_baseline' } : {}),
          }),
        });
      for (const { name, server } of builds) {
        await createCatalog(server.api);
        await loadServices(server.api, {
          count: ENTITIES,
          batch: 2000,
          concurrency: 4,
          progress: progressLine(`${dialect} ${name} load`),
        });
        process.stderr.write('\n');
        for (const load of LOADS) await run(server, load, 1); // warm up
      }
      const samples = builds.map(() => LOADS.map(() => [] as Sample[]));
      for (let round = 0; round < ROUNDS; round++) {
        const buildOrder = builds.map((_, b) => (b + round) % builds.length);
        for (const b of buildOrder)
          for (let k = 0; k < LOADS.length; k++) {
            const l = (k + round) % LOADS.length;
            const sample = await run(builds[b]!.server, LOADS[l]!, SECONDS);
            if (sample.errors)
              throw new Error(`${LOADS[l]!.name} on ${builds[b]!.name}: ${sample.errors} failed requests`);
            samples[b]![l]!.push(sample);
            process.stderr.write(
              `\r${dialect} round ${round + 1}/${ROUNDS}: ${builds[b]!.name}, ${LOADS[l]!.name}        `,
            );
          }
      }
      process.stderr.write('\n');
      builds.forEach(({ name }, b) =>
        LOADS.forEach((load, l) => {
          const mine = samples[b]![l]!;
          const floor = samples[b]![0]!;
          const share = median(mine.map((sample, round) => sample.rate / floor[round]!.rate));
          const p99 = median(mine.map((sample) => sample.p99));
          const goal = Object.hasOwn(GOALS, load.name) ? GOALS[load.name] : undefined;
          rows.push({
            database: dialect,
            build: name,
            request: load.name,
            'req/s': Math.round(median(mine.map((sample) => sample.rate))),
            'p50 ms': fmt(median(mine.map((sample) => sample.p50)), 0),
            'p99 ms': fmt(p99, 0),
            'share of /healthz': fmt(share, 2),
            'machine busy %': fmt(median(mine.map((sample) => sample.busy)), 0),
            goal: goal ? `≥ ${goal.share}${goal.p99Ms ? `, p99 ≤ ${goal.p99Ms} ms` : ''}` : '',
            met: goal ? (share >= goal.share && (!goal.p99Ms || p99 <= goal.p99Ms) ? 'yes' : 'no') : '',
          });
        }),
      );
    } finally {
      for (const { server } of builds) await server.stop();
    }
  }
} finally {
  if (baselineDir) {
    execFileSync('git', ['worktree', 'remove', '--force', baselineDir], { cwd: ROOT, stdio: 'ignore' });
    rmSync(baselineDir, { recursive: true, force: true });
  }
}
console.log(
  `\nReads: ${ENTITIES} services, ${CONNECTIONS} connections (autocannon, in this process), ` +
    `${ROUNDS} rounds of ${SECONDS} s per request; medians over rounds, each share taken within its round`,
);
printTable(rows);
