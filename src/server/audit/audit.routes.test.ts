import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { startTestApp, type TestApp } from '../../../test/app.js';

describeEachDatabase('audit log', (dialect) => {
  let api: TestApp;
  let bp: string;
  let start: string;
  beforeAll(async () => {
    api = await startTestApp(dialect);
    start = new Date().toISOString();
    bp = uniqueId('aud');
    await api.post('/v1/blueprints', {
      identifier: bp,
      title: 'A',
      schema: { properties: { n: { type: 'number' } } },
    });
    await api.post(`/v1/blueprints/${bp}/entities/bulk`, {
      entities: [{ identifier: 'x', properties: { n: 1 } }, { identifier: 'y' }],
    });
    await api.patch(`/v1/blueprints/${bp}`, { title: 'Audited' });
  });
  afterAll(() => api.close());

  it('records blueprint and entity writes, one record per bulk item, filtered by resource and action', async () => {
    const entities = await api.get(`/v1/audit-log?blueprint=${bp}&resources=entity`);
    expect(entities.body.audits.map((a: { identifier: string }) => a.identifier).sort()).toEqual(['x', 'y']);
    expect(entities.body.audits[0]).toMatchObject({
      action: 'CREATE',
      status: 'SUCCESS',
      resourceType: 'entity',
      context: { blueprint: bp },
    });
    const blueprints = await api.get(`/v1/audit-log?identifier=${bp}&resources=blueprint&action=UPDATE`);
    expect(blueprints.body.audits).toHaveLength(1);
    expect(blueprints.body.audits[0].diff.before.title).toBe('A');
    expect(blueprints.body.audits[0].diff.after.title).toBe('Audited');
  });

  it('filters by time window, limits, and selects fields with includes', async () => {
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await api.get(`/v1/audit-log?blueprint=${bp}&from=${future}`)).body.audits).toEqual([]);
    const windowed = await api.get(`/v1/audit-log?blueprint=${bp}&from=${start}&to=${future}&limit=2`);
    expect(windowed.body.audits).toHaveLength(2);
    const slim = await api.get(`/v1/audit-log?blueprint=${bp}&includes=identifier&includes=action&limit=1`);
    expect(Object.keys(slim.body.audits[0]).sort()).toEqual(['action', 'identifier']);
  });

  it('refuses bad filters with 422 naming the parameter', async () => {
    for (const [query, field] of [
      ['status=MAYBE', 'querystring.status'],
      ['from=yesterday', 'querystring.from'],
      ['limit=0', 'querystring.limit'],
      ['resources=planet', 'querystring.resources'],
    ]) {
      const response = await api.get(`/v1/audit-log?${query}`);
      expect(response.status, query).toBe(422);
      expect(response.body.message).toContain(field);
    }
  });
});
