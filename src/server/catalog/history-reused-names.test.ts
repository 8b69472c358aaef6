// A name reused in the data model: a property removed and created again under the same name, a blueprint
// deleted and created again under the same identifier. A Member must not read the old one's values in
// the past as the new one's (history, as_of reads, as_of searches); an Admin reads every version as kept.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { eventually } from '../../../test/eventually.js';
import { catalogReadByTeam, moment, readOwnedByTeam } from '../../../test/history.js';

describeEachDatabase('history: reused names', (dialect) => {
  let api: TestApp;
  const id = uniqueId('rn').toLowerCase();
  const [system, service] = [`${id}_system`, `${id}_service`];
  const team = `${id}-mine`;
  let as: Awaited<ReturnType<typeof catalogReadByTeam>>['as'];
  const identifiers = (body: { entities: Array<{ identifier: string }> }) =>
    body.entities.map((e) => e.identifier);

  beforeAll(async () => {
    api = await startTestApp(dialect);
    ({ as } = await catalogReadByTeam(api, team, [
      { identifier: system, schema: { properties: { name: { type: 'string' } }, required: [] } },
      {
        identifier: service,
        schema: { properties: { tier: { type: 'number' } }, required: [] },
        relations: { system: { target: system, many: false, required: false } },
        mirrorProperties: { systemName: { title: 'System', path: 'system.name' } },
      },
    ]));
  });
  afterAll(() => api.close());

  it("does not show a Member a removed mirror's values under a new property of the same name; an Admin sees them", async () => {
    // Systems the Member may not read; its services mirror their names, which it does not see.
    for (const [identifier, name] of [
      ['vault-z', 'ZZ-SECRET-NAME'],
      ['vault-a', 'AA-SECRET-NAME'],
    ])
      expect(
        (await api.post(`/v1/blueprints/${system}/entities`, { identifier, team: [], properties: { name } }))
          .status,
      ).toBe(201);
    // Created in this order, so that sorting by the old values would put them the other way round.
    for (const [identifier, target] of [
      ['svc-z', 'vault-z'],
      ['svc-a', 'vault-a'],
    ])
      expect(
        (
          await api.post(`/v1/blueprints/${service}/entities`, {
            identifier,
            team: [team],
            relations: { system: target },
          })
        ).status,
      ).toBe(201);
    const before = await moment();
    // The mirror goes, and a plain property of the same name comes.
    const dropped = await api.patch(`/v1/blueprints/${service}`, { mirrorProperties: {} });
    expect(dropped.status, JSON.stringify(dropped.body)).toBe(200);
    await eventually(
      () => api.get(`/v1/blueprints/${service}/entities/svc-z`),
      (r) => expect(r.body.entity.properties).not.toHaveProperty('systemName'),
    );
    const schema = { properties: { tier: { type: 'number' }, systemName: { type: 'string' } }, required: [] };
    const added = await api.patch(`/v1/blueprints/${service}`, { schema });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const now = await api.request('PATCH', `/v1/blueprints/${service}/entities/svc-z`, {
      properties: { systemName: 'plain-today' },
    });
    expect(now.status, JSON.stringify(now.body)).toBe(200);

    const search = (reader: typeof as, body: object) =>
      reader(`/v1/blueprints/${service}/entities/search?as_of=${before}`, body);
    const rule = {
      query: {
        combinator: 'and',
        rules: [{ property: 'systemName', operator: '=', value: 'ZZ-SECRET-NAME' }],
      },
    };
    const sorted = { sort: { property: 'systemName', order: 'ASC' } };

    // A Member: none of the old values, wherever it looks.
    const then = await as(`/v1/blueprints/${service}/entities/svc-z?as_of=${before}`);
    expect(then.status).toBe(200);
    expect.soft(JSON.stringify(then.body), 'as_of read').not.toContain('SECRET');
    const matched = await search(as, rule);
    expect(matched.status).toBe(200);
    expect.soft(identifiers(matched.body), 'as_of search by the name').toEqual([]);
    const ordered = await search(as, sorted);
    expect(ordered.status).toBe(200);
    expect.soft(identifiers(ordered.body), 'as_of search sorted by the name').toEqual(['svc-z', 'svc-a']);
    expect.soft(JSON.stringify(ordered.body), 'as_of search').not.toContain('SECRET');
    const history = await as(`/v1/blueprints/${service}/entities/svc-z/history`);
    expect(history.status).toBe(200);
    expect.soft(JSON.stringify(history.body), 'history').not.toContain('SECRET');
    expect.soft(JSON.stringify(history.body), 'history').toContain('plain-today');

    // An Admin: every version as kept.
    const byAdmin = (path: string, body?: unknown) =>
      api.request(body === undefined ? 'GET' : 'POST', path, body);
    const adminThen = await byAdmin(`/v1/blueprints/${service}/entities/svc-z?as_of=${before}`);
    expect.soft(adminThen.body.entity.properties.systemName).toBe('ZZ-SECRET-NAME');
    expect.soft(identifiers((await search(byAdmin, rule)).body)).toEqual(['svc-z']);
    expect.soft(identifiers((await search(byAdmin, sorted)).body)).toEqual(['svc-a', 'svc-z']);
    const adminHistory = await byAdmin(`/v1/blueprints/${service}/entities/svc-z/history`);
    expect.soft(JSON.stringify(adminHistory.body)).toContain('ZZ-SECRET-NAME');
  });

  it('does not show a Member values of a removed mirror under a property renamed to its name', async () => {
    const renamed = `${id}_renamed`;
    const created = await api.post('/v1/blueprints', {
      identifier: renamed,
      title: renamed,
      schema: { properties: { label: { type: 'string' } }, required: [] },
      relations: { system: { target: system, many: false, required: false } },
      mirrorProperties: { alias: { title: 'Alias', path: 'system.name' } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await readOwnedByTeam(api, [renamed]);
    expect(
      (
        await api.post(`/v1/blueprints/${system}/entities`, {
          identifier: 'vault-r',
          team: [],
          properties: { name: 'RR-SECRET-NAME' },
        })
      ).status,
    ).toBe(201);
    const entity = {
      identifier: 'ren-1',
      team: [team],
      properties: { label: 'mine' },
      relations: { system: 'vault-r' },
    };
    expect((await api.post(`/v1/blueprints/${renamed}/entities`, entity)).status).toBe(201);
    const before = await moment();
    expect((await api.patch(`/v1/blueprints/${renamed}`, { mirrorProperties: {} })).status).toBe(200);
    const rename = await api.patch(`/v1/blueprints/${renamed}/properties/label/rename`, {
      newPropertyName: 'alias',
    });
    expect(rename.status, JSON.stringify(rename.body)).toBe(200);
    const between = await moment();

    const then = await as(`/v1/blueprints/${renamed}/entities/ren-1?as_of=${before}`);
    expect.soft(JSON.stringify(then.body), 'as_of read').not.toContain('SECRET');
    const searched = await as(`/v1/blueprints/${renamed}/entities/search?as_of=${before}`, {
      query: { combinator: 'and', rules: [{ property: 'alias', operator: '=', value: 'RR-SECRET-NAME' }] },
    });
    expect.soft(searched.body.entities, 'as_of search').toEqual([]);
    expect
      .soft(JSON.stringify((await as(`/v1/blueprints/${renamed}/entities/ren-1/history`)).body), 'history')
      .not.toContain('SECRET');
    // From the rename on, the value under the new name is the property's.
    const after = await as(`/v1/blueprints/${renamed}/entities/ren-1?as_of=${between}`);
    expect.soft(after.body.entity?.properties).toEqual({ alias: 'mine' });
  });

  it('does not show a Member what a calculation computed from a mirror it could not see, once the mirror is gone', async () => {
    const calculated = `${id}_calculated`;
    const created = await api.post('/v1/blueprints', {
      identifier: calculated,
      title: calculated,
      schema: { properties: {}, required: [] },
      relations: { system: { target: system, many: false, required: false } },
      mirrorProperties: { secretName: { title: 'Secret', path: 'system.name' } },
      calculationProperties: {
        shout: { title: 'Shout', type: 'string', calculation: '.properties.secretName // "none"' },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await readOwnedByTeam(api, [calculated]);
    expect(
      (
        await api.post(`/v1/blueprints/${system}/entities`, {
          identifier: 'vault-c',
          team: [],
          properties: { name: 'CC-SECRET-NAME' },
        })
      ).status,
    ).toBe(201);
    const entity = { identifier: 'calc-1', team: [team], relations: { system: 'vault-c' } };
    expect((await api.post(`/v1/blueprints/${calculated}/entities`, entity)).status).toBe(201);
    // Computed in the background: done before the model changes (a refresh that read the model before a
    // change may write after it, which is another matter).
    await eventually(
      () => api.get(`/v1/blueprints/${calculated}/entities/calc-1`),
      (r) => expect(r.body.entity.properties.shout).toBe('CC-SECRET-NAME'),
    );
    const before = await moment();
    // Today the Member sees neither (the calculation reads the mirror).
    expect(JSON.stringify((await as(`/v1/blueprints/${calculated}/entities/calc-1`)).body)).not.toContain(
      'SECRET',
    );
    const dropped = await api.patch(`/v1/blueprints/${calculated}`, { mirrorProperties: {} });
    expect(dropped.status, JSON.stringify(dropped.body)).toBe(200);
    await eventually(
      () => api.get(`/v1/blueprints/${calculated}/entities/calc-1`),
      (r) => expect(r.body.entity.properties.shout).toBe('none'),
    );
    // The calculation now reads nothing hidden; what it computed before still came from the mirror.
    const then = await as(`/v1/blueprints/${calculated}/entities/calc-1?as_of=${before}`);
    expect(then.status).toBe(200);
    expect.soft(JSON.stringify(then.body), 'as_of read').not.toContain('SECRET');
    const searched = await as(`/v1/blueprints/${calculated}/entities/search?as_of=${before}`, {
      query: { combinator: 'and', rules: [{ property: 'shout', operator: '=', value: 'CC-SECRET-NAME' }] },
    });
    expect.soft(searched.body.entities, 'as_of search').toEqual([]);
    const history = await as(`/v1/blueprints/${calculated}/entities/calc-1/history`);
    expect.soft(JSON.stringify(history.body), 'history').not.toContain('SECRET');
    const adminThen = await api.get(`/v1/blueprints/${calculated}/entities/calc-1?as_of=${before}`);
    expect.soft(adminThen.body.entity.properties.shout).toBe('CC-SECRET-NAME');
  });

  it("does not show a Member a deleted blueprint's entities as those of a new blueprint of the same identifier", async () => {
    const reused = `${id}_reused`;
    const definition = {
      identifier: reused,
      title: reused,
      schema: { properties: { note: { type: 'string' } }, required: [] },
    };
    expect((await api.post('/v1/blueprints', definition)).status).toBe(201);
    // The Member may read only its team's entities of the first blueprint.
    await readOwnedByTeam(api, [reused]);
    expect(
      (
        await api.post(`/v1/blueprints/${reused}/entities`, {
          identifier: 'old-secret',
          team: [],
          properties: { note: 'OLD-SECRET-NOTE' },
        })
      ).status,
    ).toBe(201);
    const before = await moment();
    expect((await api.request('DELETE', `/v1/blueprints/${reused}?delete_entities=true`)).status).toBe(200);
    // The new blueprint lets everyone read its entities (the default).
    expect((await api.post('/v1/blueprints', definition)).status).toBe(201);
    const mine = await api.post(`/v1/blueprints/${reused}/entities`, {
      identifier: 'new-one',
      team: [],
      properties: { note: 'new' },
    });
    expect(mine.status).toBe(201);
    expect((await as(`/v1/blueprints/${reused}/entities/new-one`)).status).toBe(200);

    expect.soft((await as(`/v1/blueprints/${reused}/entities/old-secret?as_of=${before}`)).status).toBe(404);
    const searched = await as(`/v1/blueprints/${reused}/entities/search?as_of=${before}`, {});
    expect.soft(searched.status).toBe(200);
    expect.soft(JSON.stringify(searched.body), 'as_of search').not.toContain('SECRET');
    const everywhere = await as(`/v1/entities/search?as_of=${before}`, {
      query: { combinator: 'and', rules: [{ property: '$blueprint', operator: '=', value: reused }] },
    });
    expect.soft(everywhere.status).toBe(200);
    expect.soft(JSON.stringify(everywhere.body), 'as_of search of every blueprint').not.toContain('SECRET');
    expect.soft((await as(`/v1/blueprints/${reused}/entities/old-secret/history`)).status).toBe(404);

    const admin = await api.get(`/v1/blueprints/${reused}/entities/old-secret?as_of=${before}`);
    expect.soft(admin.body.entity?.properties.note).toBe('OLD-SECRET-NOTE');
    expect.soft((await api.get(`/v1/blueprints/${reused}/entities/old-secret/history`)).status).toBe(200);
  });
});
