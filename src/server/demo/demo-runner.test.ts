import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { DEMO_SIGNING_KEY, startDemoApp, type DemoApp } from '../../../test/demo-app.js';
import { createPerson } from '../../../test/people.js';
import { testSecretsKey } from '../../../test/secrets-key.js';
import { ensureDemoRunnerCredential, startDemoRunner } from './demo-runner.js';

describeEachDatabase("the demo's runner (pull mode, in-process)", (dialect) => {
  let api: DemoApp;
  let runner: { stop(): Promise<void> } | undefined;
  const warnings: string[] = [];

  beforeAll(async () => {
    api = await startDemoApp(dialect);
    runner = await startDemoRunner({
      database: api.database,
      masterKey: testSecretsKey().key,
      signingKey: async () => DEMO_SIGNING_KEY,
      url: api.url,
      log: { warn: (message) => warnings.push(message), info: () => {} },
      stepDelayMs: 0,
      intervalMs: 50,
    });
  });
  afterAll(async () => {
    await runner?.stop();
    await api.close();
  });

  const runOf = async (id: string) => (await api.get(`/v1/actions/runs/${id}`)).body.run;
  const messagesOf = async (id: string) =>
    (await api.get(`/v1/actions/runs/${id}/logs`)).body.runLogs.map((l: { message: string }) => l.message);
  const ended = (id: string) =>
    expect.poll(async () => (await runOf(id)).status, { timeout: 20_000 }).not.toMatch(/IN_PROGRESS|WAITING/);

  it('scaffolds a service: claims the run, streams its steps, registers the service and ends SUCCESS', async () => {
    const name = uniqueId('svc').replace(/_/g, '-').toLowerCase();
    const started = await api.post('/v1/actions/scaffold_service/runs', {
      properties: {
        name,
        title: 'Loyalty Service',
        language: 'Go',
        owner: 'checkout-team',
        system: 'cart-system',
      },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const id = started.body.run.id as string;
    await ended(id);
    const run = await runOf(id);
    expect(run, JSON.stringify({ run, warnings })).toMatchObject({
      status: 'SUCCESS',
      statusLabel: 'Service created',
      link: `https://git.example.com/shop/${name}`,
      installationId: 'portico-demo-runner',
    });
    expect(await messagesOf(id)).toEqual([
      `Creating repository https://git.example.com/shop/${name} from the Go service template`,
      'Adding a CI pipeline, a Dockerfile and a README',
      'Pushing the first commit to main',
      `Registered service "${name}" in the catalog`,
      `Service "${name}" is ready: https://git.example.com/shop/${name}`,
    ]);
    const service = (await api.get(`/v1/blueprints/service/entities/${name}`)).body.entity;
    expect(service).toMatchObject({
      title: 'Loyalty Service',
      properties: {
        language: 'Go',
        lifecycle: 'experimental',
        repository: `https://git.example.com/shop/${name}`,
      },
      relations: { owner: 'checkout-team', system: 'cart-system' },
    });
    expect(warnings).toEqual([]);
  });

  it('refuses a scaffold whose owning team does not exist, naming the input, and makes no run', async () => {
    const started = await api.post('/v1/actions/scaffold_service/runs', {
      properties: { name: 'cart-service', language: 'Java', owner: 'no-such-team' },
    });
    expect(started.status).toBe(422);
    expect(started.body.details.field).toBe('properties.owner');
  });

  it('deploys only once an admin approves, then reports the rollout', async () => {
    const developer = await createPerson(api, { teams: ['checkout-team'] });
    const started = await api.post(
      '/v1/actions/deploy_service/runs',
      { properties: { version: '1.4.2', environment: 'production' }, entity: 'cart-service' },
      developer.headers,
    );
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const id = started.body.run.id as string;
    expect(started.body.run).toMatchObject({ status: 'WAITING_FOR_APPROVAL', pendingExecution: false });
    const pending = await api.get(`/v1/actions/runs/${id}/approvers?include_pending_approvers=true`);
    expect(pending.status).toBe(200);
    // Nothing is claimed or logged while it waits.
    expect(await messagesOf(id)).toEqual([]);
    expect((await runOf(id)).status).toBe('WAITING_FOR_APPROVAL');

    const selfApproved = await api.patch(
      `/v1/actions/runs/${id}/approval`,
      { status: 'APPROVE' },
      developer.headers,
    );
    expect(selfApproved.status).toBe(403);
    expect((await runOf(id)).status).toBe('WAITING_FOR_APPROVAL');
    const approved = await api.patch(`/v1/actions/runs/${id}/approval`, {
      status: 'APPROVE',
      description: 'ship it',
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    await ended(id);
    const run = await runOf(id);
    expect(run).toMatchObject({
      status: 'SUCCESS',
      statusLabel: 'Deployed',
      link: `https://deploy.example.com/cart-service/${id}`,
    });
    const messages = await messagesOf(id);
    expect(messages[0]).toBe('Building registry.example.com/shop/cart-service:1.4.2');
    expect(messages).toContain('Rolling out to production: 3/3 replicas ready');
    expect(messages.at(-1)).toBe('Deployed cart-service 1.4.2 to production');
    const service = (await api.get('/v1/blueprints/service/entities/cart-service')).body.entity;
    expect(Date.parse(service.properties.lastDeployedAt)).toBeGreaterThan(Date.parse(run.createdAt) - 1000);
  });

  it('leaves the runs of other agent actions to their own runner', async () => {
    const identifier = uniqueId('theirs');
    const created = await api.post('/v1/actions', {
      identifier,
      trigger: { type: 'self-service', operation: 'CREATE', userInputs: { properties: {}, required: [] } },
      invocationMethod: { type: 'WEBHOOK', agent: true, url: 'http://their-runner/scaffold' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const theirs = (await api.post(`/v1/actions/${identifier}/runs`, { properties: {} })).body.run
      .id as string;
    // Runs are claimed oldest first: once a later scaffold is done, the demo's runner has passed theirs.
    const name = uniqueId('later').replace(/_/g, '-').toLowerCase();
    const later = await api.post('/v1/actions/scaffold_service/runs', {
      properties: { name, language: 'Go' },
    });
    await ended(later.body.run.id);
    const claimed = await api.post('/v1/actions/runs/claim-pending', {
      installationId: 'their-runner',
      actions: [identifier],
    });
    expect(claimed.body.runs.map((run: { id: string }) => run.id)).toEqual([theirs]);
  });

  it('keeps one credential across starts, and does not start once an admin revoked it', async () => {
    const first = await ensureDemoRunnerCredential(api.database, testSecretsKey().key);
    const again = await ensureDemoRunnerCredential(api.database, testSecretsKey().key);
    expect(again).toEqual(first);
    const apps = (await api.get('/v1/apps')).body;
    expect(JSON.stringify(apps)).not.toContain(first!.clientSecret);
    const revoked = await api.delete(`/v1/apps/${first!.clientId}`);
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(await ensureDemoRunnerCredential(api.database, testSecretsKey().key)).toBeUndefined();
  });
});
