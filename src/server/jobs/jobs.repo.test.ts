import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, openTestDatabase, uniqueId } from '../../../test/databases.js';
import type { Database } from '../storage/database.js';
import type { JobToEnqueue } from './job-types.js';
import { findJobByKey } from './job-attempts.repo.js';
import { acquireLeadership, resignLeadership } from './job-leaders.repo.js';
import { claimJobs, enqueueJob, heldAttemptOf, releaseKey } from './jobs.repo.js';
import { markSucceededRetrying } from './attempt-endings.js';
import { sql } from 'kysely';

describeEachDatabase('the jobs table', (dialect) => {
  let database: Database;
  beforeAll(async () => (database = await openTestDatabase(dialect)));
  afterAll(() => database.close());

  const enqueue = (job: JobToEnqueue, now?: number) =>
    database.db.transaction().execute((trx) => enqueueJob(trx, job, now));
  const claim = (kind: string, now = Date.now()) =>
    claimJobs(database.db, database.dialect, {
      worker: 'w1',
      now,
      limit: 10,
      leaseMs: new Map([[kind, 1_000]]),
    });
  const payloadOf = async (id: number) => {
    const row = await database.db
      .selectFrom('jobs')
      .select('payload')
      .where('id', '=', id)
      .executeTakeFirst();
    return row && database.dialect.fromJson(row.payload);
  };

  it('claims due jobs of its kinds only, oldest first, with a lease per kind, noting when it began', async () => {
    const kind = uniqueId('kind');
    const now = Date.now();
    const late = await enqueue({ kind, payload: { n: 2 }, runAt: now - 10 });
    const early = await enqueue({ kind, payload: { n: 1 }, runAt: now - 20 });
    await enqueue({ kind, payload: { n: 3 }, runAt: now + 60_000 });
    await enqueue({ kind: uniqueId('other'), payload: {}, runAt: now - 30 });
    const claimed = await claim(kind, now);
    expect(claimed.map((job) => job.id)).toEqual([early, late]);
    expect(claimed[0]).toMatchObject({
      state: 'running',
      attempt: 1,
      locked_by: 'w1',
      lease_until: now + 1_000,
      attempted_at: now,
    });
    expect(await claim(kind, now)).toEqual([]);
  });

  it('replaces the not yet started job of a key in place, with the new payload and time', async () => {
    const kind = uniqueId('timer');
    const key = uniqueId('key');
    const first = await enqueue({ kind, key, payload: { v: 1 }, runAt: 1_000 });
    const second = await enqueue({ kind, key, payload: { v: 2 }, runAt: 2_000 });
    expect(second).toBe(first);
    expect(await payloadOf(first)).toEqual({ v: 2 });
    expect((await findJobByKey(database.db, key))?.runAt).toBe(2_000);
  });

  it('gives a running job’s key to a new job and lets the running one finish', async () => {
    const kind = uniqueId('timer');
    const key = uniqueId('key');
    const first = await enqueue({ kind, key, payload: { v: 1 } });
    expect(await claim(kind)).toHaveLength(1);
    const second = await enqueue({ kind, key, payload: { v: 2 } });
    expect(second).not.toBe(first);
    expect(await findJobByKey(database.db, key)).toMatchObject({ id: second, state: 'available' });
    const old = await database.db.selectFrom('jobs').selectAll().where('id', '=', first).executeTakeFirst();
    expect(old).toMatchObject({ key: null, state: 'running' });
  });

  it('keeps the job of a key as it is when asked to', async () => {
    const kind = uniqueId('once');
    const key = uniqueId('key');
    const first = await enqueue({ kind, key, payload: { v: 1 } });
    expect(await enqueue({ kind, key, payload: { v: 2 }, ifKeyExists: 'keep' })).toBe(first);
    expect(await payloadOf(first)).toEqual({ v: 1 });
  });

  it('cancels the waiting job of a released key; a released key is free for a new job', async () => {
    const kind = uniqueId('timer');
    const key = uniqueId('key');
    const first = await enqueue({ kind, key, payload: {} });
    expect(await database.db.transaction().execute((trx) => releaseKey(trx, key, 5))).toBe(true);
    const old = await database.db.selectFrom('jobs').selectAll().where('id', '=', first).executeTakeFirst();
    expect(old).toMatchObject({ key: null, state: 'cancelled', finished_at: 5 });
    expect(await claim(kind)).toEqual([]);
    expect(await database.db.transaction().execute((trx) => releaseKey(trx, key))).toBe(false);
    expect(await enqueue({ kind, key, payload: {} })).not.toBe(first);
  });

  it('adds nothing when the enqueuing transaction rolls back', async () => {
    const kind = uniqueId('kind');
    const key = uniqueId('key');
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueueJob(trx, { kind, key, payload: {} });
        throw new Error('the caller’s write failed');
      }),
    ).rejects.toThrow('the caller’s write failed');
    expect(await findJobByKey(database.db, key)).toBeUndefined();
    expect(await claim(kind)).toEqual([]);
  });

  it('gives a lease to one holder at a time until it expires or is given up', async () => {
    const name = uniqueId('leader');
    expect(await acquireLeadership(database.db, name, 'a', 1_000, 100)).toBe(true);
    expect(await acquireLeadership(database.db, name, 'b', 1_050, 100)).toBe(false);
    expect(await acquireLeadership(database.db, name, 'a', 1_080, 100)).toBe(true);
    expect(await acquireLeadership(database.db, name, 'b', 1_150, 100)).toBe(false);
    expect(await acquireLeadership(database.db, name, 'b', 1_181, 100)).toBe(true);
    await resignLeadership(database.db, name, 'a');
    expect(await acquireLeadership(database.db, name, 'a', 1_190, 100)).toBe(false);
    await resignLeadership(database.db, name, 'b');
    expect(await acquireLeadership(database.db, name, 'a', 1_190, 100)).toBe(true);
  });
});

describeEachDatabase('writing successes', (dialect) => {
  let database: Database;
  beforeAll(async () => (database = await openTestDatabase(dialect)));
  afterAll(() => database.close());

  // SQLite has one writer: no deadlock to lose.
  it.runIf(dialect === 'postgres')(
    'writes a batch of successes that lost a deadlock to a transaction locking its jobs the other way round',
    async () => {
      const kind = uniqueId('kind');
      const now = Date.now();
      const first = await database.db
        .transaction()
        .execute((trx) => enqueueJob(trx, { kind, payload: {} }, now - 2));
      const second = await database.db
        .transaction()
        .execute((trx) => enqueueJob(trx, { kind, payload: {} }, now - 1));
      const claimed = await claimJobs(database.db, database.dialect, {
        worker: 'w1',
        now,
        limit: 10,
        leaseMs: new Map([[kind, 60_000]]),
      });
      expect(claimed.map((row) => row.id)).toEqual([first, second]);
      let written: Promise<number> | undefined;
      await database.db.transaction().execute(async (trx) => {
        // Holds the second job, lets the batch take the first and wait for the second, then wants the first.
        await sql`select id from jobs where id = ${second} for update`.execute(trx);
        written = markSucceededRetrying(database.db, database.dialect, claimed.map(heldAttemptOf), now);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await sql`select id from jobs where id = ${first} for update`.execute(trx);
      });
      expect(await written).toBe(2);
      const states = await database.db
        .selectFrom('jobs')
        .select('state')
        .where('id', 'in', [first, second])
        .execute();
      expect(states.map((row) => row.state)).toEqual(['succeeded', 'succeeded']);
    },
  );
});
