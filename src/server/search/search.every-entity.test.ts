import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { catalogReadByTeam } from '../../../test/history.js';

/**
 * Every entity of a listing without a limit is written by the database as JSON text (entityJsonSql); a
 * page asked with a limit is built as objects. Both must answer the same text, key for key.
 */
describeEachDatabase('every entity, written by the database', (dialect) => {
  let api: TestApp;
  let as: Awaited<ReturnType<typeof catalogReadByTeam>>['as'];
  const team = uniqueId('team');
  const owner = uniqueId('owner');
  const service = uniqueId('svc');
  const odd = 'Quote " backslash \\ newline \n tab \t nul-ish \u0001 é 中 😀 \u2028';

  beforeAll(async () => {
    api = await startTestApp(dialect);
    ({ as } = await catalogReadByTeam(api, team, [
      { identifier: owner, schema: { properties: { tier: { type: 'number' } } } },
    ]));
    const created = await api.post('/v1/blueprints', {
      identifier: service,
      title: 'Service',
      schema: {
        properties: {
          meta: { type: 'object' },
          tags: { type: 'array', items: { type: 'string' } },
          note: { type: 'string' },
        },
      },
      relations: {
        owner: { target: owner, many: false, required: false },
        helpers: { target: owner, many: true, required: false },
      },
      mirrorProperties: { ownerTier: { path: 'owner.tier' } },
      calculationProperties: { loud: { calculation: '.title | ascii_upcase', type: 'string' } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const owners = await api.post(`/v1/blueprints/${owner}/entities/bulk`, {
      entities: [
        { identifier: 'o-mine', team: [team], properties: { tier: 1 } },
        { identifier: 'o-theirs', properties: { tier: 2 } },
        { identifier: 'o-z', team: [team], properties: { tier: 3 } },
      ],
    });
    expect(owners.status, JSON.stringify(owners.body)).toBe(200);
    const services = await api.post(`/v1/blueprints/${service}/entities/bulk`, {
      entities: [
        {
          identifier: 's-odd',
          title: odd,
          icon: 'Github',
          team: [team],
          properties: { meta: { nested: [1, 2.5, null, { k: odd }] }, tags: ['b', 'a'], note: odd },
          // Targets given out of their identifiers' order: they are answered in the order given.
          relations: { owner: 'o-theirs', helpers: ['o-z', 'o-theirs', 'o-mine'] },
        },
        { identifier: 's-bare' },
        { identifier: 's-mine', title: 'Mine', relations: { owner: 'o-mine', helpers: ['o-mine'] } },
      ],
    });
    expect(services.status, JSON.stringify(services.body)).toBe(200);
  });

  afterAll(async () => api.close());

  /** The entities of `path` as text, key order kept. */
  const text = (response: { status: number; body: { entities: unknown[] } }) => {
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return JSON.stringify(response.body.entities);
  };

  it('answers every entity as a page of them answers it, escapes and key order included', async () => {
    const every = text(await api.get(`/v1/blueprints/${service}/entities`));
    expect(every).toBe(text(await api.get(`/v1/blueprints/${service}/entities?limit=100`)));
    const listed = JSON.parse(every) as Array<Record<string, unknown>>;
    const oddOne = listed.find((e) => e.identifier === 's-odd')!;
    expect(oddOne).toMatchObject({
      title: odd,
      icon: 'Github',
      properties: {
        note: odd,
        meta: { nested: [1, 2.5, null, { k: odd }] },
        ownerTier: 2,
        loud: expect.any(String),
      },
      relations: { owner: 'o-theirs', helpers: ['o-z', 'o-theirs', 'o-mine'] },
    });
    expect(listed.find((e) => e.identifier === 's-bare')).toMatchObject({
      title: null,
      icon: null,
      team: [],
      relations: { owner: null, helpers: [] },
    });
  });

  it('lists to a Member only the relation targets and computed values it may read, as a page does', async () => {
    const every = text(await as(`/v1/blueprints/${service}/entities`));
    expect(every).toBe(text(await as(`/v1/blueprints/${service}/entities?limit=100`)));
    const oddOne = (JSON.parse(every) as Array<Record<string, unknown>>).find(
      (e) => e.identifier === 's-odd',
    );
    expect(oddOne).toMatchObject({ relations: { owner: null, helpers: ['o-z', 'o-mine'] } });
    expect(every).not.toContain('o-theirs');
  });

  it('answers a search across blueprints without a limit as its pages do', async () => {
    const query = {
      combinator: 'or',
      rules: [
        { property: '$blueprint', operator: '=', value: service },
        { property: '$blueprint', operator: '=', value: owner },
      ],
    };
    const every = await api.post('/v1/entities/search', query);
    expect(every.body.matchingBlueprints).toEqual(expect.arrayContaining([owner, service]));
    expect(text(every)).toBe(text(await api.post('/v1/entities/search', { ...query, limit: 100 })));
    expect(every.body.entities).toHaveLength(6);
    const member = await as('/v1/entities/search', query);
    expect(text(member)).toBe(text(await as('/v1/entities/search', { ...query, limit: 100 })));
    expect(member.body.entities.map((e: { identifier: string }) => e.identifier).sort()).toEqual(
      ['o-mine', 'o-z', 's-bare', 's-mine', 's-odd'].sort(),
    );
  });
});
