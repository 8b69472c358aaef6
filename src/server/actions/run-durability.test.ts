import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createWebhookAction, serverClient, startRun } from '../../../test/action-runs.js';
import { createEmptyDatabaseUrl, describeEachDatabase } from '../../../test/databases.js';
import { startServerProcess, type ServerProcess } from '../../../test/server-process.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/webhook-receiver.js';

/**
 * One delivery at a time, so that runs accepted while the first is under way wait in the queue; a dead
 * process's attempt is taken over 0.5 s after its time limit (3 s, plus the 10 s the delivery job allows
 * around the request), looked for every 250 ms.
 */
const SETTINGS = {
  PORTICO_WEBHOOK_ALLOW_PRIVATE: '127.0.0.0/8',
  PORTICO_WEBHOOK_TIMEOUT_MS: '3000',
  PORTICO_WEBHOOK_CONCURRENCY: '1',
  PORTICO_WEBHOOK_MAX_ATTEMPTS: '5',
  PORTICO_JOBS_LEASE_GRACE_MS: '500',
  PORTICO_JOBS_UPKEEP_MS: '250',
};

describeEachDatabase('runs accepted before the server is killed', (dialect) => {
  let receiver: WebhookReceiver;
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await Promise.all(servers.map((server) => server.kill()));
    servers.length = 0;
  });
  afterAll(() => receiver.close());

  const start = async (databaseUrl: string) => {
    const server = await startServerProcess({ databaseUrl, env: SETTINGS });
    servers.push(server);
    return server;
  };

  it('are delivered after a restart on the same database, each with its run id, the interrupted one again', async () => {
    // A database of its own: no other test's queue may take these runs.
    const databaseUrl = await createEmptyDatabaseUrl(dialect);
    const first = await start(databaseUrl);
    const before = await serverClient(first);
    const path = `/crash-${dialect}`;
    const action = await createWebhookAction(before, `${receiver.url}${path}`);
    // The first delivery is never answered: the process dies in the middle of it.
    let holding = true;
    receiver.respond((request) =>
      request.path === path && holding ? undefined : { status: 200, body: { ok: true } },
    );

    const interrupted = await startRun(before, action, 1);
    await receiver.waitFor(1, path);
    const waiting = [await startRun(before, action, 2), await startRun(before, action, 3)];
    await first.kill('SIGKILL');
    holding = false;
    // Accepted (202) and not delivered when the process died.
    expect(receiver.received.filter((r) => r.path === path).map(runIdOf)).toEqual([interrupted]);

    const restarted = await start(databaseUrl);
    const after = await serverClient(restarted);
    const runs = [interrupted, ...waiting];
    const statusOf = async (id: string) => (await after.get(`/v1/actions/runs/${id}`)).body.run.status;
    await expect
      .poll(() => Promise.all(runs.map(statusOf)), { timeout: 30_000, interval: 200 })
      .toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);

    const deliveries = receiver.received.filter((r) => r.path === path);
    // At least once: the interrupted run twice, with the same id, so that a backend can tell.
    expect(deliveries.map(runIdOf).sort()).toEqual([interrupted, ...runs].sort());
    const inputOf = new Map(runs.map((id, i) => [id, i + 1]));
    for (const delivery of deliveries) {
      expect(delivery.headers['webhook-id']).toBe(runIdOf(delivery));
      expect((delivery.body as { n: number }).n).toBe(inputOf.get(runIdOf(delivery)));
    }
    const logs = (await after.get(`/v1/actions/runs/${interrupted}/logs`)).body.runLogs;
    expect(logs.map((l: { message: string }) => l.message)).toEqual([
      expect.stringMatching(/^Delivered to .* \(HTTP 200, attempt 2 of 5\)$/),
    ]);
  }, 60_000);
});

const runIdOf = (request: { body: unknown }) => (request.body as { runId: string }).runId;
