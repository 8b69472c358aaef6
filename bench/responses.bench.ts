/**
 * npm run bench:responses [-- --baseline=<git revision> --seconds=5 --rounds=6 --connections=16]
 *
 * Issue 14 (item 10): routes now declare their answers, and Fastify serialises from those schemas. This
 * runs this checkout and the baseline revision (a build from before, checked out beside it) on SQLite
 * with the same 2,000 services, then loads each in turn with the same closed-loop client, round after
 * round, the order turning each time: a single entity, a search page of 50 and a list page of 1,000.
 * The figure is the median over rounds of each round's ratio of requests per second (this ÷ baseline).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Api } from './lib/api.js';
import { createCatalog, SERVICE } from './lib/catalog.js';
import { loadServices } from './lib/load.js';
import { intSetting } from './lib/options.js';
import { fmt, percentile, printTable } from './lib/report.js';
import { startServer, type BenchServer } from './lib/server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const baselineArg = process.argv.slice(2).find((a) => a.startsWith('--baseline='));
const BASELINE = baselineArg?.slice('--baseline='.length) ?? process.env.BENCH_BASELINE ?? 'HEAD~1';
const SECONDS = intSetting('SECONDS', 5);
const ROUNDS = intSetting('ROUNDS', 6);
const CONNECTIONS = intSetting('CONNECTIONS', 16);
const SERVICES = 2000;

const loads: Array<{ name: string; request: (api: Api, i: number) => Promise<Response> }> = [
  {
    name: 'GET one entity',
    request: (api, i) =>
      fetch(`${api.baseUrl}/v1/blueprints/${SERVICE}/entities/svc-${i % SERVICES}`, {
        headers: { authorization: `Bearer ${api.token}` },
      }),
  },
  {
    name: 'POST search, a page of 50',
    request: (api, i) =>
      fetch(`${api.baseUrl}/v1/blueprints/${SERVICE}/entities/search`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          query: {
            combinator: 'and',
            rules: [{ property: 'tier', operator: '=', value: `tier-${(i % 4) + 1}` }],
          },
          limit: 50,
        }),
      }),
  },
  {
    name: 'GET list, a page of 1,000',
    request: (api) =>
      fetch(`${api.baseUrl}/v1/blueprints/${SERVICE}/entities?limit=1000`, {
        headers: { authorization: `Bearer ${api.token}` },
      }),
  },
];

/** Requests per second of `load` against `api`, with CONNECTIONS clients for SECONDS. */
async function rate(api: Api, load: (typeof loads)[number]): Promise<number> {
  const until = performance.now() + SECONDS * 1000;
  let done = 0;
  const client = async (c: number) => {
    for (let i = c; performance.now() < until; i += CONNECTIONS) {
      const response = await load.request(api, i);
      const text = await response.text();
      if (response.status !== 200) throw new Error(`${load.name}: ${response.status} ${text.slice(0, 300)}`);
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, c) => client(c)));
  return done / ((performance.now() - started) / 1000);
}

function checkout(revision: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'portico-baseline-'));
  execFileSync('git', ['worktree', 'add', '--detach', dir, revision], { cwd: ROOT, stdio: 'ignore' });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

const baselineDir = checkout(BASELINE);
const servers: Array<{ name: string; server: BenchServer }> = [];
try {
  servers.push({ name: 'this checkout', server: await startServer('sqlite') });
  servers.push({ name: `baseline ${BASELINE}`, server: await startServer('sqlite', { root: baselineDir }) });
  for (const { server } of servers) {
    await createCatalog(server.api);
    await loadServices(server.api, { count: SERVICES, batch: 500, concurrency: 2 });
  }
  const rows = [];
  for (const load of loads) {
    const rates = servers.map(() => [] as number[]);
    for (const { server } of servers) await rate(server.api, { ...load }); // warm up both
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 ? [1, 0] : [0, 1];
      for (const s of order) rates[s]!.push(await rate(servers[s]!.server.api, load));
    }
    const median = (values: number[]) =>
      percentile(
        [...values].sort((a, b) => a - b),
        50,
      );
    const ratio = median(rates[0]!.map((value, round) => value / rates[1]![round]!));
    rows.push({
      request: load.name,
      'this, req/s': Math.round(median(rates[0]!)),
      'baseline, req/s': Math.round(median(rates[1]!)),
      'this ÷ baseline (median of rounds)': fmt(ratio, 2),
    });
  }
  console.log(
    `\nSQLite, ${SERVICES} services, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s each`,
  );
  printTable(rows);
} finally {
  for (const { server } of servers) await server.stop();
  execFileSync('git', ['worktree', 'remove', '--force', baselineDir], { cwd: ROOT, stdio: 'ignore' });
  rmSync(baselineDir, { recursive: true, force: true });
}
