import { afterAll, beforeAll, expect, it } from 'vitest';
import { runReaches } from '../../../test/actions.js';
import { runsOf } from '../../../test/automations.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { startDemoApp, type DemoApp } from '../../../test/demo-app.js';
import { createPerson } from '../../../test/people.js';

const DAY_MS = 24 * 3600 * 1000;
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Timers fire within a few seconds of their time (the job queue's 2 s poll): this long is surely past. */
const TIMER_SLACK_MS = 15_000;

// The demo's automations on a fresh install, as `npm start` loads them (demo-automations.ts).
describeEachDatabase("the demo's automations", (dialect) => {
  let api: DemoApp;

  beforeAll(async () => {
    api = await startDemoApp(dialect, { automations: true });
  });
  afterAll(async () => {
    await api.close();
  });

  const slug = (prefix: string) => uniqueId(prefix).replace(/_/g, '-').toLowerCase();
  const entity = async (blueprint: string, identifier: string, headers?: Record<string, string>) =>
    api.get(`/v1/blueprints/${blueprint}/entities/${encodeURIComponent(identifier)}`, headers);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- entities are arbitrary JSON
  const entities = async (blueprint: string, headers?: Record<string, string>): Promise<any[]> => {
    const answer = await api.get(`/v1/blueprints/${blueprint}/entities`, headers);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.entities;
  };
  const upsert = (blueprint: string, identifier: string, properties: Record<string, unknown>) =>
    api.post(`/v1/blueprints/${blueprint}/entities?upsert=true&merge=true`, { identifier, properties });

  /** Starts a run of a demo action (as the admin, or with `headers` as someone else); its id. */
  async function start(
    action: string,
    properties: Record<string, unknown>,
    entityId?: string,
    headers?: Record<string, string>,
  ): Promise<string> {
    const started = await api.post(
      `/v1/actions/${action}/runs`,
      { properties, ...(entityId !== undefined ? { entity: entityId } : {}) },
      headers,
    );
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    return started.body.run.id as string;
  }

  /** A developer environment spun up by `headers`' person through the demo's action; its name. */
  async function spinUp(headers: Record<string, string>) {
    const name = slug('env');
    const id = await start('spin_up_environment', { name, service: 'cart-service' }, undefined, headers);
    await runReaches(api, id, 'SUCCESS');
    return name;
  }

  const notificationsAbout = async (name: string, headers?: Record<string, string>) =>
    (await entities('notification', headers)).filter((n) => n.properties.subject === name);

  it("deletes an environment when its TTL expires, through Port's API, and tells its owner, and only them", async () => {
    const owner = await createPerson(api, { teams: ['checkout-team'] });
    const someoneElse = await createPerson(api);
    const name = await spinUp(owner.headers);
    // As Extend TTL would set it: a few seconds from now.
    const ttl = inMs(2_000);
    const moved = await api.patch(
      `/v1/blueprints/environment/entities/${name}`,
      { properties: { ttl } },
      owner.headers,
    );
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);

    await expect
      .poll(async () => (await entity('environment', name)).status, { timeout: TIMER_SLACK_MS })
      .toBe(404);
    const deletion = (await runsOf(api, 'delete_expired_environment')).filter(
      (run) => run.entity?.identifier === name,
    );
    expect(deletion).toHaveLength(1);
    await runReaches(api, deletion[0]!.id, 'SUCCESS');
    const audit = await api.get(`/v1/audit-log?identifier=${name}&action=DELETE`);
    expect(audit.body.audits[0]).toMatchObject({
      trigger: { by: { userId: 'automation:delete_expired_environment' } },
    });

    // The owner reads it in the portal (the notification blueprint); nobody else but Admins does.
    await expect.poll(async () => (await notificationsAbout(name, owner.headers)).length).toBe(1);
    const [notification] = await notificationsAbout(name, owner.headers);
    expect(notification).toMatchObject({
      title: `Your environment ${name} expired and was deleted`,
      properties: { recipient: owner.email, kind: 'environment-expired', subject: name },
      relations: { service: 'cart-service' },
      createdBy: 'automation:notify_environment_owner',
    });
    expect(notification.properties.message).toContain(ttl);
    expect(await notificationsAbout(name, someoneElse.headers)).toEqual([]);
    expect(await notificationsAbout(name)).toHaveLength(1);
  });

  it('moves the deletion when the TTL is extended by 3 days: nothing happens at the old time', async () => {
    const owner = await createPerson(api);
    const name = await spinUp(owner.headers);
    const soon = inMs(3_000);
    const moved = await api.patch(
      `/v1/blueprints/environment/entities/${name}`,
      { properties: { ttl: soon } },
      owner.headers,
    );
    expect(moved.status).toBe(200);
    const extended = await start('extend_environment_ttl', {}, name, owner.headers);
    await runReaches(api, extended, 'SUCCESS');
    const ttl = (await entity('environment', name)).body.entity.properties.ttl as string;
    // The extension keeps whole seconds.
    expect(Date.parse(ttl) - Math.floor(Date.parse(soon) / 1000) * 1000).toBe(3 * DAY_MS);

    await sleep(Date.parse(soon) - Date.now() + 6_000);
    expect((await entity('environment', name)).status).toBe(200);
    const deletion = (await runsOf(api, 'delete_expired_environment')).filter(
      (run) => run.entity?.identifier === name,
    );
    expect(deletion).toEqual([]);
    expect(await notificationsAbout(name)).toEqual([]);
  });

  it("opens one incident, on the service and owned by its team, when the service's health moves to failing", async () => {
    const service = 'products-service';
    const incidents = async () =>
      (await entities('incident')).filter((incident) => incident.relations.service === service);
    const opened = async () => (await runsOf(api, 'open_incident_on_failing_service')).length;
    /** Writes the service and reads the stream past the write: what the automation heard, it has fired on. */
    const change = async (properties: Record<string, unknown>) => {
      expect((await upsert('service', service, properties)).status).toBeLessThan(300);
      await api.services.automations!.drain();
    };

    await change({ health: 'degraded' });
    await change({ tags: ['catalogue', 'search'] });
    expect(await opened()).toBe(0);

    await change({ health: 'failing' });
    expect(await opened()).toBe(1);
    const [run] = await runsOf(api, 'open_incident_on_failing_service');
    await runReaches(api, run!.id, 'SUCCESS');
    const [incident, ...more] = await incidents();
    expect(more).toEqual([]);
    expect(incident).toMatchObject({
      title: 'Products Service is failing',
      team: ['catalog-team'],
      properties: {
        status: 'open',
        severity: 'high',
        description: 'Health went from degraded to failing.',
        reportedBy: api.clientId,
      },
      relations: { service },
    });

    // The service's team resolves it; nobody else may.
    const resolve = (headers: Record<string, string>) =>
      api.patch(
        `/v1/blueprints/incident/entities/${incident.identifier}`,
        { properties: { status: 'resolved' } },
        headers,
      );
    expect((await resolve((await createPerson(api, { teams: ['checkout-team'] })).headers)).status).toBe(403);
    const resolved = await resolve((await createPerson(api, { teams: ['catalog-team'] })).headers);
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);

    // Still failing: other changes open nothing more.
    await change({ tier: 1 });
    await change({ lifecycle: 'production' });
    expect(await opened()).toBe(1);
    // Recovered, then failing again: a new incident.
    await change({ health: 'healthy' });
    await change({ health: 'failing' });
    expect(await opened()).toBe(2);
    await expect.poll(async () => (await incidents()).length, { timeout: 10_000 }).toBe(2);
    expect((await incidents()).map((i) => i.properties.severity).sort()).toEqual(['critical', 'high']);
  });

  it("records every run of the demo's actions as an action_run entity whose status follows the run", async () => {
    const tracked = async (runId: string) => (await entity('action_run', runId)).body.entity;
    const follows = async (runId: string, status: string) => {
      await expect
        .poll(async () => (await tracked(runId))?.properties.status, { timeout: 10_000 })
        .toBe(status);
    };
    const checkout = await createPerson(api, { teams: ['checkout-team'] });
    const catalog = await createPerson(api, { teams: ['catalog-team'] });

    // Carried out in process, by UPSERT_ENTITY: created and ended at once.
    const name = slug('tracked');
    const spun = await start(
      'spin_up_environment',
      { name, service: 'cart-service' },
      undefined,
      checkout.headers,
    );
    await runReaches(api, spun, 'SUCCESS');
    await follows(spun, 'SUCCESS');
    expect(await tracked(spun)).toMatchObject({
      title: 'Spin up a developer environment for 5 days',
      properties: { action: 'spin_up_environment', runBy: checkout.email, result: 'SUCCESS' },
      relations: { service: null, environment: null },
    });
    const extended = await start('extend_environment_ttl', {}, name, catalog.headers);
    const variable = await start(
      'add_environment_variable',
      { key: 'TRACKED', value: 'yes' },
      'cart-service',
    );
    const refused = await start('lock_deployments', {}, 'cart-service', catalog.headers);
    for (const [id, status] of [
      [extended, 'SUCCESS'],
      [variable, 'SUCCESS'],
      [refused, 'FAILURE'],
    ] as const) {
      await runReaches(api, id, status);
      await follows(id, status);
    }
    expect(await tracked(extended)).toMatchObject({
      properties: { action: 'extend_environment_ttl', runBy: catalog.email },
      relations: { environment: name, service: null },
    });
    expect(await tracked(refused)).toMatchObject({
      properties: { runBy: catalog.email, result: 'FAILURE' },
      relations: { service: 'cart-service' },
    });

    // Waiting for a runner (no runner here): in progress until the backend reports.
    const scaffold = await start('scaffold_service', { name: slug('svc'), language: 'Go' });
    await follows(scaffold, 'IN_PROGRESS');
    expect((await api.patch(`/v1/actions/runs/${scaffold}`, { status: 'SUCCESS' })).status).toBe(200);
    await follows(scaffold, 'SUCCESS');

    // Approval: waiting, approved (in progress), reported failed; another one declined.
    const deploy = await start(
      'deploy_service',
      { version: '1.2.3', environment: 'staging' },
      'cart-service',
    );
    await follows(deploy, 'WAITING_FOR_APPROVAL');
    const approved = await api.patch(`/v1/actions/runs/${deploy}/approval`, { status: 'APPROVE' });
    expect(approved.status, JSON.stringify(approved.body)).toBeLessThan(300);
    await follows(deploy, 'IN_PROGRESS');
    expect((await api.patch(`/v1/actions/runs/${deploy}`, { status: 'FAILURE' })).status).toBe(200);
    await follows(deploy, 'FAILURE');
    const declined = await start(
      'deploy_service',
      { version: '1.2.4', environment: 'production' },
      'cart-service',
    );
    await follows(declined, 'WAITING_FOR_APPROVAL');
    const decline = await api.patch(`/v1/actions/runs/${declined}/approval`, { status: 'DECLINE' });
    expect(decline.status).toBeLessThan(300);
    await follows(declined, 'DECLINED');
    expect(await tracked(declined)).toMatchObject({
      properties: { waiting: 'WAITING_FOR_APPROVAL', result: 'DECLINED' },
    });

    // Every run of a self-service action, of this test and the others, and nothing else.
    const all = await api.get('/v1/actions/runs?limit=100');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- runs are arbitrary JSON
    const selfService = (all.body.runs as any[]).filter((run) => run.source !== 'AUTOMATION');
    expect(selfService.length).toBeGreaterThanOrEqual(7);
    for (const run of selfService) await follows(run.id, run.status);
    const recorded = await entities('action_run');
    expect(recorded.map((e) => e.identifier).sort()).toEqual(selfService.map((run) => run.id).sort());
  });

  it('shows the record of a run only to whom the run is theirs, and to Admins: a hidden run stays hidden', async () => {
    const member = await createPerson(api);
    const action = uniqueId('hidden_runs');
    const made = await api.post('/v1/actions', {
      identifier: action,
      title: 'Rotate the root keys',
      trigger: {
        type: 'self-service',
        operation: 'DAY-2',
        blueprintIdentifier: 'service',
        userInputs: { properties: {} },
      },
      invocationMethod: {
        type: 'UPSERT_ENTITY',
        blueprintIdentifier: 'service',
        mapping: {
          identifier: '{{ .entity.identifier }}',
        },
      },
      allowAnyoneToViewRuns: false,
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const hidden = await start(action, {}, 'cart-service');
    const own = await start(action, {}, 'cart-service', member.headers);
    await expect.poll(async () => (await entity('action_run', hidden)).status, { timeout: 10_000 }).toBe(200);
    await expect.poll(async () => (await entity('action_run', own)).status, { timeout: 10_000 }).toBe(200);

    expect((await api.get(`/v1/actions/runs/${hidden}`, member.headers)).status).toBe(404);
    expect((await entity('action_run', hidden, member.headers)).status).toBe(404);
    expect((await entities('action_run', member.headers)).map((e) => e.identifier)).toEqual([own]);
    expect((await entity('action_run', own, member.headers)).body.entity).toMatchObject({
      properties: { action, runBy: member.email },
    });
  });
});
