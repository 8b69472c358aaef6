import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { acquireLeadership, resignLeadership } from '../jobs/job-leaders.repo.js';
import { systemClock, type Clock } from '../jobs/job-types.js';
import type { Database } from '../storage/database.js';
import { isStaleWrite, type GuardedQuery } from '../storage/dialect/index.js';
import {
  advanceCursor,
  stillAt,
  comparePositions,
  cursorOf,
  ensureCursor,
  lastCommitted,
  positionOf,
  readBatch,
  type StreamEvent,
  type StreamInterest,
  type StreamPosition,
} from './stream.repo.js';

/** What a batch of events led to: statements committed with the cursor's move, and what to do once they are. */
export interface Consumed {
  /** Run in order. */
  statements: GuardedQuery[];
  /**
   * Inserts, updates and deletes that read no row another statement of the batch writes (new runs, their
   * logs, their jobs): run after `statements`, combined into few statements on PostgreSQL.
   */
  writes?: GuardedQuery[];
  committed?(): void;
}

export interface StreamConsumerOptions {
  /** The cursor's name: one place in the stream, whichever process reads on. */
  name: string;
  /**
   * Works out what `events` lead to, outside any transaction (jq may run); must not throw for one event's
   * sake (that stops the stream), but record its failure.
   */
  consume(events: StreamEvent[]): Promise<Consumed>;
  /**
   * What it reads the content of (all, when absent or undefined); see StreamInterest. Asked before each
   * read, with the place the read starts after; the events read are then given to `consume`.
   */
  interest?(from: StreamPosition): Promise<StreamInterest | undefined>;
  /** Called once, by the process whose start created the cursor (at the stream's end). */
  created?(): Promise<void>;
  /**
   * Told each time this process takes up its place from the stored cursor: at start, on leading again, after
   * a move refused. Another process may have read on meanwhile, so anything `consume` remembers from the
   * events it read (definitions it keeps until an event says they changed) may be out of date.
   */
  resuming?(): void;
  /**
   * Work of the consumer's own to do while the stream is read to its end (a long evaluation, in slices):
   * one slice at a time, between batches, by the process that reads the stream. Its statements commit only
   * while the stored cursor is where this process left it (no other process has read on meanwhile).
   * Undefined: nothing to do.
   */
  idle?(): Promise<Consumed | undefined>;
  batchSize?: number;
  /**
   * While a full batch's consequences commit, read the next batch ('read'), or read it and work out what it
   * leads to ('consume'): a consumer that lags then waits for the database's reader, its own work and the
   * database's writer side by side, not one after the other. With 'consume', `consume` is called before
   * the last batch's statements have committed (they may yet fail): it must take what it returned for the
   * last batch as written, and forget it on `resuming`.
   */
  ahead?: 'read' | 'consume';
  /** How often a process that does not read looks whether the one that does is still there; default 1 s. */
  pollMs?: number;
  /** How long a reader that went silent keeps the stream from the others; default 10 s. */
  leaseMs?: number;
  /** How often at most a cursor that passed over events nobody listens to is stored; default 1 s. */
  storeEveryMs?: number;
  clock?: Clock;
  workerId?: string;
  log: { warn(details: object, message: string): void };
}

export interface StreamConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** New events may have committed. */
  wake(): void;
  /**
   * Consumes every event committed before the call (tests); returns early when another process reads the
   * stream.
   */
  drain(): Promise<void>;
}

/**
 * Reads the change stream in order, one process at a time (a lease in job_leaders, taken over when its
 * holder goes silent), and commits what each batch leads to with the cursor's move: each event's
 * consequences are written once, even if two processes read it (the second move is refused).
 */
export function createStreamConsumer(database: Database, options: StreamConsumerOptions): StreamConsumer {
  const { background: db, dialect } = database;
  const clock = options.clock ?? systemClock;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const batchSize = options.batchSize ?? 500;
  const pollMs = options.pollMs ?? 1_000;
  const leaseMs = options.leaseMs ?? 10_000;
  const storeEveryMs = options.storeEveryMs ?? 1_000;
  const leader = `stream:${options.name}`;
  let leadingUntil = 0;
  let checkAt = 0;
  /** Where this process has read to, and where the stored cursor is (known while it leads). */
  let cursor: StreamPosition | undefined;
  let stored: StreamPosition | undefined;
  let storedAt = 0;
  let running: Promise<void> | undefined;
  let again = false;
  let failures = 0;
  /** The last turn found nothing to do here: the stream read to its end, or another process reads it. */
  let settled = false;
  let phase: 'new' | 'started' | 'stopped' = 'new';
  let poll: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  /** The next batch, read (and consumed) while the last one committed (options.ahead), from where it was read. */
  let ahead: { from: StreamPosition; batch: Promise<Batch> } | undefined;

  /** The events after a place that are read together, and, read ahead with 'consume', what they lead to. */
  interface Batch {
    events: StreamEvent[];
    to: StreamPosition;
    /** Whether there may be more after it. */
    more: boolean;
    consumed?: Consumed;
  }

  async function readFrom(from: StreamPosition): Promise<Batch> {
    const interest = await options.interest?.(from);
    let { events, to } = await readBatch(db, dialect, from, batchSize, interest);
    // A change of what the consumer listens to: the batch ends with it, and the next is read anew.
    const changing = interest
      ? events.findIndex((event) => interest.resourceTypes.includes(event.resourceType))
      : -1;
    if (changing >= 0) {
      events = events.slice(0, changing + 1);
      to = positionOf(events.at(-1)!);
    }
    return { events, to, more: events.length === batchSize || changing >= 0 };
  }

  /** The batch after `from`: the one read ahead if it was read from there (and did not fail), else read now. */
  async function nextBatch(from: StreamPosition): Promise<Batch> {
    const read = ahead && samePosition(ahead.from, from) ? ahead.batch : undefined;
    ahead = undefined;
    return (read && (await read.catch(() => undefined))) ?? readFrom(from);
  }

  /** Reads the batch after `to` while the last one commits, and with 'consume' works out what it leads to. */
  function readAhead(to: StreamPosition) {
    const batch = readFrom(to).then(async (next) =>
      options.ahead === 'consume' && next.events.length
        ? { ...next, consumed: await options.consume(next.events) }
        : next,
    );
    // Awaited by the next turn, if it starts there; until then a failure must not go unhandled.
    batch.catch(() => undefined);
    ahead = { from: to, batch };
  }

  /** Whether this process reads the stream now: it renews its lease a third of the way through. */
  async function leading(): Promise<boolean> {
    const now = clock.now();
    if (now < checkAt) return now < leadingUntil;
    const held = await acquireLeadership(db, leader, workerId, now, leaseMs);
    leadingUntil = held ? now + leaseMs : 0;
    checkAt = held ? now + leaseMs / 3 : now + pollMs;
    if (!held) cursor = stored = undefined;
    return held;
  }

  const samePosition = (a: StreamPosition, b: StreamPosition) => a.xid === b.xid && a.id === b.id;

  /** Nothing for this process to do now; a turn that ends so says there is no more. */
  function settle() {
    settled = true;
    return false;
  }

  /**
   * One batch; whether there may be more. A batch short of batchSize read all there was: what commits
   * meanwhile wakes the consumer again, so no turn is spent finding nothing.
   */
  async function turn(): Promise<boolean> {
    if (!(await leading())) return settle();
    if (cursor === undefined) {
      // Read with what the consumer knew before it lost its place: perhaps no longer what it listens to.
      ahead = undefined;
      options.resuming?.();
      const at = new Date(clock.now()).toISOString();
      cursor = stored = await cursorOf(db, dialect, options.name, at);
      storedAt = clock.now();
    }
    const from = cursor;
    const batch = await nextBatch(from);
    const { events, to, more } = batch;
    if (!events.length && samePosition(to, from)) return settle();
    // Passing over events nobody listens to leads to nothing: the cursor moves here, and is stored with the
    // next batch that leads to something, or within storeEveryMs (read again after a crash, they still
    // lead to nothing). A commit for every write on the database was most of the reader's work.
    if (!events.length && clock.now() - storedAt < storeEveryMs) {
      cursor = to;
      return more || settle();
    }
    const consumed = batch.consumed ?? (events.length ? await options.consume(events) : { statements: [] });
    if (options.ahead && more) readAhead(to);
    const now = clock.now();
    try {
      const move = advanceCursor(db, options.name, stored!, to, new Date(now).toISOString());
      const writes = consumed.writes ?? [];
      // The move first: a second process that read the same events waits for its row lock, then is refused.
      if (consumed.statements.length)
        await dialect.runInTransaction(db, [move, ...consumed.statements], writes);
      else await dialect.runInTransaction(db, [], [move, ...writes]);
    } catch (error) {
      cursor = stored = undefined;
      // Another process moved on from here (it held the stream while this one was slow): read on from there.
      if (isStaleWrite(error)) return true;
      throw error;
    }
    cursor = stored = to;
    storedAt = now;
    consumed.committed?.();
    return more;
  }

  /** One slice of the consumer's idle work, if it has some and this process reads the stream; whether it did. */
  async function idleTurn(): Promise<boolean> {
    if (!options.idle || phase !== 'started' || !stored || !(await leading())) return false;
    const work = await options.idle();
    if (!work) return false;
    const guard = { ...stillAt(db, options.name, stored), expectChanges: 1 };
    try {
      await dialect.runInTransaction(db, [guard, ...work.statements], work.writes ?? []);
    } catch (error) {
      cursor = stored = undefined;
      if (isStaleWrite(error)) return true;
      throw error;
    }
    work.committed?.();
    return true;
  }

  async function run() {
    do {
      again = false;
      try {
        while (phase === 'started' && (await turn()));
        if (await idleTurn()) again = true;
        failures = 0;
      } catch (error) {
        failures++;
        options.log.warn(
          { consumer: options.name, err: (error as Error).message },
          'reading the change stream failed; trying again',
        );
        clearTimeout(retry);
        retry = setTimeout(wake, Math.min(30_000, 100 * 2 ** failures));
        retry.unref();
        return;
      }
    } while (again && phase === 'started');
  }

  function wake() {
    if (phase !== 'started') return;
    if (running) {
      again = true;
      return;
    }
    running = run().finally(() => (running = undefined));
  }

  return {
    async start() {
      if (phase !== 'new') throw new Error('a stream consumer starts once');
      // The cursor exists before start() returns: what is written from then on is this consumer's.
      const at = new Date(clock.now()).toISOString();
      if ((await ensureCursor(db, dialect, options.name, at)).created) await options.created?.();
      // Any change on the database may be an event: the catalog's, runs', jobs' announcements all wake it.
      unsubscribe = await database.changes.subscribe({ receive: wake, missed: wake });
      phase = 'started';
      poll = setInterval(wake, pollMs);
      poll.unref();
      wake();
    },
    async stop() {
      if (phase !== 'started') return;
      phase = 'stopped';
      clearInterval(poll);
      clearTimeout(retry);
      unsubscribe?.();
      await running;
      await resignLeadership(db, leader, workerId).catch(() => undefined);
    },
    wake,
    async drain() {
      const target = await lastCommitted(db, dialect);
      const past = () => cursor !== undefined && comparePositions(dialect, cursor, target) >= 0;
      while (phase === 'started') {
        await running;
        checkAt = 0;
        settled = false;
        wake();
        await running;
        if (!settled) continue;
        if (past() || !(await leading())) return;
        // On PostgreSQL a transaction still open anywhere on the cluster holds the stream back a while.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}
