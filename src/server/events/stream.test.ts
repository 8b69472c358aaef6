import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  createEmptyDatabaseUrl,
  describeEachDatabase,
  openTestDatabase,
  testDatabaseUrl,
  uniqueId,
} from '../../../test/databases.js';
import { eventually } from '../../../test/eventually.js';
import { insertAuditRecords, type AuditRecord } from '../audit/audit.repo.js';
import { newJobStatement } from '../jobs/jobs.repo.js';
import { openDatabase, type Database } from '../storage/database.js';
import { createStreamConsumer, type StreamConsumer } from './stream-consumer.js';
import { cursorOf, lastCommitted, readBatch, readEvents, type StreamEvent } from './stream.repo.js';
import { migrate } from '../storage/migrate.js';

const record = (identifier: string, n = 0): AuditRecord => ({
  at: new Date().toISOString(),
  resourceType: 'entity',
  action: 'UPDATE',
  status: 'SUCCESS',
  identifier,
  blueprint: 'stream_test',
  entity: identifier,
  actor: 'tester',
  origin: 'API',
  context: { n },
  diff: { before: null, after: { n } },
});

const silent = { warn: () => undefined };

describeEachDatabase('the change stream', (dialect) => {
  let database: Database;
  beforeAll(async () => (database = await openTestDatabase(dialect)));
  afterAll(() => database.close());

  const write = (...records: AuditRecord[]) =>
    database.db.transaction().execute((trx) => insertAuditRecords(trx, database.dialect, records));
  /** Everything committed after `from` that this test wrote (other tests share the database). */
  async function eventsOf(prefix: string, consumer: string) {
    const from = await cursorOf(database.db, database.dialect, consumer, new Date().toISOString());
    const events = await readEvents(database.db, database.dialect, from, 10_000);
    return events.filter((event) => event.identifier.startsWith(prefix));
  }

  it('carries each committed write once, in commit order, from where a new consumer starts', async () => {
    const prefix = uniqueId('s');
    const earlier = uniqueId('consumer');
    await cursorOf(database.db, database.dialect, earlier, new Date().toISOString());
    await write(record(`${prefix}_before`));
    // Readable, so behind the stream's end: on PostgreSQL a transaction open anywhere on the cluster keeps
    // the end before a write a while, and a consumer started then reads that write too.
    await eventually(
      () => eventsOf(prefix, earlier),
      (found) => expect(found).toHaveLength(1),
      10_000,
    );
    const consumer = uniqueId('consumer');
    await cursorOf(database.db, database.dialect, consumer, new Date().toISOString());
    await write(record(`${prefix}_a`, 1), record(`${prefix}_b`, 2));
    await write(record(`${prefix}_c`, 3));
    const events = await eventually(
      () => eventsOf(prefix, consumer),
      (found) => expect(found).toHaveLength(3),
    );
    expect(events.map((e) => [e.identifier, e.context.n])).toEqual([
      [`${prefix}_a`, 1],
      [`${prefix}_b`, 2],
      [`${prefix}_c`, 3],
    ]);
    expect(events[0]).toMatchObject({
      resourceType: 'entity',
      action: 'UPDATE',
      actor: 'tester',
      diff: { after: { n: 1 } },
    });
  });

  it('passes over the events a consumer does not listen to, and reaches the end of what it read', async () => {
    const prefix = uniqueId('interest');
    const consumer = uniqueId('consumer');
    const from = await cursorOf(database.db, database.dialect, consumer, new Date().toISOString());
    await write(
      { ...record(`${prefix}_watched`, 1), blueprint: 'watched_bp' },
      {
        ...record(`${prefix}_renamed`, 7),
        blueprint: 'watched_bp',
        diff: { before: { identifier: `${prefix}_renamed` }, after: { identifier: `${prefix}_new`, n: 7 } },
      },
      { ...record(`${prefix}_other`, 2), blueprint: 'other_bp' },
      { ...record(`${prefix}_run`, 3), resourceType: 'run' },
      { ...record(`${prefix}_action`, 4), resourceType: 'action' },
      // Derived records of the watched blueprint: a consumer's own (scorecards) are passed over.
      { ...record(`${prefix}_computed`, 5), blueprint: 'watched_bp', resourceType: 'derived' },
      {
        ...record(`${prefix}_own`, 6),
        blueprint: 'watched_bp',
        resourceType: 'derived',
        context: { n: 6, source: 'scorecards' },
      },
    );
    const interest = {
      blueprints: ['watched_bp'],
      runs: false,
      resourceTypes: ['action'],
      exceptDerivedOf: 'scorecards' as const,
    };
    const everything = await eventually(
      () => readEvents(database.db, database.dialect, from, 10_000),
      (found) => expect(found.filter((e) => e.identifier.startsWith(prefix))).toHaveLength(7),
      10_000,
    );
    const batch = await readBatch(database.db, database.dialect, from, 10_000, interest);
    const ours = batch.events.filter((e) => e.identifier.startsWith(prefix));
    expect(ours.map((e) => [e.identifier.slice(prefix.length + 1), e.context.n])).toEqual([
      ['watched', 1],
      ['renamed', 7],
      ['action', 4],
      ['computed', 5],
    ]);
    const all = await readBatch(database.db, database.dialect, from, 10_000, {
      ...interest,
      exceptDerivedOf: undefined,
    });
    expect(all.events.filter((e) => e.identifier.startsWith(prefix))).toHaveLength(5);
    // A consumer that reads no more than which entity changed.
    const light = await readBatch(database.db, database.dialect, from, 10_000, {
      ...interest,
      entityDiffs: false,
    });
    const byName = new Map(light.events.map((e) => [e.identifier.slice(prefix.length + 1), e]));
    expect(byName.get('watched')!.diff).toEqual({ before: null, after: null });
    expect(byName.get('computed')!.diff).toEqual({ before: null, after: { n: 5 } });
    expect(byName.get('watched')!.context).toEqual({ n: 1 });
    expect(byName.get('renamed')!.diff).toEqual({ before: null, after: null });
    // The batch reaches at least the last of every event committed when it was read.
    const last = everything.at(-1)!;
    const reached = await readEvents(database.db, database.dialect, batch.to, 10_000);
    expect(reached.map((e) => e.id)).not.toContain(last.id);
  });

  it('never skips a write that took its place before another but committed after it', async () => {
    const prefix = uniqueId('late');
    const consumer = uniqueId('consumer');
    await cursorOf(database.db, database.dialect, consumer, new Date().toISOString());
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const begun = new Promise<void>((resolve) => (started = resolve));
    // On SQLite the writer is one: the later write waits, and the stream's order is the commit order.
    const early = database.db.transaction().execute(async (trx) => {
      await insertAuditRecords(trx, database.dialect, [record(`${prefix}_early`)]);
      started();
      await held;
    });
    await begun;
    const late = write(record(`${prefix}_late`));
    if (dialect === 'postgres') {
      await late;
      // Committed, but behind a transaction still open: not yet readable, so that nothing overtakes it.
      expect(await eventsOf(prefix, consumer)).toEqual([]);
    }
    release();
    await Promise.all([early, late]);
    const events = await eventually(
      () => eventsOf(prefix, consumer),
      (found) => expect(found).toHaveLength(2),
      10_000,
    );
    expect(events.map((e) => e.identifier)).toEqual([`${prefix}_early`, `${prefix}_late`]);
  });

  it.each([
    ['', undefined],
    [', reading each next batch while the last commits', { ahead: 'read' as const, batchSize: 7 }],
    [', consuming each next batch while the last commits', { ahead: 'consume' as const, batchSize: 7 }],
  ])(
    'commits what each event leads to exactly once, however many processes read the stream%s',
    async (_, options) => {
      const name = uniqueId('consumer');
      const kind = uniqueId('led_to');
      const prefix = uniqueId('many');
      // Each process: its own connections to the same database (on SQLite, one file).
      const url = dialect === 'sqlite' ? await sqliteUrlOf(database) : testDatabaseUrl('postgres');
      const processes = dialect === 'sqlite' ? [database] : [database, openDatabase(url), openDatabase(url)];
      const seen: StreamEvent[][] = processes.map(() => []);
      const consumers: StreamConsumer[] = processes.map((db, index) =>
        createStreamConsumer(db, {
          name,
          // Leases that lapse at once: every process reads, and only the cursor's guard keeps them apart.
          leaseMs: 1,
          pollMs: 5,
          workerId: `w${index}`,
          log: silent,
          ...options,
          async consume(events) {
            const ours = events.filter((event) => event.identifier.startsWith(prefix));
            seen[index]!.push(...ours);
            return {
              statements: ours.map((event) =>
                newJobStatement(db.db, { kind, key: `${kind}:${event.id}`, payload: { event: event.id } }),
              ),
            };
          },
        }),
      );
      await cursorOf(database.db, database.dialect, name, new Date().toISOString());
      await Promise.all(consumers.map((c) => c.start()));
      try {
        const total = 300;
        for (let batch = 0; batch < total / 30; batch++)
          await Promise.all(
            Array.from({ length: 30 }, (_, i) => write(record(`${prefix}_${batch * 30 + i}`))),
          );
        await eventually(
          async () =>
            (
              await database.db
                .selectFrom('jobs')
                .select((eb) => eb.fn.countAll<number>().as('count'))
                .where('kind', '=', kind)
                .executeTakeFirstOrThrow()
            ).count,
          (count) => expect(Number(count)).toBe(total),
          20_000,
        );
        if (dialect === 'postgres') expect(seen.filter((s) => s.length > 0).length).toBeGreaterThan(1);
      } finally {
        await Promise.all(consumers.map((c) => c.stop()));
        await Promise.all(processes.filter((p) => p !== database).map((p) => p.close()));
      }
    },
  );

  it('drains every event committed before the drain, even behind a transaction still open', async () => {
    const name = uniqueId('consumer');
    const prefix = uniqueId('drained');
    const got: string[] = [];
    const consumer = createStreamConsumer(database, {
      name,
      pollMs: 60_000,
      log: silent,
      async consume(events) {
        const ours = events.filter((e) => e.identifier.startsWith(prefix)).map((e) => e.identifier);
        return { statements: [], committed: () => got.push(...ours) };
      },
    });
    await consumer.start();
    // On PostgreSQL an open transaction anywhere on the cluster (another test's database, here a second
    // connection) holds the stream back; on SQLite the one writer makes the write below wait for it.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let opened!: () => void;
    const begun = new Promise<void>((resolve) => (opened = resolve));
    const other = database.db.transaction().execute(async (trx) => {
      if (dialect === 'postgres') await sql`select pg_current_xact_id()`.execute(trx);
      opened();
      await held;
    });
    try {
      await begun;
      if (dialect === 'postgres') await write(record(`${prefix}_1`));
      const drained = consumer.drain();
      setTimeout(release, 300);
      await drained;
      if (dialect === 'sqlite') await write(record(`${prefix}_1`)).then(() => consumer.drain());
      expect(got).toEqual([`${prefix}_1`]);
    } finally {
      release();
      await other;
      await consumer.stop();
    }
  });

  it('orders transactions by number, not as text: 99 before 100, and the last committed is 100', async () => {
    if (dialect !== 'postgres') return;
    // A database of its own: the records below are the only ones, with transaction ids set by hand across
    // a power of ten, where '100' < '99' as text (the stream once read them so, and a drain stopped early).
    const own = openDatabase(await createEmptyDatabaseUrl(dialect));
    try {
      await migrate(own);
      const prefix = uniqueId('order');
      await own.db.deleteFrom('audit_log').execute();
      await own.db
        .transaction()
        .execute((trx) =>
          insertAuditRecords(trx, own.dialect, [record(`${prefix}_100`), record(`${prefix}_99`)]),
        );
      for (const xid of ['100', '99'])
        await sql`update audit_log set xid = ${xid}::xid8 where identifier = ${`${prefix}_${xid}`}`.execute(
          own.db,
        );
      const { events } = await readBatch(own.db, own.dialect, { xid: '0', id: 0 }, 1);
      expect(events.map((e) => e.identifier)).toEqual([`${prefix}_99`]);
      const last = await lastCommitted(own.db, own.dialect);
      expect(last.xid).toBe('100');
    } finally {
      await own.close();
    }
  });

  it('reads on after the process that read it stops, from where it got to', async () => {
    const name = uniqueId('consumer');
    const prefix = uniqueId('handover');
    const got: string[] = [];
    const make = (workerId: string) =>
      createStreamConsumer(database, {
        name,
        workerId,
        leaseMs: 200,
        pollMs: 20,
        log: silent,
        async consume(events) {
          const ours = events.filter((e) => e.identifier.startsWith(prefix)).map((e) => e.identifier);
          return { statements: [], committed: () => got.push(...ours) };
        },
      });
    await cursorOf(database.db, database.dialect, name, new Date().toISOString());
    const first = make('first');
    await first.start();
    await write(record(`${prefix}_1`));
    await eventually(
      async () => got,
      (g) => expect(g).toEqual([`${prefix}_1`]),
    );
    await first.stop();
    await write(record(`${prefix}_2`));
    const second = make('second');
    await second.start();
    try {
      await eventually(
        async () => got,
        (g) => expect(g).toEqual([`${prefix}_1`, `${prefix}_2`]),
        5_000,
      );
    } finally {
      await second.stop();
    }
  });
});

async function sqliteUrlOf(database: Database) {
  const row = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(
    database.db,
  );
  return `sqlite:${row.rows[0]!.file}`;
}
