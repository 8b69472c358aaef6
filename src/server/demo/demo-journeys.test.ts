import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { startDemoApp, type DemoApp } from '../../../test/demo-app.js';
import { createPerson } from '../../../test/people.js';

const DAY_MS = 24 * 3600 * 1000;

describeEachDatabase("the demo's self-service journeys (UPSERT_ENTITY)", (dialect) => {
  let api: DemoApp;

  beforeAll(async () => {
    api = await startDemoApp(dialect);
  });
  afterAll(async () => {
    await api.close();
  });

  /** Runs an action through the API (as the admin, or with `headers` as someone else) and waits for its end. */
  async function run(
    action: string,
    properties: Record<string, unknown>,
    entity?: string,
    headers?: Record<string, string>,
  ) {
    const started = await api.post(
      `/v1/actions/${action}/runs`,
      { properties, ...(entity !== undefined ? { entity } : {}) },
      headers,
    );
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const id = started.body.run.id as string;
    await expect
      .poll(async () => (await api.get(`/v1/actions/runs/${id}`)).body.run.status)
      .not.toBe('IN_PROGRESS');
    return (await api.get(`/v1/actions/runs/${id}`)).body.run;
  }

  const entity = async (blueprint: string, identifier: string) =>
    (await api.get(`/v1/blueprints/${blueprint}/entities/${identifier}`)).body.entity;

  it('spins up an environment whose TTL is five days away, owned by who asked, on the chosen service', async () => {
    const name = uniqueId('env').replace(/_/g, '-').toLowerCase();
    const before = Date.now();
    const done = await run('spin_up_environment', { name, service: 'cart-service' });
    expect(done.status, JSON.stringify(done)).toBe('SUCCESS');
    const environment = await entity('environment', name);
    const ttl = Date.parse(environment.properties.ttl);
    // jq's todate keeps whole seconds.
    expect(ttl).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 5 * DAY_MS);
    expect(ttl).toBeLessThanOrEqual(Date.now() + 5 * DAY_MS);
    expect(environment).toMatchObject({
      properties: { owner: api.clientId, branch: 'main', url: `https://${name}.dev.example.com` },
      relations: { service: 'cart-service' },
    });
    const written = await api.get(`/v1/actions/runs/${done.id}/entities`);
    expect(written.body.entities).toEqual([
      expect.objectContaining({ blueprint: 'environment', identifier: name, action: 'CREATE' }),
    ]);
  });

  it('extends a TTL by exactly three days, each time it runs', async () => {
    const seeded = await entity('environment', 'cart-service-preview');
    const first = await run('extend_environment_ttl', {}, 'cart-service-preview');
    expect(first.status, JSON.stringify(first)).toBe('SUCCESS');
    const once = (await entity('environment', 'cart-service-preview')).properties.ttl;
    expect(Date.parse(once) - Date.parse(seeded.properties.ttl)).toBe(3 * DAY_MS);
    await run('extend_environment_ttl', {}, 'cart-service-preview');
    const twice = (await entity('environment', 'cart-service-preview')).properties.ttl;
    expect(Date.parse(twice) - Date.parse(seeded.properties.ttl)).toBe(6 * DAY_MS);
  });

  it('locks deployments, after which neither Lock nor Deploy applies to the service, and unlocks them', async () => {
    const locked = await run('lock_deployments', {}, 'products-service');
    expect(locked.status, JSON.stringify(locked)).toBe('SUCCESS');
    expect((await entity('service', 'products-service')).properties.deploymentsLocked).toBe(true);
    for (const action of ['lock_deployments', 'deploy_service']) {
      const refused = await api.post(`/v1/actions/${action}/runs`, {
        properties: {},
        entity: 'products-service',
      });
      expect(refused.status, JSON.stringify(refused.body)).toBe(422);
      expect(refused.body).toMatchObject({ error: 'action_condition_not_met', details: { field: 'entity' } });
    }
    // Unlock applies only to locked services.
    const notLocked = await api.post('/v1/actions/unlock_deployments/runs', {
      properties: {},
      entity: 'cart-service',
    });
    expect(notLocked.status).toBe(422);
    const unlocked = await run('unlock_deployments', {}, 'products-service');
    expect(unlocked.status).toBe('SUCCESS');
    expect((await entity('service', 'products-service')).properties.deploymentsLocked).toBe(false);
  });

  it('adds environment variables to a service, keeping the others', async () => {
    for (const [key, value] of [
      ['LOG_LEVEL', 'debug'],
      ['FEATURE_SAVED_CARTS', 'on'],
      ['LOG_LEVEL', 'info'],
    ]) {
      const done = await run('add_environment_variable', { key, value }, 'cart-service');
      expect(done.status, JSON.stringify(done)).toBe('SUCCESS');
    }
    expect((await entity('service', 'cart-service')).properties.environmentVariables).toEqual({
      LOG_LEVEL: 'info',
      FEATURE_SAVED_CARTS: 'on',
    });
    const badName = await api.post('/v1/actions/add_environment_variable/runs', {
      properties: { key: 'not a name', value: 'x' },
      entity: 'cart-service',
    });
    expect(badName.status).toBe(422);
    expect(badName.body.details.field).toBe('properties.key');
  });

  it("lets members spin up environments, and a service's own team lock its deployments", async () => {
    const checkout = await createPerson(api, { teams: ['checkout-team'] });
    const catalog = await createPerson(api, { teams: ['catalog-team'] });
    const name = uniqueId('mine').replace(/_/g, '-').toLowerCase();
    const spun = await run(
      'spin_up_environment',
      { name, service: 'cart-service' },
      undefined,
      checkout.headers,
    );
    expect(spun.status, JSON.stringify(spun)).toBe('SUCCESS');
    expect((await entity('environment', name)).properties.owner).toBe(checkout.email);
    const extended = await run('extend_environment_ttl', {}, name, catalog.headers);
    expect(extended.status).toBe('SUCCESS');

    const notTheirs = await run('lock_deployments', {}, 'cart-service', catalog.headers);
    expect(notTheirs.status).toBe('FAILURE');
    expect((await entity('service', 'cart-service')).properties.deploymentsLocked).toBeUndefined();
    const theirs = await run('lock_deployments', {}, 'cart-service', checkout.headers);
    expect(theirs.status, JSON.stringify(theirs)).toBe('SUCCESS');
    expect((await run('unlock_deployments', {}, 'cart-service', checkout.headers)).status).toBe('SUCCESS');
  });
});
