import { describe, afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.js';
import { uniqueId } from '../../test/databases.js';

// Two replicas (apps with pools of their own) on one PostgreSQL database: what holds for concurrent clients
// of one replica holds across them.
describe.skipIf(process.env.PORTICO_TEST_PG === 'off')('two replicas on one PostgreSQL [postgres]', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const throttle = { perAccount: 5, perAddress: 1_000_000, windowSeconds: 600 };
    a = await startTestApp('postgres', { throttle });
    b = await startTestApp('postgres', { throttle });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });
  const either = (i: number) => (i % 2 ? a : b);

  it('keeps every one of 40 concurrent PATCHes of one entity sent through both', async () => {
    const bp = uniqueId('replicated');
    const properties = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`p${i}`, { type: 'number' }]),
    );
    expect(
      (await a.post('/v1/blueprints', { identifier: bp, title: 'R', schema: { properties } })).status,
    ).toBe(201);
    expect((await b.post(`/v1/blueprints/${bp}/entities`, { identifier: 'e', properties: {} })).status).toBe(
      201,
    );
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        either(i)
          .patch(`/v1/blueprints/${bp}/entities/e`, { properties: { [`p${i}`]: i } })
          .then((r) => r.status),
      ),
    );
    expect(statuses).toEqual(Array(40).fill(200));
    const stored = (await a.get(`/v1/blueprints/${bp}/entities/e`)).body.entity.properties;
    expect(stored).toEqual(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`p${i}`, i])));
  });

  it('checks no more guesses than the account limit, and uses an invitation once, across both', async () => {
    const email = `${uniqueId('replica')}@example.com`;
    const invited = await a.post('/v1/users/invite', { invitee: { email } });
    expect(invited.status).toBe(200);
    const token = invited.body.invitation.token as string;
    const uses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        either(i).app.inject({
          method: 'POST',
          url: '/auth/password/reset',
          payload: { token, password: `correct horse battery ${i}` },
        }),
      ),
    );
    expect(uses.map((u) => u.statusCode).sort()).toEqual([200, 401, 401, 401, 401, 401]);

    const guesses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        either(i).app.inject({
          method: 'POST',
          url: '/auth/login',
          payload: { email, password: `wrong password ${i}` },
        }),
      ),
    );
    const statuses = guesses.map((g) => g.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
  });
});
