import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, openTestDatabase, uniqueId } from '../../../test/databases.js';
import { deferred, testClock } from '../../../test/jobs.js';
import type { Database } from '../storage/database.js';
import { createJobQueue, type JobQueue, type JobQueueOptions } from './job-queue.js';
import {
  failed,
  retry,
  succeededAndWritten,
  type Job,
  type JobHandler,
  type JobToEnqueue,
} from './job-types.js';
import { findJobByKey, listAttempts } from './job-attempts.repo.js';
import { enqueueJob } from './jobs.repo.js';
import { isJobsAdded } from './job-wakeups.js';

describeEachDatabase('the job queue', (dialect) => {
  let database: Database;
  const queues: JobQueue[] = [];
  beforeAll(async () => (database = await openTestDatabase(dialect)));
  afterEach(async () => {
    await Promise.all(queues.map((queue) => queue.stop()));
    queues.length = 0;
  });
  afterAll(() => database.close());

  const startQueue = async (options: Partial<JobQueueOptions> & Pick<JobQueueOptions, 'handlers'>) => {
    const queue = createJobQueue(database, { maintenance: false, ...options });
    queues.push(queue);
    await queue.start();
    return queue;
  };
  const enqueue = (job: JobToEnqueue, now?: number) =>
    database.db.transaction().execute((trx) => enqueueJob(trx, job, now));
  const stateOf = async (key: string) => (await findJobByKey(database.db, key))?.state;
  /** A handler that records the jobs it ran and does what `act` says. */
  const recorder = (act: JobHandler['run'] = async () => undefined, extra: Partial<JobHandler> = {}) => {
    const ran: Job[] = [];
    const handler: JobHandler = {
      timeoutMs: 5_000,
      run: (job, context) => {
        ran.push(job);
        return act(job, context);
      },
      ...extra,
    };
    return { ran, handler };
  };

  it('runs a job enqueued and woken without waiting for the poll, with its payload', async () => {
    const kind = uniqueId('kind');
    const { ran, handler } = recorder();
    // A poll an hour apart: only the wake-up can start the job within the test's time.
    const queue = await startQueue({ handlers: { [kind]: handler }, pollMs: 3_600_000 });
    const key = uniqueId('run');
    await enqueue({ kind, key, payload: { hello: 'world' } });
    queue.wake();
    await expect.poll(() => stateOf(key)).toBe('succeeded');
    expect(ran.map((job) => [job.payload, job.attempt])).toEqual([[{ hello: 'world' }, 1]]);
    expect(await listAttempts(database.db, key)).toMatchObject([
      { attempt: 1, worker: queue.workerId, outcome: 'succeeded', error: null },
    ]);
  });

  it('wakes the queues of the other processes on the database', async () => {
    // On PostgreSQL another connection (and LISTEN) stands for another process; SQLite has one per file.
    const elsewhere = dialect === 'postgres' ? await openTestDatabase(dialect) : database;
    try {
      const kind = uniqueId('kind');
      const { handler } = recorder();
      const other = createJobQueue(elsewhere, {
        handlers: { [kind]: handler },
        pollMs: 3_600_000,
        maintenance: false,
      });
      queues.push(other);
      await other.start();
      const enqueuer = await startQueue({ handlers: {}, pollMs: 3_600_000 });
      const key = uniqueId('run');
      await enqueue({ kind, key, payload: {} });
      enqueuer.wake();
      await expect.poll(() => stateOf(key)).toBe('succeeded');
      await other.stop();
    } finally {
      if (elsewhere !== database) await elsewhere.close();
    }
  });

  it('tells the other processes of a job of its kind only when every slot of its own is taken', async () => {
    const elsewhere = dialect === 'postgres' ? await openTestDatabase(dialect) : database;
    try {
      const kind = uniqueId('kind');
      const ranBy: Record<string, string> = {};
      const release = deferred();
      const busy = recorder(async (job) => {
        ranBy[job.key!] = 'busy';
        await release.promise;
      });
      const other = createJobQueue(elsewhere, {
        handlers: {
          [kind]: {
            timeoutMs: 5_000,
            run: async (job) => void (ranBy[job.key!] = 'other'),
          },
        },
        pollMs: 3_600_000,
        maintenance: false,
      });
      queues.push(other);
      await other.start();
      const queue = await startQueue({
        handlers: { [kind]: busy.handler },
        concurrency: 1,
        pollMs: 3_600_000,
      });
      let heard = 0;
      const unsubscribe = await elsewhere.changes.subscribe({
        receive: (payload) => void (isJobsAdded(payload, other.workerId) && heard++),
        missed: () => undefined,
      });
      const [first, second] = [uniqueId('first'), uniqueId('second')];
      await enqueue({ kind, key: first, payload: {} });
      queue.wake(kind);
      // Taken here, at once, and nobody else told.
      await expect.poll(() => ranBy[first]).toBe('busy');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(heard).toBe(0);
      await enqueue({ kind, key: second, payload: {} });
      queue.wake(kind);
      await expect.poll(() => stateOf(second)).toBe('succeeded');
      expect(heard).toBe(1);
      unsubscribe();
      release.resolve();
      await expect.poll(() => stateOf(first)).toBe('succeeded');
      expect(ranBy).toEqual({ [first]: 'busy', [second]: 'other' });
      await other.stop();
    } finally {
      if (elsewhere !== database) await elsewhere.close();
    }
  });

  it('marks a job succeeded in the handler’s own transaction when the handler writes its success', async () => {
    const kind = uniqueId('kind');
    const key = uniqueId('run');
    const { handler } = recorder(async (_job, context) => {
      await database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('settings')
          .values({ key: `done:${key}`, value: '"yes"' })
          .execute();
        await trx.executeQuery(context.successWrite());
      });
      return succeededAndWritten();
    });
    const queue = await startQueue({ handlers: { [kind]: handler }, pollMs: 3_600_000 });
    await enqueue({ kind, key, payload: {} });
    queue.wake();
    await expect.poll(() => stateOf(key)).toBe('succeeded');
    expect(await listAttempts(database.db, key)).toMatchObject([
      { attempt: 1, worker: queue.workerId, outcome: 'succeeded' },
    ]);
    const setting = await database.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', `done:${key}`)
      .executeTakeFirst();
    expect(setting).toBeDefined();
  });

  it('leaves a job running when the handler says its success is written but it is not', async () => {
    // Misuse, shown so that the test above cannot pass by the queue marking the success itself.
    const kind = uniqueId('kind');
    const key = uniqueId('run');
    const { ran, handler } = recorder(async () => succeededAndWritten());
    const queue = await startQueue({ handlers: { [kind]: handler }, pollMs: 3_600_000 });
    await enqueue({ kind, key, payload: {} });
    queue.wake();
    await expect.poll(() => ran.length).toBe(1);
    await queue.stop();
    expect(await stateOf(key)).toBe('running');
  });

  it('never runs a job whose enqueuing transaction rolled back', async () => {
    const kind = uniqueId('kind');
    const { ran, handler } = recorder();
    const queue = await startQueue({ handlers: { [kind]: handler }, pollMs: 3_600_000 });
    const [lost, kept] = [uniqueId('lost'), uniqueId('kept')];
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueueJob(trx, { kind, key: lost, payload: { which: 'lost' } });
        throw new Error('the run could not be written');
      }),
    ).rejects.toThrow();
    await enqueue({ kind, key: kept, payload: { which: 'kept' } });
    queue.wake();
    await expect.poll(() => stateOf(kept)).toBe('succeeded');
    expect(ran.map((job) => job.payload)).toEqual([{ which: 'kept' }]);
    expect(await findJobByKey(database.db, lost)).toBeUndefined();
  });

  it('retries with exponential backoff and jitter on the injected clock, then succeeds', async () => {
    const kind = uniqueId('flaky');
    const clock = testClock(Date.now());
    const { ran, handler } = recorder(
      async (job) =>
        job.payload === 'flaky' && job.attempt < 3 ? retry(`refused ${job.attempt}`) : undefined,
      {
        backoff: { baseMs: 10_000, capMs: 60_000 },
      },
    );
    const queue = await startQueue({ handlers: { [kind]: handler }, clock, pollMs: 3_600_000 });
    const key = uniqueId('run');
    await enqueue({ kind, key, payload: 'flaky' }, clock.now());
    queue.wake();
    for (const [attempt, delay] of [
      [1, 10_000],
      [2, 20_000],
    ] as const) {
      await expect
        .poll(async () => (await findJobByKey(database.db, key))?.lastError)
        .toBe(`refused ${attempt}`);
      const job = (await findJobByKey(database.db, key))!;
      expect(job.state).toBe('available');
      expect(job.runAt - clock.now()).toBeGreaterThanOrEqual(delay * 0.9);
      expect(job.runAt - clock.now()).toBeLessThanOrEqual(delay * 1.1);
      // A job due now, claimed by the same claim that would take the retry if it were due.
      const marker = uniqueId('marker');
      await enqueue({ kind, key: marker, payload: {} }, clock.now());
      queue.wake();
      await expect.poll(() => stateOf(marker)).toBe('succeeded');
      expect(ran.filter((run) => run.key === key)).toHaveLength(attempt);
      clock.advance(job.runAt - clock.now());
      queue.wake();
    }
    await expect.poll(() => stateOf(key)).toBe('succeeded');
    expect((await listAttempts(database.db, key)).map((a) => [a.attempt, a.outcome, a.error])).toEqual([
      [1, 'retried', 'refused 1'],
      [2, 'retried', 'refused 2'],
      [3, 'succeeded', null],
    ]);
  });

  it('waits as long as the handler’s retryAfterMs says', async () => {
    const kind = uniqueId('limited');
    const clock = testClock(Date.now());
    const { handler } = recorder(async () => retry('429 Too Many Requests', 42_000));
    const queue = await startQueue({ handlers: { [kind]: handler }, clock, pollMs: 3_600_000 });
    const key = uniqueId('run');
    await enqueue({ kind, key, payload: {} }, clock.now());
    queue.wake();
    await expect.poll(async () => (await findJobByKey(database.db, key))?.attempt).toBe(1);
    await expect.poll(() => stateOf(key)).toBe('available');
    expect((await findJobByKey(database.db, key))?.runAt).toBe(clock.now() + 42_000);
  });

  it('fails a job for good after its last attempt, running onFailed in that transaction', async () => {
    const kind = uniqueId('doomed');
    const clock = testClock(Date.now());
    const marks: string[] = [];
    const { handler } = recorder(async () => retry('still down'), {
      maxAttempts: 2,
      backoff: { baseMs: 1, capMs: 1 },
      onFailed: async (trx, job, error) => {
        await trx
          .insertInto('settings')
          .values({ key: `failed:${job.key}`, value: error })
          .execute();
        const seen = await trx.selectFrom('jobs').select('state').where('id', '=', job.id).executeTakeFirst();
        marks.push(seen!.state);
      },
    });
    const queue = await startQueue({ handlers: { [kind]: handler }, clock, pollMs: 3_600_000 });
    const key = uniqueId('run');
    await enqueue({ kind, key, payload: {} }, clock.now());
    queue.wake();
    await expect.poll(async () => (await findJobByKey(database.db, key))?.lastError).toBe('still down');
    clock.advance(10);
    queue.wake();
    await expect.poll(() => stateOf(key)).toBe('failed');
    expect(marks).toEqual(['failed']);
    const setting = await database.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', `failed:${key}`)
      .executeTakeFirst();
    expect(setting?.value).toBe('still down');
    expect((await listAttempts(database.db, key)).map((a) => a.outcome)).toEqual(['retried', 'failed']);
  });

  it('fails at once on a failed outcome, whatever attempts are left', async () => {
    const kind = uniqueId('refused');
    const { ran, handler } = recorder(async () => failed('400 Bad Request: the payload was refused'));
    const queue = await startQueue({ handlers: { [kind]: handler }, pollMs: 3_600_000 });
    const key = uniqueId('run');
    await enqueue({ kind, key, payload: {}, maxAttempts: 10 });
    queue.wake();
    await expect.poll(() => stateOf(key)).toBe('failed');
    expect(ran).toHaveLength(1);
    expect((await findJobByKey(database.db, key))?.lastError).toBe(
      '400 Bad Request: the payload was refused',
    );
  });

  it('aborts an attempt at its timeout through the signal, and counts it as a try', async () => {
    const kind = uniqueId('slow');
    const aborted: string[] = [];
    const { handler } = recorder(
      (_job, { signal }) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => {
            aborted.push((signal.reason as Error).message);
            reject(signal.reason);
          }),
        ),
      { timeoutMs: 50, maxAttempts: 1 },
    );
    const queue = await startQueue({ handlers: { [kind]: handler }, pollMs: 3_600_000 });
    const key = uniqueId('run');
    await enqueue({ kind, key, payload: {} });
    queue.wake();
    await expect.poll(() => stateOf(key)).toBe('failed');
    expect(aborted).toEqual(['timed out after 50 ms']);
    expect(await listAttempts(database.db, key)).toMatchObject([
      { attempt: 1, outcome: 'failed', error: 'timed out after 50 ms' },
    ]);
  });

  it('finishes running attempts before stop() returns', async () => {
    const kind = uniqueId('kind');
    const [started, finish] = [deferred(), deferred()];
    const { handler } = recorder(async () => {
      started.resolve();
      await finish.promise;
    });
    const queue = await startQueue({ handlers: { [kind]: handler }, pollMs: 3_600_000 });
    const key = uniqueId('run');
    await enqueue({ kind, key, payload: {} });
    queue.wake();
    await started.promise;
    expect(await listAttempts(database.db, key)).toMatchObject([
      { attempt: 1, worker: queue.workerId, endedAt: null, outcome: null },
    ]);
    const stopped = queue.stop();
    finish.resolve();
    await stopped;
    expect(await stateOf(key)).toBe('succeeded');
  });
});
