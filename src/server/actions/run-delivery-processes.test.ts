import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookAction, serverClient, startRun, type ServerClient } from '../../../test/action-runs.js';
import { createEmptyDatabaseUrl } from '../../../test/databases.js';
import { startServerProcesses, type ServerProcess } from '../../../test/server-process.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/webhook-receiver.js';
import { openDatabase, type Database } from '../storage/database.js';
import { RUN_JOB } from './run-delivery.js';

const RUNS = 2_000;
/** Clients creating runs at once, each sending to the two servers in turn. */
const CLIENTS = 16;

// Replicas share PostgreSQL; SQLite serves one process per file.
describe.skipIf(process.env.PORTICO_TEST_PG === 'off')(
  'runs delivered by two server processes [postgres]',
  () => {
    let database: Database;
    let servers: ServerProcess[];
    let receiver: WebhookReceiver;
    beforeAll(async () => {
      // A database of its own: no other test's queue may take these runs.
      const url = await createEmptyDatabaseUrl('postgres');
      servers = await startServerProcesses(2, {
        databaseUrl: url,
        env: { PORTICO_WEBHOOK_ALLOW_PRIVATE: '127.0.0.0/8' },
      });
      database = openDatabase(url);
      receiver = await startWebhookReceiver();
    });
    afterAll(async () => {
      await Promise.all(servers.map((server) => server.kill()));
      await receiver?.close();
      await database?.close();
    });

    it(`delivers ${RUNS} runs created through both, each exactly once, and every run ends SUCCESS`, async () => {
      const clients = await Promise.all(servers.map(serverClient));
      const path = '/replicas';
      const action = await createWebhookAction(clients[0]!, `${receiver.url}${path}`);
      // While runs are created and delivered, which processes hold delivery jobs.
      const holders = new Set<string>();
      const created = await createRunsThroughBoth(clients, action, holders);
      expect(new Set(created).size).toBe(RUNS);

      await expect
        .poll(
          async () => {
            for (const holder of await runningHolders()) holders.add(holder);
            return runStatuses(action);
          },
          { timeout: 50_000, interval: 100 },
        )
        .toEqual({ SUCCESS: RUNS });
      // Stopped as a service manager stops them: whatever either had under way ends before the count.
      await Promise.all(servers.map((server) => server.stop()));

      const deliveriesPerRun = new Map<string, number>();
      for (const request of receiver.received.filter((r) => r.path === path)) {
        const id = String(request.headers['webhook-id']);
        expect((request.body as { runId: string }).runId).toBe(id);
        deliveriesPerRun.set(id, (deliveriesPerRun.get(id) ?? 0) + 1);
      }
      expect(created.filter((id) => deliveriesPerRun.get(id) !== 1)).toEqual([]);
      expect(deliveriesPerRun.size).toBe(RUNS);
      // Every delivery job succeeded, nearly all at their first attempt: on a machine at full load a job
      // took a second attempt (2 of 2,000 once), and each run was still delivered once (above).
      const jobs = await jobsByStateAndAttempt();
      expect(Object.keys(jobs)).toEqual(['succeeded']);
      expect(Object.values(jobs.succeeded!).reduce((a, b) => a + b, 0)).toBe(RUNS);
      expect(jobs.succeeded![1]).toBeGreaterThanOrEqual(RUNS * 0.99);
      expect(holders.size).toBe(2);
    }, 100_000);

    /** CLIENTS loops, run i sent to server i mod 2; the ids answered. */
    async function createRunsThroughBoth(clients: ServerClient[], action: string, holders: Set<string>) {
      const ids: string[] = [];
      let next = 0;
      const client = async () => {
        while (next < RUNS) {
          const n = next++;
          ids.push(await startRun(clients[n % clients.length]!, action, n));
        }
      };
      let creating = true;
      const watching = (async () => {
        while (creating) {
          for (const holder of await runningHolders()) holders.add(holder);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      await Promise.all(Array.from({ length: CLIENTS }, client)).finally(() => (creating = false));
      await watching;
      return ids;
    }

    async function runStatuses(action: string) {
      const rows = await database.db
        .selectFrom('action_runs')
        .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
        .where('action_identifier', '=', action)
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
    }

    async function runningHolders(): Promise<string[]> {
      const rows = await database.db
        .selectFrom('jobs')
        .select('locked_by')
        .distinct()
        .where('kind', '=', RUN_JOB)
        .where('state', '=', 'running')
        .execute();
      return rows.flatMap((row) => (row.locked_by ? [row.locked_by] : []));
    }

    async function jobsByStateAndAttempt() {
      const rows = await database.db
        .selectFrom('jobs')
        .select(['state', 'attempt', (eb) => eb.fn.countAll<string>().as('n')])
        .where('kind', '=', RUN_JOB)
        .groupBy(['state', 'attempt'])
        .execute();
      const counts: Record<string, Record<number, number>> = {};
      for (const row of rows) (counts[row.state] ??= {})[row.attempt] = Number(row.n);
      return counts;
    }
  },
);
