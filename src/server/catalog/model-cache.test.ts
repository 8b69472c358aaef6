import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestResponse } from '../../../test/app.js';
import { describeEachDatabase, testDatabaseUrl, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';
import { openDatabase } from '../storage/database.js';
import { migrate } from '../storage/migrate.js';

/**
 * The data model and its permissions are kept in memory (model-cache.ts). Two replicas on one database:
 * `a` takes the changes, `b` answers the reads that must already see them. Each check comes right after
 * the change's answer: no wait, no retry.
 */
describeEachDatabase('the model cache is never stale', (dialect) => {
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
    const refused = await b.patch(`/v1/blueprints/${S}/entities/e1`, { properties: { added: 'again' } });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('added');
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
