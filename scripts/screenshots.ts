/**
 * npm run screenshots: the README's pictures of the portal, made from the running app. Starts the server on
 * a fresh SQLite file with the demo catalog, signs in as the first admin in headless Chromium, and saves
 * each main page to docs/screenshots/. The scorecards' pictures come last, after a few more services
 * are written and some of them changed, so that the demo scorecard's levels move over time; the integration's
 * after an Ocean integration is written as Ocean writes it. `npm run screenshots -- integrations scorecard`
 * takes only the pictures named.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type APIRequestContext, type Page } from 'playwright-core';
import { startServerProcess } from '../test/server-process.js';
import { ensureWebBuild } from './build-web.js';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const EMAIL = 'admin@portico.local';
const PASSWORD = 'screenshots-password-not-for-production';

const SHOTS: Array<{
  name: string;
  path: string;
  ready: (page: Page) => Promise<unknown>;
  dark?: boolean;
  act?: (page: Page) => Promise<void>;
  /** The whole page, for a long one. */
  fullPage?: boolean;
  /** Written into the catalog before this picture is taken. */
  before?: (request: Api) => Promise<void>;
}> = [
  { name: 'catalog', path: '/catalog', ready: (p) => p.getByText('Software catalog').waitFor() },
  {
    name: 'table',
    path: '/catalog/service?columns=%5B%22%24title%22%2C%22language%22%2C%22lifecycle%22%2C%22tier%22%2C%22onCall%22%2C%22relations.system%22%2C%22%24updatedAt%22%5D',
    ready: (p) => p.locator('table.entity-table tbody tr td a').first().waitFor(),
  },
  {
    name: 'entity',
    path: '/catalog/service/cart-service',
    ready: (p) => p.getByTestId('properties').waitFor(),
  },
  {
    name: 'graph',
    path: '/catalog/service/cart-service/graph',
    ready: (p) => p.locator('.react-flow__node').first().waitFor(),
  },
  { name: 'data-model', path: '/data-model', ready: (p) => p.locator('.react-flow__node').first().waitFor() },
  {
    name: 'audit-log',
    path: '/audit-log',
    ready: (p) => p.getByRole('heading', { name: 'Audit log' }).waitFor(),
  },
  {
    name: 'self-service',
    path: '/self-service',
    ready: (p) => p.getByRole('article').first().waitFor(),
  },
  {
    name: 'action-form',
    path: '/self-service/scaffold_service',
    ready: (p) => p.getByRole('form').getByRole('textbox', { name: 'Name', exact: true }).waitFor(),
    act: async (p) => {
      await p.getByRole('textbox', { name: 'Name', exact: true }).fill('payments-service');
      await p.getByRole('textbox', { name: 'Title', exact: true }).fill('Payments');
    },
  },
  {
    name: 'run',
    path: '/self-service/spin_up_environment',
    ready: (p) => p.getByRole('form').getByRole('textbox', { name: 'Name', exact: true }).waitFor(),
    act: async (p) => {
      await p.getByRole('textbox', { name: 'Name', exact: true }).fill('preview-cart');
      await p.getByRole('combobox', { name: 'Service', exact: true }).fill('cart');
      await p.getByRole('option').first().click();
      await p.getByRole('button', { name: 'Execute' }).click();
      await p.getByTestId('run-status').and(p.locator('[data-status="SUCCESS"]')).waitFor();
      await p.getByRole('region', { name: 'Changed entities' }).waitFor();
    },
  },
  {
    name: 'palette-dark',
    path: '/catalog/service',
    dark: true,
    ready: (p) => p.locator('table.entity-table tbody tr td a').first().waitFor(),
    act: async (p) => {
      await p.keyboard.press('Control+K');
      await p.getByPlaceholder('Search entities, blueprints and pages…').fill('cart');
      await p.getByRole('option').first().waitFor();
    },
  },
  {
    name: 'scorecard',
    path: '/scorecards/service/production-readiness',
    before: seedScorecards,
    fullPage: true,
    ready: (p) => p.getByRole('img', { name: /Levels over time/ }).waitFor(),
    act: async (p) => {
      await p.getByRole('progressbar', { name: /overall/ }).waitFor();
    },
  },
  {
    name: 'entity-scorecards',
    path: '/catalog/service/products-service/scorecards',
    fullPage: true,
    ready: (p) =>
      p
        .getByRole('region', { name: /Level changes of/ })
        .getByRole('listitem')
        .first()
        .waitFor(),
  },
  {
    name: 'table-scorecards',
    path: '/catalog/service?columns=%5B%22%24title%22%2C%22language%22%2C%22tier%22%2C%22scorecards.production-readiness%22%2C%22%24team%22%5D',
    ready: (p) => p.locator('table.entity-table tbody tr td [data-level]').first().waitFor(),
  },
  {
    name: 'integrations',
    path: '/settings/integrations/my-github',
    before: seedIntegration,
    fullPage: true,
    ready: (p) => p.getByRole('table', { name: 'Metrics by kind' }).waitFor(),
    act: async (p) => {
      await p.getByRole('log', { name: 'Integration log' }).waitFor();
      await p.getByTestId('integration-mapping').locator('.cm-content').waitFor();
    },
  },
];

/** Writes through the signed-in session (its CSRF token on each write); `headers` as a client sends them. */
interface Api {
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<void>;
  patch(path: string, body: unknown, headers?: Record<string, string>): Promise<void>;
}

function sessionApi(request: APIRequestContext, base: string, csrf: string): Api {
  const write =
    (method: 'POST' | 'PATCH') =>
    async (path: string, body: unknown, headers: Record<string, string> = {}) => {
      const response = await request.fetch(`${base}${path}`, {
        method,
        data: body,
        headers: { ...headers, 'x-csrf-token': csrf },
      });
      if (!response.ok())
        throw new Error(`${method} ${path} answered ${response.status()}: ${await response.text()}`);
    };
  return {
    post: write('POST'),
    patch: write('PATCH'),
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Five more services across the demo's teams, then a few fixes a moment apart, so that the demo's
 * "Production readiness" scorecard has levels that moved over time.
 */
async function seedScorecards(api: Api) {
  const more = [
    ['search-service', 'Search Service', 'catalog-team', 'Go', 2],
    ['payments-service', 'Payments Service', 'checkout-team', 'Java', 1],
    ['orders-service', 'Orders Service', 'checkout-team', 'TypeScript', 1],
    ['builds-service', 'Builds Service', 'platform-team', 'Go', 3],
    ['metrics-service', 'Metrics Service', 'platform-team', 'Python', 3],
  ] as const;
  for (const [identifier, title, team, language, tier] of more)
    await api.post('/v1/blueprints/service/entities', {
      identifier,
      title,
      team: [team],
      properties: { language, tier, health: 'healthy' },
    });
  const fixes: Array<[string, object]> = [
    ['payments-service', { properties: { repository: 'https://git.example.com/shop/payments-service' } }],
    ['orders-service', { properties: { repository: 'https://git.example.com/shop/orders-service' } }],
    ['search-service', { properties: { repository: 'https://git.example.com/shop/search-service' } }],
    ['orders-service', { properties: { readme: '# Orders', onCall: 'ada@example.com' } }],
    ['products-service', { properties: { health: 'degraded' } }],
    ['payments-service', { properties: { onCall: 'ada@example.com', readme: '# Payments' } }],
  ];
  for (const [identifier, change] of fixes) {
    await pause(1500);
    await api.patch(`/v1/blueprints/service/entities/${identifier}`, change);
  }
  await pause(2000);
}

/**
 * An Ocean GitHub integration as Ocean writes it: its mapping, two resyncs (the second updates, creates,
 * deletes and fails to write one repository) with their metrics per kind, and its log.
 */
async function seedIntegration(api: Api) {
  const agent = 'port-ocean/github/1.2.3/my-github';
  const ocean = { 'user-agent': agent };
  const exporter = { 'user-agent': `${agent}/exporter` };
  await api.post('/v1/blueprints', {
    identifier: 'githubRepository',
    title: 'Repository',
    schema: { properties: { url: { type: 'string', format: 'url' }, stars: { type: 'number' } } },
  });
  const mapping = (kind: string, blueprint: string) => ({
    kind,
    selector: { query: 'true' },
    port: {
      entity: {
        mappings: {
          identifier: '.name',
          title: '.name',
          blueprint: `"${blueprint}"`,
          properties: { url: '.html_url', stars: '.stargazers_count' },
        },
      },
    },
  });
  await api.post(
    '/v1/integration',
    {
      installationId: 'my-github',
      installationAppType: 'github',
      version: '1.2.3',
      config: {
        deleteDependentEntities: true,
        createMissingRelatedEntities: true,
        entityDeletionThreshold: 0.5,
        resources: [mapping('repository', 'githubRepository')],
      },
    },
    ocean,
  );
  const repos = ['checkout', 'catalog', 'payments', 'search', 'builds', 'docs', 'infra'];
  const repo = (name: string, i: number) => ({
    identifier: name,
    title: name,
    properties: { url: `https://github.com/shop/${name}`, stars: 10 * i },
  });
  const kindMetrics = (eventId: string, syncState: string, raw: number, loaded: number, failed: number) => ({
    syncKindsMetrics: [
      {
        kindIdentifier: 'repository-0',
        kind: 'repository',
        eventId,
        syncState,
        metrics: {
          phase: {
            extract: { object_count_type: { raw_extracted: { object_count: raw } } },
            transform: {
              object_count_type: { transformed: { object_count: raw }, filtered_out: { object_count: 0 } },
            },
            load: {
              object_count_type: { loaded: { object_count: loaded }, failed: { object_count: failed } },
            },
            resync: { duration: 4.2 },
          },
        },
      },
    ],
  });
  const resync = async (eventId: string, written: string[], gone: string[], bad?: string) => {
    const query = `upsert=true&merge=true&ocean_info_event_type=resync&ocean_info_resync_id=${eventId}`;
    await api.patch(
      '/v1/integration/my-github/resync-state',
      { status: 'running', lastResyncStart: new Date().toISOString(), lastResyncEnd: null },
      ocean,
    );
    await api.post(
      '/v1/integration/my-github/metrics-ingest/syncMetrics',
      kindMetrics(eventId, 'syncing', 0, 0, 0),
      ocean,
    );
    await api.post(
      `/v1/blueprints/githubRepository/entities/bulk?${query}`,
      { entities: written.map((name) => repo(name, repos.indexOf(name))) },
      exporter,
    );
    if (bad)
      await api
        .post(
          `/v1/blueprints/githubRepository/entities?${query}`,
          { identifier: bad, properties: { stars: 'many' } },
          exporter,
        )
        .catch(() => undefined);
    if (gone.length)
      await api.post(
        `/v1/blueprints/githubRepository/bulk/entities/delete?ocean_info_event_type=resync&ocean_info_resync_id=${eventId}`,
        { entities: gone },
        exporter,
      );
    const failed = bad ? 1 : 0;
    await api.post(
      '/v1/integration/my-github/metrics-ingest/syncMetrics',
      kindMetrics(eventId, 'completed', written.length + failed, written.length, failed),
      ocean,
    );
    await api.patch(
      '/v1/integration/my-github/resync-state',
      {
        status: 'completed',
        lastResyncEnd: new Date().toISOString(),
        nextResync: null,
        intervalInMinuets: 60,
      },
      ocean,
    );
  };
  await resync(crypto.randomUUID(), repos.slice(0, 6), []);
  await pause(1500);
  await resync(crypto.randomUUID(), [...repos.slice(0, 4), 'infra'], ['docs'], 'legacy-monolith');
  const at = Date.now() - 30_000;
  const lines: Array<[string, string]> = [
    ['INFO', 'Resync was triggered'],
    ['INFO', 'Fetching repositories of organization shop'],
    ['INFO', 'Found 6 repositories'],
    ['INFO', 'Upserting 5 entities of kind repository'],
    ['WARNING', 'Rate limit: 120 requests left, slowing down'],
    ['ERROR', 'Failed to upsert legacy-monolith: properties.stars must be number'],
    ['INFO', 'Deleting 1 entity no longer in the source'],
    ['INFO', 'Resync finished successfully'],
  ];
  await api.post(
    '/v1/integration/my-github/logs-ingest',
    {
      logs: lines.map(([level, message], i) => ({
        level,
        message,
        timestamp: new Date(at + i * 2500).toISOString(),
      })),
    },
    ocean,
  );
}

const only = process.argv.slice(2);
await ensureWebBuild();
const dir = mkdtempSync(join(tmpdir(), 'portico-screenshots-'));
const server = await startServerProcess({
  databaseUrl: `sqlite:${join(dir, 'portico.db')}`,
  env: { PORTICO_DEMO: 'true', PORTICO_ADMIN_EMAIL: EMAIL, PORTICO_ADMIN_PASSWORD: PASSWORD },
});
const browser = await chromium.launch({
  executablePath: process.env.PORTICO_TEST_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  // The demo catalog is loaded once the server is ready.
  for (const shot of SHOTS.filter((s) => only.length === 0 || only.includes(s.name))) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 760 },
      deviceScaleFactor: 1,
      colorScheme: shot.dark ? 'dark' : 'light',
    });
    const signedIn = await context.request.post(`${server.url}/auth/login`, {
      data: { email: EMAIL, password: PASSWORD },
    });
    if (!signedIn.ok()) throw new Error(`sign-in answered ${signedIn.status()}`);
    const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
    await shot.before?.(sessionApi(context.request, server.url, csrfToken));
    const page = await context.newPage();
    await page.goto(`${server.url}${shot.path}`);
    await shot.ready(page);
    await shot.act?.(page);
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(OUT, `${shot.name}.png`), fullPage: shot.fullPage ?? false });
    console.log(`docs/screenshots/${shot.name}.png`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
