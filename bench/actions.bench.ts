/**
 * npm run bench:actions [-- --runs=3000 --concurrency=16 --rates=100,500 --seconds=6 --warmup=1000 --dialects=sqlite,postgres]
 *
 * Action runs over HTTP: the real server in its own process on a fresh database, a WEBHOOK action whose
 * webhook goes to a receiver in this process, and clients in this process that run it through
 * POST /v1/actions/{id}/runs. Measured per database:
 * - as fast as it goes: --runs runs by --concurrency clients, each sending its next run once the last
 *   was accepted: runs accepted per second (to the last 202) and delivered per second (to the last webhook);
 * - paced: each of --rates runs a second for --seconds, sent on time whether or not earlier ones were
 *   answered (as independent users would): the rate achieved;
 * - for both, the time from a run's 202 reaching its client to its webhook reaching the receiver,
 *   p50/p95/p99 (negative when the webhook came first), and the CPU time per run of the server (its
 *   threads), of PostgreSQL (every process named postgres on the machine) and of the benchmark itself
 *   (its clients and the receiver): on 2 cores, where the machine's time goes.
 * --warmup runs go first, unmeasured: V8 optimises the hot code and compiles jq's WebAssembly meanwhile.
 * The machine's own limit is measured the same way, in the same run, against bench/lib/hello-server.ts (a
 * Fastify process that answers 202 and POSTs the id to the receiver, nothing else); the table gives
 * Portico's share of it. With PostgreSQL among the databases, also against hello + PostgreSQL (a durable
 * insert before the 202, an update after), whose rate scales the goal to the machine of the day: each
 * database is then also paced at that rate (see GOAL_MACHINE_DURABLE_RATE).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { dialectsSetting, intListSetting, intSetting } from './lib/options.js';
import { startReceiver, type Receiver } from './lib/receiver.js';
import { fmt, percentile, printTable } from './lib/report.js';
import { recreatePostgresDatabase } from './lib/postgres.js';
import { startServer } from './lib/server.js';

const RUNS = intSetting('RUNS', 3_000);
const CONCURRENCY = intSetting('CONCURRENCY', 16);
const RATES = intListSetting('RATES', [100, 500]);
const SECONDS = intSetting('SECONDS', 6);
const WARMUP = intSetting('WARMUP', 1_000);
const GOAL_RATE = 500;
const GOAL_P95_MS = 50;
/**
 * hello + PostgreSQL's rate (16 clients) on the machine the goal was set on (2026-12-02, a quiet phase):
 * 1,700–1,900/s. The same machine has since run it at half that. The goal scaled to the machine of the
 * day is GOAL_RATE × (hello + PostgreSQL's rate in this run) / this.
 */
const GOAL_MACHINE_DURABLE_RATE = 1_800;

/** Something that accepts runs over HTTP: Portico, or the hello server. */
interface Target {
  name: string;
  /** Sends run `n`; its id and when its 202 reached the client. */
  send(n: number): Promise<{ id: string; acceptedAt: number }>;
  cpuSeconds(): number;
  stop(): Promise<void>;
}

interface Measured {
  accepted: number;
  delivered: number;
  latencies: number[];
  /** CPU time per run of the target's process, of PostgreSQL's processes and of this one (clients, receiver). */
  cpuMsPerRun: { server: number; postgres: number; bench: number };
}

interface CpuSnapshot {
  server: number;
  postgres: number;
  bench: number;
}

const cpuNow = (target: Target): CpuSnapshot => ({
  server: target.cpuSeconds(),
  postgres: postgresCpuSeconds(),
  bench: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
});

const rows: Array<Record<string, string>> = [];

async function postAccepted(url: string, body: string, headers: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  const acceptedAt = performance.now();
  if (response.status !== 202)
    throw new Error(`POST ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return { id: (JSON.parse(text) as { run: { id: string } }).run.id, acceptedAt };
}

async function startPortico(dialect: 'sqlite' | 'postgres', receiver: Receiver): Promise<Target> {
  const server = await startServer(dialect, {
    env: { PORTICO_WEBHOOK_ALLOW_PRIVATE: '127.0.0.0/8' },
    postgresDatabase: 'portico_bench_actions',
  });
  const action = 'bench_deploy';
  await server.api.post('/v1/actions', {
    identifier: action,
    title: 'Deploy',
    trigger: {
      type: 'self-service',
      operation: 'CREATE',
      userInputs: {
        properties: { service: { type: 'string' }, replicas: { type: 'number', default: 2 } },
        required: ['service'],
      },
    },
    invocationMethod: {
      type: 'WEBHOOK',
      url: `${receiver.url}/deploy`,
      body: { runId: '{{ .run.id }}', service: '{{ .inputs.service }}', replicas: '{{ .inputs.replicas }}' },
    },
  });
  const url = `${server.api.baseUrl}/v1/actions/${action}/runs`;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${server.api.token}` };
  return {
    name: `Portico, ${dialect}`,
    send: (n) => postAccepted(url, JSON.stringify({ properties: { service: `svc-${n}` } }), headers),
    cpuSeconds: server.cpuSeconds,
    stop: server.stop,
  };
}

async function startHello(receiver: Receiver, databaseUrl?: string): Promise<Target> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/hello-server.ts'], {
    env: {
      ...process.env,
      HELLO_TARGET: `${receiver.url}/hello`,
      ...(databaseUrl ? { HELLO_DATABASE_URL: databaseUrl } : {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const url = `http://127.0.0.1:${line.split(' ')[1]}/hello`;
  const headers = { 'content-type': 'application/json' };
  return {
    name: databaseUrl ? 'hello + PostgreSQL (limit)' : 'hello (machine limit)',
    send: (n) => postAccepted(url, JSON.stringify({ properties: { service: `svc-${n}` } }), headers),
    cpuSeconds: () => cpuOf(child.pid!),
    stop: async () => {
      process.off('exit', killChild);
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** `count` runs by CONCURRENCY clients, each sending its next once the last was accepted. */
async function asFastAsItGoes(target: Target, receiver: Receiver, count: number): Promise<Measured> {
  const accepted: Array<{ id: string; acceptedAt: number }> = [];
  const cpuBefore = cpuNow(target);
  const began = performance.now();
  let next = 0;
  const client = async () => {
    while (next < count) accepted.push(await target.send(next++));
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  const lastAccepted = performance.now();
  return measured(target, receiver, accepted, began, lastAccepted, cpuBefore);
}

/** `rate` runs a second for SECONDS, each sent on time. */
async function paced(target: Target, receiver: Receiver, rate: number): Promise<Measured> {
  const count = rate * SECONDS;
  const sent: Array<Promise<{ id: string; acceptedAt: number }>> = [];
  const cpuBefore = cpuNow(target);
  const began = performance.now();
  for (let i = 0; i < count; i++) {
    const due = began + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    sent.push(target.send(i));
  }
  const accepted = await Promise.all(sent);
  return measured(target, receiver, accepted, began, performance.now(), cpuBefore);
}

async function measured(
  target: Target,
  receiver: Receiver,
  accepted: Array<{ id: string; acceptedAt: number }>,
  began: number,
  lastAccepted: number,
  cpuBefore: CpuSnapshot,
): Promise<Measured> {
  await receiver.waitFor(accepted.map((run) => run.id));
  const arrivals = accepted.map((run) => receiver.arrivals.get(run.id)!);
  const lastArrival = Math.max(...arrivals);
  const seconds = (at: number) => (at - began) / 1000;
  return {
    accepted: accepted.length / seconds(lastAccepted),
    delivered: accepted.length / seconds(lastArrival),
    latencies: accepted.map((run, i) => arrivals[i]! - run.acceptedAt).sort((a, b) => a - b),
    cpuMsPerRun: perRun(cpuBefore, cpuNow(target), accepted.length),
  };
}

function perRun(before: CpuSnapshot, after: CpuSnapshot, runs: number) {
  const ms = (key: keyof CpuSnapshot) => ((after[key] - before[key]) * 1000) / runs;
  return { server: ms('server'), postgres: ms('postgres'), bench: ms('bench') };
}

const latencyText = (latencies: number[]) =>
  [50, 95, 99].map((p) => fmt(percentile(latencies, p))).join(' / ');

function report(target: Target, measure: string, result: Measured) {
  rows.push({
    target: target.name,
    measure,
    'accepted/s': fmt(result.accepted, 0),
    'delivered/s': fmt(result.delivered, 0),
    '202 → webhook p50 / p95 / p99 ms': latencyText(result.latencies),
    'CPU ms/run: server / PostgreSQL / bench': [
      result.cpuMsPerRun.server,
      result.cpuMsPerRun.postgres,
      result.cpuMsPerRun.bench,
    ]
      .map((ms) => fmt(ms, 2))
      .join(' / '),
  });
}

async function measure(target: Target, receiver: Receiver, extraRates: number[] = []) {
  await asFastAsItGoes(target, receiver, WARMUP);
  const fast = await asFastAsItGoes(target, receiver, RUNS);
  report(target, `${RUNS} runs, ${CONCURRENCY} clients`, fast);
  const paces = [];
  for (const rate of [...RATES, ...extraRates]) {
    const steady = await paced(target, receiver, rate);
    report(target, `paced ${rate}/s for ${SECONDS} s`, steady);
    paces.push({ rate, steady });
  }
  return { fast, paces };
}

/** CPU seconds (user + system) of a process: fields 14 and 15 of /proc/<pid>/stat, in 1/100 s. */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * CPU seconds of the processes named postgres on this machine (its backends, WAL writer, checkpointer):
 * those of one measure are the server's connections, which live through it. 0 where none run.
 */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuOf(Number(pid));
    } catch {
      // Gone meanwhile.
    }
  }
  return total;
}

const receiver = await startReceiver();
const ratios: string[] = [];
try {
  // The least a durable dispatch does on PostgreSQL (a write before the 202, one after): measured once,
  // it also scales the goal to the machine of the day.
  const durable = dialectsSetting().includes('postgres')
    ? await startHello(receiver, await recreatePostgresDatabase('portico_bench_hello'))
    : undefined;
  const durableLimit = durable && (await measure(durable, receiver).finally(() => durable.stop()));
  const scaledRate =
    durableLimit && Math.round((GOAL_RATE * durableLimit.fast.delivered) / GOAL_MACHINE_DURABLE_RATE);
  for (const dialect of dialectsSetting()) {
    const hello = await startHello(receiver);
    const limit = await measure(hello, receiver, scaledRate ? [scaledRate] : []).finally(() => hello.stop());
    const portico = await startPortico(dialect, receiver);
    const result = await measure(portico, receiver, scaledRate ? [scaledRate] : []).finally(() =>
      portico.stop(),
    );
    const p95 = (m: Measured) => fmt(percentile(m.latencies, 95));
    const met = (ok: boolean) => (ok ? 'met' : 'missed');
    const goalAt = (rate: number) => {
      const steady = result.paces.find((pace) => pace.rate === rate)?.steady;
      return steady
        ? `rate ${met(steady.delivered >= rate * 0.98)}, p95 ≤ ${GOAL_P95_MS} ms ${met(percentile(steady.latencies, 95) <= GOAL_P95_MS)}`
        : undefined;
    };
    ratios.push(
      `${dialect}: ${fmt(result.fast.delivered, 0)} runs/s delivered, ${fmt((100 * result.fast.delivered) / limit.fast.delivered, 0)}% of the hello server's ${fmt(limit.fast.delivered, 0)}/s (goal ≥ ${GOAL_RATE}/s: ${met(result.fast.delivered >= GOAL_RATE)})`,
      ...result.paces.map(
        ({ rate, steady }, i) =>
          `${dialect}: paced ${rate}/s: ${fmt(steady.delivered, 0)}/s delivered, p95 ${p95(steady)} ms (hello: ${p95(limit.paces[i]!.steady)} ms)`,
      ),
      ...(durableLimit
        ? [
            `${dialect}: ${fmt((100 * result.fast.delivered) / durableLimit.fast.delivered, 0)}% of hello + PostgreSQL's ${fmt(durableLimit.fast.delivered, 0)}/s (the goal is ${fmt((100 * GOAL_RATE) / GOAL_MACHINE_DURABLE_RATE, 0)}% of it on the goal's machine)`,
          ]
        : []),
      ...(goalAt(GOAL_RATE) ? [`${dialect}: goal at ${GOAL_RATE}/s: ${goalAt(GOAL_RATE)}`] : []),
      ...(scaledRate && goalAt(scaledRate)
        ? [
            `${dialect}: goal scaled to this machine, ${scaledRate}/s (${GOAL_RATE}/s × ${fmt(durableLimit.fast.delivered, 0)} / ${GOAL_MACHINE_DURABLE_RATE}): ${goalAt(scaledRate)}`,
          ]
        : []),
    );
  }
} finally {
  await receiver.close();
}
console.log(`${availableParallelism()} cores, ${new Date().toISOString().slice(0, 10)}`);
printTable(rows);
for (const line of ratios) console.log(line);
