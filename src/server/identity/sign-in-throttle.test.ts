import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';

const PASSWORD = 'correct horse battery staple';

/** A request as a browser at `address` sends it (behind the trusted proxy 127.0.0.1), without a token. */
async function from(api: TestApp, address: string, method: string, url: string, body?: object) {
  const response = await api.app.inject({
    method: method as 'POST',
    url,
    headers: { 'x-forwarded-for': address },
    ...(body ? { payload: body } : {}),
  });
  return { status: response.statusCode, body: response.json(), headers: response.headers };
}

let addresses = 0;
/** An address no other test (nor another run on the same database) uses: throttles count per address. */
const freshAddress = () => {
  addresses += 1;
  const run = Math.floor(Math.random() * 0xffff).toString(16);
  return `2001:db8:${(process.pid % 0xffff).toString(16)}:${run}::${addresses.toString(16)}`;
};

async function invitedWithToken(api: TestApp) {
  const email = `${uniqueId('th')}@example.com`;
  const invited = await api.post('/v1/users/invite', { invitee: { email } });
  expect(invited.status, JSON.stringify(invited.body)).toBe(200);
  return { email, token: invited.body.invitation.token as string };
}

async function personWithPassword(api: TestApp) {
  const { email, token } = await invitedWithToken(api);
  const reset = await from(api, freshAddress(), 'POST', '/auth/password/reset', {
    token,
    password: PASSWORD,
  });
  expect(reset.status).toBe(200);
  return email;
}

describeEachDatabase('sign-in and token throttles', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp(dialect, {
      throttle: { perAccount: 5, perAddress: 10, windowSeconds: 600 },
      trustProxy: ['127.0.0.1'],
    });
  });
  afterAll(() => api.close());

  describe('passwords (item 4: reserved before they are checked)', () => {
    it('of 100 concurrent wrong guesses on one account, exactly the limit are checked; the rest are 429', async () => {
      const email = await personWithPassword(api);
      const address = freshAddress();
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          from(api, address, 'POST', '/auth/login', { email, password: `wrong password ${i}` }),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(95);
      for (const answer of answers.filter((a) => a.status === 401))
        expect(answer.body.message).toBe('email or password is wrong');
      // The account stays refused, even with the right password, from anywhere.
      const right = await from(api, freshAddress(), 'POST', '/auth/login', { email, password: PASSWORD });
      expect(right.status).toBe(429);
      expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('of 100 concurrent wrong guesses on 100 accounts from one address, exactly the address limit are checked', async () => {
      const address = freshAddress();
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          from(api, address, 'POST', '/auth/login', {
            email: `${uniqueId(`nobody${i}`)}@example.com`,
            password: 'wrong password!!',
          }),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(90);
      // Another address is not affected.
      const email = await personWithPassword(api);
      expect(
        (await from(api, freshAddress(), 'POST', '/auth/login', { email, password: PASSWORD })).status,
      ).toBe(200);
    });

    it('successful sign-ins are not counted against their address', async () => {
      const email = await personWithPassword(api);
      const address = freshAddress();
      for (let i = 0; i < 12; i++)
        expect((await from(api, address, 'POST', '/auth/login', { email, password: PASSWORD })).status).toBe(
          200,
        );
    });
  });

  describe('invitation and reset tokens (item 5: counted per address)', () => {
    it("bogus tokens from one address do not stop anyone's valid link, from there or elsewhere", async () => {
      const attacker = freshAddress();
      for (let i = 0; i < 7; i++)
        expect(
          (
            await from(api, attacker, 'POST', '/auth/password/reset', {
              token: `bogus-${i}-${uniqueId()}`,
              password: PASSWORD,
            })
          ).status,
        ).toBe(401);
      const elsewhere = await invitedWithToken(api);
      expect(
        (
          await from(api, freshAddress(), 'POST', '/auth/password/reset', {
            token: elsewhere.token,
            password: PASSWORD,
          })
        ).status,
      ).toBe(200);
      const sameAddress = await invitedWithToken(api);
      expect(
        (
          await from(api, attacker, 'POST', '/auth/password/reset', {
            token: sameAddress.token,
            password: PASSWORD,
          })
        ).status,
      ).toBe(200);
    });

    it('an address that keeps guessing tokens is refused at the address limit', async () => {
      const attacker = freshAddress();
      for (let i = 0; i < 10; i++)
        await from(api, attacker, 'POST', '/auth/password/reset', {
          token: `bogus-${i}`,
          password: PASSWORD,
        });
      const refused = await from(api, attacker, 'POST', '/auth/password/reset', {
        token: (await invitedWithToken(api)).token,
        password: PASSWORD,
      });
      expect(refused.status).toBe(429);
      expect(refused.body.message).toContain('address');
    });
  });

  describe('POST /v1/auth/access_token (item 6: counted per address, never per client id)', () => {
    it('failures for a client id from one address do not lock the client out', async () => {
      const attacker = freshAddress();
      for (let i = 0; i < 7; i++)
        expect(
          (
            await from(api, attacker, 'POST', '/v1/auth/access_token', {
              clientId: api.clientId,
              clientSecret: 'nope',
            })
          ).status,
        ).toBe(401);
      const credentials = { clientId: api.clientId, clientSecret: api.clientSecret };
      expect((await from(api, freshAddress(), 'POST', '/v1/auth/access_token', credentials)).status).toBe(
        200,
      );
      expect((await from(api, attacker, 'POST', '/v1/auth/access_token', credentials)).status).toBe(200);
    });

    it('an address with too many failures is refused, even with the right secret; others are not', async () => {
      const attacker = freshAddress();
      for (let i = 0; i < 10; i++)
        await from(api, attacker, 'POST', '/v1/auth/access_token', {
          clientId: uniqueId('ghost'),
          clientSecret: 'nope',
        });
      const credentials = { clientId: api.clientId, clientSecret: api.clientSecret };
      const refused = await from(api, attacker, 'POST', '/v1/auth/access_token', credentials);
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBeDefined();
      expect((await from(api, freshAddress(), 'POST', '/v1/auth/access_token', credentials)).status).toBe(
        200,
      );
    });

    it('many successful token requests from one address are never refused', async () => {
      const address = freshAddress();
      const credentials = { clientId: api.clientId, clientSecret: api.clientSecret };
      for (let i = 0; i < 12; i++)
        expect((await from(api, address, 'POST', '/v1/auth/access_token', credentials)).status).toBe(200);
    });
  });
});

describeEachDatabase('the client address behind proxies (PORTICO_TRUST_PROXY)', (dialect) => {
  const limits = { perAccount: 100, perAddress: 2, windowSeconds: 600 };
  // The peer (the proxy, or a client reaching Portico directly) is a fresh address, not 127.0.0.1: other tests count
  // failures from 127.0.0.1 in the same database.
  const peer = freshAddress();
  const fail = (api: TestApp, headers: Record<string, string>, remoteAddress = peer) =>
    api.app.inject({
      method: 'POST',
      url: '/v1/auth/access_token',
      headers,
      remoteAddress,
      payload: { clientId: 'nobody', clientSecret: 'nope' },
    });

  it('without a trusted proxy, X-Forwarded-For is ignored: the peer is the address', async () => {
    const api = await startTestApp(dialect, { throttle: limits });
    try {
      await fail(api, { 'x-forwarded-for': freshAddress() });
      await fail(api, { 'x-forwarded-for': freshAddress() });
      expect((await fail(api, { 'x-forwarded-for': freshAddress() })).statusCode).toBe(429);
      expect((await fail(api, {}, freshAddress())).statusCode).toBe(401);
    } finally {
      await api.close();
    }
  });

  it('behind a trusted proxy each forwarded client has its own count', async () => {
    const api = await startTestApp(dialect, { throttle: limits, trustProxy: [`${peer}/128`] });
    try {
      const client = freshAddress();
      await fail(api, { 'x-forwarded-for': client });
      await fail(api, { 'x-forwarded-for': client });
      expect((await fail(api, { 'x-forwarded-for': client })).statusCode).toBe(429);
      expect((await fail(api, { 'x-forwarded-for': freshAddress() })).statusCode).toBe(401);
      // A peer that is not the trusted proxy is the address itself, whatever it forwards.
      const stranger = freshAddress();
      await fail(api, { 'x-forwarded-for': freshAddress() }, stranger);
      await fail(api, { 'x-forwarded-for': freshAddress() }, stranger);
      expect((await fail(api, { 'x-forwarded-for': freshAddress() }, stranger)).statusCode).toBe(429);
    } finally {
      await api.close();
    }
  });

  it('a hop count trusts that many proxies: the address is the one before them', async () => {
    const api = await startTestApp(dialect, { throttle: limits, trustProxy: 1 });
    try {
      const client = freshAddress();
      // The client made up the first entry; the one proxy appended the address it saw.
      await fail(api, { 'x-forwarded-for': `10.0.0.1, ${client}` });
      await fail(api, { 'x-forwarded-for': `10.0.0.2, ${client}` });
      expect((await fail(api, { 'x-forwarded-for': `10.0.0.3, ${client}` })).statusCode).toBe(429);
      expect((await fail(api, { 'x-forwarded-for': `10.0.0.3, ${freshAddress()}` })).statusCode).toBe(401);
    } finally {
      await api.close();
    }
  });
});
