import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { eventually } from '../../../test/eventually.js';
import { createPerson } from '../../../test/people.js';

describeEachDatabase('entity history', (dialect) => {
  let api: TestApp;
  const id = uniqueId('eh').toLowerCase();
  const [system, service] = [`${id}_system`, `${id}_service`];
  const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

  beforeAll(async () => {
    api = await startTestApp(dialect);
    for (const body of [
      { identifier: system, schema: { properties: { name: { type: 'string' } }, required: [] } },
      {
        identifier: service,
        schema: { properties: { tier: { type: 'number' }, lang: { type: 'string' } }, required: [] },
        relations: { system: { target: system, many: false, required: false } },
        mirrorProperties: { systemName: { title: 'System', path: 'system.name' } },
      },
    ]) {
      const created = await api.post('/v1/blueprints', { title: body.identifier, ...body });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
  });
  afterAll(() => api.close());

  it('keeps every version with who changed what, and reads the entity as it was at any time', async () => {
    expect(
      (
        await api.post(`/v1/blueprints/${system}/entities`, {
          identifier: 'core',
          properties: { name: 'Core' },
        })
      ).status,
    ).toBe(201);
    const created = await api.post(`/v1/blueprints/${service}/entities`, {
      identifier: 'api',
      properties: { tier: 1, lang: 'go' },
      relations: { system: 'core' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await tick();
    const afterCreate = new Date().toISOString();
    await tick();
    expect(
      (await api.patch(`/v1/blueprints/${service}/entities/api`, { properties: { tier: 2 } })).status,
    ).toBe(200);
    await tick();
    const afterPatch = new Date().toISOString();
    await tick();
    // A change another entity makes to a computed value is a version too, by Portico.
    expect(
      (await api.patch(`/v1/blueprints/${system}/entities/core`, { properties: { name: 'Kernel' } })).status,
    ).toBe(200);
    await eventually(
      () => api.get(`/v1/blueprints/${service}/entities/api`),
      (r) => expect(r.body.entity.properties.systemName).toBe('Kernel'),
    );

    const history = await api.get(`/v1/blueprints/${service}/entities/api/history`);
    expect(history.status, JSON.stringify(history.body)).toBe(200);
    const versions = history.body.versions as Array<{ action: string; actor: string; changes: unknown[] }>;
    expect(versions.map((v) => v.action)).toEqual(['UPDATE', 'UPDATE', 'CREATE']);
    expect(versions[0]!.actor).toBe('portico');
    expect(versions[0]!.changes).toEqual([
      { path: 'properties.systemName', before: 'Core', after: 'Kernel' },
    ]);
    expect(versions[1]!.actor).toBe(api.clientId);
    expect(versions[1]!.changes).toEqual([{ path: 'properties.tier', before: 1, after: 2 }]);
    expect(versions[2]!.changes).toContainEqual({ path: 'relations.system', before: null, after: 'core' });

    const page = await api.get(`/v1/blueprints/${service}/entities/api/history?limit=2`);
    expect(page.body.versions).toHaveLength(2);
    const rest = await api.get(
      `/v1/blueprints/${service}/entities/api/history?limit=2&from=${page.body.next}`,
    );
    expect(rest.body.versions.map((v: { action: string }) => v.action)).toEqual(['CREATE']);
    expect(rest.body.next).toBeUndefined();

    const then = await api.get(`/v1/blueprints/${service}/entities/api?as_of=${afterCreate}`);
    expect(then.status, JSON.stringify(then.body)).toBe(200);
    expect(then.body.entity).toMatchObject({
      properties: { tier: 1, systemName: 'Core' },
      relations: { system: 'core' },
    });
    const later = await api.get(`/v1/blueprints/${service}/entities/api?as_of=${afterPatch}`);
    expect(later.body.entity.properties).toMatchObject({ tier: 2, systemName: 'Core' });
    expect((await api.get(`/v1/blueprints/${service}/entities/api?as_of=2000-01-01T00:00:00Z`)).status).toBe(
      404,
    );
    const bad = await api.get(`/v1/blueprints/${service}/entities/api?as_of=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^as_of:/);

    const chart = await api.post('/v1/entities/properties-history', {
      entityIdentifier: 'api',
      blueprintIdentifier: service,
      propertyNames: ['tier'],
      timeInterval: 'hour',
      timeRange: { preset: 'today', timeZone: 'Europe/Paris' },
    });
    expect(chart.status, JSON.stringify(chart.body)).toBe(200);
    const data = chart.body.result.data as Array<number | null>;
    expect(data[data.length - 1]).toBe(2);
    expect(chart.body.result.minDate).toBeLessThan(chart.body.result.maxDate);
  });

  it('charts a busy entity from all its versions, read a hundred at a time', async () => {
    const busy = uniqueId('busy');
    const blueprint = await api.post('/v1/blueprints', {
      identifier: busy,
      title: 'Busy',
      schema: { properties: { tier: { type: 'number' } } },
    });
    expect(blueprint.status).toBe(201);
    const created = await api.post(`/v1/blueprints/${busy}/entities`, {
      identifier: 'busy',
      properties: { tier: 0 },
    });
    expect(created.status).toBe(201);
    for (let tier = 1; tier <= 250; tier++)
      expect((await api.patch(`/v1/blueprints/${busy}/entities/busy`, { properties: { tier } })).status).toBe(
        200,
      );
    const chart = await api.post('/v1/entities/properties-history', {
      entityIdentifier: 'busy',
      blueprintIdentifier: busy,
      propertyNames: ['tier'],
      timeInterval: 'hour',
      timeRange: { preset: 'today', timeZone: 'UTC' },
    });
    expect(chart.status, JSON.stringify(chart.body)).toBe(200);
    const data = chart.body.result.series.tier as Array<number | null>;
    expect(data[data.length - 1]).toBe(250);
  });

  it('keeps the versions of a deleted entity, and as_of reads it before its deletion', async () => {
    expect(
      (await api.post(`/v1/blueprints/${service}/entities`, { identifier: 'gone', properties: { tier: 3 } }))
        .status,
    ).toBe(201);
    await tick();
    const before = new Date().toISOString();
    await tick();
    expect((await api.delete(`/v1/blueprints/${service}/entities/gone`)).status).toBe(200);
    expect((await api.get(`/v1/blueprints/${service}/entities/gone`)).status).toBe(404);
    expect(
      (await api.get(`/v1/blueprints/${service}/entities/gone?as_of=${before}`)).body.entity.properties.tier,
    ).toBe(3);
    const history = await api.get(`/v1/blueprints/${service}/entities/gone/history`);
    expect(history.body.versions.map((v: { action: string }) => v.action)).toEqual(['DELETE', 'CREATE']);
    expect(history.body.versions[0].entity).toBeNull();
  });

  it("keeps a version of each entity a team's rename or deletion changes, as its ETag does", async () => {
    const [team, renamed] = [`${id}-red`, `${id}-blue`];
    expect((await api.post('/v1/teams', { name: team })).status).toBeLessThan(300);
    const created = await api.post(`/v1/blueprints/${service}/entities`, {
      identifier: 'owned',
      team: [team],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const path = `/v1/blueprints/${service}/entities/owned`;
    const teamsOfVersions = async () => {
      const history = await api.get(`${path}/history`);
      expect(history.status).toBe(200);
      return history.body.versions.map((v: { entity: { team: string[] } }) => v.entity.team);
    };
    expect((await api.patch(`/v1/teams/${team}`, { name: renamed })).status).toBe(200);
    expect(await teamsOfVersions()).toEqual([[renamed], [team]]);
    expect((await api.delete(`/v1/teams/${renamed}`)).status).toBe(200);
    expect(await teamsOfVersions()).toEqual([[], [renamed], [team]]);
    // The version the answer's ETag names is the last one kept.
    const read = await api.get(path);
    const history = await api.get(`${path}/history`);
    expect(read.headers.etag).toContain(String(history.body.versions[0].version));
  });

  it('keeps a version of each entity whose relation a deletion empties', async () => {
    expect((await api.post(`/v1/blueprints/${system}/entities`, { identifier: 'doomed' })).status).toBe(201);
    const created = await api.post(`/v1/blueprints/${service}/entities`, {
      identifier: 'pointing',
      relations: { system: 'doomed' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await api.delete(`/v1/blueprints/${system}/entities/doomed`)).status).toBe(200);
    const history = await api.get(`/v1/blueprints/${service}/entities/pointing/history`);
    expect(history.body.versions.map((v: { entity: { relations: unknown } }) => v.entity.relations)).toEqual([
      { system: null },
      { system: 'doomed' },
    ]);
    const read = await api.get(`/v1/blueprints/${service}/entities/pointing`);
    expect(read.headers.etag).toContain(String(history.body.versions[0].version));
  });

  it('keeps a version of each entity whose relation now reads a renamed target', async () => {
    expect((await api.post(`/v1/blueprints/${system}/entities`, { identifier: 'before' })).status).toBe(201);
    const created = await api.post(`/v1/blueprints/${service}/entities`, {
      identifier: 'follower',
      relations: { system: 'before' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const renamed = await api.patch(`/v1/blueprints/${system}/entities/before`, { identifier: 'after' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const path = `/v1/blueprints/${service}/entities/follower`;
    const history = await api.get(`${path}/history`);
    expect(history.body.versions.map((v: { entity: { relations: unknown } }) => v.entity.relations)).toEqual([
      { system: 'after' },
      { system: 'before' },
    ]);
    expect(history.body.versions[0].changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'relations.system' })]),
    );
    const read = await api.get(path);
    expect(read.headers.etag).toContain(String(history.body.versions[0].version));
  });

  it('searches the catalog as it was, each entity at its version then', async () => {
    const post = (identifier: string, tier: number) =>
      api.post(`/v1/blueprints/${service}/entities?upsert=true&merge=true`, {
        identifier,
        properties: { tier, lang: 'old' },
      });
    expect((await post('s1', 10)).status).toBeLessThan(300);
    expect((await post('s2', 20)).status).toBeLessThan(300);
    await tick();
    const then = new Date().toISOString();
    await tick();
    expect(
      (await api.patch(`/v1/blueprints/${service}/entities/s1`, { properties: { tier: 11, lang: 'new' } }))
        .status,
    ).toBe(200);
    expect((await api.delete(`/v1/blueprints/${service}/entities/s2`)).status).toBe(200);
    expect((await post('s3', 30)).status).toBeLessThan(300);
    const search = (asOf?: string) =>
      api.post(`/v1/blueprints/${service}/entities/search${asOf ? `?as_of=${asOf}` : ''}`, {
        query: { combinator: 'and', rules: [{ property: 'tier', operator: '>=', value: 10 }] },
        sort: { property: 'tier', order: 'ASC' },
      });
    const past = await search(then);
    expect(past.status, JSON.stringify(past.body)).toBe(200);
    expect(
      past.body.entities.map((e: { identifier: string; properties: { tier: number } }) => [
        e.identifier,
        e.properties.tier,
      ]),
    ).toEqual([
      ['s1', 10],
      ['s2', 20],
    ]);
    const now = await search();
    expect(now.body.entities.map((e: { identifier: string }) => e.identifier)).toEqual(['s1', 's3']);
  });

  it("keeps an entity's first version as it was, whatever changes its row later", async () => {
    const held = `${id}_held`;
    const created = await api.post('/v1/blueprints', {
      identifier: held,
      title: 'Held',
      schema: { properties: { tier: { type: 'number' }, lang: { type: 'string' } }, required: [] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const [team, renamedTeam] = [`${id}-first`, `${id}-second`];
    expect((await api.post('/v1/teams', { name: team })).status).toBeLessThan(300);
    for (const identifier of ['h1', 'h2', 'h3'])
      expect(
        (
          await api.post(`/v1/blueprints/${held}/entities`, {
            identifier,
            team: [team],
            properties: { tier: 1, lang: 'go' },
          })
        ).status,
      ).toBe(201);
    const first = async (identifier: string) => {
      const history = await api.get(`/v1/blueprints/${held}/entities/${identifier}/history`);
      expect(history.status, JSON.stringify(history.body)).toBe(200);
      const oldest = history.body.versions.at(-1);
      expect(oldest.action).toBe('CREATE');
      return oldest.entity;
    };
    expect(await first('h1')).toMatchObject({ team: [team], properties: { tier: 1, lang: 'go' } });
    // Written by a person, by a team's rename, by a blueprint's change, by a deletion: the first version
    // still holds the entity as it was created.
    expect((await api.patch(`/v1/blueprints/${held}/entities/h1`, { properties: { tier: 2 } })).status).toBe(
      200,
    );
    expect((await api.patch(`/v1/teams/${team}`, { name: renamedTeam })).status).toBe(200);
    const renamed = await api.patch(`/v1/blueprints/${held}/properties/lang/rename`, {
      newPropertyName: 'language',
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect((await api.delete(`/v1/blueprints/${held}/entities/h3`)).status).toBe(200);
    for (const identifier of ['h1', 'h2', 'h3'])
      expect(await first(identifier)).toMatchObject({ team: [team], properties: { tier: 1, lang: 'go' } });
    const now = await api.get(`/v1/blueprints/${held}/entities/h2`);
    expect(now.body.entity).toMatchObject({ team: [renamedTeam], properties: { tier: 1, language: 'go' } });
  });

  it('shows a Member no more of the past than of today: hidden entities, hidden relation targets', async () => {
    const team = `${id}-team`;
    expect((await api.post('/v1/teams', { name: team })).status).toBeLessThan(300);
    const member = await createPerson(api, { teams: [team] });
    const owners = { roles: ['Admin'], ownedByTeam: true };
    for (const blueprint of [system, service])
      expect(
        (await api.patch(`/v1/blueprints/${blueprint}/permissions`, { entities: { read: owners } })).status,
      ).toBe(200);
    expect(
      (await api.post(`/v1/blueprints/${system}/entities`, { identifier: 'vault', team: [] })).status,
    ).toBe(201);
    const mine = await api.post(`/v1/blueprints/${service}/entities`, {
      identifier: 'mine',
      team: [team],
      relations: { system: 'vault' },
    });
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    expect(
      (await api.post(`/v1/blueprints/${service}/entities`, { identifier: 'theirs', team: [] })).status,
    ).toBe(201);
    await tick();
    const now = new Date().toISOString();
    const as = (path: string, body?: unknown) =>
      api.request(body === undefined ? 'GET' : 'POST', path, body, member.headers);

    // Portico's version of a mirror value the Member does not see is not shown to it.
    const named = await api.patch(`/v1/blueprints/${system}/entities/vault`, {
      properties: { name: 'Secret' },
    });
    expect(named.status).toBe(200);
    await eventually(
      () => api.get(`/v1/blueprints/${service}/entities/mine/history`),
      (r) => expect(r.body.versions[0].actor).toBe('portico'),
    );
    const history = await as(`/v1/blueprints/${service}/entities/mine/history`);
    expect(history.status, JSON.stringify(history.body)).toBe(200);
    expect(history.body.versions.map((v: { actor: string }) => v.actor)).not.toContain('portico');
    expect(history.body.versions[0].entity.relations.system).toBeNull();
    expect(JSON.stringify(history.body)).not.toContain('vault');
    expect(
      (await as(`/v1/blueprints/${service}/entities/mine?as_of=${now}`)).body.entity.relations.system,
    ).toBeNull();
    for (const path of [
      `/v1/blueprints/${service}/entities/theirs/history`,
      `/v1/blueprints/${service}/entities/theirs?as_of=${now}`,
      `/v1/blueprints/${system}/entities/vault/history`,
    ])
      expect((await as(path)).status, path).toBe(404);
    const chart = await as('/v1/entities/properties-history', {
      entityIdentifier: 'theirs',
      blueprintIdentifier: service,
      propertyNames: ['tier'],
    });
    expect(chart.status).toBe(404);
    const past = await as(`/v1/blueprints/${service}/entities/search?as_of=${now}`, {
      query: { combinator: 'and', rules: [] },
    });
    expect(past.status, JSON.stringify(past.body)).toBe(200);
    expect(past.body.entities.map((e: { identifier: string }) => e.identifier)).toEqual(['mine']);
    expect(past.body.entities[0].relations.system).toBeNull();
    for (const blueprint of [system, service])
      await api.patch(`/v1/blueprints/${blueprint}/permissions`, {
        entities: { read: { roles: ['Admin', 'Member'] } },
      });
  });

  it('answers bad requests naming the field', async () => {
    const unknown = await api.post('/v1/entities/properties-history', {
      entityIdentifier: 'api',
      blueprintIdentifier: service,
      propertyNames: ['nope'],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.message).toMatch(/propertyNames: .*"nope"/);
    const zone = await api.post('/v1/entities/properties-history', {
      entityIdentifier: 'api',
      blueprintIdentifier: service,
      propertyNames: ['tier'],
      timeRange: { preset: 'lastWeek', timeZone: 'Mars/Olympus' },
    });
    expect(zone.status).toBe(422);
    expect(zone.body.message).toMatch(/timeRange\.timeZone/);
    expect((await api.get(`/v1/blueprints/${service}/entities/missing/history`)).status).toBe(404);
  });
});
