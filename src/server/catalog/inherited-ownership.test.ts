import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';

describeEachDatabase('inherited ownership', (dialect) => {
  let api: TestApp;
  const id = uniqueId('io').toLowerCase();
  const [system, service, deployment, library] = [
    `${id}_system`,
    `${id}_service`,
    `${id}_deploy`,
    `${id}_lib`,
  ];
  const [red, blue] = [`${id}-red`, `${id}-blue`];

  const teamOf = async (blueprint: string, identifier: string) =>
    (await api.get(`/v1/blueprints/${blueprint}/entities/${identifier}`)).body.entity.team;
  const write = async (blueprint: string, entity: Record<string, unknown>) => {
    const response = await api.post(`/v1/blueprints/${blueprint}/entities?upsert=true&merge=true`, entity);
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
    return response.body.entity;
  };

  beforeAll(async () => {
    api = await startTestApp(dialect);
    for (const team of [red, blue]) await api.post('/v1/teams', { name: team });
    const blueprint = (identifier: string, relations: Record<string, unknown>, ownership: unknown) =>
      api.post('/v1/blueprints', {
        identifier,
        title: identifier,
        schema: { properties: { note: { type: 'string' } }, required: [] },
        relations,
        ownership,
      });
    expect((await blueprint(system, {}, { type: 'Direct' })).status).toBe(201);
    expect(
      (
        await blueprint(
          service,
          { system: { target: system, many: false, required: false } },
          { type: 'Inherited', path: 'system' },
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await blueprint(
          deployment,
          { service: { target: service, many: false, required: false } },
          { type: 'Inherited', path: 'service.system' },
        )
      ).status,
    ).toBe(201);
    await write(system, { identifier: 'sys-1', team: [red] });
    await write(system, { identifier: 'sys-2', team: [red, blue] });
  });
  afterAll(() => api.close());

  it('an entity owns what its path reaches owns, one hop or two, from its first write', async () => {
    expect((await write(service, { identifier: 'svc-1', relations: { system: 'sys-1' } })).team).toEqual([
      red,
    ]);
    expect((await write(deployment, { identifier: 'dep-1', relations: { service: 'svc-1' } })).team).toEqual([
      red,
    ]);
  });

  it('follows changes anywhere along the path, in the same write', async () => {
    await write(service, { identifier: 'svc-2', relations: { system: 'sys-1' } });
    await write(deployment, { identifier: 'dep-2', relations: { service: 'svc-2' } });
    await write(system, { identifier: 'sys-1', team: [blue] });
    expect(await teamOf(service, 'svc-2')).toEqual([blue]);
    expect(await teamOf(deployment, 'dep-2')).toEqual([blue]);

    await write(service, { identifier: 'svc-2', relations: { system: 'sys-2' } });
    expect(await teamOf(service, 'svc-2')).toEqual([blue, red].sort());
    expect(await teamOf(deployment, 'dep-2')).toEqual([blue, red].sort());

    // Renaming a team renames it in inherited owners too.
    const renamed = `${red}-renamed`;
    expect((await api.patch(`/v1/teams/${red}`, { name: renamed })).status).toBe(200);
    expect(await teamOf(deployment, 'dep-2')).toEqual([blue, renamed].sort());
    expect((await api.patch(`/v1/teams/${renamed}`, { name: red })).status).toBe(200);
  });

  it('a deleted link leaves its inheritors with the owners that remain', async () => {
    await write(system, { identifier: 'sys-3', team: [red] });
    await write(service, { identifier: 'svc-3', relations: { system: 'sys-3' } });
    await write(deployment, { identifier: 'dep-3', relations: { service: 'svc-3' } });
    expect((await api.delete(`/v1/blueprints/${system}/entities/sys-3`)).status).toBe(200);
    expect(await teamOf(service, 'svc-3')).toEqual([]);
    expect(await teamOf(deployment, 'dep-3')).toEqual([]);
  });

  it('with ?strict=true, refuses a team given to an entity that inherits it, naming the field', async () => {
    const response = await api.post(`/v1/blueprints/${service}/entities?strict=true`, {
      identifier: 'svc-x',
      team: [red],
      relations: { system: 'sys-2' },
    });
    expect(response.status).toBe(422);
    expect(response.body.error).toBe('inherited_ownership');
    expect(response.body.message).toMatch(/^team: /);
    expect((await api.get(`/v1/blueprints/${service}/entities/svc-x`)).status).toBe(404);
  });

  it('leaves out a team given to an entity that inherits it (as read back), naming it when it differs', async () => {
    // sys-2 is owned by red and blue: the entity inherits both, whatever it is given.
    const other = await api.post(`/v1/blueprints/${service}/entities`, {
      identifier: 'svc-y',
      team: [red],
      relations: { system: 'sys-2' },
    });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    expect(other.body.entity.team).toEqual([blue, red].sort());
    expect(other.body.additionalData.ignoredTeam).toEqual({
      team: [red],
      reason: expect.stringMatching(/^team: .*inherits its owning teams through "system"/),
    });
    // What a read answers, written back (Port's backup tools do): nothing to say.
    const read = (await api.get(`/v1/blueprints/${service}/entities/svc-y`)).body.entity;
    const again = await api.post(`/v1/blueprints/${service}/entities?upsert=true`, read);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.additionalData).toBeUndefined();
    const bulk = await api.post(`/v1/blueprints/${service}/entities/bulk?upsert=true`, {
      entities: [{ identifier: 'svc-y', team: [red], relations: { system: 'sys-2' } }],
    });
    expect(bulk.body.entities[0].additionalData.ignoredTeam.team).toEqual([red]);
    expect(await teamOf(service, 'svc-y')).toEqual([blue, red].sort());
  });

  it('search and permissions see the inherited owners', async () => {
    await write(system, { identifier: 'sys-4', team: [blue] });
    await write(service, { identifier: 'svc-4', relations: { system: 'sys-4' } });
    const found = await api.post(`/v1/blueprints/${service}/entities/search`, {
      query: { combinator: 'and', rules: [{ property: '$team', operator: 'containsAny', value: [blue] }] },
    });
    expect(found.body.entities.map((e: { identifier: string }) => e.identifier)).toContain('svc-4');

    const owners = { roles: ['Admin'], ownedByTeam: true };
    expect(
      (await api.patch(`/v1/blueprints/${service}/permissions`, { entities: { update: owners } })).status,
    ).toBe(200);
    const tokenOf = async (team: string) => {
      const email = `${uniqueId('io')}@example.com`;
      await api.post('/v1/users/invite', { invitee: { email, teams: [team] } });
      const app = await api.post('/v1/apps', { name: 'io', user: email });
      return (
        await api.post('/v1/auth/access_token', {
          clientId: app.body.app.id,
          clientSecret: app.body.app.secret,
        })
      ).body.accessToken;
    };
    const change = async (token: string) =>
      (
        await api.request(
          'PATCH',
          `/v1/blueprints/${service}/entities/svc-4`,
          { properties: { note: 'x' } },
          { authorization: `Bearer ${token}` },
        )
      ).status;
    const [blueToken, redToken] = [await tokenOf(blue), await tokenOf(red)];
    expect(await change(blueToken)).toBe(200);
    expect(await change(redToken)).toBe(403);

    // Creating one: the owners it will inherit decide an "owned by team" grant.
    expect(
      (await api.patch(`/v1/blueprints/${service}/permissions`, { entities: { register: owners } })).status,
    ).toBe(200);
    await write(system, { identifier: 'sys-5', team: [red] });
    const create = async (token: string, identifier: string, target: string) =>
      (
        await api.request(
          'POST',
          `/v1/blueprints/${service}/entities`,
          { identifier, relations: { system: target } },
          { authorization: `Bearer ${token}` },
        )
      ).status;
    expect(await create(blueToken, 'svc-5', 'sys-5')).toBe(403);
    expect(await create(blueToken, 'svc-6', 'sys-4')).toBe(201);
    expect(await teamOf(service, 'svc-6')).toEqual([blue]);
  });

  it('a blueprint that starts inheriting takes its owners from the path at once', async () => {
    expect(
      (
        await api.post('/v1/blueprints', {
          identifier: library,
          title: library,
          schema: { properties: {}, required: [] },
          relations: { system: { target: system, many: false, required: false } },
        })
      ).status,
    ).toBe(201);
    await write(library, { identifier: 'lib-1', team: [blue], relations: { system: 'sys-2' } });
    const changed = await api.patch(`/v1/blueprints/${library}`, {
      ownership: { type: 'Inherited', path: 'system' },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(await teamOf(library, 'lib-1')).toEqual([blue, red].sort());
  });

  it('creates a blueprint written before its relations without the ownership they carry, and says so', async () => {
    // As Port's backup tools restore a blueprint: bare, then with its relations, then whole.
    const restored = `${id}_restored`;
    const whole = {
      identifier: restored,
      title: 'Restored',
      schema: { properties: {}, required: [] },
      relations: { service: { target: service, many: false, required: false } },
      ownership: { type: 'Inherited', path: 'service.system' },
      createdAt: '2024-01-01T00:00:00.000Z',
      createdBy: 'someone-else',
    };
    const bare = await api.post('/v1/blueprints', { ...whole, relations: {} });
    expect(bare.status, JSON.stringify(bare.body)).toBe(201);
    expect(bare.body.blueprint.ownership?.type ?? 'Direct').toBe('Direct');
    expect(bare.body.additionalData.ignoredOwnership).toEqual({
      ownership: whole.ownership,
      reason: expect.stringContaining(`ownership.path: "${restored}" has no relation "service" yet`),
    });
    const related = await api.patch(`/v1/blueprints/${restored}`, whole);
    expect(related.status, JSON.stringify(related.body)).toBe(200);
    expect(related.body.blueprint.ownership).toEqual(whole.ownership);
    await write(restored, { identifier: 'r-1', relations: { service: 'svc-2' } });
    expect(await teamOf(restored, 'r-1')).toEqual(await teamOf(service, 'svc-2'));
    // With relations, a path naming another is a mistake: refused, named.
    const wrong = await api.post('/v1/blueprints', {
      ...whole,
      identifier: `${id}_wrong`,
      ownership: { type: 'Inherited', path: 'servce.system' },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.message).toMatch(/^ownership\.path: .* has no relation "servce"/);
  });
});

describeEachDatabase("Port's legacy teamInheritance and keys Port's schema forbids", (dialect) => {
  let api: TestApp;
  const id = uniqueId('ti').toLowerCase();
  const [system, service] = [`${id}_system`, `${id}_service`];
  beforeAll(async () => {
    api = await startTestApp(dialect);
    const created = await api.post('/v1/blueprints', {
      identifier: system,
      title: 'System',
      schema: { properties: {}, required: [] },
      ownership: { type: 'Direct' },
    });
    expect(created.status).toBe(201);
  });
  afterAll(() => api.close());

  const service_ = (extra: Record<string, unknown>) => ({
    identifier: service,
    title: 'Service',
    schema: { properties: {}, required: [] },
    relations: { system: { target: system, many: false, required: false } },
    ...extra,
  });

  it('reads teamInheritance as an Inherited ownership, on create and on PATCH', async () => {
    const created = await api.post('/v1/blueprints', service_({ teamInheritance: { path: 'system' } }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.blueprint.ownership).toEqual({ type: 'Inherited', path: 'system' });
    await api.request('PATCH', `/v1/blueprints/${service}`, { ownership: { type: 'Direct' } });
    const patched = await api.request('PATCH', `/v1/blueprints/${service}`, {
      teamInheritance: { path: 'system' },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.blueprint.ownership).toEqual({ type: 'Inherited', path: 'system' });
    expect(patched.body.blueprint.teamInheritance).toBeUndefined();
  });

  it.each([
    [{ teamInheritance: { path: 'system' }, ownership: { type: 'Direct' } }, 'teamInheritance and ownership'],
    [{ teamInheritance: { path: 'system', team: 'x' } }, 'teamInheritance.team'],
    [{ teamInheritance: 'system' }, 'teamInheritance must be an object'],
    [{ ownership: { type: 'Direct', path: 'system' } }, 'ownership.path'],
    [{ mirrorProperties: { t: { path: 'system.$title', type: 'string' } } }, 'mirrorProperties.t.type'],
    [
      { calculationProperties: { c: { calculation: '.title', type: 'string', formula: 'x' } } },
      'calculationProperties.c.formula',
    ],
    [
      {
        aggregationProperties: {
          n: {
            title: 'N',
            target: system,
            calculationSpec: { calculationBy: 'entities', func: 'count', extra: 1 },
          },
        },
      },
      'aggregationProperties.n.calculationSpec.extra',
    ],
    [
      { relations: { system: { target: system, many: false, required: false, cascade: true } } },
      'relations.system.cascade',
    ],
  ])('refuses %j naming the key', async (extra, named) => {
    const refused = await api.request('PUT', `/v1/blueprints/${service}`, service_(extra));
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.message).toContain(named);
  });
});
