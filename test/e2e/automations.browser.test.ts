import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestApp } from '../app.js';
import { automationsDatabaseUrl, createAutomation, runsOf, startAutomationsApp } from '../automations.js';
import { describeEachDatabaseInBrowser } from '../browser.js';
import { uniqueId } from '../databases.js';
import { eventually } from '../eventually.js';
import { startWebhookReceiver, type WebhookReceiver } from '../webhook-receiver.js';
import { createPasswordPerson, openPortal, openSignedIn } from '../web-portal.js';

describeEachDatabaseInBrowser('automations in the browser', (dialect) => {
  const run = uniqueId('au').toLowerCase();
  const blueprint = `svc_${run}`;
  const held = `degraded_${run}`;
  const broken = `broken_${run}`;
  const chained = `chained_${run}`;
  let api: TestApp;
  let browser: Browser;
  let base: string;
  let admin: { email: string; password: string };
  let member: { email: string; password: string };
  let receiver: WebhookReceiver;
  const errors: string[] = [];

  const upsert = (identifier: string, status: string) =>
    api.post(`/v1/blueprints/${blueprint}/entities?upsert=true&merge=true`, {
      identifier,
      title: `Service ${identifier}`,
      properties: { status },
    });

  beforeAll(async () => {
    // Automations read every change of their database: this file has one of its own.
    api = await startAutomationsApp(dialect, await automationsDatabaseUrl(dialect));
    ({ base, browser } = await openPortal(api));
    receiver = await startWebhookReceiver();
    admin = await createPasswordPerson(api, { roles: ['Admin'] });
    member = await createPasswordPerson(api, { roles: ['Member'] });
    const created = await api.post('/v1/blueprints', {
      identifier: blueprint,
      title: `Service ${run}`,
      schema: { properties: { status: { type: 'string', title: 'Status' } } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const hook = { type: 'WEBHOOK', url: `${receiver.url}/hook`, synchronized: true };
    await createAutomation(
      api,
      {
        event: { type: 'ENTITY_UPDATED', blueprintIdentifier: blueprint },
        condition: {
          type: 'JQ',
          combinator: 'and',
          expressions: ['.diff.after.properties.status == "degraded"'],
        },
      },
      { identifier: held, title: `Degraded ${run}`, invocationMethod: hook },
    );
    // Not a boolean: every update fails to evaluate it.
    await createAutomation(
      api,
      {
        event: { type: 'ENTITY_UPDATED', blueprintIdentifier: blueprint },
        condition: { type: 'JQ', combinator: 'or', expressions: ['.diff.after.properties.status | length'] },
      },
      { identifier: broken, title: `Broken ${run}`, invocationMethod: hook },
    );
    // Fires on the first automation's runs.
    await createAutomation(
      api,
      { event: { type: 'RUN_CREATED', actionIdentifier: held } },
      { identifier: chained, title: `Chained ${run}`, invocationMethod: hook },
    );

    for (const [identifier, status] of [
      ['a', 'ok'],
      ['b', 'ok'],
      ['a', 'degraded'],
      ['b', 'fine'],
    ] as const)
      expect((await upsert(identifier, status)).status).toBeLessThan(300);
    // b goes: its firing still shows, without a link to it.
    expect((await api.delete(`/v1/blueprints/${blueprint}/entities/b`)).status).toBe(200);
    // The firings are written as the stream is read: wait for all of them, and for the run that held to end.
    const count = (n: number) => (runs: unknown[]) => expect(runs).toHaveLength(n);
    await eventually(() => runsOf(api, broken), count(2), 20_000);
    await eventually(() => runsOf(api, chained), count(1), 20_000);
    await eventually(
      () => runsOf(api, held),
      (runs) => expect(runs.map((r) => r.status)).toEqual(['SUCCESS']),
      20_000,
    );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await receiver?.close();
  });

  const signedIn = (person: { email: string; password: string }, path: string) =>
    openSignedIn(browser, base, person, path, errors);

  const firings = (page: Page) => page.getByRole('table', { name: 'Firings' }).getByTestId('firing');

  it('lists the automations with their event and condition, and an automation’s history shows each firing that held, with its event and run', async () => {
    const page = await signedIn(admin, '/catalog');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Automations' }).click();
    await page.waitForURL(`${base}/automations`);
    const card = page.getByRole('article', { name: `Degraded ${run}` });
    expect(await card.getByTestId('automation-event').textContent()).toBe(`ENTITY_UPDATED on ${blueprint}`);
    expect(await card.getByTestId('automation-condition').textContent()).toBe(
      '.diff.after.properties.status == "degraded"',
    );
    expect(await card.getByRole('switch', { name: 'Published' }).isChecked()).toBe(true);
    await card.getByRole('link', { name: `Degraded ${run}` }).click();
    await page.waitForURL(`${base}/automations/${held}`);
    await page.getByRole('heading', { name: `Degraded ${run}`, level: 1 }).waitFor();

    // Only the update to "degraded" held: the others made no run.
    await expect.poll(() => firings(page).count()).toBe(1);
    const [heldRun] = await runsOf(api, held);
    const firing = firings(page).first();
    expect(await firing.getAttribute('data-condition')).toBe('held');
    await firing.getByText('Held', { exact: true }).waitFor();
    expect(await firing.locator('[data-status]').getAttribute('data-status')).toBe('SUCCESS');
    await firing.getByText(/UPDATE of Service a/).waitFor();

    // The entity still exists: its page is a click away; the run is another.
    await firing.getByRole('link', { name: 'Service a' }).click();
    await page.waitForURL(`${base}/catalog/${blueprint}/a`);
    await page.goBack();
    await firings(page).first().getByRole('link', { name: heldRun!.id }).click();
    await page.waitForURL(`${base}/runs/${heldRun!.id}`);

    // An automation on runs: its event links the run it is about.
    await page.goto(`${base}/automations/${chained}`);
    await expect.poll(() => firings(page).count()).toBe(1);
    const onRun = firings(page).first();
    await onRun.getByText(/CREATE of run/).waitFor();
    await onRun.getByRole('link', { name: heldRun!.id }).first().waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows a firing whose condition could not be evaluated with jq’s message, and the deleted entity unlinked', async () => {
    const page = await signedIn(admin, `/automations/${broken}`);
    await expect.poll(() => firings(page).count()).toBe(2);
    const failed = await runsOf(api, broken);
    for (const [index, failedRun] of failed.entries()) {
      const logs = (await api.get(`/v1/actions/runs/${failedRun.id}/logs`)).body.runLogs as Array<{
        message: string;
      }>;
      const message = logs[1]!.message.replace('The condition could not be evaluated: ', '');
      expect(message.length).toBeGreaterThan(0);
      const row = firings(page).nth(index);
      expect(await row.getAttribute('data-condition')).toBe('failed');
      await row.getByText('Condition failed', { exact: true }).waitFor();
      await expect.poll(() => row.getByTestId('condition-error').textContent()).toBe(message);
      expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('FAILURE');
    }
    // Newest first: b's update, and b has been deleted since.
    const newest = firings(page).first();
    await newest.getByText('Service b (deleted)').waitFor();
    expect(await newest.getByRole('link', { name: 'Service b' }).count()).toBe(0);
    await firings(page).nth(1).getByRole('link', { name: 'Service a' }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('disables an automation with its switch, by mouse or keyboard: the whole definition is kept, and the change persists', async () => {
    const before = (await api.get(`/v1/actions/${held}`)).body.action;
    const page = await signedIn(admin, '/automations');
    const toggle = page
      .getByRole('article', { name: `Degraded ${run}` })
      .getByRole('switch', { name: 'Published' });
    expect(await toggle.isChecked()).toBe(true);
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(false);
    await expect.poll(async () => (await api.get(`/v1/actions/${held}`)).body.action.publish).toBe(false);
    const after = (await api.get(`/v1/actions/${held}`)).body.action;
    const { updatedAt: _u, updatedBy: _b, publish: _p, ...kept } = after;
    const { updatedAt: _u0, updatedBy: _b0, publish: _p0, ...read } = before;
    expect(kept).toEqual(read);

    await page.reload();
    const reloaded = page
      .getByRole('article', { name: `Degraded ${run}` })
      .getByRole('switch', { name: 'Published' });
    await reloaded.waitFor({ state: 'attached' });
    expect(await reloaded.isChecked()).toBe(false);

    // By keyboard: Tab from the automation's name reaches its switch, and Space publishes it again.
    const card = page.getByRole('article', { name: `Degraded ${run}` });
    await card.getByRole('link', { name: `Degraded ${run}` }).focus();
    await page.keyboard.press('Tab');
    expect(await reloaded.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Space');
    await expect.poll(() => reloaded.isChecked()).toBe(true);
    await expect.poll(async () => (await api.get(`/v1/actions/${held}`)).body.action.publish).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a Member sees no Automations in the navigation', async () => {
    const page = await signedIn(member, '/catalog');
    const navigation = page.getByRole('navigation', { name: 'Main' });
    await navigation.getByRole('link', { name: 'My runs' }).waitFor();
    expect(await navigation.getByRole('link', { name: 'Automations' }).count()).toBe(0);
    await page.goto(`${base}/automations`);
    await page.getByText('Only Admins see and manage automations.').waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
