import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../../test/databases.js';
import { eventually } from '../../../../test/eventually.js';

const CLIENTS = 16;

describeEachDatabase('computed values under concurrent writes', (dialect) => {
  let api: TestApp;
  const id = uniqueId('cc').toLowerCase();
  const [team, service, deployment] = [`${id}_team`, `${id}_service`, `${id}_deploy`];
  const keys = Array.from({ length: CLIENTS }, (_, i) => `p${i}`);

  const read = async (blueprint: string, identifier: string) => {
    const response = await api.get(`/v1/blueprints/${blueprint}/entities/${identifier}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.entity.properties as Record<string, unknown>;
  };

  beforeAll(async () => {
    api = await startTestApp(dialect);
    const created = [
      await api.post('/v1/blueprints', {
        identifier: team,
        title: team,
        schema: { properties: { name: { type: 'string' } }, required: [] },
      }),
      await api.post('/v1/blueprints', {
        identifier: service,
        title: service,
        schema: {
          properties: Object.fromEntries(keys.map((key) => [key, { type: 'number' }])),
          required: [],
        },
        relations: { team: { target: team, many: false, required: false } },
        mirrorProperties: { teamName: { title: 'Team', path: 'team.name' } },
      }),
      await api.post('/v1/blueprints', {
        identifier: deployment,
        title: deployment,
        schema: { properties: {}, required: [] },
        relations: { service: { target: service, many: false, required: false } },
      }),
    ];
    for (const response of created) expect(response.status, JSON.stringify(response.body)).toBe(201);
    const aggregation = await api.patch(`/v1/blueprints/${service}`, {
      aggregationProperties: {
        deployments: {
          title: 'Deployments',
          target: deployment,
          calculationSpec: { calculationBy: 'entities', func: 'count' },
        },
      },
    });
    expect(aggregation.status, JSON.stringify(aggregation.body)).toBe(200);
    expect(
      (await api.post(`/v1/blueprints/${team}/entities`, { identifier: 'core', properties: { name: 'n0' } }))
        .status,
    ).toBe(201);
    expect(
      (
        await api.post(`/v1/blueprints/${service}/entities`, {
          identifier: 'hub',
          relations: { team: 'core' },
        })
      ).status,
    ).toBe(201);
  });
  afterAll(() => api.close());

  it('recomputations never undo a concurrent write, and end on the latest of everything', async () => {
    const patches = keys.map((key, i) =>
      api.patch(`/v1/blueprints/${service}/entities/hub`, { properties: { [key]: i } }),
    );
    const deployments = keys.map((_, i) =>
      api.post(`/v1/blueprints/${deployment}/entities`, {
        identifier: `d${i}`,
        relations: { service: 'hub' },
      }),
    );
    const renames = keys.map((_, i) =>
      api.patch(`/v1/blueprints/${team}/entities/core`, { properties: { name: `n${i + 1}` } }),
    );
    const responses = await Promise.all([...patches, ...deployments, ...renames]);
    for (const response of responses)
      expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
    const lastName = (await read(team, 'core')).name;
    const properties = await eventually(
      () => read(service, 'hub'),
      (p) => expect(p).toMatchObject({ deployments: CLIENTS, teamName: lastName }),
    );
    // Every PATCH's own property survived every recomputation written between them.
    expect(properties).toMatchObject(Object.fromEntries(keys.map((key, i) => [key, i])));
  });
});
