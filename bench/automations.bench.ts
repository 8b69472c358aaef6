/**
 * npm run bench:automations [-- --updates=10000 --concurrency=16 --rates=25,50,100 --seconds=15 --dialects=sqlite,postgres]
 *
 * Automations over the real server: one process on SQLite, two replicas on one PostgreSQL database (the
 * clients' requests alternate between them). A `service` blueprint with 5 automations on ENTITY_UPDATED,
 * each a WEBHOOK to a receiver in this process: 2 with conditions that hold for every update, 3 with
 * conditions that never do. Each update sets the entity's `n` (unique), which the webhooks' bodies carry.
 * Measured per database:
 * - the writes' own speed: --updates single-entity PATCHes by --concurrency clients, with the automations
 *   unpublished and then published (interleaved, twice): updates per second, and the ratio;
 * - the time from an update's answer reaching its client (after its commit) to each of its webhooks
 *   reaching the receiver, p50/p95/max, for the run as fast as it goes and for paced runs of each of
 *   --rates updates a second for --seconds;
 * - for each paced rate, the machine's own limit in the same run: how busy the whole machine is (this
 *   process, the servers and PostgreSQL share its cores) and how long the updates themselves take to be
 *   answered, with the automations off and on;
 * - the CPU time of the servers and of PostgreSQL per update.
 * Goal: p95 ≤ 100 ms; writes with automations within 10 % of writes without. A paced rate that keeps the
 * machine busy near 100 % measures the wait for a core: its row says so.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import type { Api } from './lib/api.js';
import { machineLoad } from './lib/machine.js';
import { dialectsSetting, intListSetting, intSetting } from './lib/options.js';
import { fmt, percentile, printTable } from './lib/report.js';
import { startServer, type BenchServer } from './lib/server.js';

const UPDATES = intSetting('UPDATES', 10_000);
const CONCURRENCY = intSetting('CONCURRENCY', 16);
const RATES = intListSetting('RATES', [25, 50, 100]);
const SECONDS = intSetting('SECONDS', 15);
const ENTITIES = 1_000;
const GOAL_P95_MS = 100;
/** Busier than this, the machine has no core free for long: latencies are mostly waits for one. */
const SATURATED_PERCENT = 90;
const HOLDING = 2;
const FAILING = 3;

/** Receives the webhooks: when each (update n, automation) arrived. */
async function startArrivals() {
  const arrivals = new Map<string, number>();
  let count = 0;
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = performance.now();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { n: number; a: string };
      const key = `${body.n}:${body.a}`;
      if (!arrivals.has(key)) arrivals.set(key, at);
      count++;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrivals,
    count: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Arrivals = Awaited<ReturnType<typeof startArrivals>>;

async function setUp(api: Api, receiver: string) {
  await api.post('/v1/blueprints', {
    identifier: 'service',
    title: 'Service',
    schema: { properties: { n: { type: 'number' }, status: { type: 'string' } }, required: [] },
  });
  const entities = Array.from({ length: ENTITIES }, (_, i) => ({
    identifier: `svc-${i}`,
    properties: { n: -1 },
  }));
  for (let i = 0; i < entities.length; i += 500)
    await api.post('/v1/blueprints/service/entities/bulk?upsert=true', {
      entities: entities.slice(i, i + 500),
    });
  const automations: string[] = [];
  for (let i = 0; i < HOLDING + FAILING; i++) {
    const identifier = `on_update_${i}`;
    automations.push(identifier);
    await api.post('/v1/actions', {
      identifier,
      title: identifier,
      trigger: {
        type: 'automation',
        event: { type: 'ENTITY_UPDATED', blueprintIdentifier: 'service' },
        condition: {
          type: 'JQ',
          combinator: 'and',
          expressions: [
            i < HOLDING ? '.diff.after.properties.n >= 0' : '.diff.after.properties.status == "down"',
          ],
        },
      },
      invocationMethod: {
        type: 'WEBHOOK',
        url: receiver,
        body: { n: '{{ .event.diff.after.properties.n }}', a: identifier },
      },
      publish: false,
    });
  }
  return automations;
}

async function publish(api: Api, automations: string[], on: boolean) {
  for (const identifier of automations) {
    const { action } = await api.request<{ action: Record<string, unknown> }>(
      'GET',
      `/v1/actions/${identifier}`,
    );
    // Sent back as read (Portico keeps its own id and dates), with publish changed.
    await api.request('PUT', `/v1/actions/${identifier}`, { ...action, publish: on });
  }
}

let sequence = 0;
/** How long each update took to be answered, for the paced runs. */
let took: number[] = [];
/** One update: a new `n` for an entity; when its answer came. */
async function update(api: Api, answered: Map<number, number>) {
  const n = sequence++;
  const sent = performance.now();
  await api.request('PATCH', `/v1/blueprints/service/entities/svc-${n % ENTITIES}`, { properties: { n } });
  const at = performance.now();
  answered.set(n, at);
  took.push(at - sent);
}

/** --updates updates as fast as --concurrency clients go; updates per second. */
async function flat(apis: Api[], answered: Map<number, number>): Promise<number> {
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, client) => {
      while (sent < UPDATES) {
        sent++;
        await update(apis[client % apis.length]!, answered);
      }
    }),
  );
  return UPDATES / ((performance.now() - started) / 1000);
}

/** `rate` updates a second for --seconds, each sent on time; how busy the machine was meanwhile (%). */
async function paced(apis: Api[], answered: Map<number, number>, rate: number): Promise<number> {
  const total = rate * SECONDS;
  const load = machineLoad();
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(update(apis[i % apis.length]!, answered));
  }
  await Promise.all(inFlight);
  return load.busyPercent();
}

async function waitForArrivals(receiver: Arrivals, expected: number, ms = 600_000) {
  const deadline = Date.now() + ms;
  while (receiver.arrivals.size < expected) {
    if (Date.now() > deadline)
      throw new Error(
        `${expected - receiver.arrivals.size} of ${expected} webhooks had not arrived (${receiver.count()} requests in all)`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function latencies(answered: Map<number, number>, receiver: Arrivals, automations: string[]) {
  const out: number[] = [];
  for (const [n, at] of answered)
    for (const automation of automations.slice(0, HOLDING)) {
      const arrived = receiver.arrivals.get(`${n}:${automation}`);
      if (arrived !== undefined) out.push(arrived - at);
    }
  return out.sort((a, b) => a - b);
}

function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name)))
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      /* gone meanwhile */
    }
  return ticks / 100;
}

const rows: Array<Record<string, string | number>> = [];
const writeRows: Array<Record<string, string | number>> = [];
for (const dialect of dialectsSetting()) {
  const receiver = await startArrivals();
  const servers: BenchServer[] = [];
  const env = { PORTICO_WEBHOOK_ALLOW_PRIVATE: '127.0.0.0/8' };
  try {
    servers.push(await startServer(dialect, { env }));
    if (dialect === 'postgres')
      servers.push(await startServer(dialect, { env, databaseUrl: servers[0]!.databaseUrl }));
    const apis = servers.map((server) => server.api);
    const automations = await setUp(apis[0]!, receiver.url);
    const cpu = () => servers.reduce((sum, s) => sum + s.cpuSeconds(), 0) + postgresCpuSeconds();
    // Warm-up: V8 and jq's WebAssembly, with the automations on.
    await publish(apis[0]!, automations, true);
    const warm = new Map<number, number>();
    const warmUpdates = Math.min(2_000, UPDATES);
    for (let i = 0; i < warmUpdates; i += CONCURRENCY)
      await Promise.all(Array.from({ length: CONCURRENCY }, (_, c) => update(apis[c % apis.length]!, warm)));
    await waitForArrivals(receiver, warm.size * HOLDING);

    const rates = { without: [] as number[], with: [] as number[] };
    let flatLatencies: number[] = [];
    let cpuWith = 0;
    const flatBusy: number[] = [];
    for (let round = 0; round < 2; round++) {
      await publish(apis[0]!, automations, false);
      rates.without.push(await flat(apis, new Map()));
      await publish(apis[0]!, automations, true);
      receiver.arrivals.clear();
      const answered = new Map<number, number>();
      const cpuBefore = cpu();
      const load = machineLoad();
      rates.with.push(await flat(apis, answered));
      flatBusy.push(load.busyPercent());
      await waitForArrivals(receiver, answered.size * HOLDING);
      cpuWith += cpu() - cpuBefore;
      flatLatencies = flatLatencies.concat(latencies(answered, receiver, automations));
    }
    flatLatencies.sort((a, b) => a - b);
    // Paced: the webhooks' latency at each rate, beside the machine's own limit at that rate (how busy it
    // is, how long the updates themselves take) with the automations off, then on.
    const pacedRows: Array<{ load: string; sorted: number[]; busy: string; saturated: boolean }> = [];
    for (const rate of RATES) {
      await publish(apis[0]!, automations, false);
      took = [];
      const busyWithout = await paced(apis, new Map(), rate);
      const writesWithout = took.sort((a, b) => a - b);
      await publish(apis[0]!, automations, true);
      receiver.arrivals.clear();
      const answered = new Map<number, number>();
      took = [];
      const busyWith = await paced(apis, answered, rate);
      const writesWith = took.sort((a, b) => a - b);
      await waitForArrivals(receiver, answered.size * HOLDING);
      const busy = `${fmt(busyWithout, 0)} / ${fmt(busyWith, 0)}`;
      pacedRows.push({
        load: `paced ${rate}/s`,
        sorted: latencies(answered, receiver, automations),
        busy,
        saturated: busyWith >= SATURATED_PERCENT,
      });
      writeRows.push({
        database: dialect === 'postgres' ? 'postgres (2 replicas)' : dialect,
        load: `paced ${rate}/s`,
        'machine busy % without / with': busy,
        'update p50 ms without / with': `${fmt(percentile(writesWithout, 50))} / ${fmt(percentile(writesWith, 50))}`,
        'update p95 ms without / with': `${fmt(percentile(writesWithout, 95))} / ${fmt(percentile(writesWith, 95))}`,
      });
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const ratio = mean(rates.with) / mean(rates.without);
    // The flat run is as fast as the clients go: its latencies are those of a saturated machine, and it
    // alone judges the writes' speed; a paced one judges the latency.
    const row = (load: string, sorted: number[], busy: string, saturated: boolean, flatRun = false) => ({
      database: dialect === 'postgres' ? 'postgres (2 replicas)' : dialect,
      load,
      'machine busy %': busy,
      webhooks: sorted.length,
      'p50 ms': fmt(percentile(sorted, 50)),
      'p95 ms': fmt(percentile(sorted, 95)),
      'max ms': fmt(sorted.at(-1) ?? 0),
      'updates/s without': rates.without.map((r) => Math.round(r)).join(', '),
      'updates/s with': rates.with.map((r) => Math.round(r)).join(', '),
      'with / without': fmt(ratio, 2),
      'CPU ms/update': fmt((cpuWith * 1000) / (2 * UPDATES), 2),
      met:
        percentile(sorted, 95) <= GOAL_P95_MS && (!flatRun || ratio >= 0.9)
          ? 'yes'
          : saturated
            ? 'no: the machine is saturated'
            : 'no',
    });
    rows.push(
      row(
        `flat, ${CONCURRENCY} clients`,
        flatLatencies,
        flatBusy.map((busy) => fmt(busy, 0)).join(', '),
        flatBusy.some((busy) => busy >= SATURATED_PERCENT),
        true,
      ),
      ...pacedRows.map((paced) => row(paced.load, paced.sorted, paced.busy, paced.saturated)),
    );
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await receiver.close();
  }
}
console.log(
  `\nAutomations: ${HOLDING + FAILING} on ENTITY_UPDATED (${HOLDING} fire), ${UPDATES} updates per round, ` +
    `goal p95 ≤ ${GOAL_P95_MS} ms from commit to webhook, writes within 10 % of writes without`,
);
printTable(rows);
console.log(
  '\nThe machine at each paced rate, automations off / on: how busy it was, and the time to the answer of each PATCH:',
);
printTable(writeRows);
