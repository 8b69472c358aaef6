import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';

// Every field that Port's request schemas (ref/port-openapi.json) allow to be null, on the routes Portico
// offers: a Port client that sends null there must be answered as Port would, not refused.
describeEachDatabase('null where Port allows it', (dialect) => {
  let api: TestApp;
  const id = uniqueId('nl').toLowerCase();
  const [bp, target, team] = [`${id}_svc`, `${id}_sys`, `${id}-team`];
  beforeAll(async () => {
    api = await startTestApp(dialect);
    expect((await api.post('/v1/teams', { name: team, description: 'x' })).status).toBeLessThan(300);
    for (const [identifier, relations] of [
      [target, {}],
      [
        bp,
        { system: { target, many: false, required: false }, many: { target, many: true, required: false } },
      ],
    ] as const)
      expect(
        (
          await api.post('/v1/blueprints', {
            identifier,
            title: identifier,
            schema: { properties: { note: { type: 'string' } }, required: [] },
            relations,
          })
        ).status,
      ).toBe(201);
    await api.post(`/v1/blueprints/${target}/entities`, { identifier: 's1' });
  });
  afterAll(() => api.close());

  const ok = (response: { status: number; body: unknown }) =>
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);

  it('PATCH /v1/teams/{name} description', async () => {
    const patched = await api.request('PATCH', `/v1/teams/${team}`, { description: null });
    ok(patched);
    // Removed: a team without a description shows an empty one.
    expect(patched.body.team.description).toBe('');
  });

  it('entity relations, in POST, bulk and PUT', async () => {
    ok(await api.post(`/v1/blueprints/${bp}/entities`, { identifier: 'a', relations: { system: null } }));
    const bulk = await api.post(`/v1/blueprints/${bp}/entities/bulk`, {
      entities: [{ identifier: 'b', relations: { system: null, many: null } }],
    });
    ok(bulk);
    expect(bulk.body.errors).toEqual([]);
    ok(
      await api.request('PUT', `/v1/blueprints/${bp}/entities/a`, {
        identifier: 'a',
        relations: { system: null, many: null },
      }),
    );
  });

  it('PATCH of an entity: title, icon, team and relations', async () => {
    ok(
      await api.post(`/v1/blueprints/${bp}/entities?upsert=true`, {
        identifier: 'c',
        title: 'C',
        icon: 'Service',
        team: [team],
        relations: { system: 's1' },
      }),
    );
    const patched = await api.request('PATCH', `/v1/blueprints/${bp}/entities/c`, {
      title: null,
      icon: null,
      team: null,
      relations: { system: null },
    });
    ok(patched);
    expect(patched.body.entity).toMatchObject({
      title: null,
      icon: null,
      team: [],
      relations: { system: null },
    });
  });

  it('a search rule value', async () => {
    const found = await api.post('/v1/entities/search', {
      combinator: 'and',
      rules: [
        { property: '$blueprint', operator: '=', value: bp },
        { property: 'note', operator: '=', value: null },
      ],
    });
    ok(found);
  });

  it('a read policy rule value', async () => {
    ok(
      await api.request('PATCH', `/v1/blueprints/${bp}/permissions`, {
        entities: {
          read: {
            roles: ['Admin'],
            policy: { combinator: 'and', rules: [{ property: 'note', operator: '=', value: null }] },
          },
        },
      }),
    );
  });

  it("an action's mapped relations and its permissions' policies", async () => {
    const selfService = uniqueId('act');
    ok(
      await api.post('/v1/actions', {
        identifier: selfService,
        title: 'Make one',
        trigger: {
          type: 'self-service',
          operation: 'CREATE',
          blueprintIdentifier: bp,
          userInputs: { properties: {}, required: [] },
        },
        invocationMethod: {
          type: 'UPSERT_ENTITY',
          blueprintIdentifier: bp,
          mapping: { identifier: '{{ .run.id }}', relations: { system: null } },
        },
      }),
    );
    ok(
      await api.request('PATCH', `/v1/actions/${selfService}/permissions`, {
        execute: { policy: null },
        approve: { policy: null },
      }),
    );
  });
});
