import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { startTestApp, type TestApp } from '../../../test/app.js';

describeEachDatabase('bad input', (dialect) => {
  let api: TestApp;
  let bp: string;
  beforeAll(async () => {
    api = await startTestApp(dialect, { bodyLimit: 64 * 1024 });
    bp = uniqueId('bad');
    await api.post('/v1/blueprints', {
      identifier: bp,
      title: 'B',
      schema: { properties: { name: { type: 'string' } } },
    });
  });
  afterAll(() => api.close());

  const expectNothingWritten = async () => {
    expect((await api.get(`/v1/blueprints/${bp}/entities-count`)).body.count).toBe(0);
  };

  it('answers a malformed JSON body with 400', async () => {
    const response = await api.post(`/v1/blueprints/${bp}/entities`, '{"identifier": "x",');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ ok: false, error: 'invalid_json' });
    await expectNothingWritten();
  });

  it('takes an empty body sent as JSON for no body, as pyport and port-cli send every request', async () => {
    const json = { 'content-type': 'application/json' };
    const made = await api.post(`/v1/blueprints/${bp}/entities`, { identifier: 'gone', properties: {} });
    expect(made.status).toBe(201);
    const deleted = await api.request('DELETE', `/v1/blueprints/${bp}/entities/gone`, '', json);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    expect((await api.get(`/v1/blueprints/${bp}/entities/gone`)).status).toBe(404);
    // A route that needs a body says so, naming it.
    for (const empty of ['', '  \n']) {
      const refused = await api.request('POST', `/v1/blueprints/${bp}/entities`, empty, json);
      expect(refused.status).toBe(422);
      expect(refused.body.message).toMatch(/body/);
    }
    await expectNothingWritten();
  });

  it('refuses __proto__ and constructor.prototype keys', async () => {
    for (const text of [
      '{"identifier":"x","properties":{"__proto__":{"polluted":true}}}',
      '{"identifier":"x","constructor":{"prototype":{"polluted":true}}}',
    ]) {
      const response = await api.post(`/v1/blueprints/${bp}/entities`, text);
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/__proto__|constructor/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await expectNothingWritten();
  });

  it('refuses deeply nested JSON', async () => {
    const deep = `{"identifier":"x","properties":{"name":${'['.repeat(5000)}${']'.repeat(5000)}}}`;
    const response = await api.post(`/v1/blueprints/${bp}/entities`, deep);
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('json_too_deep');
    await expectNothingWritten();
  });

  it('answers an oversized body with 413', async () => {
    const big = { identifier: 'x', properties: { name: 'y'.repeat(100 * 1024) } };
    const response = await api.post(`/v1/blueprints/${bp}/entities`, big);
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ ok: false, error: 'payload_too_large' });
    await expectNothingWritten();
  });

  it('refuses a route-schema mismatch with 422 naming the field', async () => {
    const response = await api.post(`/v1/blueprints/${bp}/entities/bulk`, { entities: 'nope' });
    expect(response.status).toBe(422);
    expect(response.body.message).toContain('body.entities');
    const extra = await api.post(`/v1/blueprints/${bp}/entities/search`, { limit: 5000 });
    expect(extra.status).toBe(422);
    expect(extra.body.message).toContain('body.limit');
    const query = await api.get(`/v1/blueprints/${bp}/entities?limit=abc`);
    expect(query.status).toBe(422);
    expect(query.body.message).toContain('querystring.limit');
    expect([response, extra, query].map((answer) => answer.body.details?.field)).toEqual([
      'entities',
      'limit',
      'limit',
    ]);
    // A property missing or not allowed is named itself.
    const missing = await api.post('/v1/actions', { title: 'no identifier' });
    const unexpected = await api.post(`/v1/blueprints/${bp}/entities/search`, { unexpected: 1 });
    expect([missing, unexpected].map((answer) => [answer.status, answer.body.details?.field])).toEqual([
      [422, 'trigger'],
      [422, 'unexpected'],
    ]);
  });

  it('treats SQL-looking values as plain data', async () => {
    const value = "x'); drop table entities; --";
    const created = await api.post(`/v1/blueprints/${bp}/entities`, {
      identifier: 'sql',
      title: value,
      properties: { name: value },
    });
    expect(created.status).toBe(201);
    const found = await api.post(`/v1/blueprints/${bp}/entities/search`, {
      query: { combinator: 'and', rules: [{ property: 'name', operator: '=', value }] },
    });
    expect(found.body.entities.map((e: { identifier: string }) => e.identifier)).toEqual(['sql']);
    const none = await api.post(`/v1/blueprints/${bp}/entities/search`, {
      query: { combinator: 'and', rules: [{ property: 'name', operator: '=', value: "' or '1'='1" }] },
    });
    expect(none.body.entities).toEqual([]);
    await api.delete(`/v1/blueprints/${bp}/entities/sql`);
  });

  it('answers unknown routes, parts of Port it does not offer and unknown blueprints each in its own way', async () => {
    const noRoute = await api.get('/v1/nothing-here');
    expect(noRoute.status).toBe(404);
    expect(noRoute.body).toMatchObject({ ok: false, error: 'route_not_found' });
    const notOffered = await api.post('/v1/migrations', {});
    expect(notOffered.status).toBe(501);
    expect(notOffered.body).toMatchObject({ ok: false, error: 'not_implemented' });
    expect(notOffered.body.message).toContain('POST /v1/migrations');
    expect((await api.get(`/v1/blueprints/${uniqueId()}/entities/x`)).body.error).toBe('not_found');
  });

  it('answers a path that is not percent-encoded UTF-8 in the API envelope', async () => {
    for (const path of ['/v1/blueprints/%zz', '/v1/blueprints/%ED%A0%80/entities', '/v1/teams/a%C3']) {
      const answer = await api.get(path);
      expect(answer.status, path).toBe(400);
      expect(answer.body, path).toEqual({
        ok: false,
        error: 'invalid_path',
        message: 'the path is not valid: a percent-encoded part of it is not UTF-8',
      });
    }
  });
});
