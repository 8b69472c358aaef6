import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestResponse } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { parseEntityInput } from './entity-input.js';

// A blueprint deleted and created again under its identifier starts counting its versions anew: entities
// are checked against it, never against the one before at the same count.
describeEachDatabase('a blueprint deleted and created again', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp(dialect);
  });
  afterAll(() => api.close());

  it('checks entities against its own properties, not those of the one before at the same version', async () => {
    const bp = uniqueId('recreated');
    const define = (properties: Record<string, unknown>) => ({ schema: { properties } });
    const sent = async (answer: Promise<TestResponse>, status: number) => {
      const { status: got, body } = await answer;
      expect(got, JSON.stringify(body)).toBe(status);
      return body;
    };
    const create = () =>
      sent(
        api.post('/v1/blueprints', { identifier: bp, title: bp, ...define({ a: { type: 'string' } }) }),
        201,
      );
    await create();
    const before = { a: { type: 'string' }, b: { type: 'string', default: 'stale' } };
    await sent(api.patch(`/v1/blueprints/${bp}`, define(before)), 200);
    // Checked once at version 2, so its check is at hand.
    const e1 = { identifier: 'e1', properties: { b: 'x' } };
    await sent(api.post(`/v1/blueprints/${bp}/entities?upsert=true`, e1), 201);
    await sent(api.delete(`/v1/blueprints/${bp}?delete_entities=true`), 200);

    await create();
    const after = await sent(
      api.patch(`/v1/blueprints/${bp}`, define({ a: { type: 'string' }, c: { type: 'string' } })),
      200,
    );
    expect(after.blueprint.version).toMatch(/^2-/);
    const withC = await api.post(`/v1/blueprints/${bp}/entities?upsert=true`, {
      identifier: 'e2',
      properties: { c: 'y' },
    });
    expect(withC.status, JSON.stringify(withC.body)).toBe(201);
    expect(withC.body.entity.properties).toEqual({ c: 'y' });
    const bare = await api.post(`/v1/blueprints/${bp}/entities?upsert=true`, {
      identifier: 'e3',
      properties: {},
    });
    expect(bare.status).toBe(201);
    // No default of the blueprint before.
    expect(bare.body.entity.properties).toEqual({});
  });
});

describe('an entity body', () => {
  it('is read into properties of its own, which checking may fill in without changing what was sent', () => {
    const raw = { identifier: 'e', properties: { a: 'x' } };
    const parsed = parseEntityInput(raw, {
      identifier: 'bp',
      title: 'bp',
      schema: { properties: {}, required: [] },
    } as never);
    parsed.properties!.b = 'a default';
    expect(raw.properties).toEqual({ a: 'x' });
  });
});
