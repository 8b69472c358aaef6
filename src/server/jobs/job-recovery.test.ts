import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createEmptyDatabaseUrl, describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { deferred, testClock } from '../../../test/jobs.js';
import { openDatabase, type Database } from '../storage/database.js';
import { migrate } from '../storage/migrate.js';
import { createJobQueue, type JobQueue, type JobQueueOptions } from './job-queue.js';
import { failed, type JobHandler, type JobToEnqueue } from './job-types.js';
import { findJobByKey, listAttempts } from './job-attempts.repo.js';
import { claimJobs, enqueueJob } from './jobs.repo.js';

const DAY_MS = 24 * 60 * 60_000;

/**
 * Upkeep acts on every job of the database, whoever enqueued it: the suite has a database of its own, and
 * each test that runs the upkeep lives in a year of its own, so that it rescues and prunes only its jobs.
 */
let year = 2000;
const era = () => testClock(Date.UTC(++year, 0, 1));

describeEachDatabase('recovering jobs', (dialect) => {
  let url: string;
  const databases: Database[] = [];
  const queues: JobQueue[] = [];
  let database: Database;
  const open = async () => {
    const opened = openDatabase(url);
    await migrate(opened);
    databases.push(opened);
    return opened;
  };
  beforeAll(async () => {
    url = await createEmptyDatabaseUrl(dialect);
    database = await open();
  });
  afterEach(async () => {
    await Promise.all(queues.map((queue) => queue.stop()));
    queues.length = 0;
  });
  afterAll(() => Promise.all(databases.map((opened) => opened.close())));

  const startQueue = async (
    options: Partial<JobQueueOptions> & Pick<JobQueueOptions, 'handlers'>,
    on = database,
  ) => {
    const queue = createJobQueue(on, { pollMs: 3_600_000, maintenance: false, ...options });
    queues.push(queue);
    await queue.start();
    return queue;
  };
  const enqueue = (job: JobToEnqueue, now?: number, on = database) =>
    on.db.transaction().execute((trx) => enqueueJob(trx, job, now));
  const stateOf = async (key: string) => (await findJobByKey(database.db, key))?.state;
  const quick = (run: JobHandler['run'] = async () => undefined, extra: Partial<JobHandler> = {}) => ({
    timeoutMs: 1_000,
    run,
    ...extra,
  });
  /** A worker that claims the job and dies with it. */
  const claimAndDie = (kind: string, now: number) =>
    claimJobs(database.db, database.dialect, {
      worker: 'gone',
      now,
      limit: 1,
      leaseMs: new Map([[kind, 1_000]]),
    });

  it('gives a job whose lease expired to another worker, as attempt 2, logging the lost attempt', async () => {
    const kind = uniqueId('kind');
    const clock = era();
    const key = uniqueId('run');
    await enqueue({ kind, key, payload: {} }, clock.now());
    expect(await claimAndDie(kind, clock.now())).toHaveLength(1);
    const ran: number[] = [];
    const queue = await startQueue({
      handlers: { [kind]: quick(async (job) => void ran.push(job.attempt)) },
      clock,
      maintenance: { leaderName: uniqueId('leader') },
    });
    clock.advance(999);
    expect(await queue.maintain()).toEqual({ rescued: 0, pruned: 0 });
    clock.advance(2);
    expect(await queue.maintain()).toEqual({ rescued: 1, pruned: 0 });
    queue.wake();
    await expect.poll(() => stateOf(key)).toBe('succeeded');
    expect(ran).toEqual([2]);
    expect((await listAttempts(database.db, key)).map((a) => [a.attempt, a.worker, a.outcome])).toEqual([
      [1, 'gone', 'lease expired'],
      [2, queue.workerId, 'succeeded'],
    ]);
  });

  it('fails a job whose lease expired on its last attempt, with onFailed', async () => {
    const kind = uniqueId('kind');
    const clock = era();
    const key = uniqueId('run');
    await enqueue({ kind, key, payload: {}, maxAttempts: 1 }, clock.now());
    await claimAndDie(kind, clock.now());
    const ended: string[] = [];
    const queue = await startQueue({
      handlers: {
        [kind]: quick(undefined, { onFailed: async (_trx, _job, error) => void ended.push(error) }),
      },
      clock,
      maintenance: { leaderName: uniqueId('leader') },
    });
    clock.advance(5_000);
    expect(await queue.maintain()).toMatchObject({ rescued: 1 });
    expect(await stateOf(key)).toBe('failed');
    expect(ended).toEqual(['the lease of gone expired: the process stopped or stalled']);
  });

  it('leaves the upkeep to the process that leads', async () => {
    const leaderName = uniqueId('leader');
    const clock = era();
    const first = await startQueue({ handlers: {}, clock, maintenance: { leaderName } });
    const second = await startQueue({ handlers: {}, clock, maintenance: { leaderName } });
    expect(await first.maintain()).toBeDefined();
    expect(await second.maintain()).toBeUndefined();
    await first.stop();
    expect(await second.maintain()).toBeDefined();
  });

  it('prunes succeeded jobs after a day and failed ones after seven, with their attempts', async () => {
    const kind = uniqueId('kind');
    const clock = era();
    const [done, refused] = [uniqueId('done'), uniqueId('refused')];
    const queue = await startQueue({
      handlers: { [kind]: quick(async (job) => (job.payload === 'refuse' ? failed('no') : undefined)) },
      clock,
      maintenance: { leaderName: uniqueId('leader') },
    });
    await enqueue({ kind, key: done, payload: 'do' }, clock.now());
    await enqueue({ kind, key: refused, payload: 'refuse' }, clock.now());
    queue.wake();
    await expect.poll(() => stateOf(done)).toBe('succeeded');
    await expect.poll(() => stateOf(refused)).toBe('failed');
    clock.advance(DAY_MS - 1);
    expect(await queue.maintain()).toEqual({ rescued: 0, pruned: 0 });
    clock.advance(2);
    expect(await queue.maintain()).toEqual({ rescued: 0, pruned: 1 });
    expect(await findJobByKey(database.db, done)).toBeUndefined();
    expect(await stateOf(refused)).toBe('failed');
    clock.advance(6 * DAY_MS);
    expect(await queue.maintain()).toEqual({ rescued: 0, pruned: 1 });
    expect(await findJobByKey(database.db, refused)).toBeUndefined();
    const attempts = await database.db
      .selectFrom('job_attempts')
      .select('job_id')
      .where('worker', '=', queue.workerId);
    expect(await attempts.execute()).toEqual([]);
  });

  it('runs after a restart the jobs that were waiting, and gives back those a stop cut short', async () => {
    const kind = uniqueId('kind');
    const [waiting, cut] = [uniqueId('waiting'), uniqueId('cut')];
    const started = deferred();
    const before = await startQueue({
      handlers: {
        [kind]: quick(
          // Ignores its signal: the stop cannot wait for it.
          async () => {
            started.resolve();
            await new Promise(() => {});
          },
          { timeoutMs: 60_000 },
        ),
      },
      stopTimeoutMs: 50,
    });
    await enqueue({ kind, key: cut, payload: {} });
    before.wake();
    await started.promise;
    await enqueue({ kind, key: waiting, payload: {}, runAt: Date.now() + 60_000 });
    await before.stop();
    expect(await stateOf(cut)).toBe('available');

    const restarted = await open();
    const ran: string[] = [];
    const later = testClock(Date.now() + 60_000);
    const after = await startQueue(
      {
        handlers: { [kind]: quick(async (job) => void ran.push(`${job.key}:${job.attempt}`)) },
        clock: later,
      },
      restarted,
    );
    after.wake();
    await expect.poll(() => stateOf(waiting)).toBe('succeeded');
    await expect.poll(() => stateOf(cut)).toBe('succeeded');
    expect(ran.sort()).toEqual([`${cut}:2`, `${waiting}:1`].sort());
    expect((await listAttempts(database.db, cut)).map((a) => [a.attempt, a.outcome])).toEqual([
      [1, 'interrupted'],
      [2, 'succeeded'],
    ]);
  });
});
