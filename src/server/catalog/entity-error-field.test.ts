import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';

/** A refused entity write names the input field at fault in `details.field`; its message stays as it was. */
describeEachDatabase('the field of a refused entity write', (dialect) => {
  let api: TestApp;
  const S = uniqueId('fld_s');
  const T = uniqueId('fld_t');

  beforeAll(async () => {
    api = await startTestApp(dialect);
    expect(
      (
        await api.post('/v1/blueprints', {
          identifier: T,
          title: T,
          schema: { properties: {}, required: [] },
        })
      ).status,
    ).toBe(201);
    const created = await api.post('/v1/blueprints', {
      identifier: S,
      title: S,
      schema: {
        properties: {
          tier: { type: 'number', maximum: 3 },
          tags: { type: 'array', items: { type: 'string' } },
          config: { type: 'object', properties: { port: { type: 'number' } } },
          owner: { type: 'string' },
        },
        required: ['owner'],
      },
      relations: { system: { target: T, many: false, required: false } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(
      (await api.post(`/v1/blueprints/${S}/entities`, { identifier: 'taken', properties: { owner: 'x' } }))
        .status,
    ).toBe(201);
  });
  afterAll(() => api.close());

  // Strict: an undeclared property is refused by name (without it, it is left out).
  const write = (body: unknown) => api.post(`/v1/blueprints/${S}/entities?strict=true`, body);
  const valid = { identifier: 'fresh', properties: { owner: 'x' } };

  it.each([
    [
      'a value the property refuses',
      { ...valid, properties: { owner: 'x', tier: 9 } },
      422,
      'properties.tier',
      'properties.tier must be <= 3',
    ],
    [
      'an item of a list',
      { ...valid, properties: { owner: 'x', tags: ['a', 2] } },
      422,
      'properties.tags',
      'properties.tags.1 must be string',
    ],
    [
      'a nested value',
      { ...valid, properties: { owner: 'x', config: { port: 'x' } } },
      422,
      'properties.config',
      'properties.config.port must be number',
    ],
    [
      'a required property',
      { identifier: 'fresh', properties: {} },
      422,
      'properties.owner',
      'properties.owner is required',
    ],
    [
      'an unknown key with a dot',
      { ...valid, properties: { owner: 'x', 'a.b c': 1 } },
      422,
      'properties.a.b c',
      'properties.a.b c is not a property of this blueprint',
    ],
    [
      'an unknown relation',
      { ...valid, relations: { nope: 'x' } },
      422,
      'relations.nope',
      `relations.nope is not a relation of blueprint "${S}"`,
    ],
    [
      'a missing relation target',
      { ...valid, relations: { system: 'ghost' } },
      404,
      'relations.system',
      `relations.system: entity "ghost" of blueprint "${T}" was not found`,
    ],
    ['a bad identifier', { ...valid, identifier: 'a b' }, 422, 'identifier', undefined],
    ['no identifier', { properties: { owner: 'x' } }, 422, 'identifier', 'identifier is required'],
    [
      'a taken identifier',
      { ...valid, identifier: 'taken' },
      409,
      'identifier',
      `Entity "taken" already exists in blueprint "${S}"`,
    ],
    ['a team that does not exist', { ...valid, team: ['no-such-team'] }, 422, 'team', undefined],
    // Refused by the route's schema, which names it too.
    ['properties that are not an object', { ...valid, properties: [] }, 422, 'properties', undefined],
  ])('%s', async (_case, body, status, field, message) => {
    const answer = await write(body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    expect(answer.body.details).toEqual({ field });
    if (message !== undefined) expect(answer.body.message).toBe(message);
  });

  it('bulk items carry the field in their own errors, title and icon included', async () => {
    const answer = await api.post(`/v1/blueprints/${S}/entities/bulk`, {
      entities: [
        { ...valid, identifier: uniqueId('ok') },
        { ...valid, identifier: uniqueId('t'), title: 7 },
        { ...valid, identifier: uniqueId('i'), icon: false },
        { ...valid, identifier: uniqueId('p'), properties: { owner: 'x', tier: 'high' } },
        { ...valid, identifier: uniqueId('team'), team: [''] },
      ],
    });
    expect(answer.status).toBe(207);
    expect(
      answer.body.errors.map((e: { index: number; details?: { field: string } }) => [
        e.index,
        e.details?.field,
      ]),
    ).toEqual([
      [1, 'title'],
      [2, 'icon'],
      [3, 'properties.tier'],
      [4, 'team'],
    ]);
    expect(answer.body.errors[0]).toMatchObject({
      statusCode: 422,
      error: 'invalid_entity',
      message: 'title must be a string',
    });
  });

  it('a refusal of a person field names it; a missing permission names no field', async () => {
    const member = await createPerson(api);
    const moderator = await createPerson(api, { roles: ['Member', '_user-moderator'] });
    const self = `/v1/blueprints/_user/entities/${encodeURIComponent(moderator.email)}`;
    const escalation = await api.patch(self, { properties: { port_role: 'Admin' } }, moderator.headers);
    expect(escalation.status).toBe(403);
    expect(escalation.body.details).toEqual({ field: 'properties.port_role' });
    const denied = await api.post(`/v1/blueprints/${S}/entities`, valid, member.headers);
    expect(denied.status).toBe(403);
    expect(denied.body.details).toBeUndefined();
  });
});
