import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAction } from '../../../test/actions.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/webhook-receiver.js';

describeEachDatabase('a run ended before its delivery starts', (dialect) => {
  let api: TestApp;
  let receiver: WebhookReceiver;
  const held: ServerResponse[] = [];

  beforeAll(async () => {
    // One delivery at a time: a run accepted while another is delivered waits for its turn.
    api = await startTestApp(dialect, { webhooks: { concurrency: 1 } });
    receiver = await startWebhookReceiver((request, response) => {
      if (!request.path.startsWith('/slow')) return { status: 200, body: { ok: true } };
      held.push(response);
    });
  });
  afterAll(async () => {
    await api.close();
    await receiver.close();
  });

  const hookAction = (path: string) =>
    createAction(api, {
      identifier: uniqueId('hook'),
      invocationMethod: { type: 'WEBHOOK', url: `${receiver.url}${path}` },
    });
  const start = async (action: string) => {
    const started = await api.post(`/v1/actions/${action}/runs`, { properties: { name: 'x' } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    return started.body.run.id as string;
  };

  /**
   * A run accepted while the only delivery slot is taken, ended by `end` before its turn; then the slot
   * is freed and a control run sent after it. Answers what the receiver got of that action.
   */
  async function endWhileWaiting(end: (run: string) => Promise<{ status: number; body: unknown }>) {
    const slowPath = `/slow-${uniqueId('p')}`;
    const fastPath = `/fast-${uniqueId('p')}`;
    const [slow, fast] = [await hookAction(slowPath), await hookAction(fastPath)];
    const blocker = await start(slow);
    await receiver.waitFor(1, slowPath);
    const ended = await start(fast);
    const report = await end(ended);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    // Another replica's notification reaches this one long before the blocker is let go.
    await new Promise((resolve) => setTimeout(resolve, 500));

    for (const response of held.splice(0)) response.writeHead(200).end('{}');
    await expect
      .poll(async () => (await api.get(`/v1/actions/runs/${blocker}/logs`)).body.runLogs.length)
      .toBeGreaterThan(0);
    // The ended run's turn has come and gone; the control run after it shows the queue moved on.
    const control = await start(fast);
    await expect.poll(() => receiver.received.filter((r) => r.path === fastPath).length).toBe(1);
    const delivered = receiver.received.filter((r) => r.path === fastPath);
    return { ended, control, delivered: delivered.map((r) => r.headers['x-portico-run-id']) };
  }

  it('is not delivered, even by the process that accepted it', async () => {
    const { ended, control, delivered } = await endWhileWaiting((run) =>
      api.patch(`/v1/actions/runs/${run}`, { status: 'FAILURE', statusLabel: 'Cancelled' }),
    );
    expect(delivered).toEqual([control]);
    expect((await api.get(`/v1/actions/runs/${ended}`)).body.run).toMatchObject({
      status: 'FAILURE',
      statusLabel: 'Cancelled',
    });
  });

  it.runIf(dialect === 'postgres')('is not delivered when another replica ended it', async () => {
    // Another replica: its own app and connections on the same database, heard through NOTIFY.
    const replica = await startTestApp(dialect);
    try {
      const { control, delivered } = await endWhileWaiting((run) =>
        replica.patch(`/v1/actions/runs/${run}`, { status: 'SUCCESS' }),
      );
      expect(delivered).toEqual([control]);
    } finally {
      await replica.close();
    }
  });
});
