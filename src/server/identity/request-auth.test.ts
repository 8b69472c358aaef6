import { UNREACHABLE_OIDC } from '../../../test/oidc.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp, type RouteSummary } from '../app.js';
import { DomainError } from '../errors.js';
import type { Database } from '../storage/database.js';
import { actorOf } from './request-auth.js';
import { WEB_APP_PAGES } from '../http/web-app.js';
import { describeEachDatabase, openTestDatabase } from '../../../test/databases.js';

// The routes anyone may call; every other route needs a caller. A new public route is a decision: add it here.
const PUBLIC_ROUTES = [
  ...WEB_APP_PAGES.map((url) => `GET ${url}`),
  'GET /assets/*',
  'GET /healthz',
  'GET /readyz',
  'GET /openapi.json',
  'POST /v1/auth/access_token',
  'POST /auth/login',
  'GET /auth/session',
  'POST /auth/logout',
  'POST /auth/password',
  'POST /auth/password/reset',
  'GET /auth/sso',
  'GET /auth/sso/login',
  'GET /auth/sso/callback',
];

describeEachDatabase('authentication is decided by the matched route', (dialect) => {
  let database: Database;
  let built: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    built = await buildApp({
      database,
      bodyLimit: 1024 * 1024,
      tokenTtlSeconds: 60,
      oidc: UNREACHABLE_OIDC,
    });
  });
  afterAll(async () => {
    await built.app.close();
    await database.close();
  });

  const anonymous = (method: string, url: string) =>
    built.app.inject({
      method: method as 'GET',
      url,
      ...(method === 'GET' || method === 'HEAD' ? {} : { payload: {} }),
    });

  it('refuses every non-public route without credentials with 401', async () => {
    const publicOnes = built.routes.filter((r) => r.public && r.method !== 'HEAD');
    expect(publicOnes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([...PUBLIC_ROUTES].sort());
    const guarded = built.routes.filter((r) => !r.public);
    expect(guarded.length).toBeGreaterThan(30);
    for (const route of guarded) {
      const response = await anonymous(route.method, urlOf(route));
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      if (route.method !== 'HEAD')
        expect(response.json()).toMatchObject({ ok: false, error: 'unauthorized' });
    }
  });

  it('an encoded, doubled or re-cased /v1 path is never served without credentials', async () => {
    for (const url of [
      '/%761/blueprints',
      '/%76%31/blueprints',
      '/v1%2Fblueprints',
      '/V1/blueprints',
      '//v1/blueprints',
      '/v1//blueprints',
      '/%761/users',
      '/%761/audit-log',
      '/%761/blueprints/_user/entities',
      '/%761/auth/access_token/../../blueprints',
    ]) {
      const response = await anonymous('GET', url);
      expect([401, 404], url).toContain(response.statusCode);
      expect(response.json().ok, url).toBe(false);
    }
    // Where the router decodes to a /v1 route, that route's authentication applies.
    expect((await anonymous('GET', '/%761/blueprints')).statusCode).toBe(401);
    expect((await anonymous('POST', '/%761/blueprints')).statusCode).toBe(401);
  });
});

it('reading the caller of a request nobody authenticated is a 401, not a missing value', () => {
  let thrown: unknown;
  try {
    actorOf({});
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(DomainError);
  expect(thrown).toMatchObject({ kind: 'unauthenticated', code: 'unauthorized' });
});

function urlOf(route: RouteSummary): string {
  return route.url.replace(/:[A-Za-z_]+/g, 'x').replace(/\*$/, 'x');
}
