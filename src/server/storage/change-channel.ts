import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from './database.js';

/** The PostgreSQL channel every replica sends its changes on and listens to. */
export const CHANGE_CHANNEL = 'portico_changes';

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
export const MAX_CHANGE_PAYLOAD_BYTES = 7900;

/** How often the listening connection is asked a trivial question, so that a dead one is found. */
const PING_MS = 30_000;
const RETRY_MAX_MS = 5_000;

export interface ChangeSubscriber {
  /** A payload that a process on this database sent (this one included), heard once. */
  receive(payload: string): void;
  /** Payloads may have been lost meanwhile: the listening connection broke and is back. */
  missed(): void;
}

/**
 * Short messages to every process on the database: on PostgreSQL by NOTIFY, heard on one connection per
 * process that LISTENs (opened for the first subscriber); on SQLite, whose file one process serves, in
 * that process.
 */
export interface ChangeChannel {
  /** Sends each payload (at most MAX_CHANGE_PAYLOAD_BYTES) to every subscriber of every process. */
  send(payloads: readonly string[]): Promise<void>;
  /** Resolves once `subscriber` hears every payload sent from then on; the function returned stops it. */
  subscribe(subscriber: ChangeSubscriber): Promise<() => void>;
  close(): Promise<void>;
}

export function inProcessChannel(): ChangeChannel {
  const subscribers = new Set<ChangeSubscriber>();
  return {
    async send(payloads) {
      for (const payload of payloads) for (const subscriber of [...subscribers]) subscriber.receive(payload);
    },
    async subscribe(subscriber) {
      subscribers.add(subscriber);
      return () => void subscribers.delete(subscriber);
    },
    async close() {
      subscribers.clear();
    },
  };
}

export function postgresChannel(
  db: Db,
  url: string,
  onConnectionError: (error: Error) => void,
): ChangeChannel {
  const subscribers = new Set<ChangeSubscriber>();
  const listener = new PostgresListener(url, onConnectionError, {
    receive: (payload) => [...subscribers].forEach((subscriber) => subscriber.receive(payload)),
    missed: () => [...subscribers].forEach((subscriber) => subscriber.missed()),
  });
  const send = coalescedSends(async (payloads) => {
    // One statement however many: NOTIFY keeps their order, and delivers them only once it commits.
    await sql`select pg_notify(${CHANGE_CHANNEL}, p) from unnest(${payloads}::text[]) as p`.execute(db);
  });
  return {
    send,
    async subscribe(subscriber) {
      subscribers.add(subscriber);
      try {
        await listener.start();
      } catch (error) {
        subscribers.delete(subscriber);
        throw error;
      }
      return () => {
        subscribers.delete(subscriber);
        if (!subscribers.size) void listener.stop();
      };
    },
    async close() {
      subscribers.clear();
      await listener.stop();
    },
  };
}

/**
 * `send` whose calls made while one is under way go out together in the next, in the order they were
 * made: a NOTIFY is a statement of its own and a commit that PostgreSQL serialises with every other
 * notifying commit, so at a few hundred changes a second one each would queue up behind one another.
 */
export function coalescedSends(
  sendNow: (payloads: string[]) => Promise<void>,
): (payloads: readonly string[]) => Promise<void> {
  let waiting: { payloads: string[]; sent: Promise<void>; start(): void } | undefined;
  let underWay: Promise<void> = Promise.resolve();
  return (payloads) => {
    if (!payloads.length) return underWay;
    if (!waiting) {
      let start!: () => void;
      const started = new Promise<void>((resolve) => (start = resolve));
      const next = { payloads: [] as string[], sent: Promise.resolve(), start };
      next.sent = started.then(() => {
        if (waiting === next) waiting = undefined;
        return sendNow(next.payloads);
      });
      waiting = next;
      // Starts once the send under way has ended, however it ended.
      void underWay.then(start, start);
      underWay = next.sent;
    }
    waiting.payloads.push(...payloads);
    return waiting.sent;
  };
}

/** One connection that LISTENs, opened again (with growing pauses) whenever it is lost. */
class PostgresListener {
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private wanted = false;
  private failures = 0;
  private retry: NodeJS.Timeout | undefined;
  private ping: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly onConnectionError: (error: Error) => void,
    private readonly handlers: ChangeSubscriber,
  ) {}

  /** Resolves once listening; rejects if the first attempt to connect fails. */
  start(): Promise<void> {
    this.wanted = true;
    if (this.client) return Promise.resolve();
    return (this.connecting ??= this.connect().finally(() => (this.connecting = undefined)));
  }

  async stop(): Promise<void> {
    this.wanted = false;
    clearTimeout(this.retry);
    clearInterval(this.ping);
    const client = this.client;
    this.client = undefined;
    await this.connecting?.catch(() => undefined);
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    // A connection string's own application_name wins over this one.
    const client = new pg.Client({
      connectionString: this.url,
      application_name: 'portico-changes',
      keepAlive: true,
    });
    client.on('notification', (message) => {
      if (this.client === client && message.channel === CHANGE_CHANNEL && message.payload !== undefined)
        this.handlers.receive(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`listen ${CHANGE_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (!this.wanted) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.failures = 0;
    this.ping = setInterval(
      () => void client.query('select 1').catch((error: Error) => this.lost(client, error)),
      PING_MS,
    );
    this.ping.unref();
  }

  private lost(client: pg.Client, error?: Error) {
    if (this.client !== client) return;
    this.client = undefined;
    clearInterval(this.ping);
    void client.end().catch(() => undefined);
    this.onConnectionError(error ?? new Error('the connection listening for changes ended'));
    if (this.wanted) this.reconnect();
  }

  private reconnect() {
    const pause = Math.min(RETRY_MAX_MS, 100 * 2 ** this.failures++);
    this.retry = setTimeout(() => {
      if (!this.wanted) return;
      this.start().then(
        () => this.handlers.missed(),
        (error: Error) => {
          this.onConnectionError(error);
          if (this.wanted) this.reconnect();
        },
      );
    }, pause);
    this.retry.unref();
  }
}
