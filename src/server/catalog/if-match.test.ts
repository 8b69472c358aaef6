import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';

// Optimistic concurrency (issue 10): entities and blueprints carry a version and an ETag, and If-Match
// makes PUT, PATCH and DELETE refuse with 412 what changed since the client read it.
describeEachDatabase('If-Match', (dialect) => {
  let api: TestApp;
  let bp: string;
  beforeAll(async () => {
    api = await startTestApp(dialect);
    bp = uniqueId('versioned');
    const created = await api.post('/v1/blueprints', {
      identifier: bp,
      title: 'Versioned',
      schema: { properties: { count: { type: 'number' }, note: { type: 'string' } } },
    });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe(`"${created.body.blueprint.version}"`);
  });
  afterAll(() => api.close());

  const url = (id: string) => `/v1/blueprints/${bp}/entities/${id}`;
  const ifMatch = (tag: string) => ({ 'if-match': tag });

  async function create(identifier: string) {
    const created = await api.post(`/v1/blueprints/${bp}/entities`, { identifier, properties: { count: 0 } });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe(`"${created.body.entity.version}"`);
    return created.headers.etag as string;
  }

  it('writes when the version is current and refuses a stale one with 412, for PATCH, PUT and DELETE', async () => {
    const id = uniqueId('e');
    const first = await create(id);
    const read = await api.get(url(id));
    expect(read.headers.etag).toBe(first);
    expect(read.body.entity.version).toBe(first.slice(1, -1));

    const patched = await api.patch(url(id), { properties: { note: 'a' } }, ifMatch(first));
    expect(patched.status).toBe(200);
    const second = patched.headers.etag as string;
    expect(second).not.toBe(first);
    expect((await api.get(url(id))).headers.etag).toBe(second);

    for (const stale of [
      () => api.patch(url(id), { properties: { note: 'lost' } }, ifMatch(first)),
      () => api.put(url(id), { properties: { count: 9 } }, ifMatch(first)),
      () => api.delete(url(id), ifMatch(first)),
      // A weak tag never matches: If-Match compares strongly.
      () => api.patch(url(id), { properties: { note: 'lost' } }, ifMatch(`W/${second}`)),
    ]) {
      const refused = await stale();
      expect(refused.status).toBe(412);
      expect(refused.body).toMatchObject({ ok: false, error: 'precondition_failed' });
      expect(refused.body.message).toContain(`entity "${id}" of blueprint "${bp}"`);
    }
    const kept = (await api.get(url(id))).body.entity;
    expect(kept.properties).toEqual({ count: 0, note: 'a' });

    // Any of several tags, or "*", matches; the unquoted form is taken too.
    const put = await api.put(url(id), { properties: { count: 1 } }, ifMatch(`${first}, ${second}`));
    expect(put.status).toBe(200);
    const star = await api.patch(url(id), { properties: { note: 'b' } }, ifMatch('*'));
    expect(star.status).toBe(200);
    expect((await api.delete(url(id), ifMatch((star.headers.etag as string).slice(1, -1)))).status).toBe(200);
    expect((await api.get(url(id))).status).toBe(404);
    expect((await api.patch(url(id), { properties: { note: 'c' } }, ifMatch('*'))).status).toBe(404);
  });

  it('never matches a version of an entity that was deleted and created again', async () => {
    const id = uniqueId('reborn');
    const before = await create(id);
    expect((await api.delete(url(id))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const after = await create(id);
    expect(after).not.toBe(before);
    expect((await api.patch(url(id), { properties: { note: 'x' } }, ifMatch(before))).status).toBe(412);
  });

  it('counts every increment of 20 concurrent clients that read, add one and write with If-Match', async () => {
    const id = uniqueId('counter');
    await create(id);
    const CLIENTS = 20;
    let refused = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let attempt = 0; attempt < 200; attempt++) {
          const read = await api.get(url(id));
          const count = read.body.entity.properties.count as number;
          const written = await api.patch(
            url(id),
            { properties: { count: count + 1 } },
            ifMatch(read.headers.etag as string),
          );
          if (written.status === 200) return;
          expect(written.status).toBe(412);
          refused++;
        }
        throw new Error('an increment never landed');
      }),
    );
    expect((await api.get(url(id))).body.entity.properties.count).toBe(CLIENTS);
    // The clients did collide: without If-Match, those increments would have been lost.
    expect(refused).toBeGreaterThan(0);
  });

  it('guards blueprint PUT and DELETE too', async () => {
    const other = uniqueId('guarded');
    const created = await api.post('/v1/blueprints', {
      identifier: other,
      title: 'G',
      schema: { properties: {} },
    });
    const first = created.headers.etag as string;
    const changed = await api.patch(`/v1/blueprints/${other}`, { title: 'G2' }, ifMatch(first));
    expect(changed.status).toBe(200);
    const body = { identifier: other, title: 'G3', schema: { properties: {} } };
    expect((await api.put(`/v1/blueprints/${other}`, body, ifMatch(first))).status).toBe(412);
    expect((await api.delete(`/v1/blueprints/${other}`, ifMatch(first))).status).toBe(412);
    expect((await api.get(`/v1/blueprints/${other}`)).body.blueprint.title).toBe('G2');
    expect(
      (await api.delete(`/v1/blueprints/${other}`, ifMatch(changed.headers.etag as string))).status,
    ).toBe(200);
  });

  it('guards a single upsert and a rename of a blueprint key, and refuses an If-Match it cannot evaluate', async () => {
    const id = uniqueId('upserted');
    const upsert = (headers: Record<string, string>) =>
      api.post(
        `/v1/blueprints/${bp}/entities?upsert=true`,
        { identifier: id, properties: { count: 1 } },
        headers,
      );
    // No entity, no version: If-Match (even *) refuses to create one.
    for (const tag of ['*', '"1-abc"']) {
      const refused = await upsert(ifMatch(tag));
      expect(refused.status).toBe(412);
      expect(refused.body.message).toContain(`entity "${id}" of blueprint "${bp}" does not exist`);
    }
    const first = await create(id);
    expect((await upsert(ifMatch(first))).status).toBe(201);
    expect((await upsert(ifMatch(first))).status).toBe(412);

    const blueprint = await api.get(`/v1/blueprints/${bp}`);
    const rename = (headers: Record<string, string>) =>
      api.request(
        'PATCH',
        `/v1/blueprints/${bp}/properties/note/rename`,
        { newPropertyName: 'remark' },
        headers,
      );
    expect((await rename(ifMatch('"0-stale"'))).status).toBe(412);
    const renamed = await rename(ifMatch(blueprint.headers.etag as string));
    expect(renamed.status).toBe(200);
    expect(renamed.body.blueprint.schema.properties).toHaveProperty('remark');

    const bulk = await api.post(
      `/v1/blueprints/${bp}/entities/bulk?upsert=true`,
      { entities: [{ identifier: id }] },
      ifMatch(first),
    );
    expect(bulk.status).toBe(400);
    expect(bulk.body).toMatchObject({ error: 'if_match_unsupported' });
    expect(bulk.body.message).toMatch(/^headers\.if-match: /);
    for (const garbage of ['', '   ', ',,,', '""', '"', '"a"b"', 'W/', '"v"garbage', 'a b'])
      expect((await api.patch(url(id), { properties: {} }, ifMatch(garbage))).body).toMatchObject({
        ok: false,
        error: 'invalid_if_match',
      });
  });

  it('gives an entity a new version when its relations read differently: a target renamed or deleted, a relation renamed', async () => {
    const linked = uniqueId('linked');
    expect(
      (
        await api.post('/v1/blueprints', {
          identifier: linked,
          title: 'Linked',
          schema: { properties: {} },
          relations: { to: { target: bp, many: true, required: false } },
        })
      ).status,
    ).toBe(201);
    const [a, b] = [uniqueId('a'), uniqueId('b')];
    await create(a);
    await create(b);
    const source = await api.post(`/v1/blueprints/${linked}/entities`, {
      identifier: 's',
      relations: { to: [a, b] },
    });
    let tag = source.headers.etag as string;
    const changes = [
      () => api.patch(url(a), { identifier: `${a}-renamed` }),
      () => api.delete(url(b)),
      () =>
        api.request('PATCH', `/v1/blueprints/${linked}/relations/to/rename`, {
          newRelationIdentifier: 'towards',
        }),
    ];
    for (const change of changes) {
      expect((await change()).status).toBe(200);
      const read = await api.get(`/v1/blueprints/${linked}/entities/s`);
      expect(read.headers.etag).not.toBe(tag);
      tag = read.headers.etag as string;
    }
    expect((await api.get(`/v1/blueprints/${linked}/entities/s`)).body.entity.relations).toEqual({
      towards: [`${a}-renamed`],
    });
  });
});
