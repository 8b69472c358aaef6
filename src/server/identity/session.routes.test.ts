import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestResponse } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';

interface Browser {
  cookie?: string;
  csrf?: string;
}

/** Calls the app as a browser would: the session cookie, the CSRF header once known, and no bearer token. */
async function call(api: TestApp, browser: Browser, method: string, url: string, body?: unknown) {
  const response = await api.app.inject({
    method: method as 'GET',
    url,
    headers: {
      ...(browser.cookie ? { cookie: `portico_session=${browser.cookie}` } : {}),
      ...(browser.csrf ? { 'x-csrf-token': browser.csrf } : {}),
    },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return {
    status: response.statusCode,
    body: response.json(),
    headers: response.headers,
    cookies: response.cookies,
  };
}

async function signIn(
  api: TestApp,
  email: string,
  password: string,
): Promise<Browser & { status: number; body: TestResponse['body'] }> {
  const response = await call(api, {}, 'POST', '/auth/login', { email, password });
  const cookie = response.cookies.find((c) => c.name === 'portico_session');
  return {
    status: response.status,
    body: response.body,
    cookie: cookie?.value,
    csrf: response.body.csrfToken,
  };
}

const PASSWORD = 'correct horse battery staple';

describeEachDatabase('sign-in with a password, and browser sessions', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp(dialect, { throttle: { perAccount: 3, perAddress: 1000, windowSeconds: 60 } });
  });
  afterAll(() => api.close());

  /** An invited user who set a password through the invitation token. */
  async function person(roles: string[] = ['Member']) {
    const email = `${uniqueId('p')}@example.com`;
    const invited = await api.post('/v1/users/invite', { invitee: { email, roles } });
    expect(invited.status).toBe(200);
    const reset = await call(api, {}, 'POST', '/auth/password/reset', {
      token: invited.body.invitation.token,
      password: PASSWORD,
    });
    expect(reset.status).toBe(200);
    return email;
  }

  it('the first admin is created once, with a generated password that signs in', async () => {
    const email = `${uniqueId('first')}@example.com`;
    // The test app's database already has people with passwords: a generated admin appears only on an
    // installation without any, so ask for one from the environment's values here.
    expect(await api.services.sessions.ensureFirstAdmin(email, 'a password from the env')).toBeUndefined();
    const browser = await signIn(api, email, 'a password from the env');
    expect(browser.status).toBe(200);
    expect(browser.body.user).toMatchObject({ email, roles: ['Admin'] });
    // At the next start the environment's password does not overwrite one the admin has changed.
    expect(
      (
        await call(api, browser, 'POST', '/auth/password', {
          currentPassword: 'a password from the env',
          newPassword: PASSWORD,
        })
      ).status,
    ).toBe(200);
    await api.services.sessions.ensureFirstAdmin(email, 'a password from the env');
    expect((await signIn(api, email, PASSWORD)).status).toBe(200);
  });

  it('an invitation sets the password once, activates the user, and the session cookie is http-only and same-site', async () => {
    const email = `${uniqueId('inv')}@example.com`;
    const invited = await api.post('/v1/users/invite', { invitee: { email } });
    const token = invited.body.invitation.token;
    const weak = await call(api, {}, 'POST', '/auth/password/reset', { token, password: 'short' });
    expect(weak.status).toBe(422);
    expect(weak.body.message).toMatch(/^password: /);
    expect((await call(api, {}, 'POST', '/auth/password/reset', { token, password: PASSWORD })).status).toBe(
      200,
    );
    const again = await call(api, {}, 'POST', '/auth/password/reset', { token, password: PASSWORD });
    expect(again.status).toBe(401);
    expect(again.body.message).toMatch(/^token: /);
    expect((await api.get(`/v1/users/${encodeURIComponent(email)}`)).body.user.status).toBe('Active');

    const response = await call(api, {}, 'POST', '/auth/login', { email, password: PASSWORD });
    const cookie = response.cookies.find((c) => c.name === 'portico_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeUndefined();
    expect(JSON.stringify(response.body)).not.toContain(PASSWORD);
    expect(JSON.stringify(response.body)).not.toContain(cookie.value);
  });

  it('a cookie session reads freely, and writes only with the CSRF token; the audit log says UI and who', async () => {
    const email = await person(['Admin']);
    const browser = await signIn(api, email, PASSWORD);
    expect((await call(api, { cookie: browser.cookie }, 'GET', '/v1/blueprints')).status).toBe(200);
    const session = await call(api, { cookie: browser.cookie }, 'GET', '/auth/session');
    expect(session.body.csrfToken).toBe(browser.csrf);

    const team = uniqueId('team');
    const forged = await call(api, { cookie: browser.cookie }, 'POST', '/v1/teams', { name: team });
    expect(forged.status).toBe(403);
    expect(forged.body).toMatchObject({ error: 'invalid_csrf_token' });
    expect(forged.body.message).toMatch(/^x-csrf-token: /);
    const wrong = await call(api, { cookie: browser.cookie, csrf: 'x'.repeat(32) }, 'POST', '/v1/teams', {
      name: team,
    });
    expect(wrong.status).toBe(403);
    expect((await api.get(`/v1/teams/${team}`)).status).toBe(404);

    expect((await call(api, browser, 'POST', '/v1/teams', { name: team })).status).toBe(200);
    const audit = await api.get(`/v1/audit-log?identifier=${team}`);
    expect(audit.body.audits[0]).toMatchObject({ trigger: { by: { userId: email }, origin: 'UI' } });
  });

  it('logout ends the session and clears the cookie; it needs the CSRF token', async () => {
    const browser = await signIn(api, await person(), PASSWORD);
    expect((await call(api, { cookie: browser.cookie }, 'POST', '/auth/logout')).status).toBe(403);
    const out = await call(api, browser, 'POST', '/auth/logout');
    expect(out.status).toBe(200);
    expect(out.cookies.find((c) => c.name === 'portico_session')?.value).toBe('');
    const after = await call(api, { cookie: browser.cookie }, 'GET', '/v1/blueprints');
    expect(after.status).toBe(401);
    expect(after.body.message).toContain('sign in again');
  });

  it('disabling or deleting a user ends its sessions at once', async () => {
    const email = await person();
    const browser = await signIn(api, email, PASSWORD);
    await api.patch(`/v1/blueprints/_user/entities/${encodeURIComponent(email)}`, {
      properties: { status: 'Disabled' },
    });
    const refused = await call(api, browser, 'GET', '/v1/blueprints');
    expect(refused.status).toBe(401);
    expect(refused.body.message).toContain('disabled');
    expect((await signIn(api, email, PASSWORD)).status).toBe(401);

    const other = await person();
    const second = await signIn(api, other, PASSWORD);
    expect((await api.delete(`/v1/users/${encodeURIComponent(other)}`)).status).toBe(200);
    expect((await call(api, second, 'GET', '/v1/blueprints')).status).toBe(401);
  });

  it('changing the password needs the current one, and ends the other sessions', async () => {
    const email = await person();
    const here = await signIn(api, email, PASSWORD);
    const elsewhere = await signIn(api, email, PASSWORD);
    const wrong = await call(api, here, 'POST', '/auth/password', {
      currentPassword: 'not it at all',
      newPassword: 'a brand new password',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toMatch(/^currentPassword: /);
    const changed = await call(api, here, 'POST', '/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new password',
    });
    expect(changed.status).toBe(200);
    expect((await call(api, here, 'GET', '/v1/blueprints')).status).toBe(200);
    expect((await call(api, elsewhere, 'GET', '/v1/blueprints')).status).toBe(401);
    expect((await signIn(api, email, PASSWORD)).status).toBe(401);
    expect((await signIn(api, email, 'a brand new password')).status).toBe(200);
  });

  describe('throttling', () => {
    it('refuses an account after repeated failures with 429 and Retry-After, even with the right password', async () => {
      const email = await person();
      const unknown = await signIn(api, `${uniqueId('nobody')}@example.com`, PASSWORD);
      const wrong = await signIn(api, email, 'wrong password!!');
      expect(unknown.status).toBe(401);
      expect(wrong.body.message).toBe(unknown.body.message);
      await signIn(api, email, 'wrong password!!');
      await signIn(api, email, 'wrong password!!');
      const response = await call(api, {}, 'POST', '/auth/login', { email, password: PASSWORD });
      expect(response.status).toBe(429);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(60);
      // Another account from the same address is not affected.
      expect((await signIn(api, await person(), PASSWORD)).status).toBe(200);
    });
  });

  it('bad input is a 4xx naming the field', async () => {
    const noPassword = await call(api, {}, 'POST', '/auth/login', { email: 'a@example.com' });
    expect(noPassword.status).toBe(422);
    expect(noPassword.body.message).toContain('password');
    const noSession = await call(api, {}, 'GET', '/auth/session');
    expect(noSession.status).toBe(401);
    const forged = await call(api, { cookie: 'made-up' }, 'GET', '/v1/blueprints');
    expect(forged.status).toBe(401);
    const serviceAccount = `${uniqueId('sa')}@serviceaccounts.getport.io`;
    await api.post('/v1/blueprints/_user/entities', {
      identifier: serviceAccount,
      properties: { port_type: 'Service Account' },
    });
    const link = await api.post(`/v1/users/${encodeURIComponent(serviceAccount)}/password-token`);
    expect(link.status).toBe(422);
  });
});

describeEachDatabase('session expiry', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp(dialect, { sessions: { idleSeconds: 1, absoluteSeconds: 3 } });
  });
  afterAll(() => api.close());

  async function browser() {
    const email = `${uniqueId('e')}@example.com`;
    const invited = await api.post('/v1/users/invite', { invitee: { email } });
    await call(api, {}, 'POST', '/auth/password/reset', {
      token: invited.body.invitation.token,
      password: PASSWORD,
    });
    return signIn(api, email, PASSWORD);
  }

  it('an idle session ends; an active one lasts until its absolute end', async () => {
    // Both sessions begin between these two instants; the pings stop well before the 3 s absolute end,
    // so a slow request on a loaded machine cannot cross it.
    const started = Date.now();
    const [idle, active] = [await browser(), await browser()];
    const signedIn = Date.now();
    while (Date.now() - started < 1800) {
      await sleep(300);
      expect((await call(api, active, 'GET', '/v1/blueprints')).status).toBe(200);
    }
    await sleep(Math.max(0, signedIn + 1100 - Date.now()));
    const idleAnswer = await call(api, idle, 'GET', '/v1/blueprints');
    expect(idleAnswer.status).toBe(401);
    expect(idleAnswer.body.message).toContain('idle');
    await sleep(Math.max(0, signedIn + 3100 - Date.now()));
    const expired = await call(api, active, 'GET', '/v1/blueprints');
    expect(expired.status).toBe(401);
    expect(expired.body.message).toContain('expired');
  });
});
