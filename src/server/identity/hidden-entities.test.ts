import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestResponse } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';

/**
 * A Member probing, through every route that takes an entity, for entities it may not read. The set-up:
 *   S (secret): read, register, update, unregister = { roles: [Admin], ownedByTeam: true }, and the
 *     property `code` updatable by any Member (a granular grant, which does not let one read).
 *     "mine" is owned by team alpha, "theirs" by team beta (code "s3cret"), "orphan" by beta too.
 *   R: the same grants as S, and a required relation `on` to S. "r-mine" (alpha) and "r-theirs" (beta)
 *     both require "doomed" (alpha).
 *   P (public): Members may do anything; a relation `link` (many) to S.
 * The Member "alice" is in alpha; "gina" is in no team. For a hidden identifier and a missing one, every
 * answer must be the same but for the identifier it echoes.
 */
describeEachDatabase('hidden entities look missing', (dialect) => {
  let api: TestApp;
  const S = uniqueId('hid_s');
  const R = uniqueId('hid_r');
  const P = uniqueId('hid_p');
  const [alpha, beta] = [uniqueId('alpha'), uniqueId('beta')];
  let alice: Record<string, string>;
  let gina: Record<string, string>;

  beforeAll(async () => {
    api = await startTestApp(dialect);
    for (const team of [alpha, beta]) await ok(api.post('/v1/teams', { name: team }));
    const owners = { roles: ['Admin'], ownedByTeam: true };
    await ok(
      api.post('/v1/blueprints', {
        identifier: S,
        title: S,
        schema: { properties: { code: { type: 'string' } }, required: [] },
        relations: { parent: { target: S, many: false, required: false } },
      }),
    );
    await ok(
      api.post('/v1/blueprints', {
        identifier: R,
        title: R,
        schema: { properties: {}, required: [] },
        relations: { on: { target: S, many: false, required: true } },
      }),
    );
    await ok(
      api.post('/v1/blueprints', {
        identifier: P,
        title: P,
        schema: { properties: { note: { type: 'string' } }, required: [] },
        relations: { link: { target: S, many: true, required: false } },
      }),
    );
    for (const blueprint of [S, R])
      await ok(
        api.patch(`/v1/blueprints/${blueprint}/permissions`, {
          entities: { read: owners, register: owners, update: owners, unregister: owners },
        }),
      );
    await ok(
      api.patch(`/v1/blueprints/${S}/permissions`, {
        entities: { updateProperties: { code: { roles: ['Admin', 'Member'] } } },
      }),
    );
    const anyone = { roles: ['Admin', 'Member'] };
    await ok(
      api.patch(`/v1/blueprints/${P}/permissions`, {
        entities: { register: anyone, update: anyone, unregister: anyone },
      }),
    );
    await ok(
      api.post(`/v1/blueprints/${S}/entities/bulk`, {
        entities: [
          { identifier: 'mine', team: [alpha], properties: { code: 'open' } },
          {
            identifier: 'theirs',
            team: [beta],
            properties: { code: 's3cret' },
            relations: { parent: 'mine' },
          },
          { identifier: 'orphan', team: [beta] },
          { identifier: 'doomed', team: [alpha] },
        ],
      }),
    );
    await ok(
      api.post(`/v1/blueprints/${R}/entities/bulk`, {
        entities: [
          { identifier: 'r-mine', team: [alpha], relations: { on: 'doomed' } },
          { identifier: 'r-theirs', team: [beta], relations: { on: 'doomed' } },
        ],
      }),
    );
    await ok(
      api.post(`/v1/blueprints/${P}/entities`, { identifier: 'p1', relations: { link: ['mine', 'theirs'] } }),
    );
    await ok(api.post(`/v1/blueprints/${P}/entities`, { identifier: 'p2', relations: { link: ['theirs'] } }));
    alice = (await createPerson(api, { roles: ['Member'], teams: [alpha] })).headers;
    gina = (await createPerson(api, { roles: ['Member'] })).headers;
  });
  afterAll(() => api.close());

  async function ok(response: Promise<TestResponse>) {
    const { status, body } = await response;
    expect(status, JSON.stringify(body)).toBeLessThan(300);
    return body;
  }

  const as = (headers: Record<string, string>, method: string, url: string, body?: unknown) =>
    api.request(method, url, body, headers);

  const byQuery = (property: string, value: string) => ({
    combinator: 'and',
    rules: [{ property, operator: '=', value }],
  });

  /** Each probe, as a request for an identifier (or value) `id`. */
  const PROBES: Array<[string, (id: string) => [string, string, unknown?]]> = [
    ['GET', (id) => ['GET', `/v1/blueprints/${S}/entities/${id}`]],
    [
      'PATCH a granted property',
      (id) => ['PATCH', `/v1/blueprints/${S}/entities/${id}`, { properties: { code: 'x' } }],
    ],
    ['PATCH the title', (id) => ['PATCH', `/v1/blueprints/${S}/entities/${id}`, { title: 'x' }]],
    ['PUT', (id) => ['PUT', `/v1/blueprints/${S}/entities/${id}`, { team: [alpha] }]],
    ['DELETE', (id) => ['DELETE', `/v1/blueprints/${S}/entities/${id}`]],
    [
      'DELETE with dependents',
      (id) => ['DELETE', `/v1/blueprints/${S}/entities/${id}?delete_dependents=true`],
    ],
    ['bulk delete', (id) => ['POST', `/v1/blueprints/${S}/bulk/entities/delete`, { entities: [id] }]],
    [
      'create for another team',
      (id) => ['POST', `/v1/blueprints/${S}/entities`, { identifier: id, team: [beta] }],
    ],
    [
      'upsert for another team',
      (id) => ['POST', `/v1/blueprints/${S}/entities?upsert=true`, { identifier: id, team: [beta] }],
    ],
    [
      'merge, validation only',
      (id) => [
        'POST',
        `/v1/blueprints/${S}/entities?upsert=true&merge=true&validation_only=true`,
        { identifier: id, properties: { code: 'x' } },
      ],
    ],
    [
      'bulk upsert',
      (id) => [
        'POST',
        `/v1/blueprints/${S}/entities/bulk?upsert=true`,
        { entities: [{ identifier: id, team: [beta] }] },
      ],
    ],
    [
      'relation to it',
      (id) => ['POST', `/v1/blueprints/${P}/entities`, { identifier: `p-${id}`, relations: { link: [id] } }],
    ],
    [
      'relation to it, validation only',
      (id) => [
        'POST',
        `/v1/blueprints/${P}/entities?validation_only=true`,
        { identifier: 'p-new', relations: { link: [id] } },
      ],
    ],
    [
      'identifier by query',
      (id) => [
        'POST',
        `/v1/blueprints/${S}/entities?upsert=true&merge=true&validation_only=true`,
        { identifier: byQuery('$identifier', id), team: [alpha] },
      ],
    ],
    [
      'identifier by property value',
      (id) => [
        'POST',
        `/v1/blueprints/${S}/entities?upsert=true&merge=true&validation_only=true`,
        { identifier: byQuery('code', id === 'theirs' ? 's3cret' : 'n0ne'), team: [alpha] },
      ],
    ],
    [
      'relation by query',
      (id) => [
        'POST',
        `/v1/blueprints/${P}/entities?validation_only=true`,
        { identifier: 'p-q', relations: { link: byQuery('$identifier', id) } },
      ],
    ],
    [
      'relatedTo it',
      (id) => [
        'POST',
        `/v1/blueprints/${P}/entities/search`,
        { query: { combinator: 'and', rules: [{ operator: 'relatedTo', blueprint: S, value: id }] } },
      ],
    ],
    [
      'matchAny it',
      (id) => [
        'POST',
        `/v1/blueprints/${P}/entities/search`,
        {
          query: {
            combinator: 'and',
            rules: [{ property: { path: ['link'] }, operator: 'matchAny', value: id }],
          },
        },
      ],
    ],
  ];

  /** The answers to a probe for `hidden` and for a free identifier, the identifier blanked out. */
  async function compare(headers: Record<string, string>, hidden: string) {
    const differences: string[] = [];
    for (const [name, probe] of PROBES) {
      const free = uniqueId('free');
      const [a, b] = [await as(headers, ...probe(hidden)), await as(headers, ...probe(free))];
      const blank = (response: TestResponse, id: string) =>
        `${response.status} ${JSON.stringify(response.body)
          .replaceAll(id, '<id>')
          .replace(/"\d{4}-\d\d-\d\dT[^"]*"/g, '<time>')}`;
      if (blank(a, hidden) !== blank(b, free))
        differences.push(`${name}: hidden ${blank(a, hidden)} / missing ${blank(b, free)}`);
      expect(a.status, name).toBeLessThan(500);
    }
    return differences;
  }

  it('answers a Member exactly as for a missing entity, on every route', async () => {
    expect(await compare(alice, 'theirs')).toEqual([]);
    expect(await compare(gina, 'theirs')).toEqual([]);
    expect(await compare(gina, 'mine')).toEqual([]);
    // Nothing was changed by the probes.
    const theirs = await api.get(`/v1/blueprints/${S}/entities/theirs`);
    expect(theirs.body.entity).toMatchObject({ team: [beta], properties: { code: 's3cret' }, title: null });
  });

  it('a create of a hidden identifier the Member could create is a conflict, never an overwrite', async () => {
    for (const query of ['', '?upsert=true', '?upsert=true&merge=true']) {
      const response = await as(alice, 'POST', `/v1/blueprints/${S}/entities${query}`, {
        identifier: 'theirs',
        team: [alpha],
        properties: { code: 'stolen' },
      });
      expect(response.status, query).toBe(409);
      expect(response.body.message).toBe(`Entity "theirs" already exists in blueprint "${S}"`);
    }
    const theirs = await api.get(`/v1/blueprints/${S}/entities/theirs`);
    expect(theirs.body.entity).toMatchObject({ team: [beta], properties: { code: 's3cret' } });
  });

  it('a query in a write is refused before it is resolved when the caller may write nothing there', async () => {
    const gates = { roles: ['Admin'] };
    await ok(
      api.patch(`/v1/blueprints/${S}/permissions`, { entities: { updateProperties: { code: gates } } }),
    );
    try {
      for (const value of ['s3cret', 'n0ne']) {
        const response = await as(
          gina,
          'POST',
          `/v1/blueprints/${S}/entities?upsert=true&validation_only=true`,
          {
            identifier: byQuery('code', value),
          },
        );
        expect(response.status, value).toBe(403);
        expect(response.body.message).toBe(
          `You may not create or change entities of blueprint "${S}": no permission to do so is granted to you`,
        );
      }
    } finally {
      await ok(
        api.patch(`/v1/blueprints/${S}/permissions`, {
          entities: { updateProperties: { code: { roles: ['Admin', 'Member'] } } },
        }),
      );
    }
  });

  it('a delete names only the dependents the caller may read, and never removes one it may not', async () => {
    const refused = await as(alice, 'DELETE', `/v1/blueprints/${S}/entities/doomed`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain(`${R}/r-mine (on)`);
    expect(refused.body.message).toContain('1 you cannot read');
    expect(JSON.stringify(refused.body)).not.toContain('r-theirs');
    const cascade = await as(alice, 'DELETE', `/v1/blueprints/${S}/entities/doomed?delete_dependents=true`);
    expect(cascade.status).toBe(403);
    expect(JSON.stringify(cascade.body)).not.toContain('r-theirs');
    expect((await api.get(`/v1/blueprints/${R}/entities/r-theirs`)).status).toBe(200);
    expect((await api.get(`/v1/blueprints/${S}/entities/doomed`)).status).toBe(200);
    // Without any right to delete, nothing about dependents is told.
    const stranger = await as(gina, 'DELETE', `/v1/blueprints/${S}/entities/doomed`);
    expect(stranger.status).toBe(404);
    const all = await as(alice, 'DELETE', `/v1/blueprints/${S}/all-entities`);
    expect(all.status).toBe(403);
    expect(JSON.stringify(all.body)).not.toMatch(/theirs|orphan/);
  });

  it('relation values list only readable targets, and relation rules do not walk through hidden entities', async () => {
    const p1 = await as(alice, 'GET', `/v1/blueprints/${P}/entities/p1`);
    expect(p1.body.entity.relations.link).toEqual(['mine']);
    const found = await as(alice, 'POST', `/v1/blueprints/${P}/entities/search`, {
      query: { combinator: 'and', rules: [{ property: '$identifier', operator: 'in', value: ['p1', 'p2'] }] },
    });
    expect(
      Object.fromEntries(
        found.body.entities.map((e: { identifier: string; relations: { link: string[] } }) => [
          e.identifier,
          e.relations.link,
        ]),
      ),
    ).toEqual({
      p1: ['mine'],
      p2: [],
    });
    // Other test files share the PostgreSQL database and may hold a "p1" of their own: name the blueprint.
    const global = await as(alice, 'POST', '/v1/entities/search', {
      query: {
        combinator: 'and',
        rules: [
          { property: '$blueprint', operator: '=', value: P },
          { property: '$identifier', operator: '=', value: 'p1' },
        ],
      },
    });
    expect(global.body.entities[0].relations.link).toEqual(['mine']);
    // The Admin sees every target, and its walks go everywhere.
    expect((await api.get(`/v1/blueprints/${P}/entities/p1`)).body.entity.relations.link).toEqual([
      'mine',
      'theirs',
    ]);
    // p2 reaches "mine" only through "theirs" (theirs.parent = mine).
    const walks = [
      { operator: 'relatedTo', blueprint: S, value: 'mine', direction: 'downstream' },
      { property: { path: ['link', 'parent'] }, operator: 'matchAny', value: 'mine' },
    ];
    for (const rule of walks) {
      const query = { query: { combinator: 'and', rules: [rule] } };
      const admin = await api.post(`/v1/blueprints/${P}/entities/search`, query);
      expect(
        admin.body.entities
          .map((e: { identifier: string; relations: { link: string[] } }) => e.identifier)
          .sort(),
        rule.operator,
      ).toContain('p2');
      const member = await as(alice, 'POST', `/v1/blueprints/${P}/entities/search`, query);
      expect(
        member.body.entities.map((e: { identifier: string; relations: { link: string[] } }) => e.identifier),
        rule.operator,
      ).not.toContain('p2');
    }
    // A write answers its relations as a read would; what it does not name stays linked.
    const merged = await as(alice, 'PATCH', `/v1/blueprints/${P}/entities/p1`, {
      properties: { note: 'hi' },
    });
    expect(merged.status).toBe(200);
    expect(merged.body.entity.relations.link).toEqual(['mine']);
    expect((await api.get(`/v1/blueprints/${P}/entities/p1`)).body.entity.relations.link).toEqual([
      'mine',
      'theirs',
    ]);
    // So does a replace of what the Member sees, and a change of the targets it sees.
    for (const link of [['mine'], []]) {
      const replaced = await as(alice, 'PUT', `/v1/blueprints/${P}/entities/p1`, { relations: { link } });
      expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
      expect(replaced.body.entity.relations.link).toEqual(link);
    }
    expect((await api.get(`/v1/blueprints/${P}/entities/p1`)).body.entity.relations.link).toEqual(['theirs']);
  });

  it('a granular property grant does not let a Member change or see an entity it may not read', async () => {
    const response = await as(gina, 'PATCH', `/v1/blueprints/${S}/entities/theirs`, {
      properties: { code: 'x' },
    });
    expect(response.status).toBe(404);
    expect(response.body.message).toBe(`Entity "theirs" was not found in blueprint "${S}"`);
    const own = await as(alice, 'PATCH', `/v1/blueprints/${S}/entities/mine`, {
      properties: { code: 'changed' },
    });
    expect(own.status).toBe(200);
    expect((await api.get(`/v1/blueprints/${S}/entities/theirs`)).body.entity.properties.code).toBe('s3cret');
  });
});
