import { buildApp, type AppOptions } from '../src/server/app.js';
import { DEFAULT_THROTTLE } from '../src/server/identity/sign-in-throttle.js';
import type { Database } from '../src/server/storage/database.js';
import { openTestDatabase, uniqueId, type DialectUnderTest } from './databases.js';
import { testSecretsKey } from './secrets-key.js';

export interface TestResponse {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  headers: Record<string, unknown>;
}

/** The real app on a real database, called in memory through Fastify's inject with an admin token. */
export async function startTestApp(dialect: DialectUnderTest, options: Partial<AppOptions> = {}) {
  // A test that needs a database of its own (an empty catalog) gives it, migrated.
  const database: Database = options.database ?? (await openTestDatabase(dialect));
  const { app, services, routes } = await buildApp({
    bodyLimit: 10 * 1024 * 1024,
    tokenTtlSeconds: 3600,
    // The throttle's counts live in the database, which every test file shares on PostgreSQL, and every
    // injected request comes from 127.0.0.1: one file's deliberate failures must not throttle another's
    // sign-ins. Tests of the address limit set their own.
    throttle: { ...DEFAULT_THROTTLE, perAddress: 1_000_000 },
    ...(process.env.PORTICO_WEB_DIR ? { webDir: process.env.PORTICO_WEB_DIR } : {}),
    secretsKey: testSecretsKey(),
    // Every test app on the shared PostgreSQL database delivers its own runs, with its own settings.
    jobNamespace: uniqueId('app'),
    // A calculation that runs away is stopped sooner than in production: the tests wait for it.
    computedJqTimeoutMs: 300,
    // Every answer of every test holds to the contract its route declares (docs/openapi.json).
    checkResponses: true,
    // Each would read every other test's changes on the shared database: tests of automations turn it on,
    // on a database of their own.
    automations: false,
    // The same for scorecards' evaluator: tests of scorecards turn it on, on a database of their own.
    scorecards: false,
    ...options,
    // Tests' webhook receivers listen on loopback; deliveries give up fast.
    webhooks: {
      allowPrivate: ['127.0.0.0/8'],
      timeoutMs: 5_000,
      maxAttempts: 3,
      backoff: { baseMs: 20, capMs: 200 },
      ...options.webhooks,
    },
    database,
  });
  const clientId = uniqueId('admin');
  const clientSecret = uniqueId('secret');
  await services.credentials.ensureAdminCredential(clientId, clientSecret);
  const token = (await services.credentials.issueToken(clientId, clientSecret)).accessToken;

  async function request(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse> {
    // A string body is sent as raw JSON text, so tests can send malformed or hostile documents.
    const raw = typeof body === 'string';
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers: {
        authorization: `Bearer ${token}`,
        ...(raw ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: body as string | object }),
    });
    const text = response.body;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.statusCode, body: parsed, headers: response.headers };
  }

  return {
    app,
    services,
    /** Every registered route, with whether it is public. */
    routes,
    database,
    clientId,
    clientSecret,
    token,
    get: (url: string, headers?: Record<string, string>) => request('GET', url, undefined, headers),
    post: (url: string, body?: unknown, headers?: Record<string, string>) =>
      request('POST', url, body ?? {}, headers),
    put: (url: string, body?: unknown, headers?: Record<string, string>) =>
      request('PUT', url, body ?? {}, headers),
    patch: (url: string, body?: unknown, headers?: Record<string, string>) =>
      request('PATCH', url, body ?? {}, headers),
    delete: (url: string, headers?: Record<string, string>) => request('DELETE', url, undefined, headers),
    request,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;
