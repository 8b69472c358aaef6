import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { startTestApp, type TestApp } from '../../../test/app.js';

const serviceBlueprint = (identifier: string, extra: Record<string, unknown> = {}) => ({
  identifier,
  title: 'Service',
  icon: 'Microservice',
  description: 'A deployable unit',
  schema: {
    properties: {
      language: { type: 'string', enum: ['Go', 'Python'], enumColors: { Go: 'blue', Python: 'yellow' } },
      repo: { type: 'string', format: 'url' },
      tier: { type: 'number', minimum: 1, maximum: 3 },
      pii: { type: 'boolean', default: false },
      tags: { type: 'array', items: { type: 'string' } },
      owners: { type: 'array', items: { type: 'string', format: 'user' } },
      config: { type: 'object' },
      link: { type: 'object', format: 'labeled-url' },
      onCall: { type: 'string', format: 'user' },
      team: { type: 'string', format: 'team' },
      email: { type: 'string', format: 'email' },
      deployedAt: { type: 'string', format: 'date-time' },
      ttl: { type: 'string', format: 'timer' },
      values: { type: 'string', format: 'yaml' },
      readme: { type: 'string', format: 'markdown' },
      proto: { type: 'string', format: 'proto' },
      ip4: { type: 'string', format: 'ipv4' },
      ip6: { type: 'string', format: 'ipv6' },
      name: { type: 'string', minLength: 2, maxLength: 20, pattern: '^[a-z-]+$' },
    },
    required: ['language'],
  },
  ...extra,
});

describeEachDatabase('blueprint routes', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp(dialect);
  });
  afterAll(() => api.close());

  it('creates, reads, lists, replaces, patches and deletes a blueprint in Port JSON', async () => {
    const id = uniqueId('svc');
    const created = await api.post('/v1/blueprints', serviceBlueprint(id));
    expect(created.status).toBe(201);
    expect(created.body.ok).toBe(true);
    expect(created.body.blueprint).toMatchObject({
      identifier: id,
      title: 'Service',
      relations: {},
      mirrorProperties: {},
    });
    expect(created.body.blueprint.createdBy).toBe(api.clientId);

    const read = await api.get(`/v1/blueprints/${id}`);
    expect(read.body.blueprint.schema.properties.language.enumColors).toEqual({
      Go: 'blue',
      Python: 'yellow',
    });
    const list = await api.get('/v1/blueprints');
    expect(list.body.blueprints.map((b: { identifier: string }) => b.identifier)).toContain(id);

    const patched = await api.patch(`/v1/blueprints/${id}`, { title: 'Microservice' });
    expect(patched.status).toBe(200);
    expect(patched.body.blueprint.title).toBe('Microservice');
    expect(patched.body.blueprint.schema.properties.tier.type).toBe('number');

    const replaced = await api.put(`/v1/blueprints/${id}`, {
      identifier: id,
      title: 'Svc',
      schema: { properties: {}, required: [] },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.blueprint.schema.properties).toEqual({});

    expect((await api.delete(`/v1/blueprints/${id}`)).status).toBe(200);
    expect((await api.get(`/v1/blueprints/${id}`)).body).toMatchObject({ ok: false, error: 'not_found' });
  });

  it('checks relations: target must exist, many+required is refused, self-relations are allowed', async () => {
    const id = uniqueId('rel');
    const missing = await api.post('/v1/blueprints', {
      identifier: id,
      title: 'R',
      schema: { properties: {} },
      relations: { system: { target: uniqueId('nope'), many: false, required: false } },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.message).toContain('relations.system.target');

    const both = await api.post('/v1/blueprints', {
      identifier: id,
      title: 'R',
      schema: { properties: {} },
      relations: { deps: { target: id, many: true, required: true } },
    });
    expect(both.status).toBe(422);
    expect(both.body.message).toContain('relations.deps');

    const self = await api.post('/v1/blueprints', {
      identifier: id,
      title: 'R',
      schema: { properties: {} },
      relations: { parent: { target: id, many: false, required: false } },
    });
    expect(self.status).toBe(201);
  });

  it('accepts and validates mirror, calculation and aggregation properties and ownership', async () => {
    const system = uniqueId('sys');
    await api.post('/v1/blueprints', {
      identifier: system,
      title: 'System',
      schema: { properties: { tier: { type: 'number' } } },
    });
    const id = uniqueId('svc');
    const ok = await api.post('/v1/blueprints', {
      identifier: id,
      title: 'S',
      schema: { properties: {} },
      relations: { system: { target: system, many: false, required: false } },
      mirrorProperties: {
        systemTier: { title: 'Tier', path: 'system.tier' },
        systemTitle: { path: 'system.$title' },
      },
      calculationProperties: {
        link: { title: 'Link', type: 'string', format: 'url', calculation: "'https://x/' + .identifier" },
      },
      aggregationProperties: {
        count: {
          title: 'Count',
          target: system,
          calculationSpec: { calculationBy: 'entities', func: 'count' },
        },
      },
      ownership: { type: 'Inherited', path: 'system' },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.blueprint.mirrorProperties.systemTier.path).toBe('system.tier');

    const cases: Array<[Record<string, unknown>, string]> = [
      [{ mirrorProperties: { m: { path: 'nope.$title' } } }, 'mirrorProperties.m.path'],
      [{ mirrorProperties: { m: { path: 'system.unknownProp' } } }, 'mirrorProperties.m.path'],
      [{ calculationProperties: { c: { type: 'string' } } }, 'calculationProperties.c.calculation'],
      [
        {
          aggregationProperties: {
            a: { title: 'A', target: system, calculationSpec: { calculationBy: 'entities', func: 'sum' } },
          },
        },
        'calculationSpec.func',
      ],
      [{ ownership: { type: 'Inherited', path: 'missing' } }, 'ownership.path'],
    ];
    for (const [extra, field] of cases) {
      const bad = await api.post('/v1/blueprints', {
        identifier: uniqueId('bad'),
        title: 'B',
        schema: { properties: {} },
        relations: { system: { target: system, many: false, required: false } },
        ...extra,
      });
      expect(bad.status, field).toBe(422);
      expect(bad.body.message).toContain(field);
    }
  });

  it('refuses bad definitions with a message naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ identifier: 'has space', title: 'x', schema: { properties: {} } }, 'identifier'],
      [{ identifier: uniqueId(), title: '', schema: { properties: {} } }, 'title'],
      [
        { identifier: uniqueId(), title: 'x', schema: { properties: { p: { type: 'text' } } } },
        'schema.properties.p.type',
      ],
      [
        {
          identifier: uniqueId(),
          title: 'x',
          schema: { properties: { p: { type: 'number', format: 'url' } } },
        },
        'schema.properties.p.format',
      ],
      [
        {
          identifier: uniqueId(),
          title: 'x',
          schema: { properties: { p: { type: 'string', enum: ['a'], enumColors: { a: 'neon' } } } },
        },
        'enumColors.a',
      ],
      [{ identifier: uniqueId(), title: 'x', schema: { properties: {}, required: ['ghost'] } }, 'ghost'],
      [
        { identifier: uniqueId(), title: 'x', schema: { properties: { 'bad key': { type: 'string' } } } },
        'bad key',
      ],
      [
        {
          identifier: uniqueId(),
          title: 'x',
          schema: { properties: { p: { type: 'number', default: 'one' } } },
        },
        'schema.properties.p.default',
      ],
      [
        {
          identifier: uniqueId(),
          title: 'x',
          schema: { properties: { p: { type: 'string', minLength: 'two' } } },
        },
        'schema.properties',
      ],
      [{ identifier: uniqueId(), title: 'x' }, 'schema'],
      // Checked on every entity write, by Members too: a slow regex would freeze the server.
      [
        {
          identifier: uniqueId(),
          title: 'x',
          schema: { properties: { p: { type: 'string', pattern: '(a+)+$' } } },
        },
        'schema.properties.p.pattern',
      ],
      [
        {
          identifier: uniqueId(),
          title: 'x',
          schema: { properties: { p: { type: 'array', items: { type: 'string', pattern: '^(x*)*y' } } } },
        },
        'schema.properties.p.items.pattern',
      ],
      // Alternatives that match the same text: as slow, without a nested quantifier.
      [
        {
          identifier: uniqueId(),
          title: 'x',
          schema: { properties: { p: { type: 'string', pattern: '^(a|a)*$' } } },
        },
        'schema.properties.p.pattern',
      ],
    ];
    for (const [body, field] of cases) {
      const response = await api.post('/v1/blueprints', body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.ok).toBe(false);
      expect(response.body.message).toContain(field);
    }
    // Quantified groups that match each text one way only are safe, and kept.
    const ipv4 = await api.post('/v1/blueprints', {
      identifier: uniqueId('ip'),
      title: 'x',
      schema: { properties: { address: { type: 'string', pattern: '^(\\d{1,3}\\.){3}\\d{1,3}$' } } },
    });
    expect(ipv4.status, JSON.stringify(ipv4.body)).toBe(201);
    const again = uniqueId('dup');
    await api.post('/v1/blueprints', { identifier: again, title: 'x', schema: { properties: {} } });
    expect(
      (await api.post('/v1/blueprints', { identifier: again, title: 'x', schema: { properties: {} } }))
        .status,
    ).toBe(409);
  });

  describe('changes that would break entities', () => {
    it('are refused with the count and some identifiers; compatible changes move the data', async () => {
      const id = uniqueId('chg');
      await api.post('/v1/blueprints', serviceBlueprint(id));
      const entities = Array.from({ length: 7 }, (_, i) => ({
        identifier: `e${i}`,
        properties: { language: 'Go', tier: (i % 3) + 1 },
      }));
      expect((await api.post(`/v1/blueprints/${id}/entities/bulk`, { entities })).status).toBe(200);

      const narrowed = serviceBlueprint(id);
      narrowed.schema.properties.tier = { type: 'number', minimum: 1, maximum: 2 };
      const refused = await api.put(`/v1/blueprints/${id}`, narrowed);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toBe('blueprint_change_breaks_entities');
      expect(refused.body.message).toContain('2 entities');
      expect(refused.body.details.examples).toEqual(['e2', 'e5']);

      const typeChange = serviceBlueprint(id);
      typeChange.schema.properties.tier = { type: 'string' } as never;
      const typeRefused = await api.put(`/v1/blueprints/${id}`, typeChange);
      expect(typeRefused.status).toBe(422);
      expect(typeRefused.body.message).toContain('schema.properties.tier.type');

      const withoutTier = serviceBlueprint(id);
      delete (withoutTier.schema.properties as Record<string, unknown>).tier;
      expect((await api.put(`/v1/blueprints/${id}`, withoutTier)).status).toBe(200);
      const e1 = await api.get(`/v1/blueprints/${id}/entities/e1`);
      expect(e1.body.entity.properties.tier).toBeUndefined();

      const withDefault = serviceBlueprint(id);
      delete (withDefault.schema.properties as Record<string, unknown>).tier;
      (withDefault.schema.properties as Record<string, unknown>).stage = { type: 'string', default: 'beta' };
      withDefault.schema.required.push('stage');
      expect((await api.put(`/v1/blueprints/${id}`, withDefault)).status).toBe(200);
      expect((await api.get(`/v1/blueprints/${id}/entities/e3`)).body.entity.properties.stage).toBe('beta');
      const staged = await api.post(`/v1/blueprints/${id}/entities/search`, {
        query: { combinator: 'and', rules: [{ property: 'stage', operator: '=', value: 'beta' }] },
      });
      expect(staged.body.entities).toHaveLength(7);

      const required = await api.patch(`/v1/blueprints/${id}`, {
        relations: { parent: { target: id, many: false, required: true } },
      });
      expect(required.status).toBe(409);
      expect(required.body.message).toContain('7 entities');
    });

    it('renames properties and relations with their data', async () => {
      const id = uniqueId('ren');
      await api.post('/v1/blueprints', {
        ...serviceBlueprint(id),
        relations: { deps: { target: id, many: true, required: false } },
      });
      await api.post(`/v1/blueprints/${id}/entities`, { identifier: 'a', properties: { language: 'Go' } });
      await api.post(`/v1/blueprints/${id}/entities`, {
        identifier: 'b',
        properties: { language: 'Python', tier: 2 },
        relations: { deps: ['a'] },
      });
      const renamed = await api.patch(`/v1/blueprints/${id}/properties/language/rename`, {
        newPropertyName: 'lang',
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body.blueprint.schema.required).toEqual(['lang']);
      const rel = await api.patch(`/v1/blueprints/${id}/relations/deps/rename`, {
        newRelationIdentifier: 'dependsOn',
      });
      expect(rel.status).toBe(200);
      const b = await api.get(`/v1/blueprints/${id}/entities/b`);
      expect(b.body.entity.properties).toMatchObject({ lang: 'Python', tier: 2 });
      expect(b.body.entity.relations).toEqual({ dependsOn: ['a'] });
      expect(
        (await api.patch(`/v1/blueprints/${id}/properties/ghost/rename`, { newPropertyName: 'x' })).status,
      ).toBe(404);
      expect(
        (await api.patch(`/v1/blueprints/${id}/properties/tier/rename`, { newPropertyName: 'bad name' }))
          .status,
      ).toBe(422);
    });
  });

  it('keeps other blueprints whole: renames rewrite their paths, breaking changes are refused', async () => {
    const domain = uniqueId('dom');
    const system = uniqueId('sys');
    const service = uniqueId('svc');
    await api.post('/v1/blueprints', {
      identifier: domain,
      title: 'D',
      schema: { properties: { region: { type: 'string' } } },
    });
    await api.post('/v1/blueprints', {
      identifier: system,
      title: 'S',
      schema: { properties: { slug: { type: 'string' }, tier: { type: 'number' } } },
      relations: { domain: { target: domain, many: false, required: false } },
    });
    await api.post('/v1/blueprints', {
      identifier: service,
      title: 'Svc',
      schema: { properties: {} },
      relations: { system: { target: system, many: false, required: false } },
      mirrorProperties: { region: { path: 'system.domain.region' }, tier: { path: 'system.tier' } },
      ownership: { type: 'Inherited', path: 'system.domain' },
    });
    await api.post(`/v1/blueprints/${system}/entities`, {
      identifier: 's1',
      properties: { slug: 'x', tier: 2 },
    });

    const clash = await api.patch(`/v1/blueprints/${system}/properties/slug/rename`, {
      newPropertyName: 'tier',
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toBe('key_exists');
    expect((await api.get(`/v1/blueprints/${system}/entities/s1`)).body.entity.properties).toEqual({
      slug: 'x',
      tier: 2,
    });

    expect(
      (await api.patch(`/v1/blueprints/${system}/relations/domain/rename`, { newRelationIdentifier: 'area' }))
        .status,
    ).toBe(200);
    expect(
      (await api.patch(`/v1/blueprints/${domain}/properties/region/rename`, { newPropertyName: 'zone' }))
        .status,
    ).toBe(200);
    const svc = (await api.get(`/v1/blueprints/${service}`)).body.blueprint;
    expect(svc.mirrorProperties.region.path).toBe('system.area.zone');
    expect(svc.ownership.path).toBe('system.area');

    const breaking = await api.patch(`/v1/blueprints/${system}`, {
      schema: { properties: { slug: { type: 'string' } } },
    });
    expect(breaking.status).toBe(409);
    expect(breaking.body.error).toBe('blueprint_in_use');
    expect(breaking.body.message).toContain(service);
    expect(breaking.body.message).toContain('mirrorProperties.tier.path');
  });

  it('deletes a blueprint with entities only when asked, and not while others relate to it', async () => {
    const target = uniqueId('tgt');
    const source = uniqueId('src');
    await api.post('/v1/blueprints', { identifier: target, title: 'T', schema: { properties: {} } });
    await api.post('/v1/blueprints', {
      identifier: source,
      title: 'S',
      schema: { properties: {} },
      relations: { t: { target, many: false, required: false } },
    });
    await api.post(`/v1/blueprints/${target}/entities`, { identifier: 'x' });
    const inUse = await api.delete(`/v1/blueprints/${target}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.message).toContain(`${source}.relations.t`);
    await api.delete(`/v1/blueprints/${source}`);
    const hasEntities = await api.delete(`/v1/blueprints/${target}`);
    expect(hasEntities.status).toBe(409);
    expect(hasEntities.body.error).toBe('blueprint_has_entities');
    expect((await api.delete(`/v1/blueprints/${target}?delete_entities=true`)).status).toBe(200);
    const audit = await api.get(`/v1/audit-log?blueprint=${target}&resources=entity`);
    expect(audit.body.audits[0]).toMatchObject({ action: 'DELETE', identifier: 'x' });
  });

  it('refuses a PUT or PATCH whose body names another identifier than the path', async () => {
    const bp = uniqueId('named');
    expect(
      (await api.post('/v1/blueprints', { identifier: bp, title: 'N', schema: { properties: {} } })).status,
    ).toBe(201);
    for (const method of ['put', 'patch'] as const) {
      const refused = await api[method](`/v1/blueprints/${bp}`, {
        identifier: `${bp}_2`,
        title: 'M',
        schema: { properties: {} },
      });
      expect(refused.status).toBe(422);
      expect(refused.body.message).toMatch(/^identifier: /);
    }
    expect((await api.get(`/v1/blueprints/${bp}`)).body.blueprint.title).toBe('N');
    expect((await api.patch(`/v1/blueprints/${bp}`, { identifier: bp, title: 'O' })).status).toBe(200);
  });
});
