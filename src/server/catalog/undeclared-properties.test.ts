import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';

/**
 * Port leaves out properties a blueprint does not declare, and its own tools rely on it: Ocean's
 * fake-integration maps `name` and `department` onto `fake-person`, which declares neither, and
 * backstage-import writes `type` on System. Portico does the same, names them in the answer and the log,
 * and refuses them with `?strict=true`.
 */
describeEachDatabase('undeclared entity properties', (dialect) => {
  let api: TestApp;
  const logged: Array<Record<string, unknown>> = [];
  const person = uniqueId('fake_person');

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) if (line) logged.push(JSON.parse(line));
        done();
      },
    });
    api = await startTestApp(dialect, { logger: { level: 'warn', stream } });
    // fake-integration's blueprint: `age` and `status` only.
    const created = await api.post('/v1/blueprints', {
      identifier: person,
      title: 'Fake person',
      schema: {
        properties: { age: { type: 'number' }, status: { type: 'string', enum: ['WORKING', 'NOPE'] } },
        required: [],
      },
      calculationProperties: { doubled: { type: 'number', calculation: '.properties.age * 2' } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  });
  afterAll(() => api.close());

  const entities = () => `/v1/blueprints/${person}/entities`;
  const read = async (id: string) => (await api.get(`${entities()}/${id}`)).body.entity;

  it('leaves them out of a create, an upsert, a replacement and a merge, naming them', async () => {
    const id = uniqueId('p');
    const body = { identifier: id, properties: { age: 30, name: 'Ada', department: 'R&D' } };
    const made = await api.post(entities(), body);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.additionalData).toEqual({ droppedProperties: ['name', 'department'] });
    expect(made.body.entity.properties).toEqual({ age: 30, doubled: 60 });
    expect((await read(id)).properties).toEqual({ age: 30, doubled: 60 });

    const merged = await api.patch(`${entities()}/${id}`, { properties: { status: 'NOPE', team: 'x' } });
    expect(merged.status).toBe(200);
    expect(merged.body.additionalData).toEqual({ droppedProperties: ['team'] });
    expect(merged.body.entity.properties).toEqual({ age: 30, status: 'NOPE', doubled: 60 });

    const replaced = await api.put(`${entities()}/${id}`, { identifier: id, properties: { nick: 'A' } });
    expect(replaced.status).toBe(200);
    expect(replaced.body.additionalData).toEqual({ droppedProperties: ['nick'] });
    expect((await read(id)).properties).toEqual({ doubled: null });

    const upserted = await api.post(`${entities()}?upsert=true&merge=true`, {
      identifier: id,
      properties: { age: 4, hobby: 'chess' },
    });
    expect(upserted.body.additionalData).toEqual({ droppedProperties: ['hobby'] });
    expect((await read(id)).properties).toEqual({ age: 4, doubled: 8 });

    // A write that sends only declared ones answers as before, without additionalData.
    const plain = await api.patch(`${entities()}/${id}`, { properties: { age: 5 } });
    expect(plain.body).not.toHaveProperty('additionalData');
  });

  it('names them per item in a bulk write, and in one warning of the log', async () => {
    logged.length = 0;
    const [one, two, three] = [uniqueId('b'), uniqueId('b'), uniqueId('b')];
    const answer = await api.post(`${entities()}/bulk`, {
      entities: [
        { identifier: one, properties: { name: 'One', age: 1 } },
        { identifier: two, properties: { age: 2 } },
        { identifier: three, properties: { department: 'Ops' } },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.entities.map((e: { additionalData: unknown }) => e.additionalData)).toEqual([
      { droppedProperties: ['name'] },
      {},
      { droppedProperties: ['department'] },
    ]);
    const warnings = logged.filter((line) => line.droppedProperties);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      level: 40,
      blueprint: person,
      entities: 2,
      droppedProperties: ['name', 'department'],
      first: one,
    });
  });

  it('refuses them by name with ?strict=true, writing nothing', async () => {
    const id = uniqueId('strict');
    const refused = await api.post(`${entities()}?strict=true`, {
      identifier: id,
      properties: { age: 1, name: 'Ada' },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toBe('properties.name is not a property of this blueprint');
    expect(refused.body.details).toEqual({ field: 'properties.name' });
    expect((await api.get(`${entities()}/${id}`)).status).toBe(404);
    const bulk = await api.post(`${entities()}/bulk?strict=true`, {
      entities: [{ identifier: id, properties: { department: 'x' } }],
    });
    expect(bulk.status).toBe(207);
    expect(bulk.body.errors[0]).toMatchObject({ statusCode: 422, error: 'invalid_properties' });
  });

  it('treats inherited names as undeclared, and checks what is declared as before', async () => {
    const id = uniqueId('proto');
    const answer = await api.post(entities(), {
      identifier: id,
      properties: { constructor: 1, toString: 'x', hasOwnProperty: true, age: 2 },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body.additionalData.droppedProperties.sort()).toEqual(
      ['constructor', 'hasOwnProperty', 'toString'].sort(),
    );
    const wrong = await api.post(entities(), { identifier: uniqueId('w'), properties: { age: 'old', x: 1 } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.message).toContain('properties.age');
    // A dry run names them too.
    const dry = await api.post(`${entities()}?validation_only=true`, {
      identifier: uniqueId('dry'),
      properties: { name: 'Dry' },
    });
    expect(dry.body.additionalData).toEqual({ droppedProperties: ['name'] });
  });

  it('does the same for system blueprints: a _user written with a property it lacks', async () => {
    const email = `${uniqueId('u')}@example.com`;
    const answer = await api.post('/v1/blueprints/_user/entities', {
      identifier: email,
      title: 'Ada Lovelace',
      properties: { status: 'Active', port_role: 'Member', department: 'Maths' },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body.additionalData).toMatchObject({ droppedProperties: ['department'] });
    expect((await api.get(`/v1/users/${encodeURIComponent(email)}`)).body.user.status).toBe('Active');
  });
});
