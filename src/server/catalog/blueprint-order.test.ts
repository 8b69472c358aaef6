import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';

describeEachDatabase("a blueprint's definition keeps the order it was written in", (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp(dialect);
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers properties, relations and enum values in the order they were given, after a change too', async () => {
    const identifier = uniqueId('ordered').toLowerCase();
    const properties = {
      zeta: { type: 'string', title: 'Zeta' },
      a: { type: 'number', title: 'A' },
      middleName: { type: 'string', enum: ['z', 'b', 'aa'] },
      b: { type: 'boolean' },
    };
    const created = await api.post('/v1/blueprints', {
      identifier,
      title: 'Ordered',
      schema: { properties },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const read = async () => (await api.get(`/v1/blueprints/${identifier}`)).body.blueprint;
    expect(Object.keys((await read()).schema.properties)).toEqual(['zeta', 'a', 'middleName', 'b']);
    expect((await read()).schema.properties.middleName.enum).toEqual(['z', 'b', 'aa']);
    const changed = await api.put(`/v1/blueprints/${identifier}`, {
      identifier,
      title: 'Ordered',
      schema: { properties: { ...properties, early: { type: 'string' } } },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(Object.keys((await read()).schema.properties)).toEqual(['zeta', 'a', 'middleName', 'b', 'early']);
  });
});
