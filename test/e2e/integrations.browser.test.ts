import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/storage/database.js';
import { migrate } from '../../src/server/storage/migrate.js';
import { startTestApp, type TestApp } from '../app.js';
import { describeEachDatabaseInBrowser } from '../browser.js';
import { createEmptyDatabaseUrl, uniqueId } from '../databases.js';
import { createPasswordPerson, openPortal, openSignedIn } from '../web-portal.js';

/**
 * Settings → Integrations: an integration written through the real API as Ocean writes it (two syncs, the
 * second with an update, a creation, a deletion and a refused write; metrics per kind; log lines), then
 * read, resynced and deleted by an Admin in the browser. A Member sees none of it.
 */
describeEachDatabaseInBrowser('integrations in the browser', (dialect) => {
  const run = uniqueId('in').toLowerCase();
  const id = `fake-${run}`;
  const blueprint = `person_${run}`;
  const agent = `port-ocean/fake-integration/0.1.0/${id}`;
  const exporter = { 'user-agent': `${agent}/exporter` };
  const first = crypto.randomUUID();
  const second = crypto.randomUUID();
  let api: TestApp;
  let browser: Browser;
  let base: string;
  let admin: { email: string; password: string };
  let member: { email: string; password: string };
  const errors: string[] = [];

  const mapping = (threshold: number) => ({
    deleteDependentEntities: true,
    createMissingRelatedEntities: true,
    enableMergeEntity: true,
    entityDeletionThreshold: threshold,
    resources: [
      {
        kind: 'fake-person',
        selector: { query: 'true' },
        port: {
          entity: {
            mappings: {
              identifier: '.id',
              title: '.name',
              blueprint: `"${blueprint}"`,
              properties: { age: '.age' },
            },
          },
        },
      },
    ],
  });

  /** A resync's writes, as Ocean sends them: its User-Agent and resync id name the integration and sync. */
  const inSync = (eventId: string) =>
    `upsert=true&merge=true&create_missing_related_entities=true&ocean_info_event_type=resync&ocean_info_resync_id=${eventId}`;
  const person = (n: number) => ({ identifier: `p${n}`, title: `Person ${n}`, properties: { age: 20 + n } });
  async function resyncState(state: Record<string, unknown>) {
    const answer = await api.patch(`/v1/integration/${id}/resync-state`, state, { 'user-agent': agent });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }
  async function metrics(eventId: string, syncState: string, count: number) {
    const answer = await api.post(
      `/v1/integration/${id}/metrics-ingest/syncMetrics`,
      {
        syncKindsMetrics: [
          {
            integrationType: 'fake-integration',
            integrationIdentifier: id,
            kindIdentifier: 'fake-person-0',
            kind: 'fake-person',
            eventId,
            syncState,
            metrics: {
              phase: {
                extract: { object_count_type: { raw_extracted: { object_count: count } } },
                load: {
                  object_count_type: { loaded: { object_count: count - 1 }, failed: { object_count: 1 } },
                },
              },
            },
          },
        ],
      },
      { 'user-agent': agent },
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }

  beforeAll(async () => {
    // A database of its own: the list holds this file's integration and no other test's.
    const url = await createEmptyDatabaseUrl(dialect);
    const database = openDatabase(url);
    await migrate(database);
    api = await startTestApp(dialect, { database });
    ({ base, browser } = await openPortal(api));
    admin = await createPasswordPerson(api, { roles: ['Admin'] });
    member = await createPasswordPerson(api, { roles: ['Member'] });
    const created = await api.post('/v1/blueprints', {
      identifier: blueprint,
      title: `Person ${run}`,
      schema: { properties: { age: { type: 'number', title: 'Age' } } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  /** Ocean's start and two resyncs: the first creates p0-p3, the second rewrites some, adds, deletes, fails. */
  async function connectIntegration() {
    const integration = await api.post(
      '/v1/integration',
      {
        installationId: id,
        installationAppType: 'fake-integration',
        version: '0.1.0',
        changelogDestination: {},
        config: mapping(0.9),
      },
      { 'user-agent': agent },
    );
    expect(integration.status, JSON.stringify(integration.body)).toBe(201);
    const config = await api.patch(`/v1/integration/${id}/config`, { config: mapping(0.5) });
    expect(config.status, JSON.stringify(config.body)).toBe(200);

    await resyncState({ status: 'running', lastResyncStart: new Date().toISOString(), lastResyncEnd: null });
    await metrics(first, 'syncing', 4);
    const created = await api.post(
      `/v1/blueprints/${blueprint}/entities/bulk?${inSync(first)}`,
      { entities: [0, 1, 2, 3].map(person) },
      exporter,
    );
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    await metrics(first, 'completed', 4);
    await resyncState({ status: 'completed', lastResyncEnd: new Date().toISOString() });

    const started = new Date().toISOString();
    await resyncState({ status: 'running', lastResyncStart: started, lastResyncEnd: null });
    await metrics(second, 'syncing', 3);
    // p0 and p1 again, p4 new; p2 and p3 are gone from the source.
    const upserted = await api.post(
      `/v1/blueprints/${blueprint}/entities/bulk?${inSync(second)}`,
      { entities: [0, 1, 4].map(person) },
      exporter,
    );
    expect(upserted.status, JSON.stringify(upserted.body)).toBe(200);
    const refused = await api.post(
      `/v1/blueprints/${blueprint}/entities?${inSync(second)}`,
      { identifier: 'p5', properties: { age: 'unknown' } },
      exporter,
    );
    expect(refused.status).toBe(422);
    const deleted = await api.post(
      `/v1/blueprints/${blueprint}/bulk/entities/delete?ocean_info_event_type=resync&ocean_info_resync_id=${second}`,
      { entities: ['p3'] },
      exporter,
    );
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    await metrics(second, 'completed', 3);
    await resyncState({
      status: 'completed',
      lastResyncStart: started,
      lastResyncEnd: new Date().toISOString(),
      nextResync: null,
      intervalInMinuets: 60,
    });

    // Its log: 110 lines of progress (more than one page), two warnings and an error, newest last.
    const at = Date.now() - 60_000;
    const logs = [
      ...Array.from({ length: 110 }, (_, i) => ({
        message: `Upserted batch ${i}`,
        level: 'info',
        timestamp: new Date(at + i * 100).toISOString(),
      })),
      {
        message: 'Property age was a string',
        level: 'WARNING',
        timestamp: new Date(at + 20_000).toISOString(),
      },
      { message: 'Slow source', level: 'WARNING', timestamp: new Date(at + 21_000).toISOString() },
      { message: `Failed to upsert p5`, level: 'ERROR', timestamp: new Date(at + 22_000).toISOString() },
    ];
    const shipped = await api.post(`/v1/integration/${id}/logs-ingest`, { logs }, { 'user-agent': agent });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);

    const syncs = (await api.get(`/v1/integration/${id}/syncsMetadata`)).body.data;
    expect(syncs.map((sync: { eventId: string }) => sync.eventId)).toEqual([second, first]);
    expect(syncs[0]).toMatchObject({ syncState: 'completed', created: 1, updated: 2, deleted: 1, failed: 1 });
    expect(syncs[0].lastError).toContain('age');
    expect(syncs[1]).toMatchObject({ created: 4, updated: 0, deleted: 0, failed: 0, lastError: null });
    return syncs[0].lastError as string;
  }

  const signedIn = (person: { email: string; password: string }, path: string) =>
    openSignedIn(browser, base, person, path, errors);

  it('an Admin sees how to connect one, then its syncs, metrics, mapping and log; resyncs it and deletes it', async () => {
    const page = await signedIn(admin, '/settings/users');
    await page.getByRole('tab', { name: 'Integrations' }).click();
    await page.waitForURL((url) => url.pathname === '/settings/integrations');
    const empty = page.getByRole('status').filter({ hasText: 'No integrations yet' });
    expect(await empty.textContent()).toContain('OCEAN__PORT__CLIENT_SECRET');
    expect(await empty.textContent()).toContain('docs/integrations.md');

    const lastError = await connectIntegration();

    // The list: what it is, its last resync, and what its latest sync did.
    await page.reload();
    const row = page.getByRole('table', { name: 'Integrations' }).getByRole('row').filter({ hasText: id });
    await expect.poll(() => row.textContent()).toContain('1 created · 2 updated · 1 deleted · 1 failed');
    const listed = await row.textContent();
    expect(listed).toContain('fake-integration');
    expect(listed).toContain('version 0.1.0');
    expect(listed).toContain('completed');
    expect(listed).toContain(lastError);

    // Its page: the syncs, newest first, with Portico's counts.
    await row.getByRole('link', { name: id }).click();
    await page.waitForURL((url) => url.pathname === `/settings/integrations/${id}`);
    await page.getByRole('heading', { name: id }).waitFor();
    const syncs = page.getByRole('table', { name: 'Syncs' });
    const cells = async (eventId: string) =>
      syncs
        .locator(`tr[data-event-id="${eventId}"] td`)
        .evaluateAll((tds) => tds.map((td) => td.textContent?.trim() ?? ''));
    await syncs.locator(`tr[data-event-id="${second}"]`).waitFor();
    const newest = await cells(second);
    expect(newest.slice(2, 7)).toEqual(['completed', '1', '2', '1', '1']);
    expect(newest[7]).toBe(lastError);
    expect((await cells(first)).slice(2, 8)).toEqual(['completed', '4', '0', '0', '0', 'none']);
    const order = await syncs
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-event-id')));
    expect(order).toEqual([second, first]);

    // The newest sync's metrics show at first; the other's on demand (and the choice goes to the URL).
    const metrics = page.getByRole('table', { name: 'Metrics by kind' });
    await expect.poll(() => metrics.textContent()).toContain('extract · raw extracted3');
    expect(await metrics.textContent()).toContain('fake-person');
    await page.getByRole('button', { name: `Metrics of the sync ${first}` }).click();
    await page.waitForURL((url) => url.searchParams.get('sync') === first);
    await expect.poll(() => metrics.textContent()).toContain('extract · raw extracted4');
    expect(
      await page.getByRole('button', { name: `Metrics of the sync ${first}` }).getAttribute('aria-pressed'),
    ).toBe('true');

    // The mapping, read-only.
    const mapped = page.getByTestId('integration-mapping');
    await expect.poll(() => mapped.textContent()).toContain('"entityDeletionThreshold": 0.5');
    expect(await mapped.textContent()).toContain(`"blueprint": "\\"${blueprint}\\""`);

    // The log: newest first, a page of 100, then the older lines.
    const log = page.getByRole('log', { name: 'Integration log' });
    const lines = log.getByRole('listitem');
    await expect.poll(() => lines.count()).toBe(100);
    expect(await lines.first().textContent()).toContain('Failed to upsert p5');
    await page.getByRole('button', { name: 'Load older' }).click();
    await expect.poll(() => lines.count()).toBe(113);
    expect(await lines.last().textContent()).toContain('Upserted batch 0');
    await page.getByRole('status').filter({ hasText: 'All 113 lines shown' }).waitFor();

    // Filtered by level: the level goes to the URL, and a reload keeps it.
    await page.getByRole('combobox', { name: 'Level' }).click();
    await page.getByRole('option', { name: 'Warnings and errors' }).click();
    await page.waitForURL((url) => url.searchParams.get('level') === 'WARNING');
    await expect.poll(() => lines.count()).toBe(3);
    expect(await lines.allTextContents()).toEqual([
      expect.stringContaining('Failed to upsert p5'),
      expect.stringContaining('Slow source'),
      expect.stringContaining('Property age was a string'),
    ]);
    await page.getByRole('combobox', { name: 'Level' }).click();
    await page.getByRole('option', { name: 'Errors only' }).click();
    await expect.poll(() => lines.count()).toBe(1);
    await page.reload();
    await expect.poll(() => lines.allTextContents()).toEqual([expect.stringContaining('ERROR')]);

    // A resync asked for: the request Ocean polls is newer.
    const before = (await api.get(`/v1/integration/${id}/resync-request`)).body.request.updatedAt as string;
    await page.getByRole('button', { name: 'Request resync' }).click();
    await page.getByRole('status').filter({ hasText: 'Resync requested' }).waitFor();
    const after = (await api.get(`/v1/integration/${id}/resync-request`)).body.request.updatedAt as string;
    expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));

    // Deleted after a confirmation: back to the list, empty again; its entities stay.
    await page.getByRole('button', { name: 'Delete integration' }).click();
    const dialog = page.getByRole('dialog', { name: `Delete integration ${id}?` });
    expect(await dialog.textContent()).toContain('The entities it wrote stay in the catalog');
    await dialog.getByRole('button', { name: 'Delete integration' }).click();
    await page.waitForURL((url) => url.pathname === '/settings/integrations');
    await page.getByRole('status').filter({ hasText: 'No integrations yet' }).waitFor();
    expect((await api.get(`/v1/integration/${id}`)).status).toBe(404);
    expect((await api.get(`/v1/blueprints/${blueprint}/entities-count`)).body.count).toBe(4);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('an Admin reaches an integration, filters its log and asks for a resync by keyboard alone', async () => {
    const keyed = uniqueId('keyed').toLowerCase();
    expect((await api.post('/v1/integration', { installationId: keyed })).status).toBe(201);
    const lines = Array.from({ length: 3 }, (_, n) => ({
      message: `line ${n}`,
      level: n === 2 ? 'error' : 'info',
      timestamp: new Date(Date.UTC(2026, 11, 4, 0, 0, n)).toISOString(),
    }));
    expect((await api.post(`/v1/integration/${keyed}/logs-ingest`, { logs: lines })).status).toBe(200);
    const page = await signedIn(admin, '/settings/users');
    await page.getByRole('tab', { name: 'Users' }).waitFor();
    /** Presses Tab until the focused element is `target` (at most 60 times). */
    const tabTo = async (target: ReturnType<Page['getByRole']>) => {
      for (let n = 0; n < 60; n++) {
        await page.keyboard.press('Tab');
        if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
      }
      throw new Error(`Tab never reached ${target.toString()}`);
    };
    // Tabs are one stop of the Tab key (the current one); the arrow keys move between them.
    await tabTo(page.getByRole('tab', { name: 'Users' }));
    const integrations = page.getByRole('tab', { name: 'Integrations' });
    for (let n = 0; n < 6; n++) {
      if (await integrations.evaluate((element) => element === document.activeElement)) break;
      await page.keyboard.press('ArrowRight');
    }
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/settings/integrations');
    await tabTo(page.getByRole('link', { name: keyed }));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/settings/integrations/${keyed}`);
    const log = page.getByRole('log', { name: 'Integration log' }).getByRole('listitem');
    await expect.poll(() => log.count()).toBe(3);
    await tabTo(page.getByRole('combobox', { name: 'Level' }));
    // Opened with the arrow keys, its options are walked to the one wanted (marked as the keyboard's).
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: 'Errors only' }).waitFor();
    const highlighted = page.locator('[role="option"][data-combobox-selected]');
    for (let n = 0; n < 10 && (await highlighted.textContent().catch(() => '')) !== 'Errors only'; n++)
      await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => log.allTextContents()).toEqual([expect.stringContaining('line 2')]);
    await tabTo(page.getByRole('button', { name: 'Request resync' }));
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Resync requested' }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a Member is offered no Integrations tab, and told that only Admins see them', async () => {
    const kept = uniqueId('kept').toLowerCase();
    expect((await api.post('/v1/integration', { installationId: kept })).status).toBe(201);
    const page = await signedIn(member, '/settings/users');
    const tabs = page.getByRole('tablist', { name: 'Settings sections' });
    await tabs.getByRole('tab', { name: 'Users' }).waitFor();
    expect(await tabs.getByRole('tab').allTextContents()).not.toContain('Integrations');
    const asked: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/v1/integration')) asked.push(request.url());
    });
    for (const path of ['/settings/integrations', `/settings/integrations/${kept}`]) {
      await page.goto(`${base}${path}`);
      await page.getByText('Only Admins see integrations').waitFor();
      expect(await page.content()).not.toContain(kept);
    }
    expect(asked).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
