import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_JOBS } from '../../../examples/runner/jobs.js';
import { createPorticoClient } from '../../../examples/runner/portico-client.js';
import { createRunner, type Runner } from '../../../examples/runner/runner.js';
import { signPayload } from '../../../examples/runner/signature.js';
import { startWebhookServer } from '../../../examples/runner/webhook-server.js';
import { createAction } from '../../../test/actions.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { DEMO_SIGNING_KEY, startDemoApp, type DemoApp } from '../../../test/demo-app.js';

describeEachDatabase('the reference runner in webhook mode', (dialect) => {
  let api: DemoApp;
  let runner: Runner;
  let server: Awaited<ReturnType<typeof startWebhookServer>>;
  const errors: string[] = [];

  beforeAll(async () => {
    api = await startDemoApp(dialect);
    const client = createPorticoClient({
      url: api.url,
      clientId: api.clientId,
      clientSecret: api.clientSecret,
    });
    runner = createRunner({
      client,
      jobs: DEMO_JOBS,
      onError: (error, runId) => errors.push(`${runId}: ${(error as Error).message}`),
    });
    server = await startWebhookServer({ runner, signingKey: DEMO_SIGNING_KEY, port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server.close();
    await runner.idle();
    await api.close();
  });

  /** An action that Portico delivers to the runner's webhook server (no agent). */
  const webhookAction = (path: string) =>
    createAction(api, {
      identifier: uniqueId('hooked'),
      title: 'Scaffold (webhook)',
      trigger: {
        blueprintIdentifier: 'service',
        userInputs: { properties: { name: { type: 'string' } }, required: ['name'] },
      },
      invocationMethod: {
        type: 'WEBHOOK',
        url: `${server.url}${path}`,
        body: { runId: '{{ .run.id }}', name: '{{ .inputs.name }}', language: 'Python' },
      },
    });

  const runOf = async (id: string) => (await api.get(`/v1/actions/runs/${id}`)).body.run;
  const ended = (id: string) =>
    expect.poll(async () => (await runOf(id)).status, { timeout: 20_000 }).not.toBe('IN_PROGRESS');

  /** Sends the runner a request signed with `key` at `timestamp` (seconds), as Portico would. */
  function deliver(
    body: string,
    options: { key?: string; timestamp?: number; signed?: string; path?: string } = {},
  ) {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    return fetch(`${server.url}${options.path ?? '/scaffold'}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-port-timestamp': timestamp,
        'x-port-signature': signPayload(options.key ?? DEMO_SIGNING_KEY, timestamp, options.signed ?? body),
      },
      body,
    });
  }

  it("takes Portico's signed webhook, answers 202, and reports the scaffold back", async () => {
    const action = await webhookAction('/scaffold');
    const name = uniqueId('hook').replace(/_/g, '-').toLowerCase();
    const started = await api.post(`/v1/actions/${action}/runs`, { properties: { name } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const id = started.body.run.id as string;
    await ended(id);
    const run = await runOf(id);
    expect(run, JSON.stringify({ run, errors })).toMatchObject({
      status: 'SUCCESS',
      statusLabel: 'Service created',
    });
    const logs = (await api.get(`/v1/actions/runs/${id}/logs`)).body.runLogs.map(
      (l: { message: string }) => l.message,
    );
    expect(logs).toContain(`Registered service "${name}" in the catalog`);
    expect(logs.filter((m: string) => m.startsWith('Delivered to'))).toHaveLength(1);
    expect((await api.get(`/v1/blueprints/service/entities/${name}`)).body.entity.properties.language).toBe(
      'Python',
    );
  });

  it('refuses a tampered body, another key, a stale or future timestamp and a missing signature with 401', async () => {
    const body = JSON.stringify({ runId: 'r_forged', name: 'forged-service' });
    const now = Math.floor(Date.now() / 1000);
    const refused = [
      await deliver(body, { signed: JSON.stringify({ runId: 'r_forged', name: 'other' }) }),
      await deliver(body, { key: 'not-the-signing-key' }),
      await deliver(body, { timestamp: now - 10 * 60 }),
      await deliver(body, { timestamp: now + 10 * 60 }),
      await fetch(`${server.url}/scaffold`, { method: 'POST', body }),
    ];
    for (const response of refused) {
      expect(response.status).toBe(401);
      expect(((await response.json()) as { message: string }).message).toMatch(
        /x-port-(signature|timestamp)/,
      );
    }
    expect((await api.get('/v1/blueprints/service/entities/forged-service')).status).toBe(404);
  });

  it('does the work of a redelivered run once, and fails a run whose job it does not know', async () => {
    const action = await webhookAction('/no-such-job');
    const started = await api.post(`/v1/actions/${action}/runs`, { properties: { name: 'x' } });
    const id = started.body.run.id as string;
    await ended(id);
    const run = await runOf(id);
    expect(run).toMatchObject({ status: 'FAILURE' });
    const logs = (await api.get(`/v1/actions/runs/${id}/logs`)).body.runLogs.map(
      (l: { message: string }) => l.message,
    );
    expect(logs.at(-1)).toBe('This runner has no job at /no-such-job');

    // The same run delivered again (Portico retrying a timed-out delivery): accepted, not redone.
    const again = await deliver(JSON.stringify({ runId: id, name: 'x' }), { path: '/no-such-job' });
    expect(again.status).toBe(202);
    expect(await again.json()).toMatchObject({ runId: id, duplicate: true });
    const bad = await deliver('{not json');
    expect(bad.status).toBe(400);
    await runner.idle();
    expect((await api.get(`/v1/actions/runs/${id}/logs`)).body.runLogs).toHaveLength(logs.length);
    expect(errors).toEqual([]);
  });
});
