import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestResponse } from '../../../test/app.js';
import { describeEachDatabase, testDatabaseUrl, uniqueId } from '../../../test/databases.js';
import { createPerson, tokenOf } from '../../../test/people.js';
import { openDatabase } from '../storage/database.js';
import { migrate } from '../storage/migrate.js';

/**
 * The data model and its permissions (model-cache.ts), credentials and their users (credential.service.ts)
 * are kept in memory, checked against change counters. Two replicas on one database:
 * `a` takes the changes, `b` answers the reads that must already see them. Each check comes right after
 * the change's answer: no wait, no retry.
 */
describeEachDatabase('what servers keep in memory is never stale', (dialect) => {
  let a: TestApp;
  let b: TestApp;
  const S = uniqueId('cache_s');
  let member: Awaited<ReturnType<typeof createPerson>>;

  beforeAll(async () => {
    const url = testDatabaseUrl(dialect);
    const [first, second] = [openDatabase(url), openDatabase(url)];
    await migrate(first);
    a = await startTestApp(dialect, { database: first });
    b = await startTestApp(dialect, { database: second });
    await ok(
      a.post('/v1/blueprints', {
        identifier: S,
        title: S,
        schema: { properties: { n: { type: 'number' } } },
      }),
    );
    await ok(a.post(`/v1/blueprints/${S}/entities`, { identifier: 'e1', properties: { n: 1 } }));
    member = await createPerson(a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const read = (as: TestApp, headers?: Record<string, string>) =>
    as.get(`/v1/blueprints/${S}/entities/e1`, headers);
  const search = (as: TestApp, headers?: Record<string, string>) =>
    as.post(
      `/v1/blueprints/${S}/entities/search`,
      { query: { combinator: 'and', rules: [] }, limit: 10 },
      headers,
    );

  it('applies a change of read permissions to the next request on the other replica', async () => {
    expect((await read(b, member.headers)).status).toBe(200);
    for (let round = 0; round < 3; round++) {
      await ok(a.patch(`/v1/blueprints/${S}/permissions`, { entities: { read: { roles: ['Admin'] } } }));
      expect((await read(b, member.headers)).status).toBe(404);
      expect((await search(b, member.headers)).body.entities).toEqual([]);
      await ok(
        a.patch(`/v1/blueprints/${S}/permissions`, { entities: { read: { roles: ['Admin', 'Member'] } } }),
      );
      expect((await read(b, member.headers)).status).toBe(200);
      expect(
        (await search(b, member.headers)).body.entities.map((e: { identifier: string }) => e.identifier),
      ).toEqual(['e1']);
    }
  });

  it('checks writes against a property added or removed on the other replica a moment before', async () => {
    const definition = (properties: Record<string, unknown>) => ({
      identifier: S,
      title: S,
      schema: { properties },
    });
    await ok(a.put(`/v1/blueprints/${S}`, definition({ n: { type: 'number' }, added: { type: 'string' } })));
    await ok(b.patch(`/v1/blueprints/${S}/entities/e1`, { properties: { added: 'yes' } }));
    expect((await read(b)).body.entity.properties.added).toBe('yes');
    await ok(a.put(`/v1/blueprints/${S}`, definition({ n: { type: 'number' } })));
    const refused = await b.patch(`/v1/blueprints/${S}/entities/e1?strict=true`, {
      properties: { added: 'again' },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('added');
    // Without ?strict, left out as undeclared: named so.
    const dropped = await b.patch(`/v1/blueprints/${S}/entities/e1`, { properties: { added: 'again' } });
    expect(dropped.body.additionalData).toEqual({ droppedProperties: ['added'] });
    expect((await read(b)).body.entity.properties).not.toHaveProperty('added');
  });

  it('answers a blueprint deleted on the other replica as missing at once', async () => {
    const gone = uniqueId('cache_gone');
    await ok(a.post('/v1/blueprints', { identifier: gone, title: gone, schema: { properties: {} } }));
    expect((await b.get(`/v1/blueprints/${gone}/entities`)).status).toBe(200);
    await ok(a.delete(`/v1/blueprints/${gone}`));
    expect((await b.get(`/v1/blueprints/${gone}/entities`)).status).toBe(404);
    expect((await b.post(`/v1/blueprints/${gone}/entities`, { identifier: 'x' })).status).toBe(404);
  });

  it('refuses a disabled user on the other replica at once', async () => {
    const person = await createPerson(a);
    expect((await read(b, person.headers)).status).toBe(200);
    await ok(
      a.patch(`/v1/blueprints/_user/entities/${person.email}`, { properties: { status: 'Disabled' } }),
    );
    expect((await read(b, person.headers)).status).toBe(401);
  });

  it('refuses a revoked or rotated credential on the other replica at once', async () => {
    const email = `${uniqueId('revoked')}@example.com`;
    await ok(a.post('/v1/users/invite', { invitee: { email } }));
    for (const change of ['rotate', 'delete'] as const) {
      const created = await ok(a.post('/v1/apps', { name: change, user: email }));
      const headers = {
        authorization: `Bearer ${await tokenOf(a, { clientId: created.app.id, clientSecret: created.app.secret })}`,
      };
      expect((await read(b, headers)).status).toBe(200);
      if (change === 'rotate') await ok(a.post(`/v1/apps/${created.app.id}/rotate-secret`));
      else await ok(a.delete(`/v1/apps/${created.app.id}`));
      expect((await read(b, headers)).status).toBe(401);
    }
  });

  it("applies a change of the caller's teams to the next request on the other replica", async () => {
    const team = uniqueId('cache_team');
    const O = uniqueId('cache_owned');
    await ok(a.post('/v1/teams', { name: team }));
    await ok(a.post('/v1/blueprints', { identifier: O, title: O, schema: { properties: {} } }));
    const owners = { roles: ['Admin'], ownedByTeam: true };
    await ok(a.patch(`/v1/blueprints/${O}/permissions`, { entities: { read: owners } }));
    await ok(a.post(`/v1/blueprints/${O}/entities`, { identifier: 'owned', team: [team] }));
    const person = await createPerson(a);
    const owned = () => b.get(`/v1/blueprints/${O}/entities/owned`, person.headers);
    expect((await owned()).status).toBe(404);
    await ok(a.patch(`/v1/blueprints/_user/entities/${person.email}`, { team: [team] }));
    expect((await owned()).status).toBe(200);
    await ok(a.patch(`/v1/blueprints/_user/entities/${person.email}`, { team: [] }));
    expect((await owned()).status).toBe(404);
  });

  it('takes concurrent changes of users and permissions through both replicas, none refused or lost', async () => {
    // One SQLite file is served by one process: its two apps here would be two writers on one file.
    const [x, y] = dialect === 'sqlite' ? [a, a] : [a, b];
    const team = uniqueId('cache_many');
    await ok(a.post('/v1/teams', { name: team }));
    const people = await Promise.all(Array.from({ length: 6 }, () => createPerson(a)));
    const answers = await Promise.all([
      ...people.map((person, i) =>
        (i % 2 ? x : y).patch(`/v1/blueprints/_user/entities/${person.email}`, { team: [team] }),
      ),
      ...Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? y : x).patch(`/v1/blueprints/${S}/permissions`, {
          entities: { updateProperties: { n: { roles: i % 2 ? ['Admin'] : ['Admin', 'Member'] } } },
        }),
      ),
    ]);
    expect(answers.filter((answer) => answer.status !== 200).map((answer) => answer.body)).toEqual([]);
    const members = await ok(b.get(`/v1/blueprints/_user/entities?limit=1000`));
    for (const person of people)
      expect(
        members.entities.find((e: { identifier: string }) => e.identifier === person.email).team,
      ).toEqual([team]);
  });

  it('answers 40 concurrent deletions, each judging permissions inside its transaction', async () => {
    // Each holds a connection in its transaction while it reads the model's counter: were that read made
    // from the same pool, ten of them would hold every connection and wait for an eleventh forever.
    const D = uniqueId('cache_del');
    await ok(a.post('/v1/blueprints', { identifier: D, title: D, schema: { properties: {} } }));
    const ids = Array.from({ length: 40 }, (_, i) => `d${i}`);
    await ok(
      a.post(`/v1/blueprints/${D}/entities/bulk`, { entities: ids.map((identifier) => ({ identifier })) }),
    );
    const deleted = Promise.all(ids.map((id) => a.delete(`/v1/blueprints/${D}/entities/${id}`)));
    const stuck = new Promise<'stuck'>((resolve) => setTimeout(() => resolve('stuck'), 20_000).unref());
    const answers = await Promise.race([deleted, stuck]);
    expect(answers === 'stuck' ? answers : answers.map((answer) => answer.status)).toEqual(
      Array(40).fill(200),
    );
  });

  it('lets no read that starts after a permission change is answered see the permission before it', async () => {
    const deny = { entities: { read: { roles: ['Admin'] } } };
    const allow = { entities: { read: { roles: ['Admin', 'Member'] } } };
    for (let round = 0; round < 4; round++) {
      let changedAt = Infinity;
      let stop = false;
      const seen: Array<{ startedAt: number; status: number }> = [];
      const reader = async () => {
        while (!stop) {
          const startedAt = performance.now();
          seen.push({ startedAt, status: (await read(b, member.headers)).status });
        }
      };
      const readers = Promise.all(Array.from({ length: 8 }, reader));
      await new Promise((resolve) => setTimeout(resolve, 30));
      await ok(a.patch(`/v1/blueprints/${S}/permissions`, deny));
      changedAt = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 60));
      stop = true;
      await readers;
      const after = seen.filter((s) => s.startedAt > changedAt);
      expect(after.length).toBeGreaterThan(0);
      expect(after.filter((s) => s.status !== 404)).toEqual([]);
      await ok(a.patch(`/v1/blueprints/${S}/permissions`, allow));
      expect((await read(b, member.headers)).status).toBe(200);
    }
  });
});

async function ok(response: Promise<TestResponse>) {
  const { status, body } = await response;
  expect(status, JSON.stringify(body)).toBeLessThan(300);
  return body;
}
