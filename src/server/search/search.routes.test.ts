import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { startTestApp, type TestApp } from '../../../test/app.js';

describeEachDatabase('search routes', (dialect) => {
  let api: TestApp;
  let service: string;
  let system: string;
  const ids = (response: { body: { entities: Array<{ identifier: string }> } }) =>
    response.body.entities.map((e) => e.identifier);

  beforeAll(async () => {
    api = await startTestApp(dialect);
    system = uniqueId('system');
    service = uniqueId('service');
    await api.post('/v1/blueprints', {
      identifier: system,
      title: 'System',
      schema: { properties: { tier: { type: 'number' } } },
    });
    await api.post('/v1/blueprints', {
      identifier: service,
      title: 'Service',
      schema: {
        properties: {
          language: { type: 'string', enum: ['Go', 'Python', 'Java'] },
          tier: { type: 'number' },
          tags: { type: 'array', items: { type: 'string' } },
        },
      },
      relations: { system: { target: system, many: false, required: false } },
    });
    await api.post(`/v1/blueprints/${system}/entities/bulk`, {
      entities: [
        { identifier: 'pay', properties: { tier: 1 } },
        { identifier: 'ord', properties: { tier: 2 } },
      ],
    });
    await api.post('/v1/blueprints/_team/entities/bulk?upsert=true', {
      entities: [{ identifier: 'odd' }, { identifier: 'even' }],
    });
    const languages = ['Go', 'Python', 'Java'];
    const entities = Array.from({ length: 30 }, (_, i) => ({
      identifier: `s${String(i).padStart(2, '0')}`,
      title: `Service ${i}`,
      team: i % 2 ? ['odd'] : ['even'],
      properties: { language: languages[i % 3], tier: i % 5, tags: i % 4 === 0 ? ['critical'] : [] },
      relations: { system: i < 10 ? 'pay' : 'ord' },
    }));
    expect((await api.post(`/v1/blueprints/${service}/entities/bulk`, { entities })).status).toBe(200);
  });
  afterAll(() => api.close());

  it('filters, sorts and pages a blueprint with the next cursor', async () => {
    const query = {
      combinator: 'and',
      rules: [
        { property: 'language', operator: '=', value: 'Go' },
        {
          combinator: 'or',
          rules: [
            { property: 'tier', operator: '>=', value: 3 },
            { property: '$team', operator: 'containsAny', value: ['even'] },
          ],
        },
      ],
    };
    const all = await api.post(`/v1/blueprints/${service}/entities/search`, {
      query,
      sort: { property: 'tier', order: 'DESC' },
      limit: 1000,
    });
    expect(all.status).toBe(200);
    const expected = all.body.entities.map((e: { identifier: string }) => e.identifier);
    expect(expected.length).toBeGreaterThan(3);
    const tiers = all.body.entities.map((e: { properties: { tier: number } }) => e.properties.tier);
    expect(tiers).toEqual([...tiers].sort((a, b) => b - a));

    const paged: string[] = [];
    let from: string | undefined;
    do {
      const page = await api.post(`/v1/blueprints/${service}/entities/search`, {
        query,
        sort: { property: 'tier', order: 'DESC' },
        limit: 2,
        ...(from ? { from } : {}),
      });
      expect(page.status).toBe(200);
      paged.push(...ids(page));
      from = page.body.next;
    } while (from);
    expect(paged).toEqual(expected);
  });

  it('answers every entity when asked without a limit, as Port does, and pages only with one', async () => {
    const many = uniqueId('many');
    await api.post('/v1/blueprints', { identifier: many, title: 'Many', schema: { properties: {} } });
    const total = 4_321;
    const written = await api.post(`/v1/blueprints/${many}/entities/bulk`, {
      entities: Array.from({ length: total }, (_, i) => ({ identifier: `m${i}` })),
    });
    expect(written.status).toBe(200);
    const listed = await api.get(`/v1/blueprints/${many}/entities`);
    expect(listed.status).toBe(200);
    expect(listed.body.ok).toBe(true);
    expect(listed.body.next).toBeUndefined();
    const identifiers = listed.body.entities.map((e: { identifier: string }) => e.identifier);
    expect(new Set(identifiers).size).toBe(total);
    const searched = await api.post('/v1/entities/search?include=identifier', {
      combinator: 'and',
      rules: [{ property: '$blueprint', operator: '=', value: many }],
    });
    expect(searched.body).toMatchObject({ ok: true, matchingBlueprints: [many], failedBlueprints: [] });
    expect(searched.body.entities).toHaveLength(total);
    expect(searched.body.entities[0]).toEqual({ identifier: expect.any(String) });
    const page = await api.get(`/v1/blueprints/${many}/entities?limit=1000`);
    expect(page.body.entities).toHaveLength(1000);
    expect(page.body.next).toEqual(expect.any(String));
    const rest = await api.get(`/v1/blueprints/${many}/entities?from=${encodeURIComponent(page.body.next)}`);
    expect(rest.body.entities).toHaveLength(total - 1000);
    // Every entity is written from its row's JSON as stored: the same as a page of them, value for value.
    const everyService = await api.get(`/v1/blueprints/${service}/entities`);
    const servicePage = await api.get(`/v1/blueprints/${service}/entities?limit=1000`);
    expect(everyService.body.entities.length).toBeGreaterThan(3);
    expect(everyService.body.entities).toEqual(servicePage.body.entities);
    // A bad request is still a 4xx, not a broken stream.
    const bad = await api.post('/v1/entities/search', {
      combinator: 'and',
      rules: [{ property: 'nope', operator: '=', value: 1 }],
    });
    expect(bad.status).toBe(422);
  });

  it("takes Port's query parameters on a search across blueprints, and Port's include/exclude paths", async () => {
    const one = { combinator: 'and', rules: [{ property: '$identifier', operator: '=', value: 's04' }] };
    const search = (query: string) => api.post(`/v1/entities/search?${query}`, one);
    const titled = await search(
      'include=identifier&include=properties.language&include=relations&attach_title_to_relation=true',
    );
    expect(titled.status, JSON.stringify(titled.body)).toBe(200);
    expect(titled.body.entities).toEqual([
      {
        identifier: 's04',
        properties: { language: 'Python' },
        relations: { system: { identifier: 'pay', title: null } },
      },
    ]);
    const excluded = await search('exclude=identifier&exclude=relations&exclude=properties.tags');
    expect(excluded.body.entities[0]).not.toHaveProperty('identifier');
    expect(excluded.body.entities[0]).not.toHaveProperty('relations');
    expect(excluded.body.entities[0].properties).toEqual({ language: 'Python', tier: 4 });
    const whole = await search(
      'include=properties&exclude_calculated_properties=true&allow_partial_results=true',
    );
    expect(whole.body.entities).toEqual([
      { properties: { language: 'Python', tier: 4, tags: ['critical'] } },
    ]);
    // The same parameters on the blueprint's own routes.
    await api.request('PATCH', `/v1/blueprints/${system}/entities/pay`, { title: 'Payments' });
    const read = await api.get(
      `/v1/blueprints/${service}/entities/s04?attach_title_to_relation=true&include=relations`,
    );
    expect(read.body.entity).toEqual({ relations: { system: { identifier: 'pay', title: 'Payments' } } });
    const listed = await api.get(
      `/v1/blueprints/${service}/entities?attach_title_to_relation=true&include=relations.system&limit=1`,
    );
    expect(listed.body.entities[0].relations.system).toMatchObject({ title: expect.any(String) });
  });

  it("searches across blueprints with Port's body, relatedTo, and include/exclude", async () => {
    const related = await api.post('/v1/entities/search', {
      combinator: 'and',
      rules: [{ operator: 'relatedTo', blueprint: system, value: 'pay', direction: 'downstream' }],
    });
    expect(related.status).toBe(200);
    expect(ids(related).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `s${String(i).padStart(2, '0')}`),
    );
    expect(related.body.failedBlueprints).toEqual([]);

    const projected = await api.post(`/v1/blueprints/${service}/entities/search`, {
      query: { combinator: 'and', rules: [{ property: '$identifier', operator: '=', value: 's04' }] },
      include: ['$identifier', '$title', 'tags'],
    });
    expect(projected.body.entities).toEqual([
      { identifier: 's04', title: 'Service 4', properties: { tags: ['critical'] } },
    ]);
    const excluded = await api.post(`/v1/blueprints/${service}/entities/search`, {
      query: { combinator: 'and', rules: [{ property: '$identifier', operator: '=', value: 's04' }] },
      exclude: ['tier', 'system'],
    });
    expect(excluded.body.entities[0].properties).toEqual({ language: 'Python', tags: ['critical'] });
    expect(excluded.body.entities[0].relations).toEqual({});

    const both = await api.post('/v1/entities/search', {
      combinator: 'and',
      rules: [
        { property: '$blueprint', operator: 'in', value: [service, system] },
        { property: 'tier', operator: '=', value: 1 },
      ],
    });
    expect(both.body.matchingBlueprints.sort()).toEqual([service, system].sort());
    expect(ids(both)).toContain('pay');
  });

  /** The identifiers of every page of a search, following its cursors. */
  async function everyPage(blueprint: string, body: Record<string, unknown>): Promise<string[]> {
    const seen: string[] = [];
    let from: string | undefined;
    do {
      const page = await api.post(`/v1/blueprints/${blueprint}/entities/search`, {
        ...body,
        ...(from ? { from } : {}),
      });
      expect(page.status).toBe(200);
      seen.push(...ids(page));
      from = page.body.next;
    } while (from);
    return seen;
  }

  it('pages a filter identically whether the page comes from a probe (in sort or creation order) or the filter', async () => {
    const bp = uniqueId('probe');
    await api.post('/v1/blueprints', {
      identifier: bp,
      title: 'Probe',
      schema: {
        properties: { tier: { type: 'number' }, kind: { type: 'string', enum: ['common', 'rare'] } },
      },
    });
    const rows = Array.from({ length: 2600 }, (_, i) => ({
      identifier: `p${i}`,
      properties: { kind: i % 97 === 0 ? 'rare' : 'common', ...(i % 13 === 0 ? {} : { tier: (i * 7) % 50 }) },
    }));
    expect((await api.post(`/v1/blueprints/${bp}/entities/bulk`, { entities: rows })).status).toBe(200);
    for (const [kind, order, limit] of [
      ['common', 'DESC', 300],
      ['rare', 'ASC', 4],
      ['common', 'ASC', 1000],
    ] as const) {
      const expected = rows
        .map((row, id) => ({ ...row, id }))
        .filter((row) => row.properties.kind === kind)
        .sort((a, b) => {
          const [x, y] = [a.properties.tier, b.properties.tier];
          if (x === undefined || y === undefined)
            return x === y ? (order === 'ASC' ? a.id - b.id : b.id - a.id) : x === undefined ? 1 : -1;
          return (order === 'ASC' ? x - y : y - x) || (order === 'ASC' ? a.id - b.id : b.id - a.id);
        })
        .map((row) => row.identifier);
      const seen = await everyPage(bp, {
        query: { combinator: 'and', rules: [{ property: 'kind', operator: '=', value: kind }] },
        sort: { property: 'tier', order },
        limit,
      });
      expect(seen, `${kind} ${order}`).toEqual(expected);
    }
    // In creation order (search.probes.ts probeInCreationOrder): the first rows in order, then as many more
    // as a page needs, then the filter itself, page after page.
    for (const [kind, limit] of [
      ['common', 300],
      ['rare', 4],
      ['rare', 30],
      ['common', 1000],
    ] as const) {
      const tiers = kind === 'rare' ? [0, 7, 14, 21] : [3, 10, 17];
      const expected = rows
        .filter((row) => row.properties.kind === kind || tiers.includes(row.properties.tier as number))
        .map((row) => row.identifier);
      const seen = await everyPage(bp, {
        query: {
          combinator: 'or',
          rules: [
            { property: 'kind', operator: '=', value: kind },
            { property: 'tier', operator: 'in', value: tiers },
          ],
        },
        limit,
      });
      expect(seen, `${kind} in creation order`).toEqual(expected);
    }
  });

  it('answers a bad query, sort or cursor with 4xx naming the rule', async () => {
    const cases: Array<[unknown, number, string]> = [
      [
        { query: { combinator: 'and', rules: [{ property: 'ghost', operator: '=', value: 1 }] } },
        422,
        'rules[0]',
      ],
      [
        { query: { combinator: 'and', rules: [{ property: 'tier', operator: 'like', value: 1 }] } },
        422,
        'rules[0]',
      ],
      [
        {
          query: {
            combinator: 'and',
            rules: [{ combinator: 'or', rules: [{ property: 'tier', operator: '>', value: 'high' }] }],
          },
        },
        422,
        'rules[0].rules[0]',
      ],
      [{ query: { combinator: 'xor', rules: [] } }, 422, 'combinator'],
      [{ query: { combinator: 'and', rules: [] }, sort: { property: 'ghost', order: 'ASC' } }, 422, 'ghost'],
      [{ query: { combinator: 'and', rules: [] }, from: 'garbage' }, 400, 'from'],
    ];
    for (const [body, status, field] of cases) {
      const response = await api.post(`/v1/blueprints/${service}/entities/search`, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.body.ok).toBe(false);
      expect(response.body.message).toContain(field);
    }
    expect((await api.post(`/v1/blueprints/${uniqueId()}/entities/search`, {})).status).toBe(404);
  });
});
