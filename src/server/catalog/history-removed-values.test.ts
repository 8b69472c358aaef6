// as_of relation rules and computed values seen by a Member whose read permission is "owned by
// team"; an entity it may not read must answer as a missing one.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { eventually } from '../../../test/eventually.js';
import { catalogReadByTeam, moment } from '../../../test/history.js';

describeEachDatabase('review14: as_of walks and computed values', (dialect) => {
  let api: TestApp;
  const id = uniqueId('rw').toLowerCase();
  const [domain, system, service] = [`${id}_domain`, `${id}_system`, `${id}_service`];
  const team = `${id}-mine`;
  let as: Awaited<ReturnType<typeof catalogReadByTeam>>['as'];

  beforeAll(async () => {
    api = await startTestApp(dialect);
    ({ as } = await catalogReadByTeam(api, team, [
      { identifier: domain, schema: { properties: { name: { type: 'string' } }, required: [] } },
      {
        identifier: system,
        schema: { properties: { name: { type: 'string' } }, required: [] },
        relations: { domain: { target: domain, many: false, required: false } },
      },
      {
        identifier: service,
        schema: { properties: { tier: { type: 'number' } }, required: [] },
        relations: { system: { target: system, many: false, required: false } },
        mirrorProperties: { systemName: { title: 'System', path: 'system.name' } },
      },
    ]));
  });
  afterAll(() => api.close());

  it('does not show a Member the values of a mirror it could not see, once the mirror is removed', async () => {
    expect(
      (
        await api.post(`/v1/blueprints/${system}/entities`, {
          identifier: 'vault',
          team: [],
          properties: { name: 'TOP-SECRET-NAME' },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api.post(`/v1/blueprints/${service}/entities`, {
          identifier: 'mine-m',
          team: [team],
          relations: { system: 'vault' },
        })
      ).status,
    ).toBe(201);
    const before = await moment();
    // The Member does not see the mirror today.
    const now = await as(`/v1/blueprints/${service}/entities/mine-m`);
    expect(now.body.entity.properties).not.toHaveProperty('systemName');
    expect(
      JSON.stringify((await as(`/v1/blueprints/${service}/entities/mine-m/history`)).body),
    ).not.toContain('TOP-SECRET');
    // An admin drops the mirror from the blueprint.
    const dropped = await api.patch(`/v1/blueprints/${service}`, { mirrorProperties: {} });
    expect(dropped.status, JSON.stringify(dropped.body)).toBe(200);
    await eventually(
      () => api.get(`/v1/blueprints/${service}/entities/mine-m`),
      (r) => expect(r.body.entity.properties).not.toHaveProperty('systemName'),
    );
    const history = await as(`/v1/blueprints/${service}/entities/mine-m/history`);
    expect.soft(JSON.stringify(history.body), 'history').not.toContain('TOP-SECRET');
    const then = await as(`/v1/blueprints/${service}/entities/mine-m?as_of=${before}`);
    expect.soft(JSON.stringify(then.body), 'as_of read').not.toContain('TOP-SECRET');
    const searched = await as(`/v1/blueprints/${service}/entities/search?as_of=${before}`, {});
    expect.soft(JSON.stringify(searched.body), 'as_of search').not.toContain('TOP-SECRET');
  });
});
