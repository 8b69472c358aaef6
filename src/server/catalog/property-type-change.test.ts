import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { eventually } from '../../../test/eventually.js';

describeEachDatabase("changing a property's type", (dialect) => {
  let api: TestApp;
  const id = uniqueId('tc').toLowerCase();
  const service = `${id}_service`;
  const change = (key: string, body: Record<string, unknown>) =>
    api.post(`/v1/blueprints/${service}/properties/${key}/change-type`, body);
  const properties = async (identifier: string) =>
    (await api.get(`/v1/blueprints/${service}/entities/${identifier}`)).body.entity.properties;

  beforeAll(async () => {
    api = await startTestApp(dialect);
    const created = await api.post('/v1/blueprints', {
      identifier: service,
      title: 'Service',
      schema: {
        properties: { port: { type: 'string', title: 'Port' }, tag: { type: 'string' } },
        required: [],
      },
      calculationProperties: {
        nextPort: { title: 'Next', type: 'number', calculation: '(.properties.port | numbers) + 1' },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    for (const [identifier, port, tag] of [
      ['a', '8080', 'x'],
      ['b', '443', 'y'],
      ['c', 'http', 'z'],
    ])
      expect(
        (await api.post(`/v1/blueprints/${service}/entities`, { identifier, properties: { port, tag } }))
          .status,
      ).toBe(201);
    expect((await api.post(`/v1/blueprints/${service}/entities`, { identifier: 'none' })).status).toBe(201);
  });
  afterAll(() => api.close());

  it('a dry run names the entities a conversion fails on, and writes nothing', async () => {
    const dry = await change('port', { schema: { type: 'number' }, conversion: 'tonumber', dryRun: true });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({
      dryRun: true,
      converted: 2,
      failedCount: 1,
      failed: [{ identifier: 'c' }],
    });
    expect(dry.body.failed[0].message).toMatch(/jq program/);
    const refused = await change('port', { schema: { type: 'number' }, conversion: 'tonumber' });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/^conversion: 1 entity .* "c"/);
    expect(await properties('a')).toMatchObject({ port: '8080' });
    expect((await api.get(`/v1/blueprints/${service}`)).body.blueprint.schema.properties.port.type).toBe(
      'string',
    );
  });

  it('converts every value in one go, keeps the title, and computed values follow', async () => {
    const converted = await change('port', {
      schema: { type: 'number' },
      conversion: 'try tonumber catch null',
    });
    expect(converted.status, JSON.stringify(converted.body)).toBe(200);
    expect(converted.body).toMatchObject({ dryRun: false, converted: 3, failedCount: 0 });
    expect(converted.body.blueprint.schema.properties.port).toEqual({ type: 'number', title: 'Port' });
    expect(await properties('a')).toMatchObject({ port: 8080, tag: 'x' });
    expect(await properties('c')).not.toHaveProperty('port');
    await eventually(
      () => properties('b'),
      (p) => expect(p).toMatchObject({ port: 443, nextPort: 444 }),
    );
    // One value becomes a list of them.
    const listed = await change('tag', {
      schema: { type: 'array', items: { type: 'string' } },
      conversion: '[.]',
    });
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(await properties('a')).toMatchObject({ tag: ['x'] });
    const history = await api.get(`/v1/blueprints/${service}/entities/a/history?limit=1`);
    expect(history.body.versions[0].changes).toEqual([{ path: 'properties.tag', before: 'x', after: ['x'] }]);
    // The search sees the new type.
    const found = await api.post(`/v1/blueprints/${service}/entities/search`, {
      query: { combinator: 'and', rules: [{ property: 'port', operator: '>', value: 1000 }] },
    });
    expect(found.body.entities.map((e: { identifier: string }) => e.identifier)).toEqual(['a']);
  });

  it('refuses a conversion that would take an entity past 1 MiB, and marks who converted the others', async () => {
    const huge = await change('tag', {
      schema: { type: 'string' },
      conversion: '[range(300000)] | tostring',
    });
    expect(huge.status).toBe(422);
    expect(huge.body.message).toMatch(/over the limit of 1048576 \(1 MiB\)/);
    const upper = await change('tag', {
      schema: { type: 'array', items: { type: 'string' } },
      conversion: 'map(ascii_upcase)',
    });
    expect(upper.status, JSON.stringify(upper.body)).toBe(200);
    const entity = (await api.get(`/v1/blueprints/${service}/entities/a`)).body.entity;
    expect(entity.properties.tag).toEqual(['X']);
    expect(entity.updatedBy).toBe(api.clientId);
  });

  it('answers bad requests naming the field', async () => {
    const broken = await change('tag', { schema: { type: 'string' }, conversion: '.[0' });
    expect(broken.status).toBe(422);
    expect(broken.body.message).toMatch(/^conversion:/);
    expect((await change('nope', { schema: { type: 'string' }, conversion: '.' })).status).toBe(404);
    const badSchema = await change('tag', { schema: { type: 'color' }, conversion: '.' });
    expect(badSchema.status).toBe(422);
    expect(badSchema.body.message).toMatch(/schema\.properties\.tag/);
  });
});
