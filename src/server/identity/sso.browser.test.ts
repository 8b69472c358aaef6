import { UNREACHABLE_OIDC } from '../../../test/oidc.js';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabaseInBrowser, launchBrowser } from '../../../test/browser.js';
import { uniqueId } from '../../../test/databases.js';
import { safeReturnPath } from './sso.service.js';

async function listening(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listening(probe);
  probe.close();
  await once(probe, 'close');
  return port;
}

describeEachDatabaseInBrowser('single sign-on with OpenID Connect, through the browser', (dialect) => {
  const suffix = uniqueId('sso').toLowerCase();
  const teams = [`payments-${suffix}`, `sre-${suffix}`];
  let provider: Server;
  let api: TestApp;
  let browser: Browser;
  let portico: string;
  let issuer: string;

  beforeAll(async () => {
    // A real OpenID provider (oidc-provider, with its development login and consent pages) on a local port.
    provider = createServer();
    issuer = `http://127.0.0.1:${await listening(provider)}`;
    const porticoPort = await freePort();
    portico = `http://127.0.0.1:${porticoPort}`;
    const oidc = new Provider(issuer, {
      clients: [
        {
          client_id: 'portico',
          client_secret: 'portico-test-secret',
          redirect_uris: [`${portico}/auth/sso/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
      scopes: ['openid', 'email', 'profile', 'groups'],
      cookies: { keys: ['portico-test-cookie-key'] },
      features: { devInteractions: { enabled: true } },
      async findAccount(_ctx, id) {
        const domain = id.startsWith('mallory') ? 'elsewhere.test' : 'example.com';
        return {
          accountId: id,
          claims: async () => ({
            sub: id,
            email: `${id}@${domain}`,
            email_verified: true,
            name: 'Alice Doe',
            groups: teams,
          }),
        };
      },
    });
    provider.on('request', oidc.callback());

    api = await startTestApp(dialect, {
      oidc: {
        issuer,
        clientId: 'portico',
        clientSecret: 'portico-test-secret',
        publicUrl: portico,
        allowedDomains: ['example.com'],
        teamsClaim: 'groups',
        scopes: 'openid email profile groups',
        name: 'Test IdP',
      },
    });
    await api.app.listen({ port: porticoPort, host: '127.0.0.1' });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    provider?.close();
  });

  /** From Portico's front page through the provider's login and consent pages, back to Portico. */
  async function signInThroughProvider(login: string) {
    const page = await browser.newPage();
    await page.goto(`${portico}/`);
    await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('any password: the development login accepts it');
    await page.locator('button[type=submit]').click();
    await page.locator('button[type=submit]', { hasText: 'Continue' }).click();
    await page.waitForURL(`${portico}/**`);
    return page;
  }

  it('lands on the portal as the right user, in the teams the provider lists', async () => {
    const login = `alice-${suffix}`;
    const page = await signInThroughProvider(login);
    await expect.poll(() => page.getByTestId('user-email').textContent()).toBe(`${login}@example.com`);
    await page.getByRole('button', { name: `Account: ${login}@example.com` }).click();
    expect(await page.getByTestId('user-teams').textContent()).toBe(`Teams: ${teams.join(', ')}`);
    expect(await page.getByTestId('user-roles').textContent()).toBe('Member');

    const user = await api.get(`/v1/users/${encodeURIComponent(`${login}@example.com`)}`);
    expect(user.body.user).toMatchObject({ status: 'Active', teams, firstName: 'Alice', lastName: 'Doe' });
    const cookie = (await page.context().cookies()).find((c) => c.name === 'portico_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    // The browser's session works for the API and signs out.
    const own = await page.evaluate(async () => (await fetch('/v1/blueprints')).status);
    expect(own).toBe(200);
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Sign in', exact: true }).isVisible())
      .toBe(true);
    expect(await page.evaluate(async () => (await fetch('/v1/blueprints')).status)).toBe(401);
    await page.close();
  });

  it("keeps the provider's teams read-only, and the person's other teams through a sign-in", async () => {
    const login = `bob-${suffix}`;
    const email = `${login}@example.com`;
    const [payments, sre] = teams as [string, string];
    (await signInThroughProvider(login)).close();
    const team = await api.get(`/v1/teams/${payments}`);
    expect(team.body.team).toMatchObject({ name: payments, provider: 'Test IdP' });
    const teamEntity = async () => (await api.get(`/v1/blueprints/_team/entities/${payments}`)).body.entity;
    const before = await teamEntity();

    // Who is in the provider's teams, and their names, are the provider's.
    const local = uniqueId('local');
    expect((await api.post('/v1/teams', { name: local })).status).toBe(200);
    const outsider = `${uniqueId('carol')}@example.com`;
    await api.post('/v1/users/invite', { invitee: { email: outsider } });
    for (const [call, field] of [
      [() => api.patch(`/v1/users/${encodeURIComponent(email)}`, { teams: [payments, local] }), sre],
      [() => api.patch(`/v1/teams/${payments}`, { users: [outsider] }), payments],
      [() => api.patch(`/v1/users/${encodeURIComponent(outsider)}`, { teams: [sre] }), sre],
    ] as const) {
      const refused = await call();
      expect(refused.status, JSON.stringify(refused.body)).toBe(422);
      expect(refused.body).toMatchObject({ error: 'sso_team' });
      expect(refused.body.message).toContain(`"${field}" is managed by Test IdP (single sign-on)`);
    }
    // Refusals write nothing, not even the team's own row.
    expect(await teamEntity()).toEqual(before);
    const renamed = await api.patch(`/v1/teams/${payments}`, { name: `${payments}-x` });
    expect(renamed.status).toBe(422);
    expect(renamed.body.message).toContain('identifier: team');
    const claimed = await api.post(`/v1/blueprints/_team/entities?upsert=true`, {
      identifier: local,
      properties: { provider: 'Test IdP' },
    });
    expect(claimed.status).toBe(422);
    expect(claimed.body.message).toContain('properties.provider: only single sign-on');

    // A team of Portico's own is the admin's to give; the next sign-in keeps it.
    const added = await api.patch(`/v1/users/${encodeURIComponent(email)}`, { teams: [...teams, local] });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    (await signInThroughProvider(login)).close();
    const user = await api.get(`/v1/users/${encodeURIComponent(email)}`);
    expect([...user.body.user.teams].sort()).toEqual([...teams, local].sort());
  });

  it('refuses an email domain that is not allowed, and says why on the page', async () => {
    const page = await signInThroughProvider(`mallory-${suffix}`);
    await expect
      .poll(() => page.getByTestId('sign-in-error').textContent())
      .toContain('"elsewhere.test" may not sign in');
    expect(await page.getByRole('button', { name: 'Sign in', exact: true }).isVisible()).toBe(true);
    expect(
      (await api.get(`/v1/users/${encodeURIComponent(`mallory-${suffix}@elsewhere.test`)}`)).status,
    ).toBe(404);
    await page.close();
  });

  it('refuses a disabled user before writing anything, and says so on the page', async () => {
    const login = `carol-${suffix}`;
    const email = `${login}@example.com`;
    const created = await api.post('/v1/blueprints/_user/entities', {
      identifier: email,
      properties: { status: 'Disabled' },
    });
    expect(created.status).toBe(201);
    const page = await signInThroughProvider(login);
    await expect
      .poll(() => page.getByTestId('sign-in-error').textContent())
      .toContain(`user "${email}" is disabled`);
    const user = await api.get(`/v1/users/${encodeURIComponent(email)}`);
    expect(user.body.user).toMatchObject({
      status: 'Disabled',
      teams: [],
      updatedAt: created.body.entity.updatedAt,
    });
    await page.close();
  });

  it('after signing in, goes back only to this site, whatever returnTo says (the browser decides)', async () => {
    const login = `dave-${suffix}`;
    for (const returnTo of ['/\t/evil.example/phish', '/\n/evil.example/phish', '/\\evil.example/phish']) {
      const page = await browser.newPage();
      const visited: string[] = [];
      page.on('request', (request) => visited.push(request.url()));
      await page.goto(`${portico}/auth/sso/login?returnTo=${encodeURIComponent(returnTo)}`);
      await page.locator('input[name=login]').fill(login);
      await page.locator('input[name=password]').fill('any password: the development login accepts it');
      await page.locator('button[type=submit]').click();
      await page.locator('button[type=submit]', { hasText: 'Continue' }).click();
      await page.waitForURL((url) => !url.href.startsWith(issuer));
      await page.waitForLoadState();
      // The browser never even asks evil.example (this machine could not reach it anyway).
      expect(
        visited.filter((url) => new URL(url).hostname === 'evil.example'),
        JSON.stringify(returnTo),
      ).toEqual([]);
      expect(new URL(page.url()).origin, `${JSON.stringify(returnTo)} landed on ${page.url()}`).toBe(portico);
      // The portal's front page sends a signed-in person on to the catalog.
      await page.waitForURL(`${portico}/catalog`);
      await expect.poll(() => page.getByTestId('user-email').textContent()).toBe(`${login}@example.com`);
      await page.close();
    }
    // A path on this site is kept.
    const page = await browser.newPage();
    const landed: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && landed.push(frame.url()));
    await page.goto(`${portico}/auth/sso/login?returnTo=${encodeURIComponent('/?tab=mine#top')}`);
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('any password: the development login accepts it');
    await page.locator('button[type=submit]').click();
    await page.locator('button[type=submit]', { hasText: 'Continue' }).click();
    await page.waitForURL(`${portico}/**`);
    expect(landed).toContain(`${portico}/?tab=mine#top`);
    await page.close();
  });

  it('signs in the user stored with an upper-case email, without making another', async () => {
    const login = `erin-${suffix}`;
    const stored = `${login.toUpperCase()}@Example.com`;
    expect((await api.post('/v1/users/invite', { invitee: { email: stored } })).status).toBe(200);
    const page = await signInThroughProvider(login);
    await expect.poll(() => page.getByTestId('user-email').textContent()).toBe(stored);
    await page.close();
    const users = await api.get('/v1/users');
    const matching = users.body.users.filter(
      (u: { email: string }) => u.email.toLowerCase() === stored.toLowerCase(),
    );
    expect(matching).toHaveLength(1);
    expect(matching[0]).toMatchObject({ email: stored, status: 'Active' });
  });

  it('refuses a callback that this browser did not start', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/auth/sso/callback?code=forged&state=forged',
    });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/sign-in');
    expect(ssoErrorOf(response.headers['set-cookie'])).toContain('the sign-in was not started here');
  });

  it('sends the browser back with a message when the provider cannot be reached', async () => {
    const stranded = await startTestApp(dialect, {
      oidc: UNREACHABLE_OIDC,
    });
    try {
      const response = await stranded.app.inject({ method: 'GET', url: '/auth/sso/login' });
      expect(response.statusCode).toBe(302);
      expect(ssoErrorOf(response.headers['set-cookie'])).toContain(
        'the sign-in provider http://127.0.0.1:1 cannot be reached',
      );
      // The sign-in page asks why, once.
      const cookie = `portico_sso_error=${/portico_sso_error=([^;]*)/.exec(String(response.headers['set-cookie']))![1]}`;
      const told = await stranded.app.inject({ method: 'GET', url: '/auth/sso', headers: { cookie } });
      expect(told.json().error).toContain('cannot be reached');
      expect(String(told.headers['set-cookie'])).toMatch(/portico_sso_error=;/);
    } finally {
      await stranded.close();
    }
  });
});

/** The message of the cookie that tells the sign-in page why single sign-on failed. */
function ssoErrorOf(setCookie: string | string[] | undefined) {
  const match = /portico_sso_error=([^;]*)/.exec(([] as string[]).concat(setCookie ?? []).join('\n'));
  return match ? decodeURIComponent(match[1]!) : '';
}

it('after signing in, goes back only to a path on this site', () => {
  expect(safeReturnPath('/catalog?x=1')).toBe('/catalog?x=1');
  expect(safeReturnPath('/a/../b?q=%20#h')).toBe('/b?q=%20#h');
  for (const outside of [
    'https://evil.example/',
    '//evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r/evil.example',
    '/\u0000/evil.example',
    '\t//evil.example',
    '/\\/evil.example',
    '/.//evil.example/phish',
    '/..//evil.example',
    '/catalog/..//evil.example',
    '/%2e//evil.example',
    'catalog',
    42,
    undefined,
  ])
    expect(safeReturnPath(outside)).toBe('/');
});
