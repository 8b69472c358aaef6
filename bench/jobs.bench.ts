/**
 * npm run bench:jobs [-- --jobs=20000 --concurrency=50 --latency-jobs=500 --rate=500 --seconds=5 --dialects=sqlite,postgres]
 *
 * The job queue (src/server/jobs) in this process, on a fresh database, with a handler that does nothing:
 * - drain: --jobs jobs enqueued first (a thousand per transaction), then drained by one queue: jobs/s;
 * - pickup, one at a time: a job enqueued in its own transaction, then wake(); time from the commit to the
 *   handler's start, p50/p95; on PostgreSQL also by a queue of another connection pool and LISTEN (as
 *   another process would), woken by the NOTIFY that wake() sends;
 * - paced: --rate jobs/s for --seconds, each in its own transaction, not waiting for one another (as runs
 *   accepted by the API would be): the rate achieved and the pickup p50/p95.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJobQueue, type JobQueue } from '../src/server/jobs/job-queue.js';
import { announceJobs } from '../src/server/jobs/job-wakeups.js';
import { enqueueJob } from '../src/server/jobs/jobs.repo.js';
import { openDatabase, type Database } from '../src/server/storage/database.js';
import { migrate } from '../src/server/storage/migrate.js';
import { dialectsSetting, intSetting, type DialectName } from './lib/options.js';
import { recreatePostgresDatabase } from './lib/postgres.js';
import { fmt, percentile, printTable } from './lib/report.js';

const JOBS = intSetting('JOBS', 20_000);
const CONCURRENCY = intSetting('CONCURRENCY', 50);
const LATENCY_JOBS = intSetting('LATENCY_JOBS', 500);
const RATE = intSetting('RATE', 500);
const SECONDS = intSetting('SECONDS', 5);

const rows: Array<Record<string, string | number>> = [];
const report = (database: string, measure: string, value: string, goal = '') =>
  rows.push({ database, measure, value, goal });

/** A queue of one kind whose handler notes when each job started. */
async function startQueue(database: Database, kind: string) {
  const started = new Map<number, number>();
  const waiting = new Map<number, () => void>();
  const queue = createJobQueue(database, {
    concurrency: CONCURRENCY,
    pollMs: 60_000,
    maintenance: false,
    handlers: {
      [kind]: {
        timeoutMs: 10_000,
        run: async (job) => {
          started.set(job.id, performance.now());
          waiting.get(job.id)?.();
        },
      },
    },
  });
  await queue.start();
  const startOf = (id: number) =>
    started.has(id)
      ? Promise.resolve(started.get(id)!)
      : new Promise<number>((resolve) => waiting.set(id, () => resolve(started.get(id)!)));
  return { queue, started, startOf };
}

const enqueueOne = (database: Database, kind: string) =>
  database.db.transaction().execute((trx) => enqueueJob(trx, { kind, payload: { at: Date.now() } }));

async function drain(database: Database, name: string) {
  const kind = 'drain';
  for (let from = 0; from < JOBS; from += 1_000)
    await database.db.transaction().execute(async (trx) => {
      for (let i = from; i < Math.min(JOBS, from + 1_000); i++)
        await enqueueJob(trx, { kind, payload: { i } });
    });
  const began = performance.now();
  const { queue } = await startQueue(database, kind);
  for (;;) {
    const { n } = await database.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', kind)
      .where('state', '=', 'succeeded')
      .executeTakeFirstOrThrow();
    if (Number(n) >= JOBS) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const seconds = (performance.now() - began) / 1000;
  await queue.stop();
  report(name, `drain ${JOBS} (concurrency ${CONCURRENCY})`, `${Math.round(JOBS / seconds)} jobs/s`, '≥ 500');
}

/** `elsewhere`: run by a queue on another Database (pool and LISTEN), as by another process. */
async function pickupOneAtATime(database: Database, name: string, elsewhere?: Database) {
  const kind = elsewhere ? 'pickup-elsewhere' : 'pickup';
  const { queue, startOf } = await startQueue(elsewhere ?? database, kind);
  const latencies: number[] = [];
  for (let i = 0; i < LATENCY_JOBS; i++) {
    const id = await enqueueOne(database, kind);
    const committed = performance.now();
    if (elsewhere) void announceJobs(database);
    else queue.wake();
    latencies.push((await startOf(id)) - committed);
  }
  await queue.stop();
  reportLatencies(
    name,
    `pickup, one at a time, ${elsewhere ? 'another process' : 'this process'}`,
    latencies,
  );
}

async function paced(database: Database, name: string) {
  const kind = 'paced';
  const { queue, startOf } = await startQueue(database, kind);
  const count = RATE * SECONDS;
  const began = performance.now();
  const accepted: Array<Promise<number>> = [];
  for (let i = 0; i < count; i++) {
    const due = began + (i * 1000) / RATE;
    if (due > performance.now()) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
    accepted.push(acceptAndTime(database, queue, kind, startOf));
  }
  const latencies = await Promise.all(accepted);
  const seconds = (performance.now() - began) / 1000;
  await queue.stop();
  report(
    name,
    `paced at ${RATE}/s for ${SECONDS} s`,
    `${Math.round(count / seconds)} jobs/s accepted and run`,
    `≥ ${RATE}`,
  );
  reportLatencies(name, `pickup, paced at ${RATE}/s, wake()`, latencies);
}

async function acceptAndTime(
  database: Database,
  queue: JobQueue,
  kind: string,
  startOf: (id: number) => Promise<number>,
) {
  const id = await enqueueOne(database, kind);
  const committed = performance.now();
  queue.wake();
  return (await startOf(id)) - committed;
}

function reportLatencies(name: string, measure: string, latencies: number[]) {
  latencies.sort((a, b) => a - b);
  const p95 = percentile(latencies, 95);
  report(name, measure, `p50 ${fmt(percentile(latencies, 50))} ms, p95 ${fmt(p95)} ms`, 'p95 ≤ 50 ms');
}

async function freshDatabaseUrl(dialect: DialectName): Promise<string> {
  return dialect === 'sqlite'
    ? `sqlite:${join(mkdtempSync(join(tmpdir(), 'portico-bench-jobs-')), 'portico.db')}`
    : await recreatePostgresDatabase('portico_bench_jobs');
}

for (const dialect of dialectsSetting()) {
  const url = await freshDatabaseUrl(dialect);
  const database = openDatabase(url);
  await migrate(database);
  const elsewhere = dialect === 'postgres' ? openDatabase(url) : undefined;
  try {
    await drain(database, dialect);
    await pickupOneAtATime(database, dialect);
    if (elsewhere) await pickupOneAtATime(database, dialect, elsewhere);
    await paced(database, dialect);
  } finally {
    await elsewhere?.close();
    await database.close();
  }
}
printTable(rows);
