import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { startTestApp, type TestApp } from '../../../test/app.js';

// Names a plain object answers from Object.prototype: looked up with `obj[name]`, each finds a function.
const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

describeEachDatabase('names that Object.prototype also has', (dialect) => {
  let api: TestApp;
  let plain: string;
  let target: string;
  let source: string;
  beforeAll(async () => {
    api = await startTestApp(dialect);
    plain = uniqueId('plain');
    target = uniqueId('target');
    source = uniqueId('source');
    const blueprints: Array<Record<string, unknown>> = [
      {
        identifier: plain,
        title: 'Plain',
        schema: { properties: { name: { type: 'string' }, when: { type: 'string', format: 'date-time' } } },
      },
      // Properties and relations may themselves be called constructor, toString, valueOf…
      { identifier: target, title: 'Target', schema: { properties: { constructor: { type: 'string' } } } },
      {
        identifier: source,
        title: 'Source',
        schema: {
          properties: { toString: { type: 'string', format: 'date-time' }, valueOf: { type: 'number' } },
          required: ['valueOf'],
        },
        relations: { constructor: { target, many: true, required: false } },
        mirrorProperties: { mirrored: { path: 'constructor.constructor' } },
      },
    ];
    for (const blueprint of blueprints) {
      const created = await api.post('/v1/blueprints', blueprint);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    await api.post(`/v1/blueprints/${plain}/entities`, { identifier: 'p1', properties: { name: 'a' } });
    await api.post(`/v1/blueprints/${target}/entities/bulk`, {
      entities: [
        { identifier: 't1', properties: { constructor: 'one' } },
        { identifier: 't2', properties: { constructor: 'two' } },
      ],
    });
    const written = await api.post(`/v1/blueprints/${source}/entities/bulk`, {
      entities: [
        {
          identifier: 's1',
          properties: { toString: '2024-01-02T00:00:00Z', valueOf: 2 },
          relations: { constructor: ['t1'] },
        },
        { identifier: 's2', properties: { toString: '2024-01-01T00:00:00Z', valueOf: 1 } },
      ],
    });
    expect(written.body.errors).toEqual([]);
  });
  afterAll(() => api.close());

  const search = (blueprint: string, body: unknown) =>
    api.post(`/v1/blueprints/${blueprint}/entities/search`, body);
  const one = (rule: unknown) => ({ query: { combinator: 'and', rules: [rule] } });
  const expect422 = (response: { status: number; body: { message: string } }, pattern: RegExp) => {
    expect(response.status, JSON.stringify(response.body)).toBe(422);
    expect(response.body.message).toMatch(pattern);
  };

  it('refuses them as unknown sort properties, rule properties, operators and presets', async () => {
    // Across blueprints, where none has a property of that name.
    expect422(
      await api.post('/v1/entities/search', { sort: { property: '__proto__' } }),
      /^sort: unknown property/,
    );
    for (const name of NAMES) {
      expect422(await search(plain, { sort: { property: name } }), /^sort: unknown property/);
      expect422(await search(plain, one({ property: name, operator: '=', value: 'x' })), /unknown property/);
      expect422(
        await search(plain, one({ property: 'name', operator: name, value: 'x' })),
        /unknown operator/,
      );
      expect422(
        await search(plain, one({ property: 'when', operator: name, value: 'x' })),
        /unknown operator/,
      );
      expect422(
        await search(plain, one({ property: 'when', operator: 'between', value: { preset: name } })),
        /value\.preset must be one of/,
      );
      expect422(
        await search(plain, one({ operator: 'relatedTo', blueprint: name, value: 'x' })),
        /rules\[0\]/,
      );
      expect422(
        await search(plain, one({ operator: 'matchAny', property: { path: [name] }, value: 'x' })),
        /rules\[0\]/,
      );
      expect422(
        await search(
          source,
          one({ operator: 'matchAny', property: { path: ['constructor', name] }, value: 'x' }),
        ),
        /rules\[0\]/,
      );
    }
  });

  it('refuses them as unknown relations of a write, and names in blueprint definitions', async () => {
    for (const name of NAMES.filter((n) => n !== '__proto__')) {
      const write = await api.post(`/v1/blueprints/${plain}/entities?upsert=true`, {
        identifier: 'w',
        relations: { [name]: 'p1' },
      });
      expect422(write, new RegExp(`relations\\.${name} is not a relation`));
      const definitions = [
        { schema: { properties: {}, required: [name] } },
        { relations: { r: { target: plain } }, mirrorProperties: { m: { path: `r.${name}` } } },
        { relations: { r: { target: plain } }, ownership: { type: 'Inherited', path: name } },
        {
          aggregationProperties: {
            a: { title: 'A', target: plain, calculationSpec: { calculationBy: name, func: 'count' } },
          },
        },
      ];
      for (const definition of definitions) {
        const created = await api.post('/v1/blueprints', {
          identifier: uniqueId('def'),
          title: 'D',
          schema: { properties: {} },
          ...definition,
        });
        expect(created.status, `${name} ${JSON.stringify(definition)}`).toBe(422);
      }
      const permissions = await api.request('PATCH', `/v1/blueprints/${plain}/permissions`, {
        entities: { updateProperties: { [name]: { roles: ['Member'] } } },
      });
      expect422(permissions, /has no property/);
    }
    // A __proto__ key cannot even be sent: the body parser refuses it.
    const proto = await api.post(
      `/v1/blueprints/${plain}/entities?upsert=true`,
      '{"identifier":"w","relations":{"__proto__":"p1"}}',
    );
    expect(proto.status).toBe(400);
  });

  it('works with properties and relations that are really called so', async () => {
    const sorted = await search(source, { sort: { property: 'toString', order: 'ASC' } });
    expect(sorted.status).toBe(200);
    expect(sorted.body.entities.map((e: { identifier: string }) => e.identifier)).toEqual(['s2', 's1']);
    const byDate = await search(source, one({ property: 'toString', operator: '>', value: '2024-01-01' }));
    expect(byDate.body.entities.map((e: { identifier: string }) => e.identifier)).toEqual(['s1']);
    const related = await search(source, one({ operator: 'relatedTo', blueprint: target, value: 't1' }));
    expect(related.body.entities.map((e: { identifier: string }) => e.identifier)).toEqual(['s1']);
    const matched = await search(
      source,
      one({ operator: 'matchAny', property: { path: ['constructor'] }, value: 't1' }),
    );
    expect(matched.body.entities.map((e: { identifier: string }) => e.identifier)).toEqual(['s1']);
    const missing = await api.post(`/v1/blueprints/${source}/entities`, { identifier: 's4' });
    expect422(missing, /properties\.valueOf is required/);
    const relating = await api.patch(`/v1/blueprints/${source}/entities/s2`, {
      relations: { constructor: ['t1', 't2'] },
    });
    expect(relating.status, JSON.stringify(relating.body)).toBe(200);
    expect(relating.body.entity.relations.constructor).toEqual(['t1', 't2']);
    // A new property or relation of such a name is not a "change" of something Object.prototype has.
    const extended = await api.patch(`/v1/blueprints/${target}`, {
      schema: {
        properties: { constructor: { type: 'string' }, hasOwnProperty: { type: 'number', default: 7 } },
      },
      relations: { valueOf: { target: source, many: false, required: false } },
    });
    expect(extended.status, JSON.stringify(extended.body)).toBe(200);
    const defaulted = await api.post(`/v1/blueprints/${target}/entities`, { identifier: 't3' });
    expect(defaulted.status, JSON.stringify(defaulted.body)).toBe(201);
    expect(defaulted.body.entity.properties).toEqual({ hasOwnProperty: 7 });
    const only = await api.post(`/v1/blueprints/${source}/entities`, {
      identifier: 's3',
      properties: { valueOf: 3 },
    });
    expect(only.status, JSON.stringify(only.body)).toBe(201);
    // Its mirror through a many relation that points nowhere is an empty list.
    expect(only.body.entity.properties).toEqual({ valueOf: 3, mirrored: [] });
    const granted = await api.request('PATCH', `/v1/blueprints/${source}/permissions`, {
      entities: {
        updateProperties: { toString: { roles: ['Member'] } },
        updateRelations: { constructor: { roles: ['Member'] } },
      },
    });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
  });

  it('keeps a stored grant for a removed property called constructor away from Object', async () => {
    const blueprint = uniqueId('granted');
    const definition = {
      identifier: blueprint,
      title: 'G',
      schema: { properties: { constructor: { type: 'string' }, other: { type: 'string' } } },
    };
    expect((await api.post('/v1/blueprints', definition)).status).toBe(201);
    const granted = await api.request('PATCH', `/v1/blueprints/${blueprint}/permissions`, {
      entities: { updateProperties: { constructor: { roles: ['Member'] } } },
    });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    const removed = await api.put(`/v1/blueprints/${blueprint}`, {
      ...definition,
      schema: { properties: { other: { type: 'string' } } },
    });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    const read = await api.get(`/v1/blueprints/${blueprint}/permissions`);
    expect(read.status).toBe(200);
    expect(read.body.permissions.entities.updateProperties).toEqual({ other: expect.any(Object) });
    expect(Object.hasOwn(Object, 'roles')).toBe(false);
  });
});
