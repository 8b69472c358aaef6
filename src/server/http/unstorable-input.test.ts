import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { startTestApp, type TestApp } from '../../../test/app.js';

// Text PostgreSQL cannot hold (a NUL) and text that is not Unicode (a lone surrogate), written as JSON
// escapes so that the body is valid JSON.
const BAD_TEXT = [
  ['a NUL character', '\\u0000', /NUL character/],
  ['a lone surrogate', '\\ud800', /unpaired surrogate/],
] as const;

describeEachDatabase('text and numbers the databases cannot hold', (dialect) => {
  let api: TestApp;
  let bp: string;
  beforeAll(async () => {
    api = await startTestApp(dialect);
    bp = uniqueId('unstorable');
    const created = await api.post('/v1/blueprints', {
      identifier: bp,
      title: 'U',
      schema: {
        properties: {
          name: { type: 'string' },
          n: { type: 'number' },
          meta: { type: 'object' },
          tags: { type: 'array', items: { type: 'string' } },
        },
      },
    });
    expect(created.status).toBe(201);
  });
  afterAll(() => api.close());

  const count = async () => (await api.get(`/v1/blueprints/${bp}/entities-count`)).body.count as number;

  for (const [what, escape, message] of BAD_TEXT) {
    it(`refuses ${what} anywhere in an entity body, naming the field, and writes nothing`, async () => {
      const bodies: Array<[string, string]> = [
        [`{"identifier":"a","properties":{"name":"x${escape}y"}}`, 'body.properties.name'],
        [
          `{"identifier":"a","properties":{"meta":{"deep":["ok","${escape}"]}}}`,
          'body.properties.meta.deep[1]',
        ],
        [`{"identifier":"a","properties":{"tags":["${escape}"]}}`, 'body.properties.tags[0]'],
        [`{"identifier":"a","title":"t${escape}"}`, 'body.title'],
        [`{"identifier":"a${escape}"}`, 'body.identifier'],
        [`{"identifier":"a","team":["x${escape}"]}`, 'body.team[0]'],
        [`{"identifier":"a","properties":{"meta":{"k${escape}":1}}}`, 'body.properties.meta'],
      ];
      for (const [body, field] of bodies) {
        const response = await api.post(`/v1/blueprints/${bp}/entities`, body);
        expect(response.status, body).toBe(400);
        expect(response.body.error).toBe('invalid_text');
        expect(response.body.message).toContain(field);
        expect(response.body.message).toMatch(message);
      }
      const bulk = await api.post(
        `/v1/blueprints/${bp}/entities/bulk`,
        `{"entities":[{"identifier":"b"},{"identifier":"c","properties":{"name":"${escape}"}}]}`,
      );
      expect(bulk.status).toBe(400);
      expect(bulk.body.message).toContain('body.entities[1].properties.name');
      expect(await count()).toBe(0);
    });

    it(`refuses ${what} in search values, path parameters and query strings`, async () => {
      const search = await api.post(
        `/v1/blueprints/${bp}/entities/search`,
        `{"query":{"combinator":"and","rules":[{"property":"name","operator":"contains","value":"${escape}"}]}}`,
      );
      expect(search.status).toBe(400);
      expect(search.body.message).toContain('body.query.rules[0].value');
      const global = await api.post(
        '/v1/entities/search',
        `{"combinator":"and","rules":[{"property":"$title","operator":"=","value":"${escape}"}]}`,
      );
      expect(global.status).toBe(400);
      expect(global.body.message).toContain('body.rules[0].value');
      const teams = await api.post('/v1/teams', `{"name":"team${escape}"}`);
      expect(teams.status).toBe(400);
      expect(teams.body.message).toContain('body.name');
    });
  }

  it('refuses a NUL character in path parameters and query strings', async () => {
    const path = await api.get(`/v1/blueprints/${bp}/entities/a%00b`);
    expect(path.status).toBe(400);
    expect(path.body.message).toContain('params.entity_identifier');
    const blueprint = await api.get('/v1/blueprints/x%00');
    expect(blueprint.status).toBe(400);
    expect(blueprint.body.message).toContain('params.');
    const query = await api.get(`/v1/blueprints/${bp}/entities?include=a%00`);
    expect(query.status).toBe(400);
    expect(query.body.message).toContain('querystring.include');
    const user = await api.get('/v1/users/a%00@example.com');
    expect(user.status).toBe(400);
  });

  it('refuses bad text on the routes that need no credentials', async () => {
    for (const [, escape, message] of BAD_TEXT) {
      const routes: Array<[string, string, string]> = [
        ['/v1/auth/access_token', `{"clientId":"c${escape}","clientSecret":"s"}`, 'body.clientId'],
        ['/v1/auth/access_token', `{"clientId":"c","clientSecret":"s${escape}"}`, 'body.clientSecret'],
        ['/auth/login', `{"email":"a${escape}@example.com","password":"password-123"}`, 'body.email'],
        ['/auth/login', `{"email":"a@example.com","password":"pass${escape}word-123"}`, 'body.password'],
        ['/auth/password/reset', `{"token":"t${escape}","password":"password-123"}`, 'body.token'],
      ];
      for (const [url, body, field] of routes) {
        const response = await api.app.inject({
          method: 'POST',
          url,
          headers: { 'content-type': 'application/json' },
          payload: body,
        });
        expect(response.statusCode, `${url} ${body}`).toBe(400);
        const answer = response.json();
        expect(answer.message).toContain(field);
        expect(answer.message).toMatch(message);
      }
    }
  });

  it('refuses a number past JSON\'s range ("1e309") instead of storing null', async () => {
    const top = await api.post(
      `/v1/blueprints/${bp}/entities`,
      '{"identifier":"big","properties":{"n":1e309}}',
    );
    expect(top.status).toBe(422);
    expect(top.body.error).toBe('invalid_number');
    expect(top.body.message).toContain('body.properties.n must be a finite number');
    const nested = await api.post(
      `/v1/blueprints/${bp}/entities`,
      '{"identifier":"big","properties":{"meta":{"x":[-1e400]}}}',
    );
    expect(nested.status).toBe(422);
    expect(nested.body.message).toContain('body.properties.meta.x[0] must be a finite number');
    const search = await api.post(
      `/v1/blueprints/${bp}/entities/search`,
      '{"query":{"combinator":"and","rules":[{"property":"n","operator":">","value":1e309}]}}',
    );
    expect(search.status).toBe(422);
    expect(search.body.message).toContain('body.query.rules[0].value must be a finite number');
    expect(await count()).toBe(0);
  });

  it('still stores ordinary text, emoji (surrogate pairs) and large finite numbers', async () => {
    const response = await api.post(
      `/v1/blueprints/${bp}/entities`,
      '{"identifier":"fine","title":"caf\\u00e9 \\ud83d\\ude80","properties":{"name":"\\ud83d\\ude80","n":1e308}}',
    );
    expect(response.status).toBe(201);
    expect(response.body.entity.properties).toEqual({ name: '🚀', n: 1e308 });
    await api.delete(`/v1/blueprints/${bp}/entities/fine`);
  });
});
