import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson, tokenOf } from '../../../test/people.js';

/**
 * Every actor against every kind of route, on an entity of the actor's own team or of another, with the
 * expected status. The set-up (below the table) makes blueprint A writable by its owning teams and
 * blueprint B readable only by its owning teams:
 *   A: register / update / unregister = { roles: [Admin], ownedByTeam: true }; read = everyone (default)
 *   B: read = { roles: [Admin], ownedByTeam: true }
 * Entities "alpha's" are owned by team alpha, "beta's" by team beta.
 */
const ACTORS = [
  'admin',
  'moderatorOfA',
  'alphaMember',
  'gammaMember',
  'serviceAccount',
  'anonymous',
] as const;
type ActorName = (typeof ACTORS)[number];

// prettier-ignore
const EXPECTED: Array<[string, [number, number, number, number, number, number]]> = [
  //                                      admin  modA  alpha gamma   SA  anon
  ['GET /v1/blueprints',                  [200,  200,  200,  200,  200,  401]],
  ['POST /v1/blueprints',                 [201,  403,  403,  403,  403,  401]],
  ['PATCH /v1/blueprints/A',              [200,  200,  403,  403,  403,  401]],
  ['GET A: alpha\'s',                     [200,  200,  200,  200,  200,  401]],
  ['GET A: beta\'s',                      [200,  200,  200,  200,  200,  401]],
  ['POST A: owned by alpha',              [201,  201,  201,  403,  403,  401]],
  ['POST A: owned by beta',               [201,  201,  403,  403,  403,  401]],
  ['PATCH A: alpha\'s',                   [200,  200,  200,  403,  403,  401]],
  ['PATCH A: beta\'s',                    [200,  200,  403,  403,  403,  401]],
  ['DELETE A: alpha\'s',                  [200,  200,  200,  403,  403,  401]],
  ['DELETE A: beta\'s',                   [200,  200,  403,  403,  403,  401]],
  ['bulk A: alpha\'s and beta\'s',        [200,  200,  207,  207,  207,  401]],
  ['GET B: alpha\'s',                     [200,  404,  200,  404,  404,  401]],
  ['GET B: beta\'s',                      [200,  404,  404,  404,  404,  401]],
  ['search B',                            [200,  200,  200,  200,  200,  401]],
  ['GET /v1/audit-log',                   [200,  403,  403,  403,  403,  401]],
  ['GET /v1/users',                       [200,  200,  200,  200,  200,  401]],
  ['POST /v1/users/invite',               [200,  403,  403,  403,  403,  401]],
  ['GET /v1/teams',                       [200,  200,  200,  200,  200,  401]],
  ['POST /v1/teams',                      [200,  403,  403,  403,  403,  401]],
  ['GET A permissions',                   [200,  200,  403,  403,  403,  401]],
  ['PATCH A permissions',                 [200,  200,  403,  403,  403,  401]],
  ['GET B permissions',                   [200,  403,  403,  403,  403,  401]],
];

/** What a search of B returns to each actor: the entities it may read, not an error. */
const VISIBLE_IN_B: Record<Exclude<ActorName, 'anonymous'>, string[]> = {
  admin: ["alpha's", "beta's"],
  moderatorOfA: [],
  alphaMember: ["alpha's"],
  gammaMember: [],
  serviceAccount: [],
};

describeEachDatabase('the authorisation matrix', (dialect) => {
  let api: TestApp;
  const A = uniqueId('mx_a');
  const B = uniqueId('mx_b');
  const [alpha, beta, gamma] = [uniqueId('alpha'), uniqueId('beta'), uniqueId('gamma')];
  const tokens = {} as Record<ActorName, string | undefined>;

  beforeAll(async () => {
    api = await startTestApp(dialect);
    for (const team of [alpha, beta, gamma])
      expect((await api.post('/v1/teams', { name: team })).status).toBe(200);
    for (const identifier of [A, B])
      expect(
        (
          await api.post('/v1/blueprints', {
            identifier,
            title: identifier,
            schema: { properties: { language: { type: 'string' } }, required: [] },
          })
        ).status,
      ).toBe(201);
    const ownersWrite = { roles: ['Admin'], ownedByTeam: true };
    await expectOk(
      api.patch(`/v1/blueprints/${A}/permissions`, {
        entities: { register: ownersWrite, update: ownersWrite, unregister: ownersWrite },
      }),
    );
    await expectOk(
      api.patch(`/v1/blueprints/${B}/permissions`, {
        entities: { read: { roles: ['Admin'], ownedByTeam: true } },
      }),
    );
    for (const blueprint of [A, B])
      for (const [identifier, team] of [
        ['alpha-s', alpha],
        ['beta-s', beta],
      ] as const)
        await expectOk(api.post(`/v1/blueprints/${blueprint}/entities`, { identifier, team: [team] }));

    tokens.admin = api.token;
    tokens.moderatorOfA = await userToken(['Member', `${A}-moderator`], []);
    tokens.alphaMember = await userToken(['Member'], [alpha]);
    tokens.gammaMember = await userToken(['Member'], [gamma]);
    const serviceAccount = await api.post('/v1/blueprints/_user/entities', {
      identifier: `${uniqueId('robot')}@serviceaccounts.getport.io`,
      properties: { port_type: 'Service Account', status: 'Active' },
    });
    tokens.serviceAccount = await tokenOf(api, serviceAccount.body.additionalData.credentials);
    tokens.anonymous = undefined;
  });
  afterAll(() => api.close());

  async function expectOk(response: Promise<{ status: number; body: unknown }>) {
    const { status, body } = await response;
    expect(status, JSON.stringify(body)).toBeLessThan(300);
  }

  const userToken = async (roles: string[], teams: string[]) =>
    (await createPerson(api, { roles, teams })).token;

  /** A fresh entity for a cell that deletes one. */
  async function disposable(team: string) {
    const identifier = uniqueId('doomed');
    await expectOk(api.post(`/v1/blueprints/${A}/entities`, { identifier, team: [team] }));
    return identifier;
  }

  /** The request of each row, as [method, url, body?]. */
  async function requestOf(route: string): Promise<[string, string, unknown?]> {
    switch (route) {
      case 'GET /v1/blueprints':
        return ['GET', '/v1/blueprints'];
      case 'POST /v1/blueprints':
        return [
          'POST',
          '/v1/blueprints',
          { identifier: uniqueId('mx_new'), title: 'New', schema: { properties: {}, required: [] } },
        ];
      case 'PATCH /v1/blueprints/A':
        return ['PATCH', `/v1/blueprints/${A}`, { title: 'A' }];
      case "GET A: alpha's":
        return ['GET', `/v1/blueprints/${A}/entities/alpha-s`];
      case "GET A: beta's":
        return ['GET', `/v1/blueprints/${A}/entities/beta-s`];
      case 'POST A: owned by alpha':
        return ['POST', `/v1/blueprints/${A}/entities`, { identifier: uniqueId('new'), team: [alpha] }];
      case 'POST A: owned by beta':
        return ['POST', `/v1/blueprints/${A}/entities`, { identifier: uniqueId('new'), team: [beta] }];
      case "PATCH A: alpha's":
        return [
          'PATCH',
          `/v1/blueprints/${A}/entities/alpha-s`,
          { properties: { language: uniqueId('go') } },
        ];
      case "PATCH A: beta's":
        return ['PATCH', `/v1/blueprints/${A}/entities/beta-s`, { properties: { language: uniqueId('go') } }];
      case "DELETE A: alpha's":
        return ['DELETE', `/v1/blueprints/${A}/entities/${await disposable(alpha)}`];
      case "DELETE A: beta's":
        return ['DELETE', `/v1/blueprints/${A}/entities/${await disposable(beta)}`];
      case "bulk A: alpha's and beta's":
        return [
          'POST',
          `/v1/blueprints/${A}/entities/bulk`,
          {
            entities: [
              { identifier: uniqueId('b'), team: [alpha] },
              { identifier: uniqueId('b'), team: [beta] },
            ],
          },
        ];
      case "GET B: alpha's":
        return ['GET', `/v1/blueprints/${B}/entities/alpha-s`];
      case "GET B: beta's":
        return ['GET', `/v1/blueprints/${B}/entities/beta-s`];
      case 'search B':
        return ['POST', `/v1/blueprints/${B}/entities/search`, { query: { combinator: 'and', rules: [] } }];
      case 'GET /v1/audit-log':
        return ['GET', '/v1/audit-log'];
      case 'GET /v1/users':
        return ['GET', '/v1/users'];
      case 'POST /v1/users/invite':
        return ['POST', '/v1/users/invite', { invitee: { email: `${uniqueId('inv')}@example.com` } }];
      case 'GET /v1/teams':
        return ['GET', '/v1/teams'];
      case 'POST /v1/teams':
        return ['POST', '/v1/teams', { name: uniqueId('t') }];
      case 'GET A permissions':
        return ['GET', `/v1/blueprints/${A}/permissions`];
      case 'PATCH A permissions':
        return [
          'PATCH',
          `/v1/blueprints/${A}/permissions`,
          { entities: { update: { roles: ['Admin'], ownedByTeam: true } } },
        ];
      case 'GET B permissions':
        return ['GET', `/v1/blueprints/${B}/permissions`];
    }
    throw new Error(`no request for ${route}`);
  }

  it('answers every cell as the table says', async () => {
    const wrong: string[] = [];
    for (const [route, statuses] of EXPECTED)
      for (const [column, actor] of ACTORS.entries()) {
        const [method, url, body] = await requestOf(route);
        const token = tokens[actor];
        const response = await api.app.inject({
          method: method as 'GET',
          url,
          headers: token ? { authorization: `Bearer ${token}` } : {},
          ...(body === undefined ? {} : { payload: body as object }),
        });
        if (response.statusCode !== statuses[column])
          wrong.push(
            `${route} as ${actor}: ${response.statusCode}, expected ${statuses[column]} (${response.body.slice(0, 200)})`,
          );
      }
    expect(wrong).toEqual([]);
  });

  it('a search answers only what the actor may read', async () => {
    for (const actor of Object.keys(VISIBLE_IN_B) as Array<keyof typeof VISIBLE_IN_B>) {
      const response = await api.post(
        `/v1/blueprints/${B}/entities/search`,
        {},
        { authorization: `Bearer ${tokens[actor]}` },
      );
      const found = response.body.entities
        .map((e: { identifier: string }) => e.identifier.replace('-s', "'s"))
        .sort();
      expect(found, actor).toEqual(VISIBLE_IN_B[actor]);
      const count = await api.get(`/v1/blueprints/${B}/entities-count`, {
        authorization: `Bearer ${tokens[actor]}`,
      });
      expect(count.body.count, actor).toBe(VISIBLE_IN_B[actor].length);
      const global = await api.post(
        '/v1/entities/search',
        { query: { combinator: 'and', rules: [{ property: '$blueprint', operator: '=', value: B }] } },
        { authorization: `Bearer ${tokens[actor]}` },
      );
      expect(global.body.entities.length, actor).toBe(VISIBLE_IN_B[actor].length);
    }
  });

  it('a forbidden write says which permission is missing, and changes nothing', async () => {
    const headers = { authorization: `Bearer ${tokens.alphaMember}` };
    const response = await api.request(
      'PATCH',
      `/v1/blueprints/${A}/entities/beta-s`,
      { properties: { language: 'cobol' } },
      headers,
    );
    expect(response.status).toBe(403);
    expect(response.body.message).toContain('"entities.update"');
    expect((await api.get(`/v1/blueprints/${A}/entities/beta-s`)).body.entity.properties.language).not.toBe(
      'cobol',
    );
    const bulk = await api.request(
      'POST',
      `/v1/blueprints/${A}/entities/bulk`,
      { entities: [{ identifier: 'x-beta', team: [beta] }] },
      headers,
    );
    expect(bulk.body.errors[0]).toMatchObject({ statusCode: 403, identifier: 'x-beta' });
    expect(bulk.body.errors[0].message).toContain('"entities.register"');
  });

  it('granular grants let a Member change one property and nothing else', async () => {
    await expectOk(
      api.patch(`/v1/blueprints/${A}/permissions`, {
        entities: { updateProperties: { language: { roles: ['Member'] } } },
      }),
    );
    const headers = { authorization: `Bearer ${tokens.gammaMember}` };
    const language = await api.request(
      'PATCH',
      `/v1/blueprints/${A}/entities/beta-s`,
      { properties: { language: 'rust' } },
      headers,
    );
    expect(language.status).toBe(200);
    const title = await api.request(
      'PATCH',
      `/v1/blueprints/${A}/entities/beta-s`,
      { title: 'Renamed' },
      headers,
    );
    expect(title.status).toBe(403);
    expect(title.body.message).toContain('"entities.update"');
    await expectOk(
      api.patch(`/v1/blueprints/${A}/permissions`, {
        entities: { updateProperties: { language: { roles: ['Admin'] } } },
      }),
    );
    const again = await api.request(
      'PATCH',
      `/v1/blueprints/${A}/entities/beta-s`,
      { properties: { language: 'go' } },
      headers,
    );
    expect(again.status).toBe(403);
    expect(again.body.message).toContain('"entities.updateProperties.language"');
  });

  it('bad permission changes name the field and change nothing', async () => {
    const before = (await api.get(`/v1/blueprints/${A}/permissions`)).body.permissions;
    for (const [body, field] of [
      [{ entities: { update: { roles: ['Owner'] } } }, 'entities.update.roles[0]'],
      [{ entities: { read: { users: ['ghost@example.com'] } } }, 'entities.read.users[0]'],
      [{ entities: { register: { teams: ['no-such-team'] } } }, 'entities.register.teams[0]'],
      [{ entities: { updateProperties: { nope: { roles: ['Admin'] } } } }, 'entities.updateProperties.nope'],
      [{ entities: { delete: { roles: ['Admin'] } } }, 'entities'],
    ] as const) {
      const response = await api.patch(`/v1/blueprints/${A}/permissions`, body);
      expect(response.status, JSON.stringify(response.body)).toBe(422);
      expect(response.body.message).toContain(field);
    }
    expect((await api.get(`/v1/blueprints/${A}/permissions`)).body.permissions).toEqual(before);
    expect((await api.get('/v1/blueprints/nope/permissions')).status).toBe(404);
  });
});
