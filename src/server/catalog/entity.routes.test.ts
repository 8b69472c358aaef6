import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { startTestApp, type TestApp } from '../../../test/app.js';

describeEachDatabase('entity routes', (dialect) => {
  let api: TestApp;
  let system: string;
  let service: string;
  beforeAll(async () => {
    api = await startTestApp(dialect);
  });
  afterAll(() => api.close());

  async function model() {
    system = uniqueId('system');
    service = uniqueId('service');
    expect(
      (
        await api.post('/v1/blueprints', {
          identifier: system,
          title: 'System',
          schema: { properties: { tier: { type: 'number' } } },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api.post('/v1/blueprints', {
          identifier: service,
          title: 'Service',
          schema: {
            properties: {
              language: { type: 'string', enum: ['Go', 'Python'] },
              lifecycle: { type: 'string', default: 'production' },
              tier: { type: 'number' },
              link: { type: 'object', format: 'labeled-url' },
              url: { type: 'string', format: 'url' },
            },
            required: ['language'],
          },
          relations: {
            system: { target: system, many: false, required: false },
            dependsOn: { target: service, many: true, required: false },
          },
        })
      ).status,
    ).toBe(201);
    for (const id of ['payments', 'orders'])
      expect(
        (
          await api.post(`/v1/blueprints/${system}/entities`, {
            identifier: id,
            title: id,
            properties: { tier: 1 },
          })
        ).status,
      ).toBe(201);
  }

  it('creates an entity with defaults and relations, reads it back, and refuses a duplicate', async () => {
    await model();
    await api.post('/v1/blueprints/_team/entities?upsert=true', { identifier: 'checkout' });
    const created = await api.post(`/v1/blueprints/${service}/entities`, {
      identifier: 'cart',
      title: 'Cart',
      icon: 'Microservice',
      blueprint: service,
      team: 'checkout',
      properties: { language: 'Go', link: { url: 'https://x.example', displayText: 'X' } },
      relations: { system: 'payments' },
    });
    expect(created.status).toBe(201);
    expect(created.body.entity).toMatchObject({
      identifier: 'cart',
      title: 'Cart',
      blueprint: service,
      team: ['checkout'],
      properties: { language: 'Go', lifecycle: 'production' },
      relations: { system: 'payments', dependsOn: [] },
      createdBy: api.clientId,
    });
    const read = await api.get(`/v1/blueprints/${service}/entities/cart`);
    expect(read.body.entity).toEqual(created.body.entity);
    const dup = await api.post(`/v1/blueprints/${service}/entities`, {
      identifier: 'cart',
      properties: { language: 'Go' },
    });
    expect(dup.status).toBe(409);
    expect(await api.get(`/v1/blueprints/${service}/entities-count`)).toMatchObject({
      body: { ok: true, count: 1 },
    });
  });

  it('upserts by replace and by merge, PATCHes, PUTs and renames', async () => {
    await model();
    const url = `/v1/blueprints/${service}/entities`;
    await api.post(url, {
      identifier: 'a',
      title: 'A',
      properties: { language: 'Go', tier: 1 },
      relations: { system: 'payments' },
    });
    const merged = await api.post(`${url}?upsert=true&merge=true`, {
      identifier: 'a',
      properties: { tier: 2 },
    });
    // Port documents 201 for a POST, whether its upsert created the entity or updated it.
    expect(merged.status).toBe(201);
    expect(merged.body.entity).toMatchObject({
      title: 'A',
      properties: { language: 'Go', tier: 2 },
      relations: { system: 'payments' },
    });
    const replaced = await api.post(`${url}?upsert=true`, {
      identifier: 'a',
      properties: { language: 'Python' },
    });
    expect(replaced.body.entity.title).toBeNull();
    expect(replaced.body.entity.properties).toEqual({ language: 'Python', lifecycle: 'production' });
    expect(replaced.body.entity.relations.system).toBeNull();

    const patched = await api.patch(`${url}/a`, {
      relations: { dependsOn: ['a'] },
      properties: { tier: null },
    });
    expect(patched.body.entity.relations.dependsOn).toEqual(['a']);
    expect(patched.body.entity.properties.tier).toBeUndefined();
    const put = await api.put(`${url}/a`, { properties: { language: 'Go' }, title: 'Again' });
    expect(put.body.entity).toMatchObject({ title: 'Again', relations: { dependsOn: [] } });
    expect((await api.patch(`${url}/ghost`, { title: 'x' })).status).toBe(404);

    const renamed = await api.patch(`${url}/a`, { identifier: 'a2' });
    expect(renamed.body.entity.identifier).toBe('a2');
    expect((await api.get(`${url}/a`)).status).toBe(404);
    expect((await api.get(`${url}/a2`)).body.entity.title).toBe('Again');

    const long = `l/${'x'.repeat(990)}`;
    expect((await api.post(url, { identifier: long, properties: { language: 'Go' } })).status).toBe(201);
    expect((await api.get(`${url}/${encodeURIComponent(long)}`)).body.entity.identifier).toBe(long);
  });

  it('sets relations by list, null and search query, and can create missing targets', async () => {
    await model();
    const url = `/v1/blueprints/${service}/entities`;
    const byQuery = await api.post(url, {
      identifier: 'q',
      properties: { language: 'Go' },
      relations: {
        system: { combinator: 'and', rules: [{ property: '$identifier', operator: '=', value: 'orders' }] },
      },
    });
    expect(byQuery.status).toBe(201);
    expect(byQuery.body.entity.relations.system).toBe('orders');
    const missing = await api.post(url, {
      identifier: 'm',
      properties: { language: 'Go' },
      relations: { system: 'ghost' },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('relations.system');
    expect((await api.get(`${url}/m`)).status).toBe(404);
    const stubbed = await api.post(`${url}?create_missing_related_entities=true`, {
      identifier: 'm',
      properties: { language: 'Go' },
      relations: { system: 'ghost' },
    });
    expect(stubbed.status).toBe(201);
    expect((await api.get(`/v1/blueprints/${system}/entities/ghost`)).status).toBe(200);
    expect((await api.get(`/v1/blueprints/${system}/entities/ghost`)).body.entity.properties).toEqual({});
    const strict = uniqueId('strict');
    await api.post('/v1/blueprints', {
      identifier: strict,
      title: 'Strict',
      schema: {
        properties: { owner: { type: 'string' }, level: { type: 'number', default: 1 } },
        required: ['owner'],
      },
    });
    await api.patch(`/v1/blueprints/${service}`, {
      relations: {
        system: { target: system, many: false, required: false },
        dependsOn: { target: service, many: true, required: false },
        strict: { target: strict, many: false, required: false },
      },
    });
    const refusedStub = await api.post(`${url}?create_missing_related_entities=true`, {
      identifier: 'needs-strict',
      properties: { language: 'Go' },
      relations: { strict: 'nobody' },
    });
    expect(refusedStub.status).toBe(422);
    expect(refusedStub.body.message).toContain('properties.owner');
    expect((await api.get(`/v1/blueprints/${strict}/entities-count`)).body.count).toBe(0);
    expect((await api.get(`${url}/needs-strict`)).status).toBe(404);
    const cleared = await api.patch(`${url}/m`, { relations: { system: null } });
    expect(cleared.body.entity.relations.system).toBeNull();
    const tooMany = await api.post(url, {
      identifier: 'n',
      properties: { language: 'Go' },
      relations: { system: ['payments', 'orders'] },
    });
    expect(tooMany.status).toBe(422);
    const byIdentifierQuery = await api.post(`${url}?upsert=true&merge=true`, {
      identifier: { combinator: 'and', rules: [{ property: '$identifier', operator: '=', value: 'q' }] },
      title: 'found by query',
    });
    expect(byIdentifierQuery.body.entity).toMatchObject({ identifier: 'q', title: 'found by query' });
  });

  it('validates without writing when asked, and refuses invalid entities naming the field', async () => {
    await model();
    const url = `/v1/blueprints/${service}/entities`;
    const dry = await api.post(`${url}?validation_only=true`, {
      identifier: 'dry',
      properties: { language: 'Go' },
    });
    expect(dry.status).toBe(201);
    expect((await api.get(`${url}/dry`)).status).toBe(404);
    const cases: Array<[unknown, number, string]> = [
      [{ identifier: 'x', properties: { language: 'Rust' } }, 422, 'properties.language'],
      [{ identifier: 'x', properties: { language: 'Go', ghost: 1 } }, 422, 'properties.ghost'],
      [{ identifier: 'x', properties: {} }, 422, 'properties.language'],
      [{ identifier: 'x', properties: { language: 'Go', tier: 'one' } }, 422, 'properties.tier'],
      [{ identifier: 'x', properties: { language: 'Go', url: 'not a url' } }, 422, 'properties.url'],
      [
        { identifier: 'x', properties: { language: 'Go', url: 'javascript:alert(1)' } },
        422,
        'properties.url',
      ],
      [
        { identifier: 'x', properties: { language: 'Go', link: { displayText: 'no url' } } },
        422,
        'properties.link',
      ],
      [{ identifier: 'has space', properties: { language: 'Go' } }, 422, 'identifier'],
      [{ identifier: 'x'.repeat(1001), properties: { language: 'Go' } }, 422, 'identifier'],
      [
        { identifier: 'x', properties: { language: 'Go' }, relations: { ghost: 'a' } },
        422,
        'relations.ghost',
      ],
      [{ identifier: 'x', blueprint: 'other', properties: { language: 'Go' } }, 422, 'blueprint'],
      [{ identifier: 'x', properties: { language: 'Go' }, title: 5 }, 422, 'title'],
      [{ identifier: 'x', properties: [] }, 422, 'properties'],
      [{ properties: { language: 'Go' } }, 422, 'identifier'],
    ];
    for (const [body, status, field] of cases) {
      // Strict: an undeclared property is refused by name too (undeclared-properties.test.ts).
      const response = await api.post(`${url}?strict=true`, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.body.message).toContain(field);
    }
    expect((await api.get(`/v1/blueprints/${service}/entities-count`)).body.count).toBe(0);
    expect((await api.post(`/v1/blueprints/${uniqueId('ghost')}/entities`, { identifier: 'x' })).status).toBe(
      404,
    );
  });

  it('bulk-writes 1,000 items, answering 207 with per-item errors that leave the others written', async () => {
    await model();
    const entities = Array.from({ length: 1000 }, (_, i) => ({
      identifier: `svc-${i}`,
      properties: { language: i % 100 === 7 ? 'Cobol' : 'Go', tier: i % 3 },
      relations: { system: i % 2 ? 'payments' : 'orders', dependsOn: i > 0 ? [`svc-${i - 1}`] : [] },
    }));
    const response = await api.post(`/v1/blueprints/${service}/entities/bulk`, { entities });
    expect(response.status).toBe(207);
    expect(response.body.ok).toBe(false);
    // 10 invalid items; each one's successor depends on it and fails with it, in a chain to the next bad one.
    expect(response.body.errors[0]).toMatchObject({
      index: 7,
      identifier: 'svc-7',
      statusCode: 422,
      error: 'invalid_properties',
    });
    expect(response.body.errors[0].message).toContain('properties.language');
    const failed = new Set(response.body.errors.map((e: { index: number }) => e.index));
    expect(failed.has(8)).toBe(true);
    expect(response.body.entities.length + response.body.errors.length).toBe(1000);
    expect(response.body.entities[0]).toEqual({
      created: true,
      identifier: 'svc-0',
      index: 0,
      additionalData: {},
    });
    const count = await api.get(`/v1/blueprints/${service}/entities-count`);
    expect(count.body.count).toBe(response.body.entities.length);
    const five = await api.get(`/v1/blueprints/${service}/entities/svc-5`);
    expect(five.body.entity.relations).toEqual({ system: 'payments', dependsOn: ['svc-4'] });

    const ok = await api.post(`/v1/blueprints/${service}/entities/bulk?upsert=true&merge=true`, {
      entities: [
        { identifier: 'svc-0', title: 'zero' },
        { identifier: 'svc-0', title: 'zero again' },
      ],
    });
    expect(ok.status).toBe(200);
    expect((await api.get(`/v1/blueprints/${service}/entities/svc-0`)).body.entity.title).toBe('zero again');
  });

  it('keeps the other items of a bulk when the database refuses one (an over-long indexed value on PostgreSQL)', async () => {
    await model();
    // Random text: PostgreSQL compresses index entries, so a repeated character would still fit.
    const huge = `https://example.com/${Array.from({ length: 6000 }, () => Math.random().toString(36)[2]).join('')}`;
    const response = await api.post(`/v1/blueprints/${service}/entities/bulk`, {
      entities: [
        { identifier: 'ok-1', properties: { language: 'Go' } },
        { identifier: 'huge', properties: { language: 'Go', url: huge } },
        { identifier: 'ok-2', properties: { language: 'Go' } },
      ],
    });
    const written = dialect === 'postgres' ? 2 : 3;
    expect(response.status).toBe(dialect === 'postgres' ? 207 : 200);
    if (dialect === 'postgres')
      expect(response.body.errors).toEqual([
        expect.objectContaining({ index: 1, identifier: 'huge', statusCode: 422, error: 'value_too_large' }),
      ]);
    expect((await api.get(`/v1/blueprints/${service}/entities-count`)).body.count).toBe(written);
  });

  it('survives concurrent bulk upserts of the same entities in opposite orders', async () => {
    await model();
    const items = Array.from({ length: 300 }, (_, i) => ({
      identifier: `c${i}`,
      properties: { language: 'Go', tier: i },
      relations: { system: i % 2 ? 'payments' : 'orders' },
    }));
    const url = `/v1/blueprints/${service}/entities/bulk?upsert=true`;
    const requests = Array.from({ length: 6 }, (_, round) =>
      api.post(url, { entities: round % 2 ? [...items].reverse() : items }),
    );
    const responses = await Promise.all(requests);
    for (const response of responses) {
      expect([200, 207]).toContain(response.status);
      for (const error of response.body.errors) expect(error.statusCode).toBe(409);
    }
    expect(responses.some((r) => r.status === 200)).toBe(true);
    expect((await api.get(`/v1/blueprints/${service}/entities-count`)).body.count).toBe(300);
    expect((await api.get(`/v1/blueprints/${service}/entities/c7`)).body.entity.relations.system).toBe(
      'payments',
    );
  });

  it('answers 409 to all but one of concurrent creates of the same entity', async () => {
    await model();
    const responses = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        api.post(`/v1/blueprints/${service}/entities`, {
          identifier: 'race',
          title: `t${i}`,
          properties: { language: 'Go' },
        }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    const winner = responses.find((r) => r.status === 201)!;
    expect((await api.get(`/v1/blueprints/${service}/entities/race`)).body.entity.title).toBe(
      winner.body.entity.title,
    );
    const creates = await api.get(`/v1/audit-log?blueprint=${service}&entity=race&action=CREATE`);
    expect(creates.body.audits).toHaveLength(1);
  });

  it('deletes entities, guarding required dependents, in bulk and all at once', async () => {
    const parent = uniqueId('parent');
    const child = uniqueId('child');
    await api.post('/v1/blueprints', { identifier: parent, title: 'P', schema: { properties: {} } });
    await api.post('/v1/blueprints', {
      identifier: child,
      title: 'C',
      schema: { properties: {} },
      relations: { parent: { target: parent, many: false, required: true } },
    });
    await api.post(`/v1/blueprints/${parent}/entities/bulk`, {
      entities: [{ identifier: 'p1' }, { identifier: 'p2' }, { identifier: 'p3' }],
    });
    await api.post(`/v1/blueprints/${child}/entities`, { identifier: 'c1', relations: { parent: 'p1' } });
    const blocked = await api.delete(`/v1/blueprints/${parent}/entities/p1`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toContain('c1');
    expect((await api.delete(`/v1/blueprints/${parent}/entities/p1?delete_dependents=true`)).status).toBe(
      200,
    );
    expect((await api.get(`/v1/blueprints/${child}/entities/c1`)).status).toBe(404);

    const missing = await api.post(`/v1/blueprints/${parent}/bulk/entities/delete`, {
      entities: ['p2', 'ghost'],
    });
    expect(missing.status).toBe(404);
    expect((await api.get(`/v1/blueprints/${parent}/entities/p2`)).status).toBe(200);
    const bulk = await api.post(`/v1/blueprints/${parent}/bulk/entities/delete`, { entities: ['p2'] });
    expect(bulk.body).toEqual({ ok: true, deletedEntities: ['p2'] });
    expect((await api.delete(`/v1/blueprints/${parent}/all-entities`)).status).toBe(200);
    expect((await api.get(`/v1/blueprints/${parent}/entities-count`)).body.count).toBe(0);
    expect((await api.delete(`/v1/blueprints/${child}/all-entities?delete_blueprint=true`)).status).toBe(200);
    expect((await api.get(`/v1/blueprints/${child}`)).status).toBe(404);
  });

  it('lists entities page by page and projects include/exclude', async () => {
    await model();
    const entities = Array.from({ length: 25 }, (_, i) => ({
      identifier: `e${i}`,
      properties: { language: 'Go', tier: i },
    }));
    await api.post(`/v1/blueprints/${service}/entities/bulk`, { entities });
    const seen: string[] = [];
    let from: string | undefined;
    do {
      const page = await api.get(
        `/v1/blueprints/${service}/entities?limit=10${from ? `&from=${encodeURIComponent(from)}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.entities.map((e: { identifier: string }) => e.identifier));
      from = page.body.next;
    } while (from);
    expect(seen).toEqual(entities.map((e) => e.identifier));
    const projected = await api.get(`/v1/blueprints/${service}/entities/e3?include=$identifier&include=tier`);
    expect(projected.body.entity).toEqual({ identifier: 'e3', properties: { tier: 3 } });
  });

  it('records every write in the audit log with its diff', async () => {
    await model();
    const url = `/v1/blueprints/${service}/entities`;
    await api.post(url, { identifier: 'aud', properties: { language: 'Go' } });
    await api.patch(`${url}/aud`, { properties: { tier: 3 } });
    await api.delete(`${url}/aud`);
    const log = await api.get(`/v1/audit-log?entity=aud&blueprint=${service}`);
    expect(log.body.audits.map((a: { action: string }) => a.action)).toEqual(['DELETE', 'UPDATE', 'CREATE']);
    const update = log.body.audits[1];
    expect(update.diff.before.properties.tier).toBeUndefined();
    expect(update.diff.after.properties.tier).toBe(3);
    expect(update.trigger).toMatchObject({ by: { userId: api.clientId }, origin: 'API' });
    expect(update.resourceType).toBe('entity');
    const failedWrite = await api.post(url, { identifier: 'nope', properties: { language: 'Rust' } });
    expect(failedWrite.status).toBe(422);
    expect((await api.get(`/v1/audit-log?entity=nope`)).body.audits).toEqual([]);
    const filtered = await api.get(`/v1/audit-log?entity=aud&action=UPDATE&limit=1`);
    expect(filtered.body.audits).toHaveLength(1);
  });
});

describeEachDatabase('entity size', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp(dialect);
  });
  afterAll(() => api.close());

  it('refuses properties over 1 MiB as JSON, also when a merge grows them there, and writes nothing', async () => {
    const bp = uniqueId('docs');
    const created = await api.post('/v1/blueprints', {
      identifier: bp,
      title: 'Docs',
      schema: { properties: { a: { type: 'string' }, b: { type: 'string' } } },
    });
    expect(created.status).toBe(201);
    const tooBig = await api.post(`/v1/blueprints/${bp}/entities`, {
      identifier: 'big',
      properties: { a: 'x'.repeat(1024 * 1024) },
    });
    expect(tooBig.status).toBe(422);
    expect(tooBig.body.error).toBe('entity_too_large');
    expect(tooBig.body.message).toMatch(/over the limit of 1048576 \(1 MiB\)/);
    expect((await api.get(`/v1/blueprints/${bp}/entities/big`)).status).toBe(404);

    const half = 'y'.repeat(600 * 1024);
    expect(
      (await api.post(`/v1/blueprints/${bp}/entities`, { identifier: 'e', properties: { a: half } })).status,
    ).toBe(201);
    const grown = await api.patch(`/v1/blueprints/${bp}/entities/e`, { properties: { b: half } });
    expect(grown.status).toBe(422);
    expect(grown.body.error).toBe('entity_too_large');
    const stored = await api.get(`/v1/blueprints/${bp}/entities/e`);
    expect(Object.keys(stored.body.entity.properties)).toEqual(['a']);
  });

  it('writes the rest of a bulk request when the database refuses one item, and fails those pointing at it', async () => {
    const bp = uniqueId('refused');
    const created = await api.post('/v1/blueprints', {
      identifier: bp,
      title: 'Refused',
      schema: { properties: { url: { type: 'string', format: 'url' } } },
      relations: { parent: { target: bp, many: false, required: false } },
    });
    expect(created.status).toBe(201);
    // Random, so that PostgreSQL cannot compress it under its index's limit (~2.7 kB per entry).
    const huge = `https://example.com/${Array.from({ length: 6000 }, () => Math.random().toString(36)[2]).join('')}`;
    const response = await api.post(`/v1/blueprints/${bp}/entities/bulk`, {
      entities: [
        { identifier: 'child', relations: { parent: 'huge' } },
        { identifier: 'ok', properties: { url: 'https://example.com' } },
        { identifier: 'huge', properties: { url: huge } },
        { identifier: 'grandchild', relations: { parent: 'child' } },
      ],
    });
    const stored = async (id: string) => (await api.get(`/v1/blueprints/${bp}/entities/${id}`)).status;
    if (dialect === 'sqlite') {
      // SQLite indexes a value of any length: nothing to refuse.
      expect(response.status).toBe(200);
      return;
    }
    expect(response.status).toBe(207);
    expect(response.body.entities.map((e: { identifier: string }) => e.identifier)).toEqual(['ok']);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ index: 0, identifier: 'child', error: 'related_entity_failed' }),
      expect.objectContaining({ index: 2, identifier: 'huge', error: 'value_too_large' }),
      expect.objectContaining({ index: 3, identifier: 'grandchild', error: 'related_entity_failed' }),
    ]);
    expect([
      await stored('ok'),
      await stored('huge'),
      await stored('child'),
      await stored('grandchild'),
    ]).toEqual([200, 404, 404, 404]);
  });
});
