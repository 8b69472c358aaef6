// an entity's history and as_of reads tell the same story as the entity did at each moment, on
// both databases, under blueprint changes and concurrent writers.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { eventually } from '../../../test/eventually.js';
import { createPerson } from '../../../test/people.js';
import { moment, readOwnedByTeam } from '../../../test/history.js';

interface Version {
  version: number;
  at: string;
  actor: string;
  action: string;
  entity: Record<string, unknown> | null;
}

describeEachDatabase('review14: history consistency', (dialect) => {
  let api: TestApp;
  const id = uniqueId('rc').toLowerCase();
  const [system, service] = [`${id}_system`, `${id}_service`];

  beforeAll(async () => {
    api = await startTestApp(dialect);
    for (const body of [
      { identifier: system, schema: { properties: { name: { type: 'string' } }, required: [] } },
      {
        identifier: service,
        schema: {
          properties: {
            lang: { type: 'string' },
            tier: { type: 'number' },
            a: { type: 'number' },
            b: { type: 'number' },
            c: { type: 'number' },
          },
          required: [],
        },
        relations: { system: { target: system, many: false, required: false } },
        mirrorProperties: { systemName: { title: 'System', path: 'system.name' } },
      },
    ]) {
      const created = await api.post('/v1/blueprints', { title: body.identifier, ...body });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
  });
  afterAll(() => api.close());

  const historyOf = async (identifier: string): Promise<Version[]> => {
    const r = await api.get(`/v1/blueprints/${service}/entities/${identifier}/history?limit=1000`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.versions;
  };

  it('does not show a Member a hidden mirror value under its name before a rename', async () => {
    const team = `${id}-mine`;
    expect((await api.post('/v1/teams', { name: team })).status).toBeLessThan(300);
    const member = await createPerson(api, { teams: [team] });
    await readOwnedByTeam(api, [system]);
    expect(
      (
        await api.post(`/v1/blueprints/${system}/entities`, {
          identifier: 'vault',
          team: [],
          properties: { name: 'MIRROR-SECRET' },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api.post(`/v1/blueprints/${service}/entities`, {
          identifier: 'mine-mr',
          team: [team],
          relations: { system: 'vault' },
        })
      ).status,
    ).toBe(201);
    const before = await moment();
    const renamed = await api.patch(`/v1/blueprints/${service}/mirror/systemName/rename`, {
      newMirrorName: 'systemTitle',
    });
    expect([200, 422].includes(renamed.status), JSON.stringify(renamed.body)).toBe(true);
    if (renamed.status !== 200) {
      const body = await api.patch(`/v1/blueprints/${service}/mirror/systemName/rename`, {
        newPropertyName: 'systemTitle',
      });
      expect(body.status, JSON.stringify(body.body)).toBe(200);
    }
    const as = (path: string) => api.request('GET', path, undefined, member.headers);
    expect((await as(`/v1/blueprints/${service}/entities/mine-mr`)).body.entity.properties).toEqual({});
    expect
      .soft(JSON.stringify((await as(`/v1/blueprints/${service}/entities/mine-mr/history`)).body), 'history')
      .not.toContain('MIRROR-SECRET');
    expect
      .soft(
        JSON.stringify((await as(`/v1/blueprints/${service}/entities/mine-mr?as_of=${before}`)).body),
        'as_of',
      )
      .not.toContain('MIRROR-SECRET');
    await api.patch(`/v1/blueprints/${system}/permissions`, {
      entities: { read: { roles: ['Admin', 'Member'] } },
    });
  });

  it('keeps versions in order and as_of reads them back, under concurrent writers right after creation', async () => {
    for (const name of ['s1', 's2'])
      expect(
        (await api.post(`/v1/blueprints/${system}/entities`, { identifier: name, properties: { name } }))
          .status,
      ).toBe(201);
    const team = `${id}-racers`;
    expect((await api.post('/v1/teams', { name: team })).status).toBeLessThan(300);
    const names = Array.from({ length: 6 }, (_, i) => `race${i}`);
    await Promise.all(
      names.map(async (identifier) => {
        const created = await api.post(`/v1/blueprints/${service}/entities`, {
          identifier,
          team: [team],
          properties: { lang: 'created', a: 0, b: 0, c: 0 },
          relations: { system: 's1' },
        });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        // At once, from every side.
        const writes = await Promise.all([
          api.patch(`/v1/blueprints/${service}/entities/${identifier}`, { properties: { a: 1 } }),
          api.patch(`/v1/blueprints/${service}/entities/${identifier}`, { properties: { b: 2 } }),
          api.patch(`/v1/blueprints/${service}/entities/${identifier}`, { properties: { c: 3 } }),
          api.patch(`/v1/blueprints/${service}/entities/${identifier}`, { relations: { system: 's2' } }),
          api.post(`/v1/blueprints/${service}/entities?upsert=true&merge=true`, {
            identifier,
            properties: { tier: 9 },
          }),
        ]);
        for (const w of writes) expect(w.status, JSON.stringify(w.body)).toBeLessThan(300);
      }),
    );
    await Promise.all([
      api.patch(`/v1/blueprints/${system}/entities/s2`, { properties: { name: 'S-TWO' } }),
      api.patch(`/v1/teams/${team}`, { name: `${team}-x` }),
    ]);
    // A conversion that races a refresh of computed values answers 409 conversion_raced: sent again.
    let converted = { status: 0, body: {} as unknown };
    for (let attempt = 0; attempt < 10 && converted.status !== 200; attempt++)
      converted = await api.post(`/v1/blueprints/${service}/properties/tier/change-type`, {
        schema: { type: 'string' },
        conversion: 'tostring',
      });
    expect(converted.status, JSON.stringify(converted.body)).toBe(200);
    await eventually(
      () => api.get(`/v1/blueprints/${service}/entities/race0`),
      (r) =>
        expect(r.body.entity.properties.systemTitle ?? r.body.entity.properties.systemName).toBe('S-TWO'),
    );
    for (const identifier of names) {
      const versions = await historyOf(identifier);
      const current = (await api.get(`/v1/blueprints/${service}/entities/${identifier}`)).body.entity;
      // The CREATE holds the created state.
      const create = versions.at(-1)!;
      expect(create.action).toBe('CREATE');
      expect(create.entity, `${identifier} CREATE`).toMatchObject({
        team: [team],
        properties: { lang: 'created', a: 0, b: 0, c: 0 },
        relations: { system: 's1' },
      });
      // Newest first, numbers strictly decreasing, times never increasing.
      for (let i = 1; i < versions.length; i++) {
        expect(versions[i - 1]!.version, `${identifier} order`).toBeGreaterThan(versions[i]!.version);
        expect(
          versions[i - 1]!.at >= versions[i]!.at,
          `${identifier} at order ${versions[i - 1]!.at} < ${versions[i]!.at}`,
        ).toBe(true);
      }
      // The newest version is the entity now.
      const { version: _, ...now } = current;
      expect(versions[0]!.entity, `${identifier} newest`).toEqual(now);
      // Each version, read back as_of its time (the last one at that time), single and by search.
      for (const v of versions) {
        const last = versions.find((w) => w.at === v.at)!;
        const read = await api.get(`/v1/blueprints/${service}/entities/${identifier}?as_of=${v.at}`);
        const { version: __, ...entity } = read.body.entity;
        expect(entity, `${identifier} as_of ${v.at}`).toEqual(last.entity);
        const searched = await api.post(`/v1/blueprints/${service}/entities/search?as_of=${v.at}`, {
          query: {
            combinator: 'and',
            rules: [{ property: '$identifier', operator: '=', value: identifier }],
          },
        });
        expect(searched.body.entities[0], `${identifier} search as_of ${v.at}`).toEqual(last.entity);
      }
    }
  });
});
