/**
 * npm run screenshots: the README's pictures of the portal, made from the running app. Starts the server on
 * a fresh SQLite file with the demo catalog, signs in as the first admin in headless Chromium, and saves
 * each main page to docs/screenshots/. The scorecards' pictures come last, after a scorecard, an
 * initiative and a few more services are written (when the demo has no scorecard of services) and some
 * of them changed, so that their levels move over time.
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
    path: '/scorecards/service/production_readiness',
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
    path: '/catalog/service?columns=%5B%22%24title%22%2C%22language%22%2C%22tier%22%2C%22scorecards.production_readiness%22%2C%22%24team%22%5D',
    ready: (p) => p.locator('table.entity-table tbody tr td [data-level]').first().waitFor(),
  },
];

/** Writes through the signed-in session (its CSRF token on each write). */
interface Api {
  post(path: string, body: unknown): Promise<void>;
  patch(path: string, body: unknown): Promise<void>;
  get(path: string): Promise<unknown>;
}

function sessionApi(request: APIRequestContext, base: string, csrf: string): Api {
  const write = (method: 'POST' | 'PATCH') => async (path: string, body: unknown) => {
    const response = await request.fetch(`${base}${path}`, {
      method,
      data: body,
      headers: { 'x-csrf-token': csrf },
    });
    if (!response.ok())
      throw new Error(`${method} ${path} answered ${response.status()}: ${await response.text()}`);
  };
  return {
    post: write('POST'),
    patch: write('PATCH'),
    get: async (path) => (await request.get(`${base}${path}`)).json(),
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * "Production readiness" on the demo's services (unless the demo has it), five more services across its
 * teams, an initiative, and a few fixes made a moment apart so that the chart of levels moves.
 */
async function seedScorecards(api: Api) {
  const { scorecards } = (await api.get('/v1/blueprints/service/scorecards')) as { scorecards: unknown[] };
  if (scorecards.length) return;
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
  const rule = (identifier: string, title: string, level: string, condition: object, description = '') => ({
    identifier,
    title,
    level,
    ...(description ? { description } : {}),
    query: { combinator: 'and', conditions: [condition] },
  });
  await api.post('/v1/blueprints/service/scorecards', {
    identifier: 'production_readiness',
    title: 'Production readiness',
    rules: [
      rule(
        'has_readme',
        'Has a README',
        'Bronze',
        { property: 'readme', operator: 'isNotEmpty' },
        'A README says what the service does and how to run it.',
      ),
      rule('has_team', 'Owned by a team', 'Bronze', { property: '$team', operator: 'isNotEmpty' }),
      rule(
        'on_call',
        'Someone is on call',
        'Silver',
        { property: 'onCall', operator: 'isNotEmpty' },
        'An email that reaches whoever is on call.',
      ),
      rule('in_a_system', 'Part of a system', 'Silver', { relation: 'system', operator: 'isNotEmpty' }),
      rule('healthy', 'Healthy', 'Gold', { property: 'health', operator: '=', value: 'healthy' }),
      rule('repository', 'Has a repository', 'Gold', { property: 'repository', operator: 'isNotEmpty' }),
    ],
  });
  const due = new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10);
  await api.post('/v1/initiatives', {
    identifier: 'silver_for_all',
    title: 'Silver for every service',
    description: 'Every service documented, on call and in a system before the next audit.',
    blueprint: 'service',
    scorecard: 'production_readiness',
    level: 'Silver',
    dueDate: due,
  });
  const fixes: Array<[string, object]> = [
    ['payments-service', { properties: { readme: '# Payments' } }],
    [
      'orders-service',
      { properties: { readme: '# Orders', onCall: 'ada@example.com' }, relations: { system: 'cart-system' } },
    ],
    ['search-service', { properties: { readme: '# Search' } }],
    ['products-service', { properties: { health: 'degraded' } }],
    ['payments-service', { properties: { onCall: 'ada@example.com' } }],
  ];
  for (const [identifier, change] of fixes) {
    await pause(1500);
    await api.patch(`/v1/blueprints/service/entities/${identifier}`, change);
  }
  await pause(2000);
}

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
  for (const shot of SHOTS) {
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
