// what a Member whose read permission is "owned by team" learns of entities it may not read,
// through history, as_of reads and as_of searches. An unreadable thing must answer as a missing one.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';
import { catalogReadByTeam, moment, readOwnedByTeam } from '../../../test/history.js';

describeEachDatabase('review14: history and as_of leaks', (dialect) => {
  let api: TestApp;
  const id = uniqueId('rv').toLowerCase();
  const [system, service] = [`${id}_system`, `${id}_service`];
  const team = `${id}-mine`;
  let as: Awaited<ReturnType<typeof catalogReadByTeam>>['as'];

  beforeAll(async () => {
    api = await startTestApp(dialect);
    ({ as } = await catalogReadByTeam(api, team, [
      { identifier: system, schema: { properties: { name: { type: 'string' } }, required: [] } },
      {
        identifier: service,
        schema: { properties: { tier: { type: 'number' } }, required: [] },
        relations: { system: { target: system, many: false, required: false } },
      },
    ]));
  });
  afterAll(() => api.close());

  it('does not show a Member the identifier of a hidden relation target deleted since', async () => {
    // "secret-vault" belongs to nobody the Member is in: hidden, now and then.
    expect(
      (await api.post(`/v1/blueprints/${system}/entities`, { identifier: 'secret-vault', team: [] })).status,
    ).toBe(201);
    const mine = await api.post(`/v1/blueprints/${service}/entities`, {
      identifier: 'mine-a',
      team: [team],
      relations: { system: 'secret-vault' },
    });
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    // Today the target is left out.
    expect((await as(`/v1/blueprints/${service}/entities/mine-a`)).body.entity.relations.system).toBeNull();
    const before = await moment();
    expect((await api.delete(`/v1/blueprints/${system}/entities/secret-vault`)).status).toBe(200);

    const history = await as(`/v1/blueprints/${service}/entities/mine-a/history`);
    expect(history.status).toBe(200);
    expect.soft(JSON.stringify(history.body), 'history').not.toContain('secret-vault');
    const then = await as(`/v1/blueprints/${service}/entities/mine-a?as_of=${before}`);
    expect(then.status).toBe(200);
    expect.soft(then.body.entity.relations.system, 'as_of read').toBeNull();
    const searched = await as(`/v1/blueprints/${service}/entities/search?as_of=${before}`, {
      query: { combinator: 'and', rules: [{ property: '$identifier', operator: '=', value: 'mine-a' }] },
    });
    expect(searched.status).toBe(200);
    expect.soft(JSON.stringify(searched.body), 'as_of search').not.toContain('secret-vault');
  });

  it('does not show a Member the old identifier of a hidden relation target renamed since', async () => {
    expect(
      (await api.post(`/v1/blueprints/${system}/entities`, { identifier: 'hidden-old-name', team: [] }))
        .status,
    ).toBe(201);
    expect(
      (
        await api.post(`/v1/blueprints/${service}/entities`, {
          identifier: 'mine-b',
          team: [team],
          relations: { system: 'hidden-old-name' },
        })
      ).status,
    ).toBe(201);
    const before = await moment();
    const renamed = await api.patch(`/v1/blueprints/${system}/entities/hidden-old-name`, {
      identifier: 'hidden-new-name',
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const history = await as(`/v1/blueprints/${service}/entities/mine-b/history`);
    expect(history.status).toBe(200);
    expect.soft(JSON.stringify(history.body), 'history').not.toContain('hidden-');
    const then = await as(`/v1/blueprints/${service}/entities/mine-b?as_of=${before}`);
    expect.soft(then.body.entity.relations.system, 'as_of read').toBeNull();
  });

  it('lists no version to a Member for a change it cannot see (a hidden target deleted)', async () => {
    // The Member's own entity, pointing at nothing: its history is one version.
    expect(
      (await api.post(`/v1/blueprints/${service}/entities`, { identifier: 'mine-plain', team: [team] }))
        .status,
    ).toBe(201);
    expect(
      (await api.post(`/v1/blueprints/${system}/entities`, { identifier: 'hidden-c', team: [] })).status,
    ).toBe(201);
    expect(
      (
        await api.post(`/v1/blueprints/${service}/entities`, {
          identifier: 'mine-c',
          team: [team],
          relations: { system: 'hidden-c' },
        })
      ).status,
    ).toBe(201);
    expect((await api.delete(`/v1/blueprints/${system}/entities/hidden-c`)).status).toBe(200);
    const plain = await as(`/v1/blueprints/${service}/entities/mine-plain/history`);
    const pointed = await as(`/v1/blueprints/${service}/entities/mine-c/history`);
    // The two histories should look alike to the Member: one CREATE, nothing else.
    const shape = (body: { versions: Array<{ action: string; changes: unknown[] }> }) =>
      body.versions.map((v) => `${v.action}:${v.changes.length}`);
    expect(shape(pointed.body)).toEqual(shape(plain.body));
  });

  it('does not show a Member, as_of now, an entity whose inherited team moved away from it', async () => {
    const [parentBp, childBp] = [`${id}_parent`, `${id}_child`];
    for (const body of [
      { identifier: parentBp, schema: { properties: {}, required: [] } },
      {
        identifier: childBp,
        schema: { properties: { secret: { type: 'string' } }, required: [] },
        relations: { parent: { target: parentBp, many: false, required: false } },
        ownership: { type: 'Inherited', path: 'parent' },
      },
    ]) {
      const created = await api.post('/v1/blueprints', { title: body.identifier, ...body });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    await readOwnedByTeam(api, [parentBp, childBp]);
    const other = `${id}-other`;
    expect((await api.post('/v1/teams', { name: other })).status).toBeLessThan(300);
    expect(
      (await api.post(`/v1/blueprints/${parentBp}/entities`, { identifier: 'p', team: [team] })).status,
    ).toBe(201);
    expect(
      (
        await api.post(`/v1/blueprints/${childBp}/entities`, {
          identifier: 'c',
          properties: { secret: 'INHERITED-SECRET' },
          relations: { parent: 'p' },
        })
      ).status,
    ).toBe(201);
    // The parent, and with it the child, moves to another team.
    expect((await api.patch(`/v1/blueprints/${parentBp}/entities/p`, { team: [other] })).status).toBe(200);
    expect((await api.get(`/v1/blueprints/${childBp}/entities/c`)).body.entity.team).toEqual([other]);
    expect((await as(`/v1/blueprints/${childBp}/entities/c`)).status).toBe(404);
    const now = await moment();
    const read = await as(`/v1/blueprints/${childBp}/entities/c?as_of=${now}`);
    expect.soft(read.status, 'as_of read now').toBe(404);
    const searched = await as(`/v1/blueprints/${childBp}/entities/search?as_of=${now}`, {});
    expect.soft(JSON.stringify(searched.body), 'as_of search now').not.toContain('INHERITED-SECRET');
    // The child's history records its inherited team's change, as a team's rename does.
    const history = await api.get(`/v1/blueprints/${childBp}/entities/c/history`);
    expect.soft(history.body.versions[0].entity?.team, 'history').toEqual([other]);
  });

  it('does not let a Member walk, with as_of, through what it may not read then or now', async () => {
    const [dom, sys, svc] = [`${id}_wdom`, `${id}_wsys`, `${id}_wsvc`];
    for (const body of [
      { identifier: dom, schema: { properties: {} } },
      {
        identifier: sys,
        schema: { properties: {} },
        relations: { domain: { target: dom, many: false, required: false } },
      },
      {
        identifier: svc,
        schema: { properties: {} },
        relations: { system: { target: sys, many: false, required: false } },
      },
    ]) {
      const created = await api.post('/v1/blueprints', { title: body.identifier, ...body });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    await readOwnedByTeam(api, [dom, sys, svc]);
    const write = async (bp: string, identifier: string, team: string[], relations = {}) =>
      expect(
        (await api.post(`/v1/blueprints/${bp}/entities?upsert=true`, { identifier, team, relations })).status,
      ).toBeLessThan(300);
    await write(dom, 'md', [team]);
    // Systems of the Member's domain: hidden, deleted since, hidden then (shown since), hidden since, its own.
    for (const [name, owners] of [
      ['hv', []],
      ['ox', [team]],
      ['wh', []],
      ['nh', [team]],
      ['ok', [team]],
    ] as const) {
      await write(sys, name, [...owners], { domain: 'md' });
      await write(svc, `m-${name}`, [team], { system: name });
    }
    const before = await moment();
    expect((await api.delete(`/v1/blueprints/${sys}/entities/ox`)).status).toBe(200);
    expect((await api.patch(`/v1/blueprints/${sys}/entities/wh`, { team: [team] })).status).toBe(200);
    expect((await api.patch(`/v1/blueprints/${sys}/entities/nh`, { team: [] })).status).toBe(200);

    const found = async (rule: Record<string, unknown>, asAdmin = false, asOf: string | null = before) => {
      const path = `/v1/blueprints/${svc}/entities/search${asOf ? `?as_of=${asOf}` : ''}`;
      const body = { query: { combinator: 'and', rules: [rule] } };
      const response = asAdmin ? await api.post(path, body) : await as(path, body);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body.entities.map((e: { identifier: string }) => e.identifier).sort();
    };
    const fromDomain = { operator: 'relatedTo', blueprint: dom, value: 'md', direction: 'downstream' };
    expect(await found(fromDomain, true)).toEqual(['m-hv', 'm-nh', 'm-ok', 'm-ox', 'm-wh']);
    expect(await found(fromDomain)).toEqual(['m-ok']);
    expect(await found(fromDomain, false, null)).toEqual(['m-ok', 'm-wh']);
    const path = { operator: 'matchAny', property: { path: ['system', 'domain'] }, value: 'md' };
    expect(await found(path, true)).toEqual(['m-hv', 'm-nh', 'm-ok', 'm-ox', 'm-wh']);
    expect(await found(path)).toEqual(['m-ok']);
    // Starting from an entity it may not read answers as starting from one that does not exist.
    const from = (value: string) => ({
      operator: 'relatedTo',
      blueprint: sys,
      value,
      direction: 'downstream',
    });
    for (const value of ['hv', 'ox', 'wh', 'nh', 'no-such-system'])
      expect(await found(from(value))).toEqual([]);
    expect(await found(from('ox'), true)).toEqual(['m-ox']);
    expect(await found(from('ok'))).toEqual(['m-ok']);
    const up = async (identifier: string) => {
      const response = await as(`/v1/blueprints/${dom}/entities/search?as_of=${before}`, {
        query: {
          combinator: 'and',
          rules: [{ operator: 'relatedTo', blueprint: svc, value: identifier, direction: 'upstream' }],
        },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body.entities.map((e: { identifier: string }) => e.identifier);
    };
    expect(await up('m-ok')).toEqual(['md']);
    for (const name of ['hv', 'ox', 'wh', 'nh']) expect(await up(`m-${name}`)).toEqual([]);
  });

  it('lets a Member walk, with as_of, through what its team owned then under a name renamed since', async () => {
    const [sys, svc] = [`${id}_tsys`, `${id}_tsvc`];
    for (const body of [
      { identifier: sys, schema: { properties: { note: { type: 'string' } } } },
      {
        identifier: svc,
        schema: { properties: {} },
        relations: { system: { target: sys, many: false, required: false } },
      },
    ]) {
      const created = await api.post('/v1/blueprints', { title: body.identifier, ...body });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    await readOwnedByTeam(api, [sys, svc]);
    const [oldName, newName] = [`${id}-ot`, `${id}-nt`];
    expect((await api.post('/v1/teams', { name: oldName })).status).toBeLessThan(300);
    const renamedMember = await createPerson(api, { teams: [oldName] });
    for (const [bp, identifier, relations] of [
      [sys, 'owned', {}],
      [svc, 'user', { system: 'owned' }],
    ] as const)
      expect(
        (await api.post(`/v1/blueprints/${bp}/entities`, { identifier, team: [oldName], relations })).status,
      ).toBe(201);
    const before = await moment();
    // Changed since, so the walk reads it as it was then, owned by the team's old name.
    const noted = await api.patch(`/v1/blueprints/${sys}/entities/owned`, { properties: { note: 'x' } });
    expect(noted.status).toBe(200);
    expect((await api.patch(`/v1/teams/${oldName}`, { name: newName })).status).toBe(200);
    const walked = await api.request(
      'POST',
      `/v1/blueprints/${svc}/entities/search?as_of=${before}`,
      {
        query: {
          combinator: 'and',
          rules: [{ operator: 'relatedTo', blueprint: sys, value: 'owned', direction: 'downstream' }],
        },
      },
      renamedMember.headers,
    );
    expect(walked.status, JSON.stringify(walked.body)).toBe(200);
    expect(walked.body.entities.map((e: { identifier: string }) => e.identifier)).toEqual(['user']);
  });

  it('lists no version to a Member whose changes it cannot see at all (a hidden target swapped)', async () => {
    for (const name of ['hidden-x', 'hidden-y'])
      expect(
        (await api.post(`/v1/blueprints/${system}/entities`, { identifier: name, team: [] })).status,
      ).toBe(201);
    expect(
      (
        await api.post(`/v1/blueprints/${service}/entities`, {
          identifier: 'mine-swap',
          team: [team],
          relations: { system: 'hidden-x' },
        })
      ).status,
    ).toBe(201);
    expect(
      (await api.patch(`/v1/blueprints/${service}/entities/mine-swap`, { relations: { system: 'hidden-y' } }))
        .status,
    ).toBe(200);
    const history = await as(`/v1/blueprints/${service}/entities/mine-swap/history`);
    // An UPDATE with no change tells the Member that something it may not see changed, when and by whom.
    const shapes = history.body.versions.map(
      (v: { action: string; changes: unknown[] }) => `${v.action}:${v.changes.length}`,
    );
    expect(shapes).not.toContain('UPDATE:0');
  });

  it('answers the old name of a hidden entity renamed since as a missing one, without its new name', async () => {
    expect(
      (await api.post(`/v1/blueprints/${service}/entities`, { identifier: 'hidden-was', team: [] })).status,
    ).toBe(201);
    expect(
      (await api.patch(`/v1/blueprints/${service}/entities/hidden-was`, { identifier: 'hidden-is-now' }))
        .status,
    ).toBe(200);
    const chart = (identifier: string) =>
      as('/v1/entities/properties-history', {
        entityIdentifier: identifier,
        blueprintIdentifier: service,
        propertyNames: ['tier'],
      });
    const message = (identifier: string) => `Entity "${identifier}" was not found in blueprint "${service}"`;
    for (const [name, missing, hidden] of [
      [
        'history',
        await as(`/v1/blueprints/${service}/entities/never-was/history`),
        await as(`/v1/blueprints/${service}/entities/hidden-was/history`),
      ],
      ['properties-history', await chart('never-was'), await chart('hidden-was')],
    ] as const) {
      expect(missing.status, name).toBe(404);
      expect(hidden.status, name).toBe(404);
      expect(hidden.body, name).toEqual({ ...missing.body, message: message('hidden-was') });
    }
  });

  it('does not show a Member, in history, what its entity held while another team owned it', async () => {
    const other = `${id}-before`;
    expect((await api.post('/v1/teams', { name: other })).status).toBeLessThan(300);
    expect(
      (
        await api.post(`/v1/blueprints/${service}/entities`, {
          identifier: 'handed-over',
          team: [other],
          relations: { system: null },
          properties: { tier: 42 },
        })
      ).status,
    ).toBe(201);
    expect(
      (await api.patch(`/v1/blueprints/${service}/entities/handed-over`, { properties: { tier: 41 } }))
        .status,
    ).toBe(200);
    const before = await moment();
    expect(
      (
        await api.patch(`/v1/blueprints/${service}/entities/handed-over`, {
          team: [team],
          properties: { tier: 1 },
        })
      ).status,
    ).toBe(200);
    // As it was before it was handed over, the Member could not read it: an as_of read says so.
    expect((await as(`/v1/blueprints/${service}/entities/handed-over?as_of=${before}`)).status).toBe(404);
    const history = await as(`/v1/blueprints/${service}/entities/handed-over/history`);
    expect(history.status).toBe(200);
    const shown = history.body.versions.flatMap(
      (v: {
        entity: { team: string[]; properties: { tier?: number } };
        changes: Array<{ before: unknown }>;
      }) => [v.entity.properties.tier, ...v.entity.team, ...v.changes.flatMap((c) => [c.before].flat())],
    );
    expect(shown).not.toContain(42);
    expect(shown).not.toContain(41);
    expect(shown).not.toContain(other);
    // It appears to the Member when it became its own.
    expect(
      history.body.versions.map(
        (v: { action: string; changes: Array<{ path: string; before: unknown }> }) => [
          v.action,
          v.changes.find((c) => c.path === 'properties.tier')?.before,
        ],
      ),
    ).toEqual([['UPDATE', null]]);
    const chart = await as('/v1/entities/properties-history', {
      entityIdentifier: 'handed-over',
      blueprintIdentifier: service,
      propertyNames: ['tier'],
      timeInterval: 'hour',
      timeRange: { preset: 'lastDay' },
    });
    expect(chart.status).toBe(200);
    expect(chart.body.result.data).not.toContain(42);
    expect(chart.body.result.data).not.toContain(41);
    // An Admin sees every version.
    const all = await api.get(`/v1/blueprints/${service}/entities/handed-over/history`);
    expect(all.body.versions).toHaveLength(3);
  });
});
