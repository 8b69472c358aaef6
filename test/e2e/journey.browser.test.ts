import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../app.js';
import { describeEachDatabaseInBrowser } from '../browser.js';
import { uniqueId } from '../databases.js';
import { createPasswordPerson, newPortalPage, openPortal, signIn } from '../web-portal.js';

const LANGUAGES = ['Go', 'Java', 'Python'];

describeEachDatabaseInBrowser('the portal in the browser: the main journey', (dialect) => {
  const run = uniqueId('j').toLowerCase();
  const service = `svc_${run}`;
  const system = `sys_${run}`;
  let api: TestApp;
  let browser: Browser;
  let base: string;
  let admin: { email: string; password: string };
  let member: { email: string; password: string };
  const errors: string[] = [];

  beforeAll(async () => {
    api = await startTestApp(dialect);
    ({ base, browser } = await openPortal(api));
    admin = await createPasswordPerson(api, { roles: ['Admin'] });
    member = await createPasswordPerson(api, { roles: ['Member'] });
    expect(
      (
        await api.post('/v1/blueprints', {
          identifier: system,
          title: `System ${run}`,
          schema: { properties: {} },
        })
      ).status,
    ).toBe(201);
    const created = await api.post('/v1/blueprints', {
      identifier: service,
      title: `Service ${run}`,
      schema: {
        properties: {
          language: { type: 'string', title: 'Language', enum: LANGUAGES, enumColors: { Go: 'blue' } },
          tier: { type: 'number', title: 'Tier' },
          readme: { type: 'string', format: 'markdown', title: 'README' },
        },
      },
      relations: { system: { title: 'System', target: system, required: false, many: false } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await api.post(`/v1/blueprints/${system}/entities/bulk`, {
      entities: [{ identifier: 'checkout', title: 'Checkout system' }],
    });
    const entities = Array.from({ length: 40 }, (_, i) => ({
      identifier: `service-${String(i).padStart(2, '0')}`,
      title: `Service ${String(i).padStart(2, '0')}`,
      properties: {
        language: LANGUAGES[i % 3],
        tier: i % 4,
        readme: `# Service ${i}\nOwned by **checkout**.`,
      },
      relations: { system: 'checkout' },
    }));
    for (let i = 0; i < entities.length; i += 20) {
      const bulk = await api.post(`/v1/blueprints/${service}/entities/bulk`, {
        entities: entities.slice(i, i + 20),
      });
      expect(bulk.status, JSON.stringify(bulk.body)).toBe(200);
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const rowTitles = (page: Page) =>
    page.locator('table.entity-table tbody tr td:first-child a').allTextContents();

  it('signs in, filters and sorts a table, follows a relation, edits, sees the history and a change made elsewhere', async () => {
    const page = await newPortalPage(browser, errors);
    // A deep link without a session: sign in, then land on the same URL.
    await page.goto(`${base}/catalog/${service}?sort=-tier`);
    await page.waitForURL(/\/sign-in/);
    await signIn(page, admin);
    await page.waitForURL(`${base}/catalog/${service}?sort=-tier`);
    await expect.poll(() => rowTitles(page)).toContain('Service 03');
    expect(await page.getByRole('columnheader', { name: /Tier/ }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    await expect
      .poll(async () => (await rowTitles(page))[0])
      .toMatch(/Service (03|07|11|15|19|23|27|31|35|39)/);

    // The quick filter searches the server and keeps its text in the URL.
    await page.getByLabel('Filter by title or identifier').fill('service-1');
    await expect.poll(() => rowTitles(page)).toHaveLength(10);
    expect(new URL(page.url()).searchParams.get('q')).toBe('service-1');

    // A rule from the filter builder: Language is Go.
    await page.getByRole('button', { name: 'Filters' }).click();
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByRole('group', { name: 'Filter 1' }).getByRole('combobox', { name: 'Property' }).click();
    await page.getByRole('option', { name: 'Language' }).click();
    await page.getByRole('group', { name: 'Filter 1' }).getByRole('combobox', { name: 'Value' }).click();
    await page.getByRole('option', { name: 'Go' }).click();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    // Services 10 to 19 whose number is a multiple of 3, by tier (i % 4) descending.
    const goRows = ['Service 15', 'Service 18', 'Service 12'];
    await expect.poll(() => rowTitles(page)).toEqual(goRows);

    // The view survives a reload: it lives in the URL.
    await page.reload();
    await expect.poll(() => rowTitles(page)).toEqual(goRows);

    // Sort by clicking a header.
    await page.getByRole('button', { name: 'Sort by Title' }).click();
    await expect.poll(() => rowTitles(page)).toEqual(['Service 12', 'Service 15', 'Service 18']);

    // Open an entity, follow its relation, come back.
    await page.getByRole('link', { name: 'Service 12' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Service 12', level: 1 }).isVisible())
      .toBe(true);
    await page.getByRole('link', { name: 'checkout', exact: true }).first().click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Checkout system', level: 1 }).isVisible())
      .toBe(true);
    // The system's page lists the services pointing at it.
    await expect.poll(() => page.getByRole('link', { name: 'Service 12' }).count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Service 12' }).first().click();

    // Edit a property through the form.
    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Tier').fill('7');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => page.getByTestId('properties').textContent()).toContain('7');
    const stored = await api.get(`/v1/blueprints/${service}/entities/service-12`);
    expect(stored.body.entity.properties.tier).toBe(7);

    // The history shows the change.
    await page.getByRole('tab', { name: 'History' }).click();
    await page
      .getByRole('button', { name: /^Show changes of UPDATE/ })
      .first()
      .click();
    await expect.poll(() => page.getByText('properties.tier').count()).toBeGreaterThan(0);

    // A blueprint made in the builder is in the catalog.
    await page.getByRole('link', { name: 'Data model', exact: true }).click();
    await page.getByRole('button', { name: 'Create blueprint' }).click();
    const builder = page.getByRole('dialog', { name: 'Create a blueprint' });
    await builder.getByLabel('Identifier').fill(`env_${run}`);
    await builder.getByLabel('Title').fill(`Environment ${run}`);
    await builder.getByRole('button', { name: 'Create blueprint' }).click();
    await page.waitForURL(`${base}/data-model/env_${run}`);
    expect((await api.get(`/v1/blueprints/env_${run}`)).body.blueprint.title).toBe(`Environment ${run}`);
    await page.getByRole('link', { name: 'Catalog', exact: true }).click();
    await expect
      .poll(() => page.getByRole('link', { name: new RegExp(`Environment ${run}`) }).count())
      .toBe(1);

    // A change made through the API appears on an open page, without a reload.
    await page.goto(`${base}/catalog/${service}/service-12`);
    await expect.poll(() => page.getByTestId('properties').textContent()).toContain('7');
    const patched = await api.patch(`/v1/blueprints/${service}/entities/service-12`, {
      properties: { tier: 9 },
      title: 'Service 12 (renamed elsewhere)',
    });
    expect(patched.status).toBe(200);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 5000 })
      .toBe('Service 12 (renamed elsewhere)');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows a member no edit button, and the server refuses the write if they try', async () => {
    const page = await newPortalPage(browser, errors);
    await page.goto(`${base}/catalog/${service}/service-01`);
    await signIn(page, member);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Service 01', level: 1 }).isVisible())
      .toBe(true);
    await expect.poll(() => page.getByRole('tab', { name: 'Graph' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await page.goto(`${base}/catalog/${service}`);
    await expect.poll(() => rowTitles(page)).toContain('Service 01');
    expect(await page.getByRole('button', { name: /^Create/ }).count()).toBe(0);
    // Trying anyway, with the page's own session: the server refuses.
    const refused = await page.evaluate(async (path) => {
      const session = await (await fetch('/auth/session')).json();
      const response = await fetch(path, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ properties: { tier: 1 } }),
      });
      return { status: response.status, body: await response.json() };
    }, `/v1/blueprints/${service}/entities/service-01`);
    expect(refused.status).toBe(403);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('refuses the second of two people editing one entity, instead of overwriting the first', async () => {
    const [first, second] = [await newPortalPage(browser, errors), await newPortalPage(browser, errors)];
    for (const page of [first, second]) {
      await page.goto(`${base}/catalog/${service}/service-20`);
      await signIn(page, admin);
      await page.getByRole('button', { name: 'Edit' }).click();
    }
    await first.getByRole('dialog').getByLabel('Title').fill('Changed by the first');
    await first.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => first.getByRole('dialog').count()).toBe(0);
    // The second page's entity refreshes live under its open form; the form still writes over what it showed.
    await expect
      .poll(() => second.getByRole('heading', { level: 1 }).textContent())
      .toBe('Changed by the first');
    await second.getByRole('dialog').getByLabel('Title').fill('Changed by the second');
    await second.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => second.getByRole('alert').first().textContent()).toContain('Changed meanwhile');
    const stored = await api.get(`/v1/blueprints/${service}/entities/service-20`);
    expect(stored.body.entity.title).toBe('Changed by the first');
    for (const page of [first, second]) await page.context().close();
  });

  it('answers a missing or unreadable blueprint or entity with a not-found page', async () => {
    const page = await newPortalPage(browser, errors);
    await page.goto(`${base}/catalog/${service}/no-such-entity`);
    await signIn(page, admin);
    await expect.poll(() => page.getByRole('heading', { name: 'Not found' }).isVisible()).toBe(true);
    await page.goto(`${base}/catalog/no-such-blueprint-${run}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Not found' }).isVisible()).toBe(true);
    await page.goto(`${base}/catalog/no-such-blueprint-${run}/x/history`);
    await expect.poll(() => page.getByRole('heading', { name: 'Not found' }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
