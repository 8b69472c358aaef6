import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestResponse } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';
import type { Actor } from '../identity/actor.js';
import { entityJsonReads, entityJsonSql, POINT_READ_TARGETS } from './entity-json.repo.js';

/**
 * GET one entity answers the JSON text the database writes (getEntityText) when nothing is projected: it
 * must be what the entity read and serialised by the server would be, for an Admin and for
 * a Member who may read only some relation targets; and a Member who may not see a computed value gets
 * the server's answer, which hides it.
 */
describeEachDatabase('an entity as JSON text written by the database', (dialect) => {
  let api: TestApp;
  const T = uniqueId('txt_t');
  const S = uniqueId('txt_s');
  const M = uniqueId('txt_m');
  const [alpha, beta] = [uniqueId('alpha'), uniqueId('beta')];
  let admin: Actor;
  let member: Actor;

  beforeAll(async () => {
    api = await startTestApp(dialect);
    for (const team of [alpha, beta]) await ok(api.post('/v1/teams', { name: team }));
    await ok(
      api.post('/v1/blueprints', {
        identifier: T,
        title: T,
        schema: { properties: { tier: { type: 'string' } } },
      }),
    );
    const owners = { roles: ['Admin'], ownedByTeam: true };
    await ok(api.patch(`/v1/blueprints/${T}/permissions`, { entities: { read: owners } }));
    const relations = {
      one: { target: T, many: false, required: false },
      many: { target: T, many: true, required: false },
    };
    const properties = {
      text: { type: 'string' },
      n: { type: 'number' },
      flag: { type: 'boolean' },
      when: { type: 'string', format: 'date-time' },
      list: { type: 'array' },
      doc: { type: 'object' },
    };
    await ok(api.post('/v1/blueprints', { identifier: S, title: S, schema: { properties }, relations }));
    await ok(
      api.post('/v1/blueprints', {
        identifier: M,
        title: M,
        schema: { properties: {} },
        relations,
        mirrorProperties: { oneTier: { path: 'one.tier' } },
      }),
    );
    await ok(
      api.post(`/v1/blueprints/${T}/entities/bulk`, {
        entities: [
          { identifier: 't-mine', team: [alpha], properties: { tier: 'gold' } },
          { identifier: 't-theirs', team: [beta], properties: { tier: 'secret' } },
        ],
      }),
    );
    const entity = {
      identifier: 'e1',
      title: 'Ünïcode "quoted" \\ text\n',
      icon: 'Service',
      team: [alpha, beta],
      properties: {
        text: 'a\u2028b\u0001c',
        n: 1.5e-7,
        flag: false,
        when: '2026-12-04T05:00:00.000Z',
        list: [1, 'two', null, { three: 3 }],
        doc: { nested: { deep: [true] }, empty: {} },
      },
      relations: { one: 't-theirs', many: ['t-theirs', 't-mine'] },
    };
    await ok(api.post(`/v1/blueprints/${S}/entities`, entity));
    await ok(api.post(`/v1/blueprints/${S}/entities`, { identifier: 'bare' }));
    await ok(api.post(`/v1/blueprints/${M}/entities`, { identifier: 'm1', relations: { one: 't-theirs' } }));
    const person = await createPerson(api, { teams: [alpha] });
    admin = await api.services.credentials.authenticate(`Bearer ${api.token}`, 'API');
    member = await api.services.credentials.authenticate(`Bearer ${person.token}`, 'API');
  });
  afterAll(async () => api?.close());

  const both = async (actor: Actor, blueprint: string, identifier: string) => ({
    read: await api.services.entities.getEntity(actor, blueprint, identifier),
    text: await api.services.entities.getEntityText(actor, blueprint, identifier),
  });

  it('writes what the server would, for an Admin and for a Member who reads only some targets', async () => {
    for (const actor of [admin, member])
      for (const identifier of ['e1', 'bare']) {
        const { read, text } = await both(actor, S, identifier);
        same(text?.text, read);
        expect(text?.version).toBe(read.version);
      }
    const { read } = await both(member, S, 'e1');
    expect(read.relations).toEqual({ one: null, many: ['t-mine'] });
  });

  it('reads an entity of more relation targets than a point read writes, whole', async () => {
    const many = Array.from({ length: POINT_READ_TARGETS + 1 }, (_, i) => `t-${i}`);
    await ok(
      api.post(`/v1/blueprints/${T}/entities/bulk`, {
        entities: many.map((identifier) => ({ identifier, team: [alpha] })),
      }),
    );
    await ok(api.post(`/v1/blueprints/${S}/entities`, { identifier: 'big', relations: { many } }));
    // The server thread's read stops counting past the bound and writes nothing; a worker reads it whole.
    const definition = (await api.services.entities.blueprintMap(api.database.db)).get(S)!;
    const reads = entityJsonReads(entityJsonSql(api.database.dialect, [definition]));
    const [bounded] = await reads.bounded(api.database.pointReads, S, 'big');
    expect(bounded?.json).toBeNull();
    const [small] = await reads.bounded(api.database.pointReads, S, 'e1');
    expect(small?.json).toEqual(expect.any(String));
    for (const actor of [admin, member]) {
      const { read, text } = await both(actor, S, 'big');
      same(text?.text, read);
      expect(read.relations.many).toEqual(many);
    }
  });

  it('reads in a worker, time-limited, for a Member whose targets have a read policy (a search per target)', async () => {
    const P = uniqueId('txt_p');
    const Q = uniqueId('txt_q');
    await ok(
      api.post('/v1/blueprints', {
        identifier: P,
        title: P,
        schema: { properties: { tier: { type: 'string' } } },
      }),
    );
    const policy = { combinator: 'and', rules: [{ property: 'tier', operator: 'contains', value: 'go' }] };
    await ok(
      api.patch(`/v1/blueprints/${P}/permissions`, { entities: { read: { roles: ['Admin'], policy } } }),
    );
    await ok(
      api.post('/v1/blueprints', {
        identifier: Q,
        title: Q,
        schema: { properties: {} },
        relations: { to: { target: P, many: true, required: false } },
      }),
    );
    await ok(
      api.post(`/v1/blueprints/${P}/entities/bulk`, {
        entities: [
          { identifier: 'p-gold', properties: { tier: 'gold' } },
          { identifier: 'p-tin', properties: { tier: 'tin' } },
        ],
      }),
    );
    await ok(
      api.post(`/v1/blueprints/${Q}/entities`, { identifier: 'q1', relations: { to: ['p-gold', 'p-tin'] } }),
    );
    // Every statement the server thread's connection runs, by its text.
    const { database } = api;
    const pointReads = database.pointReads;
    const seen: string[] = [];
    database.pointReads = pointReads.withPlugin({
      transformQuery: ({ node }) => (seen.push(JSON.stringify(node)), node),
      transformResult: async ({ result }) => result,
    });
    try {
      const { read, text } = await both(member, Q, 'q1');
      same(text?.text, read);
      expect(read.relations).toEqual({ to: ['p-gold'] });
      expect(seen.filter((statement) => statement.includes('entity_relations'))).toEqual([]);
      // Without a policy the same read is a point read.
      seen.length = 0;
      await both(member, S, 'e1');
      if (dialect === 'sqlite')
        expect(seen.some((statement) => statement.includes('entity_relations'))).toBe(true);
    } finally {
      database.pointReads = pointReads;
    }
  });

  it('leaves a Member who may not see a computed value to the server, which hides it', async () => {
    const forAdmin = await both(admin, M, 'm1');
    same(forAdmin.text?.text, forAdmin.read);
    expect(forAdmin.read.properties).toMatchObject({ oneTier: 'secret' });
    const forMember = await both(member, M, 'm1');
    expect(forMember.text).toBeUndefined();
  });

  it('answers an entity the caller may not read exactly as a missing one, and sends the text over HTTP', async () => {
    await expect(api.services.entities.getEntityText(member, T, 't-theirs')).rejects.toMatchObject({
      kind: 'not_found',
    });
    const answer = await api.get(`/v1/blueprints/${S}/entities/e1`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers.etag).toBe(`"${answer.body.entity.version}"`);
    expect(answer.body).toEqual({ ok: true, entity: (await both(admin, S, 'e1')).read });
  });
});

/** The same entity, keys in the same order (PostgreSQL writes jsonb values in its own spacing and order). */
function same(text: string | undefined, read: object) {
  expect(text).toBeDefined();
  const parsed = JSON.parse(text!) as object;
  expect(parsed).toEqual(read);
  expect(Object.keys(parsed)).toEqual(Object.keys(read));
}

async function ok(response: Promise<TestResponse>) {
  const { status, body } = await response;
  expect(status, JSON.stringify(body)).toBeLessThan(300);
  return body;
}
