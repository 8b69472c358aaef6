/**
 * A process that runs the job queue and nothing else, as a server replica would, for tests that need
 * several processes on one database (test/job-worker-process.ts starts it). Its handler for
 * JOB_WORKER_KIND prints `ran <id> <attempt>` for each attempt; a job whose payload is "hold-first"
 * never ends its first attempt (it ignores its signal), so that the process can be killed holding it.
 */
import { createJobQueue } from '../src/server/jobs/job-queue.js';
import { openDatabase } from '../src/server/storage/database.js';

const env = (name: string) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const database = openDatabase(env('PORTICO_DATABASE_URL'));
const queue = createJobQueue(database, {
  workerId: env('JOB_WORKER_ID'),
  concurrency: Number(env('JOB_WORKER_CONCURRENCY')),
  leaseGraceMs: Number(env('JOB_WORKER_GRACE_MS')),
  maintenance: { everyMs: Number(env('JOB_WORKER_UPKEEP_MS')), leaderName: env('JOB_WORKER_LEADER') },
  handlers: {
    [env('JOB_WORKER_KIND')]: {
      timeoutMs: Number(env('JOB_WORKER_TIMEOUT_MS')),
      async run(job) {
        process.stdout.write(`ran ${job.id} ${job.attempt}\n`);
        if (job.payload === 'hold-first' && job.attempt === 1) await new Promise(() => {});
      },
    },
  },
});
await queue.start();
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void queue
    .stop()
    .then(() => database.close())
    .then(() => process.exit(0));
});
