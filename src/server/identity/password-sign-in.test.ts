import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';

const PASSWORD = 'correct horse battery staple';

let addresses = 0;
/** An address of its own per call, so that one test's failures never throttle another's. */
const freshAddress = () => {
  addresses += 1;
  const run = Math.floor(Math.random() * 0xffff).toString(16);
  return `2001:db8:${(process.pid % 0xffff).toString(16)}:${run}::${addresses.toString(16)}`;
};

async function anonymous(api: TestApp, url: string, body: object, address = freshAddress()) {
  const response = await api.app.inject({
    method: 'POST',
    url,
    headers: { 'x-forwarded-for': address },
    payload: body,
  });
  return { status: response.statusCode, body: response.json() };
}

describeEachDatabase(
  'password sign-in: one-time links, disabled accounts, and the case of emails',
  (dialect) => {
    let api: TestApp;
    beforeAll(async () => {
      api = await startTestApp(dialect, {
        throttle: { perAccount: 5, perAddress: 50, windowSeconds: 600 },
        trustProxy: ['127.0.0.1'],
      });
    });
    afterAll(() => api.close());

    async function invite(email = `${uniqueId('pw')}@example.com`) {
      const invited = await api.post('/v1/users/invite', { invitee: { email } });
      expect(invited.status, JSON.stringify(invited.body)).toBe(200);
      return { email, token: invited.body.invitation.token as string };
    }

    it('an invitation used 5 times at once sets the password exactly once (item 17)', async () => {
      const { email, token } = await invite();
      const answers = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          anonymous(api, '/auth/password/reset', { token, password: `${PASSWORD} ${i}` }),
        ),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([200, 401, 401, 401, 401]);
      for (const refused of answers.filter((a) => a.status === 401))
        expect(refused.body.message).toMatch(/^token: /);
      // The password is the one of the use that won.
      const winner = answers.findIndex((a) => a.status === 200);
      expect((await anonymous(api, '/auth/login', { email, password: `${PASSWORD} ${winner}` })).status).toBe(
        200,
      );
    });

    it('a reset link used 5 times at once sets the password exactly once (item 17)', async () => {
      const { email, token } = await invite();
      expect((await anonymous(api, '/auth/password/reset', { token, password: PASSWORD })).status).toBe(200);
      const link = await api.post(`/v1/users/${encodeURIComponent(email)}/password-token`);
      expect(link.status).toBe(200);
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          anonymous(api, '/auth/password/reset', { token: link.body.invitation.token, password: PASSWORD }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401, 401, 401]);
    });

    it('a disabled account answers exactly as a wrong password does, whether the password is right or not (item 18)', async () => {
      const { email, token } = await invite();
      expect((await anonymous(api, '/auth/password/reset', { token, password: PASSWORD })).status).toBe(200);
      const patched = await api.patch(`/v1/blueprints/_user/entities/${encodeURIComponent(email)}`, {
        properties: { status: 'Disabled' },
      });
      expect(patched.status).toBe(200);
      const right = await anonymous(api, '/auth/login', { email, password: PASSWORD });
      const wrong = await anonymous(api, '/auth/login', { email, password: 'not the password at all' });
      const nobody = await anonymous(api, '/auth/login', {
        email: `${uniqueId('nobody')}@example.com`,
        password: PASSWORD,
      });
      expect(right).toEqual(wrong);
      expect(right).toEqual(nobody);
      expect(right).toEqual({
        status: 401,
        body: { ok: false, error: 'unauthorized', message: 'email or password is wrong' },
      });
    });

    it('signs in whatever the case of the email, including a user stored in upper case (item 19)', async () => {
      const stored = `${uniqueId('Mixed.Case').replace('mixed', 'Mixed')}@Example.COM`;
      const { token } = await invite(stored);
      expect((await anonymous(api, '/auth/password/reset', { token, password: PASSWORD })).status).toBe(200);
      for (const email of [stored, stored.toLowerCase(), stored.toUpperCase()]) {
        const signedIn = await anonymous(api, '/auth/login', { email, password: PASSWORD });
        expect(signedIn.status, email).toBe(200);
        expect(signedIn.body.user.email).toBe(stored);
      }
      // A link asked for in another case is the same user's.
      const link = await api.post(`/v1/users/${encodeURIComponent(stored.toLowerCase())}/password-token`);
      expect(link.status).toBe(200);
    });

    it('an invitation of an email that exists in another case is a 409 naming the field (item 19)', async () => {
      const { email } = await invite(`${uniqueId('Taken')}@Example.com`);
      for (const again of [email.toLowerCase(), email.toUpperCase()]) {
        const refused = await api.post('/v1/users/invite', { invitee: { email: again } });
        expect(refused.status, again).toBe(409);
        expect(refused.body.error).toBe('entity_exists');
        expect(refused.body.message).toMatch(/^invitee\.email: /);
      }
    });

    it('concurrent invitations of one email in different cases make one user, on every route (item 19)', async () => {
      const email = `${uniqueId('Race')}@Example.com`;
      const variants = [email, email.toLowerCase(), email.toUpperCase(), email.replace('Race', 'rACE')];
      const answers = await Promise.all(
        variants.flatMap((variant) => [
          api.post('/v1/users/invite', { invitee: { email: variant } }),
          api.post('/v1/blueprints/_user/entities', { identifier: variant, properties: {} }),
        ]),
      );
      expect(answers.filter((a) => a.status < 300)).toHaveLength(1);
      for (const refused of answers.filter((a) => a.status >= 300)) {
        expect(refused.status, JSON.stringify(refused.body)).toBe(409);
        expect(['entity_exists', 'user_exists', 'conflict']).toContain(refused.body.error);
      }
      const users = await api.post('/v1/blueprints/_user/entities/search', {
        query: {
          combinator: 'or',
          rules: variants.map((v) => ({ property: '$identifier', operator: '=', value: v })),
        },
      });
      expect(users.body.entities).toHaveLength(1);
      // Sequentially too: the entity API refuses another case of an existing user.
      const again = await api.post('/v1/blueprints/_user/entities', {
        identifier:
          email.toLowerCase() === users.body.entities[0].identifier
            ? email.toUpperCase()
            : email.toLowerCase(),
        properties: {},
      });
      expect(again.status).toBe(409);
    });

    it('failures count for the account whatever the case of its email (item 19)', async () => {
      const { email, token } = await invite(`${uniqueId('Counted')}@example.com`);
      expect((await anonymous(api, '/auth/password/reset', { token, password: PASSWORD })).status).toBe(200);
      for (let i = 0; i < 5; i++) {
        const variant = i % 2 ? email.toUpperCase() : email.toLowerCase();
        expect(
          (await anonymous(api, '/auth/login', { email: variant, password: 'wrong password!!' })).status,
        ).toBe(401);
      }
      expect((await anonymous(api, '/auth/login', { email, password: PASSWORD })).status).toBe(429);
    });
  },
);
