import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlueprint } from '../../../test/actions.js';
import { serverClient, type ServerClient } from '../../../test/action-runs.js';
import {
  deliveriesByEvent,
  entityEventsOf,
  repeatsOf,
  runsPerEvent,
  streamReaderPid,
  webhookTo,
  type EntityEvent,
} from '../../../test/automation-firings.js';
import { createAutomation } from '../../../test/automations.js';
import { createEmptyDatabaseUrl, uniqueId } from '../../../test/databases.js';
import { startServerProcesses, type ServerProcess } from '../../../test/server-process.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/webhook-receiver.js';
import { openDatabase, type Database } from '../storage/database.js';

const ENTITIES = 30;
const UPDATES_PER_ENTITY = 10;
/** The reader of the stream is killed once this many updates have been answered. */
const KILL_AFTER = (ENTITIES * UPDATES_PER_ENTITY) / 2;
/** Timers are set this far ahead when the entities are created: after the reader's death and takeover. */
const TIMERS_IN_MS = 20_000;

/** The condition of the ENTITY_UPDATED automation: holds for a third of the updates. */
const holds = (event: EntityEvent) => Number(event.properties.n) % 3 === 0;

// Replicas share PostgreSQL; SQLite serves one process per file (see automation-crash.test.ts).
describe.skipIf(process.env.PORTICO_TEST_PG === 'off')(
  'automations fired by two server processes [postgres]',
  () => {
    const started: ServerProcess[] = [];
    const opened: Database[] = [];
    let receiver: WebhookReceiver;
    beforeAll(async () => {
      receiver = await startWebhookReceiver();
    });
    afterAll(async () => {
      await Promise.all(started.map((server) => server.kill()));
      await receiver?.close();
      await Promise.all(opened.map((database) => database.close()));
    });

    /** Two server processes on a new database (its stream the test's own); the first reads the stream. */
    async function startPair() {
      const url = await createEmptyDatabaseUrl('postgres');
      const servers = await startServerProcesses(2, {
        databaseUrl: url,
        env: {
          PORTICO_WEBHOOK_ALLOW_PRIVATE: '127.0.0.0/8',
          // A delivery the killed process had under way is taken over within about 15 s.
          PORTICO_WEBHOOK_TIMEOUT_MS: '5000',
          PORTICO_JOBS_LEASE_GRACE_MS: '500',
          PORTICO_JOBS_UPKEEP_MS: '500',
        },
      });
      started.push(...servers);
      const database = openDatabase(url);
      opened.push(database);
      return { servers, clients: await Promise.all(servers.map(serverClient)), database };
    }
    type Pair = Awaited<ReturnType<typeof startPair>>;
    const hook = (path: string) => ({ invocationMethod: webhookTo(`${receiver.url}${path}`) });

    it('fires each automation once per event while both write, and the reader is killed mid-way', async () => {
      const pair = await startPair();
      const { servers, clients, database } = pair;
      const bp = await createBlueprint(clients[0]!, {
        n: { type: 'number' },
        ttl: { type: 'string', format: 'timer' },
      });
      const paths = {
        updated: `/${uniqueId('updated')}`,
        any: `/${uniqueId('any')}`,
        timer: `/${uniqueId('timer')}`,
      };
      const updated = await createAutomation(
        clients[0]!,
        {
          event: { type: 'ENTITY_UPDATED', blueprintIdentifier: bp },
          condition: { type: 'JQ', combinator: 'and', expressions: ['.diff.after.properties.n % 3 == 0'] },
        },
        hook(paths.updated),
      );
      const any = await createAutomation(
        clients[1]!,
        { event: { type: 'ANY_ENTITY_CHANGE', blueprintIdentifier: bp } },
        hook(paths.any),
      );
      const timer = await createAutomation(
        clients[0]!,
        { event: { type: 'TIMER_PROPERTY_EXPIRED', blueprintIdentifier: bp, propertyIdentifier: 'ttl' } },
        hook(paths.timer),
      );

      const writes = concurrentWrites(pair, bp);
      const ttl = new Date(Date.now() + TIMERS_IN_MS).toISOString();
      await writes.createAll(ttl);
      const [killed, survivor] = await killTheReaderAfter(pair, ENTITIES + KILL_AFTER, writes);
      await writes.updateAll();
      const acknowledged = writes.acknowledged();
      expect(acknowledged.length).toBe(ENTITIES * (UPDATES_PER_ENTITY + 1));
      expect(killed.exited()).toBe(true);
      // The survivor took the stream over.
      await expect.poll(() => streamReaderPid(database), { timeout: 20_000 }).toBe(survivor.pid);

      // Every timer expires once, and then everything has fired.
      await expect
        .poll(async () => (await entityEventsOf(database, bp)).filter((e) => e.property === 'ttl').length, {
          timeout: 60_000,
        })
        .toBe(ENTITIES);
      const events = await entityEventsOf(database, bp);
      const expected = {
        [updated]: events.filter((e) => e.action === 'UPDATE' && holds(e)),
        [any]: events.filter((e) => ['CREATE', 'UPDATE', 'DELETE'].includes(e.action)),
        [timer]: events.filter((e) => e.property === 'ttl'),
      };
      const pathOf = { [updated]: paths.updated, [any]: paths.any, [timer]: paths.timer };
      // Nothing acknowledged is missing from the stream.
      const streamed = new Set(events.map((e) => e.properties.n));
      expect(acknowledged.filter((n) => !streamed.has(n))).toEqual([]);
      for (const [name, want] of Object.entries(expected))
        await expect
          .poll(() => deliveriesByEvent(receiver.received, pathOf[name]!).size, { timeout: 40_000 })
          .toBe(want.length);
      // Anything still under way (a repeat) ends before the count.
      await Promise.all(servers.map((server) => server.stop()));

      const figures: Record<string, unknown> = {};
      for (const [name, want] of Object.entries(expected)) {
        const delivered = deliveriesByEvent(receiver.received, pathOf[name]!);
        expect([...delivered.keys()].sort()).toEqual(want.map((e) => e.id).sort());
        const repeats = repeatsOf(delivered);
        // At-least-once delivery may repeat a run after a SIGKILL, never make a second run of an event.
        expect(repeats.runsTwice, name).toEqual([]);
        const runs = await runsPerEvent(database, name);
        expect([...runs.keys()].sort(), name).toEqual(want.map((e) => e.id).sort());
        expect(
          [...runs.values()].filter((count) => count !== 1),
          name,
        ).toEqual([]);
        figures[name] = { events: want.length, runs: runs.size, repeatedDeliveries: repeats.deliveries };
      }
      console.info(
        'automations across two processes, one killed:',
        JSON.stringify({ writes: acknowledged.length, unanswered: writes.unanswered(), ...figures }),
      );
      expect(expected[updated]!.length).toBeGreaterThan(50);
      expect(expected[any]!.length).toBeGreaterThanOrEqual(ENTITIES * (UPDATES_PER_ENTITY + 1));
    }, 120_000);

    it('fires the automations as they are when a process reads the stream again after another did', async () => {
      const { servers, clients, database } = await startPair();
      const [first, second] = servers as [ServerProcess, ServerProcess];
      await expect.poll(() => streamReaderPid(database)).toBe(first.pid);
      const bp = await createBlueprint(clients[0]!, { n: { type: 'number' } });
      const onCreate = { event: { type: 'ENTITY_CREATED', blueprintIdentifier: bp } };
      const paths = {
        kept: `/${uniqueId('kept')}`,
        deleted: `/${uniqueId('deleted')}`,
        added: `/${uniqueId('added')}`,
      };
      const kept = await createAutomation(clients[0]!, onCreate, hook(paths.kept));
      const deleted = await createAutomation(clients[0]!, onCreate, hook(paths.deleted));
      const create = async (client: ServerClient, identifier: string) => {
        const created = await client.post(`/v1/blueprints/${bp}/entities`, {
          identifier,
          properties: { n: 1 },
        });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        return (await entityEventsOf(database, bp)).find((e) => e.entity === identifier)!.id;
      };
      const before = await create(clients[0]!, 'before');
      await receiver.waitFor(1, paths.kept);
      await receiver.waitFor(1, paths.deleted);

      // The first process stalls (a long pause, a frozen VM) until the second takes the stream over; then
      // it goes on, no longer reading.
      process.kill(first.pid, 'SIGSTOP');
      try {
        await expect.poll(() => streamReaderPid(database), { timeout: 20_000 }).toBe(second.pid);
      } finally {
        process.kill(first.pid, 'SIGCONT');
      }
      // Meanwhile, read by the second: an automation added, another deleted.
      const added = await createAutomation(clients[1]!, onCreate, hook(paths.added));
      expect((await clients[1]!.delete(`/v1/actions/${deleted}`)).status).toBe(200);
      const meanwhile = await create(clients[1]!, 'meanwhile');
      await receiver.waitFor(1, paths.added);

      // The second dies: the first reads the stream again.
      await second.kill('SIGKILL');
      await expect.poll(() => streamReaderPid(database), { timeout: 20_000 }).toBe(first.pid);
      const after = await create(clients[0]!, 'after');
      await receiver.waitFor(3, paths.kept);
      // Runs are written with the batch's cursor move: the kept one's run on `after` is there, and so
      // would be any other automation's.
      expect(await runsPerEvent(database, kept)).toEqual(
        new Map([before, meanwhile, after].map((e) => [e, 1])),
      );
      expect(await runsPerEvent(database, deleted)).toEqual(new Map([[before, 1]]));
      await expect
        .poll(async () => runsPerEvent(database, added), { timeout: 5_000 })
        .toEqual(new Map([meanwhile, after].map((e) => [e, 1])));
    }, 90_000);

    /**
     * Entities of `bp` written through both processes: each entity by a loop of its own, update j of
     * entity k through process (k + j) % 2 while it lives, else the other. Each attempt writes a new `n`,
     * so a write the killed process committed but never answered is an event of its own.
     */
    function concurrentWrites({ servers, clients }: Pair, bp: string) {
      let next = 0;
      const acknowledged: number[] = [];
      let unanswered = 0;
      const alive = (i: number) => (servers[i % 2]!.exited() ? 1 - (i % 2) : i % 2);
      async function write(preferred: number, identifier: string, properties: Record<string, unknown>) {
        for (;;) {
          const n = next++;
          const answer = await clients[alive(preferred)]!.post(
            `/v1/blueprints/${bp}/entities?upsert=true&merge=true`,
            { identifier, properties: { ...properties, n } },
          ).catch(() => undefined); // the process died under the request: write again elsewhere
          if (!answer) unanswered++;
          else {
            expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
            acknowledged.push(n);
            return;
          }
        }
      }
      const entities = Array.from({ length: ENTITIES }, (_, k) => `e-${k}`);
      return {
        /** The `n` of every write answered 2xx. */
        acknowledged: () => acknowledged,
        /** Writes the killed process never answered (written again through the other). */
        unanswered: () => unanswered,
        createAll: (ttl: string) =>
          Promise.all(entities.map((identifier, k) => write(k, identifier, { ttl }))),
        async updateAll() {
          await Promise.all(
            entities.map(async (identifier, k) => {
              for (let j = 0; j < UPDATES_PER_ENTITY; j++) await write(k + j, identifier, {});
            }),
          );
        },
      };
    }

    /** SIGKILLs the process reading the stream once `count` writes are answered: [killed, survivor]. */
    async function killTheReaderAfter(
      { servers, database }: Pair,
      count: number,
      writes: { acknowledged(): number[] },
    ) {
      const pid = await streamReaderPid(database);
      const killed = servers.find((server) => server.pid === pid);
      expect(killed, `the stream's reader (pid ${pid}) is one of the servers`).toBeDefined();
      void (async () => {
        while (writes.acknowledged().length < count) await new Promise((resolve) => setTimeout(resolve, 5));
        await killed!.kill('SIGKILL');
      })();
      return [killed!, servers.find((server) => server !== killed)!] as const;
    }
  },
);
