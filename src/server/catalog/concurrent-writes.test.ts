import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { startTestApp, type TestApp } from '../../../test/app.js';

// Concurrent read-modify-writes of the same entities (issue 10): every write answered 2xx is kept.
describeEachDatabase('concurrent entity writes', (dialect) => {
  const WRITERS = 20;
  const ROUNDS = 3;
  let api: TestApp;
  let blueprint: string;
  beforeAll(async () => {
    api = await startTestApp(dialect);
    blueprint = uniqueId('svc');
    const properties = Object.fromEntries(
      Array.from({ length: WRITERS * ROUNDS }, (_, i) => [`p${i}`, { type: 'number' }]),
    );
    const created = await api.post('/v1/blueprints', {
      identifier: blueprint,
      title: 'Service',
      schema: { properties },
      relations: { next: { target: blueprint, many: false, required: false } },
    });
    expect(created.status).toBe(201);
  });
  afterAll(() => api.close());

  const url = (path = '') => `/v1/blueprints/${blueprint}/entities${path}`;
  const expectedProperties = (count: number) =>
    Object.fromEntries(Array.from({ length: count }, (_, i) => [`p${i}`, i]));

  async function create(identifier: string) {
    const response = await api.post(url(), { identifier, title: 'kept', properties: {} });
    expect(response.status).toBe(201);
  }

  async function propertiesOf(identifier: string) {
    const response = await api.get(url(`/${identifier}`));
    expect(response.status).toBe(200);
    return response.body.entity;
  }

  /**
   * ROUNDS rounds of WRITERS concurrent writes, writer w of round r setting property p(r*WRITERS+w), each
   * answered `status` (a POST 201 as Port documents it, whether it created or updated).
   */
  async function rounds(
    write: (property: string, value: number) => Promise<{ status: number }>,
    status = 200,
  ) {
    const all: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const statuses = await Promise.all(
        Array.from({ length: WRITERS }, (_, w) => {
          const n = round * WRITERS + w;
          return write(`p${n}`, n).then((r) => r.status);
        }),
      );
      all.push(...statuses);
    }
    expect(all).toEqual(Array(WRITERS * ROUNDS).fill(status));
  }

  it('keeps every property of concurrent PATCHes', async () => {
    const id = uniqueId('patched');
    await create(id);
    await rounds((property, value) => api.patch(url(`/${id}`), { properties: { [property]: value } }));
    const entity = await propertiesOf(id);
    expect(entity.properties).toEqual(expectedProperties(WRITERS * ROUNDS));
    expect(entity.title).toBe('kept');
  });

  it('keeps every property of concurrent upserts with merge, the first of which creates the entity', async () => {
    const id = uniqueId('merged');
    await rounds(
      (property, value) =>
        api.post(url('?upsert=true&merge=true'), { identifier: id, properties: { [property]: value } }),
      201,
    );
    expect((await propertiesOf(id)).properties).toEqual(expectedProperties(WRITERS * ROUNDS));
    // Exactly one of them created it.
    const creates = await api.get(`/v1/audit-log?blueprint=${blueprint}&entity=${id}&action=CREATE`);
    expect(creates.body.audits).toHaveLength(1);
  });

  it('keeps every property of concurrent bulk upserts with merge', async () => {
    const ids = [uniqueId('bulk'), uniqueId('bulk'), uniqueId('bulk')];
    await create(ids[0]!);
    await rounds((property, value) =>
      api.post(url('/bulk?upsert=true&merge=true'), {
        entities: ids.map((identifier) => ({ identifier, properties: { [property]: value } })),
      }),
    );
    for (const id of ids)
      expect((await propertiesOf(id)).properties).toEqual(expectedProperties(WRITERS * ROUNDS));
    expect((await propertiesOf(ids[0]!)).title).toBe('kept');
  });

  it('never turns an entity written in full into a stub for a relation pointing at it', async () => {
    const BATCHES = 6;
    const SIZE = 5;
    for (let round = 0; round < ROUNDS; round++) {
      const name = (batch: number, item: number) => `${blueprint}-r${round}-b${batch}-${item}`;
      const statuses = await Promise.all(
        Array.from({ length: BATCHES }, (_, batch) =>
          api
            .post(url('/bulk?upsert=true&create_missing_related_entities=true'), {
              entities: Array.from({ length: SIZE }, (_, item) => ({
                identifier: name(batch, item),
                title: `title ${batch}-${item}`,
                properties: { p0: batch, p1: item },
                relations: batch > 0 ? { next: name(batch - 1, SIZE - 1) } : {},
              })),
            })
            .then((r) => r.status),
        ),
      );
      expect(statuses).toEqual(Array(BATCHES).fill(200));
      for (let batch = 0; batch < BATCHES; batch++)
        for (let item = 0; item < SIZE; item++) {
          const entity = await propertiesOf(name(batch, item));
          expect(entity.title).toBe(`title ${batch}-${item}`);
          expect(entity.properties).toEqual({ p0: batch, p1: item });
          expect(entity.relations.next).toBe(batch > 0 ? name(batch - 1, SIZE - 1) : null);
        }
      // A stub that found the entity written meanwhile inserted nothing, and recorded nothing either: one
      // CREATE each, of the stub or of the entity, whichever came first.
      for (let batch = 0; batch < BATCHES - 1; batch++) {
        const identifier = name(batch, SIZE - 1);
        const creates = await api.get(
          `/v1/audit-log?blueprint=${blueprint}&entity=${identifier}&action=CREATE`,
        );
        expect(creates.body.audits).toHaveLength(1);
      }
    }
  });

  it('records the creation of a stub once, whichever of two writes pointing at it inserts it', async () => {
    const target = uniqueId('stubbed');
    const statuses = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        api
          .post(url('?upsert=true&create_missing_related_entities=true'), {
            identifier: `${target}-source-${i}`,
            relations: { next: target },
          })
          .then((r) => r.status),
      ),
    );
    expect(statuses).toEqual(Array(WRITERS).fill(201));
    const creates = await api.get(`/v1/audit-log?blueprint=${blueprint}&entity=${target}&action=CREATE`);
    expect(creates.body.audits).toHaveLength(1);
    expect((await propertiesOf(target)).title).toBeNull();
  });

  it('answers a write pointing at an entity deleted at the same moment as if it were missing, never 500', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const target = (i: number) => `${blueprint}-gone-${round}-${i}`;
      for (let i = 0; i < WRITERS; i++) await create(target(i));
      const answers = await Promise.all(
        Array.from({ length: WRITERS }, (_, i) => [
          api.delete(url(`/${target(i)}`)),
          api.post(url('?upsert=true'), {
            identifier: `${target(i)}-source`,
            relations: { next: target(i) },
          }),
          api.post(url('/bulk?upsert=true'), {
            entities: [
              { identifier: `${target(i)}-bulk`, relations: { next: target(i) } },
              { identifier: `${target(i)}-bystander` },
            ],
          }),
        ]).flat(),
      );
      for (let i = 0; i < WRITERS; i++) {
        const [deleted, single, bulk] = answers.slice(3 * i, 3 * i + 3);
        expect(deleted!.status).toBe(200);
        expect([201, 404]).toContain(single!.status);
        expect([200, 207]).toContain(bulk!.status);
        if (bulk!.status === 207) expect(bulk!.body.errors[0]).toMatchObject({ index: 0, statusCode: 404 });
        // Written before the delete, the relation went with the target; after it, the write was refused.
        if (single!.status === 201)
          expect((await propertiesOf(`${target(i)}-source`)).relations.next).toBeNull();
      }
    }
  });

  it('deletes an entity once when many delete it at the same moment: one 200, the others 404', async () => {
    const id = uniqueId('deleted');
    await create(id);
    const statuses = await Promise.all(
      Array.from({ length: WRITERS }, () => api.delete(url(`/${id}`)).then((r) => r.status)),
    );
    expect(statuses.sort()).toEqual([200, ...Array(WRITERS - 1).fill(404)]);
    const deletes = await api.get(`/v1/audit-log?blueprint=${blueprint}&entity=${id}&action=DELETE`);
    expect(deletes.body.audits).toHaveLength(1);
  });

  it('never lets a delete take the target of a required relation written at the same moment', async () => {
    const dependent = uniqueId('dependent');
    expect(
      (
        await api.post('/v1/blueprints', {
          identifier: dependent,
          title: 'Dependent',
          schema: { properties: {} },
          relations: { on: { target: blueprint, many: false, required: true } },
        })
      ).status,
    ).toBe(201);
    const target = (i: number) => `${dependent}-target-${i}`;
    for (let i = 0; i < WRITERS; i++) await create(target(i));
    const answers = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => [
        api.post(`/v1/blueprints/${dependent}/entities`, {
          identifier: `d${i}`,
          relations: { on: target(i) },
        }),
        api.delete(url(`/${target(i)}`)),
      ]).flat(),
    );
    for (let i = 0; i < WRITERS; i++) {
      const [written, deleted] = [answers[2 * i]!.status, answers[2 * i + 1]!.status];
      // Either the write came first and the delete finds its dependent, or the delete came first.
      expect([
        [201, 409],
        [404, 200],
      ]).toContainEqual([written, deleted]);
      if (written === 201) {
        const stored = await api.get(`/v1/blueprints/${dependent}/entities/d${i}`);
        expect(stored.body.entity.relations.on).toBe(target(i));
      }
    }
  });

  it('creates an entity once when many create it at the same moment: the others get 409 entity_exists', async () => {
    const id = uniqueId('created');
    const answers = await Promise.all(
      Array.from({ length: WRITERS }, () => api.post(url(), { identifier: id, properties: {} })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array(WRITERS - 1).fill(409)]);
    for (const answer of answers.filter((a) => a.status === 409))
      expect(answer.body).toMatchObject({
        error: 'entity_exists',
        message: `Entity "${id}" already exists in blueprint "${blueprint}"`,
      });
  });
});
