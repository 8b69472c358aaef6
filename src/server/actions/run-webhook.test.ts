import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAction as createTestAction } from '../../../test/actions.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/webhook-receiver.js';

const SIGNING_KEY = 'a-test-signing-key-of-this-file-at-least-32-bytes';

/** Verifies a delivery the way Port's docs tell backends to (signature-verification.md). */
function verifies(request: { headers: Record<string, unknown>; raw: string }, key: string) {
  const timestamp = String(request.headers['x-port-timestamp']);
  const expected = `v1,${createHmac('sha256', key).update(`${timestamp}.${request.raw}`).digest('base64')}`;
  return request.headers['x-port-signature'] === expected;
}

describeEachDatabase('action runs delivered by webhook', (dialect) => {
  let api: TestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    api = await startTestApp(dialect, {
      webhooks: {
        secret: SIGNING_KEY,
        allowPrivate: ['127.0.0.0/8'],
        timeoutMs: 1_000,
        maxAttempts: 3,
        backoff: { baseMs: 20, capMs: 100 },
      },
    });
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await api.close();
    await receiver.close();
  });

  const createAction = (invocation: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    createTestAction(api, {
      identifier: uniqueId('hook'),
      title: 'Deploy',
      trigger: {
        userInputs: {
          properties: {
            service: { type: 'string' },
            replicas: { type: 'number', default: 2 },
            region: { type: 'string', default: { jqQuery: '"eu-" + (.form.service | length | tostring)' } },
          },
          required: ['service'],
        },
      },
      invocationMethod: { type: 'WEBHOOK', ...invocation },
      ...extra,
    });

  const runOf = async (id: string) => (await api.get(`/v1/actions/runs/${id}`)).body.run;

  it('renders the template, signs the delivery as Port does, and takes reports back', async () => {
    const path = `/${uniqueId('deploy')}`;
    const action = await createAction({
      url: `${receiver.url}${path}?run={{ .run.id }}`,
      headers: { 'X-Run': '{{ .run.id }}', 'X-Dropped': '{{ null }}' },
      body: {
        '{{ spreadValue() }}': '{{ .inputs }}',
        replicasTyped: '{{ .inputs.replicas }}',
        text: 'svc {{ .inputs.service }} x{{ .inputs.replicas }}',
        '{{ if .inputs.service == "api" then "apiOnly" else null end }}': true,
        by: '{{ .trigger.by.user.email }}',
      },
    });
    const started = await api.post(`/v1/actions/${action}/runs`, { properties: { service: 'api' } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const run = started.body.run;
    expect(run).toMatchObject({
      status: 'IN_PROGRESS',
      action: { identifier: action, title: 'Deploy', deleted: false },
      properties: { service: 'api', replicas: 2, region: 'eu-3' },
      source: 'API',
    });

    const [delivery] = await receiver.waitFor(1, `${path}?run=${run.id}`);
    expect(verifies(delivery!, SIGNING_KEY)).toBe(true);
    expect(verifies(delivery!, 'another key')).toBe(false);
    expect(Math.abs(Number(delivery!.headers['x-port-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(delivery!.headers['x-run']).toBe(run.id);
    expect(delivery!.headers['webhook-id']).toBe(run.id);
    expect(delivery!.headers).not.toHaveProperty('x-dropped');
    expect(delivery!.body).toEqual({
      service: 'api',
      replicas: 2,
      region: 'eu-3',
      replicasTyped: 2,
      text: 'svc api x2',
      apiOnly: true,
      by: expect.any(String),
    });
    await expect
      .poll(async () => (await runOf(run.id)).payload?.url)
      .toBe(`${receiver.url}${path}?run=${run.id}`);

    // The backend reports: log lines, a link, then the end.
    for (const message of ['step 1', 'step 2'])
      expect((await api.post(`/v1/actions/runs/${run.id}/logs`, { message })).status).toBe(201);
    const patched = await api.patch(`/v1/actions/runs/${run.id}`, {
      link: ['https://ci.example.com/42'],
      externalRunId: 'ci-42',
      statusLabel: 'Deploying',
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.run).toMatchObject({
      status: 'IN_PROGRESS',
      statusLabel: 'Deploying',
      externalRunId: 'ci-42',
    });
    const byExternal = await api.get('/v1/actions/runs?external_run_id=ci-42');
    expect(byExternal.body.runs.map((r: { id: string }) => r.id)).toEqual([run.id]);
    const ended = await api.post(`/v1/actions/runs/${run.id}/logs`, {
      message: 'done',
      terminationStatus: 'SUCCESS',
      statusLabel: 'Completed!',
    });
    expect(ended.status).toBe(201);
    const final = await runOf(run.id);
    expect(final).toMatchObject({
      status: 'SUCCESS',
      statusLabel: 'Completed!',
      endedAt: expect.any(String),
    });

    // A finished run takes no more changes.
    expect((await api.patch(`/v1/actions/runs/${run.id}`, { status: 'FAILURE' })).status).toBe(409);
    expect((await api.post(`/v1/actions/runs/${run.id}/logs`, { message: 'late' })).status).toBe(409);
    const logs = await api.get(`/v1/actions/runs/${run.id}/logs`);
    const messages = logs.body.runLogs.map((l: { message: string }) => l.message);
    expect(messages.filter((m: string) => !m.startsWith('Delivered'))).toEqual(['step 1', 'step 2', 'done']);
    expect(messages[0]).toMatch(/^Delivered to/);
  });

  it('takes the status from the answer of a synchronized webhook', async () => {
    const path = `/${uniqueId('sync')}`;
    receiver.respond((request) =>
      request.path === `${path}/ok`
        ? { status: 200, body: { deployed: true } }
        : request.path === `${path}/number`
          ? { status: 200, body: 42 }
          : request.path === `${path}/bad`
            ? { status: 400, body: { error: 'bad input' } }
            : undefined,
    );
    try {
      const good = await createAction({ url: `${receiver.url}${path}/ok`, synchronized: true });
      const bad = await createAction({ url: `${receiver.url}${path}/bad`, synchronized: true });
      const okRun = (await api.post(`/v1/actions/${good}/runs`, { properties: { service: 'a' } })).body.run;
      const badRun = (await api.post(`/v1/actions/${bad}/runs`, { properties: { service: 'a' } })).body.run;
      await expect.poll(async () => (await runOf(okRun.id)).status).toBe('SUCCESS');
      expect((await runOf(okRun.id)).response).toEqual({ deployed: true });
      // Port's run answers a backend's text, list or object: a bare number is given as the text sent.
      const counted = await createAction({ url: `${receiver.url}${path}/number`, synchronized: true });
      const numberRun = (await api.post(`/v1/actions/${counted}/runs`, { properties: { service: 'a' } })).body
        .run;
      await expect.poll(async () => (await runOf(numberRun.id)).status).toBe('SUCCESS');
      expect((await runOf(numberRun.id)).response).toBe('42');
      await expect.poll(async () => (await runOf(badRun.id)).status).toBe('FAILURE');
      // A 4xx is not retried: one attempt.
      expect(receiver.received.filter((r) => r.path === `${path}/bad`)).toHaveLength(1);
      const logs = (await api.get(`/v1/actions/runs/${badRun.id}/logs`)).body.runLogs;
      expect(logs.map((l: { message: string }) => l.message).join('\n')).toContain('HTTP 400');
    } finally {
      receiver.respond(undefined);
    }
  });

  it('keeps what backends report while their delivery is being recorded, for many runs at once', async () => {
    const path = `/${uniqueId('racing')}`;
    // Each backend reports on its run before it answers the delivery: the delivery's record, computed from
    // the run as read before it was sent, must be written on top of the report, not over it.
    receiver.respond((request, response) => {
      if (request.path !== path) return { status: 200, body: {} };
      const { runId } = request.body as { runId: string };
      void api
        .patch(`/v1/actions/runs/${runId}`, { statusLabel: `building ${runId}`, summary: 'from the backend' })
        .then((reported) => {
          response.writeHead(reported.status === 200 ? 200 : 500, { 'content-type': 'application/json' });
          response.end('{}');
        });
    });
    try {
      const action = await createAction({ url: `${receiver.url}${path}`, body: { runId: '{{ .run.id }}' } });
      const runs = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const started = await api.post(`/v1/actions/${action}/runs`, { properties: { service: `s${i}` } });
          expect(started.status).toBe(202);
          return started.body.run.id as string;
        }),
      );
      const lastLog = async (id: string) =>
        (await api.get(`/v1/actions/runs/${id}/logs`)).body.runLogs.at(-1)?.message as string | undefined;
      for (const id of runs) {
        // Delivered once; on a loaded machine an attempt may first time out (1 s here) and be tried again,
        // its note logged before the next attempt's delivery.
        await expect.poll(() => lastLog(id), { timeout: 15_000 }).toMatch(/^Delivered to/);
        const run = await runOf(id);
        expect(run).toMatchObject({
          status: 'IN_PROGRESS',
          statusLabel: `building ${id}`,
          summary: 'from the backend',
        });
        expect(run.payload).toMatchObject({ type: 'WEBHOOK', body: { runId: id } });
        const logs = (await api.get(`/v1/actions/runs/${id}/logs`)).body.runLogs;
        const messages = logs.map((l: { message: string }) => l.message);
        expect(messages.at(-1)).toMatch(/^Delivered to/);
        for (const retried of messages.slice(0, -1)) expect(retried).toMatch(/did not answer in time/);
      }
    } finally {
      receiver.respond(undefined);
    }
  });

  it('retries 5xx answers with backoff and delivers the same run id every time', async () => {
    const path = `/${uniqueId('flaky')}`;
    let calls = 0;
    receiver.respond((request) => {
      if (request.path !== path) return { status: 200, body: {} };
      calls += 1;
      return calls < 3 ? { status: 503, body: {} } : { status: 200, body: {} };
    });
    try {
      const action = await createAction({ url: `${receiver.url}${path}`, synchronized: true });
      const run = (await api.post(`/v1/actions/${action}/runs`, { properties: { service: 'a' } })).body.run;
      await expect.poll(async () => (await runOf(run.id)).status).toBe('SUCCESS');
      const deliveries = receiver.received.filter((r) => r.path === path);
      expect(deliveries).toHaveLength(3);
      expect(new Set(deliveries.map((d) => d.headers['webhook-id']))).toEqual(new Set([run.id]));
      const logs = (await api.get(`/v1/actions/runs/${run.id}/logs`)).body.runLogs;
      expect(logs.map((l: { message: string }) => l.message)).toEqual([
        expect.stringContaining('HTTP 503 (attempt 1 of 3)'),
        expect.stringContaining('HTTP 503 (attempt 2 of 3)'),
        expect.stringContaining('Delivered to'),
      ]);
    } finally {
      receiver.respond(undefined);
    }
  });

  it('ends a run FAILURE with the reason when its backend never answers', async () => {
    const path = `/${uniqueId('silent')}`;
    receiver.respond((request) => (request.path === path ? undefined : { status: 200, body: {} }));
    try {
      const action = await createAction({ url: `${receiver.url}${path}` });
      const run = (await api.post(`/v1/actions/${action}/runs`, { properties: { service: 'a' } })).body.run;
      await expect.poll(async () => (await runOf(run.id)).status, { timeout: 20_000 }).toBe('FAILURE');
      expect(receiver.received.filter((r) => r.path === path)).toHaveLength(3);
      const final = await runOf(run.id);
      expect(final.statusLabel).toBe('Delivery failed');
      const logs = (await api.get(`/v1/actions/runs/${run.id}/logs`)).body.runLogs;
      expect(logs.at(-1).message).toContain('did not answer in time');
    } finally {
      receiver.respond(undefined);
    }
  });

  it('fails at once a run whose header cannot be sent, and refuses links that are not http(s)', async () => {
    const path = `/${uniqueId('header')}`;
    const action = await createAction({
      url: `${receiver.url}${path}`,
      headers: { 'x-name': '{{ .inputs.service }}' },
    });
    const run = (await api.post(`/v1/actions/${action}/runs`, { properties: { service: 'a\r\nx-evil: 1' } }))
      .body.run;
    await expect.poll(async () => (await runOf(run.id)).status).toBe('FAILURE');
    const logs = (await api.get(`/v1/actions/runs/${run.id}/logs`)).body.runLogs;
    expect(logs.map((l: { message: string }) => l.message).join('\n')).toContain('a header cannot be sent');
    expect(logs.filter((l: { message: string }) => l.message.includes('tried again'))).toEqual([]);
    expect(receiver.received.filter((r) => r.path === path)).toEqual([]);

    const other = (await api.post(`/v1/actions/${action}/runs`, { properties: { service: 'b' } })).body.run;
    const script = await api.patch(`/v1/actions/runs/${other.id}`, { link: 'javascript:alert(1)' });
    expect(script.status).toBeGreaterThanOrEqual(400);
    expect(script.status).toBeLessThan(500);
    expect(JSON.stringify(script.body)).toContain('link');
  });

  it('applies defaults to inputs named like Object members', async () => {
    const identifier = uniqueId('proto');
    const created = await api.post('/v1/actions', {
      identifier,
      trigger: {
        type: 'self-service',
        operation: 'CREATE',
        userInputs: {
          properties: { constructor: { type: 'string', default: 'd' }, toString: { type: 'string' } },
          required: [],
        },
      },
      invocationMethod: { type: 'WEBHOOK', url: `${receiver.url}/${identifier}` },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const run = await api.post(`/v1/actions/${identifier}/runs`, { properties: {} });
    expect(run.status, JSON.stringify(run.body)).toBe(202);
    expect(run.body.run.properties).toEqual({ constructor: 'd' });
  });

  it('refuses inputs that fail the form with 422 naming the input, and makes no run', async () => {
    const path = `/${uniqueId('refused')}`;
    const action = await createAction({ url: `${receiver.url}${path}` });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, 'properties.service'],
      [{ service: 7 }, 'properties.service'],
      [{ service: 'a', replicas: 'many' }, 'properties.replicas'],
      [{ service: 'a', colour: 'red' }, 'properties.colour'],
    ];
    for (const [properties, field] of cases) {
      const refused = await api.post(`/v1/actions/${action}/runs`, { properties });
      expect(refused.status, JSON.stringify(refused.body)).toBe(422);
      expect(refused.body.details.field).toBe(field);
    }
    const runs = await api.get(`/v1/actions/runs?action=${action}`);
    expect(runs.body.runs).toEqual([]);
    expect(receiver.received.filter((r) => r.path === path)).toEqual([]);
  });
});
