import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAction, runReaches } from '../../../test/actions.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';

const KEY = 'a-signing-key-for-runner-tests-of-at-least-32-bytes';

describeEachDatabase('runners that pull runs (claim, acknowledge, report)', (dialect) => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp(dialect, { webhooks: { secret: KEY } });
  });
  afterAll(() => api.close());

  // Other test files share the database: this file's runners claim its own actions' runs only.
  const mine: string[] = [];
  const runnerAction = async (body: object = { name: '{{ .inputs.name }}', run: '{{ .run.id }}' }) => {
    const identifier = await createAction(api, {
      invocationMethod: {
        type: 'WEBHOOK',
        agent: true,
        url: 'http://runner.internal/{{ .inputs.name }}',
        body,
      },
    });
    mine.push(identifier);
    return identifier;
  };
  const claim = (installationId: string, extra: object = {}) =>
    api.post('/v1/actions/runs/claim-pending', {
      installationId,
      visibilityTimeoutMs: 2500,
      limit: 100,
      actions: mine,
      ...extra,
    });
  const claimedIds = (answer: { body: { runs: Array<{ id: string }> } }) => answer.body.runs.map((r) => r.id);

  it('hands a run to one runner at a time, again after its claim lapses, and for good once acknowledged', async () => {
    const action = await runnerAction();
    const run = (await api.post(`/v1/actions/${action}/runs`, { properties: { name: 'svc' } })).body.run;
    expect(run).toMatchObject({ status: 'IN_PROGRESS', pendingExecution: true });

    const first = await claim('runner-a');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const mine = first.body.runs.find((r: { id: string }) => r.id === run.id);
    expect(mine).toMatchObject({ installationId: 'runner-a', claimedUntil: expect.any(String) });
    const { invocation } = mine;
    expect(invocation).toMatchObject({ url: 'http://runner.internal/svc', method: 'POST' });
    expect(JSON.parse(invocation.body)).toEqual({ name: 'svc', run: run.id });
    const timestamp = invocation.headers['x-port-timestamp'];
    const signature = `v1,${createHmac('sha256', KEY).update(`${timestamp}.${invocation.body}`).digest('base64')}`;
    expect(invocation.headers['x-port-signature']).toBe(signature);

    expect(claimedIds(await claim('runner-b'))).not.toContain(run.id);
    await new Promise((resolve) => setTimeout(resolve, 2600));
    expect(claimedIds(await claim('runner-b'))).toContain(run.id);
    expect((await api.patch('/v1/actions/runs/ack', { runId: run.id })).status).toBe(200);
    expect((await api.patch('/v1/actions/runs/ack', { runId: run.id })).status).toBe(409);
    await new Promise((resolve) => setTimeout(resolve, 2600));
    expect(claimedIds(await claim('runner-c'))).not.toContain(run.id);
    expect((await api.get(`/v1/actions/runs/${run.id}`)).body.run.pendingExecution).toBe(false);

    await api.post(`/v1/actions/runs/${run.id}/logs`, { message: 'done', terminationStatus: 'SUCCESS' });
    await runReaches(api, run.id, 'SUCCESS');
  });

  it('gives concurrent claimers disjoint runs', async () => {
    const action = await runnerAction();
    const ids = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const started = await api.post(`/v1/actions/${action}/runs`, { properties: { name: `n${i}` } });
        return started.body.run.id as string;
      }),
    );
    const answers = await Promise.all(
      ['r1', 'r2', 'r3', 'r4'].map((runner) =>
        claim(`${runner}-${uniqueId()}`, { limit: 10, visibilityTimeoutMs: 60_000 }),
      ),
    );
    const claimed = answers.flatMap(claimedIds).filter((id) => ids.includes(id));
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.sort()).toEqual([...ids].sort());
  });

  it('ends a run whose invocation cannot be rendered instead of handing it to a runner', async () => {
    const action = await runnerAction({ name: '{{ "no " + .inputs.name | error }}' });
    const run = (await api.post(`/v1/actions/${action}/runs`, { properties: { name: 'template' } })).body.run;

    const answer = await claim('runner-a');
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(claimedIds(answer)).not.toContain(run.id);
    const ended = await runReaches(api, run.id, 'FAILURE');
    expect(ended).toMatchObject({ statusLabel: 'Delivery failed', pendingExecution: false });
    const logs = (await api.get(`/v1/actions/runs/${run.id}/logs`)).body.runLogs;
    expect(logs.map((l: { message: string }) => l.message)).toContainEqual(
      expect.stringMatching(/^Run failed: The webhook could not be rendered: .* failed: no template$/),
    );
    const audits = (await api.get(`/v1/audit-log?resources=run&identifier=${run.id}`)).body.audits;
    expect(audits).toContainEqual(
      expect.objectContaining({
        action: 'UPDATE',
        diff: expect.objectContaining({
          before: expect.objectContaining({ id: run.id, status: 'IN_PROGRESS' }),
          after: expect.objectContaining({ id: run.id, status: 'FAILURE', statusLabel: 'Delivery failed' }),
        }),
      }),
    );
    expect(claimedIds(await claim('runner-b', { visibilityTimeoutMs: 1000 }))).not.toContain(run.id);
  });

  it('lets only Admins claim and acknowledge', async () => {
    const member = await createPerson(api);
    const refused = await api.request(
      'POST',
      '/v1/actions/runs/claim-pending',
      { installationId: 'x', limit: 1 },
      member.headers,
    );
    expect(refused.status).toBe(403);
    const ack = await api.request('PATCH', '/v1/actions/runs/ack', { runId: 'r_nothing' }, member.headers);
    expect(ack.status).toBe(403);
  });
});
