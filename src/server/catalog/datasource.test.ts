import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';

const OCEAN = 'port-ocean/fake-integration/0.1.333-dev/my-fake-integration-integration/exporter';
const OTHER_OCEAN = 'port-ocean/fake-integration/0.1.333-dev/another-integration/exporter';

/**
 * Port's `$datasource`: which client last wrote each entity, as its User-Agent names it. Ocean's resync asks
 * for the entities it owns with two `contains` rules on it (port_ocean/clients/port/mixins/entities.py).
 */
describeEachDatabase('$datasource', (dialect) => {
  let api: TestApp;
  const bp = uniqueId('ds');
  const as = (agent: string) => ({ 'user-agent': agent });
  const search = async (rules: unknown[], headers: Record<string, string> = {}) => {
    const answer = await api.post(
      '/v1/entities/search',
      { combinator: 'and', rules: [{ property: '$blueprint', operator: '=', value: bp }, ...rules] },
      headers,
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return (answer.body.entities as Array<{ identifier: string }>).map((e) => e.identifier).sort();
  };
  const owned = (agent: string) => {
    const [type, , identifier] = agent.split('/').slice(1);
    return [
      { property: '$datasource', operator: 'contains', value: `port-ocean/${type}/` },
      { property: '$datasource', operator: 'contains', value: `/${identifier}/exporter` },
    ];
  };

  beforeAll(async () => {
    api = await startTestApp(dialect);
    const created = await api.post('/v1/blueprints', {
      identifier: bp,
      title: 'Datasource',
      schema: { properties: { n: { type: 'number' } } },
    });
    expect(created.status).toBe(201);
    // Ocean's bulk upsert, with the query parameters it adds during a resync.
    const bulk = await api.post(
      `/v1/blueprints/${bp}/entities/bulk?upsert=true&merge=true&create_missing_related_entities=true&validation_only=false&ocean_info_event_type=resync&ocean_info_resync_id=5f8e1c2a-0000-4000-8000-000000000000`,
      {
        entities: [
          { identifier: 'a', blueprint: bp, properties: { n: 1 } },
          { identifier: 'b', blueprint: bp, properties: { n: 2 } },
        ],
      },
      as(OCEAN),
    );
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(200);
    await api.post(`/v1/blueprints/${bp}/entities`, { identifier: 'c' }, as(OTHER_OCEAN));
    await api.post(`/v1/blueprints/${bp}/entities`, { identifier: 'd' }, as('curl/8.5.0'));
  });
  afterAll(() => api.close());

  it('finds what each integration wrote, as Ocean asks for it', async () => {
    expect(await search(owned(OCEAN))).toEqual(['a', 'b']);
    expect(await search(owned(OTHER_OCEAN))).toEqual(['c']);
    expect(await search([{ property: '$datasource', operator: '=', value: 'curl/8.5.0' }])).toEqual(['d']);
    expect(await search([{ property: '$datasource', operator: 'beginsWith', value: 'port-ocean/' }])).toEqual(
      ['a', 'b', 'c'],
    );
    expect(await search([{ property: '$datasource', operator: 'endsWith', value: '/exporter' }])).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('follows the client that wrote last; a write by a client that names none keeps it', async () => {
    await api.patch(`/v1/blueprints/${bp}/entities/b`, { properties: { n: 3 } }, as(OTHER_OCEAN));
    expect(await search(owned(OTHER_OCEAN))).toEqual(['b', 'c']);
    await api.patch(`/v1/blueprints/${bp}/entities/b`, { properties: { n: 4 } }, as(''));
    expect(await search(owned(OTHER_OCEAN))).toEqual(['b', 'c']);
    await api.post(`/v1/blueprints/${bp}/entities?upsert=true`, { identifier: 'b' }, as(OCEAN));
    expect(await search(owned(OCEAN))).toEqual(['a', 'b']);
    expect(await search([{ property: '$datasource', operator: 'isEmpty' }])).toEqual([]);
  });

  it('names an integration only when an Admin writes: a Member cannot give it entities to own', async () => {
    const member = await createPerson(api);
    const open = uniqueId('ds_open');
    await api.post('/v1/blueprints', { identifier: open, title: 'Open', schema: { properties: {} } });
    await api.patch(`/v1/blueprints/${open}/permissions`, {
      entities: { register: { roles: ['Admin', 'Member'] } },
    });
    const spoof = await api.post(
      `/v1/blueprints/${open}/entities`,
      { identifier: 'spoof' },
      {
        ...member.headers,
        ...as(OCEAN),
      },
    );
    expect(spoof.status).toBe(201);
    const owned = await api.post('/v1/entities/search', {
      combinator: 'and',
      rules: [
        { property: '$blueprint', operator: '=', value: open },
        { property: '$datasource', operator: 'beginsWith', value: 'port-ocean/' },
      ],
    });
    expect(owned.body.entities).toEqual([]);
  });

  it('cannot be used in a read policy, which judges the past too', async () => {
    const refused = await api.patch(`/v1/blueprints/${bp}/permissions`, {
      entities: {
        read: {
          roles: ['Admin'],
          policy: {
            combinator: 'and',
            rules: [
              {
                combinator: 'or',
                rules: [{ property: '$datasource', operator: 'beginsWith', value: 'port-ocean/' }],
              },
            ],
          },
        },
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('$datasource');
  });

  it('is not part of an entity, and cannot be searched as of an instant', async () => {
    const entity = (await api.get(`/v1/blueprints/${bp}/entities/a`)).body.entity;
    expect(JSON.stringify(entity)).not.toContain('port-ocean');
    const past = await api.post(`/v1/entities/search?as_of=${new Date().toISOString()}`, {
      combinator: 'and',
      rules: [{ property: '$datasource', operator: 'contains', value: 'port-ocean/' }],
    });
    expect(past.status).toBe(422);
    expect(past.body.message).toContain('$datasource');
    const sorted = await api.post(`/v1/blueprints/${bp}/entities/search`, {
      query: { combinator: 'and', rules: [] },
      sort: { property: '$datasource', order: 'ASC' },
    });
    expect(sorted.status).toBe(422);
  });
});
