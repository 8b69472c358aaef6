import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestApp } from '../app.js';
import { describeEachDatabaseInBrowser } from '../browser.js';
import { uniqueId } from '../databases.js';
import { resultsOf, rule, startScorecardsApp } from '../scorecards.js';
import { createPasswordPerson, openPortal, openSignedIn } from '../web-portal.js';

/**
 * Scorecards in the browser: a level column in the catalog's table (filtered by level), a scorecard's page
 * (evaluation, levels now and over time by team, initiatives and who is behind, rules) and the Scorecards
 * tab of an entity's page (rules by level with the values that failed them, the level's changes).
 */
describeEachDatabaseInBrowser('scorecards in the browser', (dialect) => {
  const run = uniqueId('sc').toLowerCase();
  const service = `svc_${run}`;
  const system = `sys_${run}`;
  const scorecard = `prod_${run}`;
  const platform = `platform-${run}`;
  const payments = `payments-${run}`;
  let api: TestApp;
  let browser: Browser;
  let base: string;
  let admin: { email: string; password: string };
  const errors: string[] = [];

  beforeAll(async () => {
    api = await startScorecardsApp(dialect);
    ({ base, browser } = await openPortal(api));
    admin = await createPasswordPerson(api, { roles: ['Admin'] });
    for (const name of [platform, payments]) expect((await api.post('/v1/teams', { name })).status).toBe(200);
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
          language: {
            type: 'string',
            title: 'Language',
            enum: ['Go', 'Java', 'Cobol'],
            enumColors: { Go: 'blue', Cobol: 'brown' },
          },
          readme: { type: 'string', format: 'markdown', title: 'README' },
          tier: { type: 'number', title: 'Tier' },
        },
      },
      relations: { system: { title: 'System', target: system, required: false, many: false } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await api.post(`/v1/blueprints/${system}/entities`, { identifier: 'checkout', title: 'Checkout' });
    const services = [
      { identifier: 'gold', language: 'Go', readme: 'yes', tier: 1, system: 'checkout', team: platform },
      { identifier: 'silver', language: 'Java', readme: 'yes', tier: 3, system: 'checkout', team: platform },
      { identifier: 'bronze', language: 'Cobol', readme: 'yes', tier: 1, system: 'checkout', team: payments },
      { identifier: 'basic', language: 'Go', readme: '', tier: 1, system: null, team: payments },
    ];
    for (const s of services) {
      const written = await api.post(`/v1/blueprints/${service}/entities`, {
        identifier: s.identifier,
        title: `${s.identifier[0]!.toUpperCase()}${s.identifier.slice(1)} service`,
        team: [s.team],
        properties: { language: s.language, readme: s.readme, tier: s.tier },
        relations: { system: s.system },
      });
      expect(written.status, JSON.stringify(written.body)).toBe(201);
    }
    const definition = await api.post(`/v1/blueprints/${service}/scorecards`, {
      identifier: scorecard,
      title: 'Production readiness',
      rules: [
        {
          ...rule('has-readme', 'Bronze', [{ property: 'readme', operator: 'isNotEmpty' }]),
          title: 'Has a README',
          description: 'Every service explains itself in its README.',
        },
        {
          ...rule('in-a-system', 'Bronze', [{ relation: 'system', operator: 'isNotEmpty' }]),
          title: 'Belongs to a system',
        },
        {
          ...rule('supported-language', 'Silver', [
            { property: 'language', operator: 'in', value: ['Go', 'Java'] },
          ]),
          title: 'Written in a supported language',
        },
        {
          ...rule('top-tier', 'Gold', [{ property: 'tier', operator: '<=', value: 2 }]),
          title: 'Top tier',
          description: 'Gold is for tier 1 and 2 services.',
        },
      ],
    });
    expect(definition.status, JSON.stringify(definition.body)).toBe(201);
    const initiative = await api.post('/v1/initiatives', {
      identifier: `silver-${run}`,
      title: 'Everyone at Silver',
      description: 'Before the audit.',
      blueprint: service,
      scorecard,
      level: 'Silver',
      dueDate: '2099-12-31',
      teams: [platform, payments],
    });
    expect(initiative.status, JSON.stringify(initiative.body)).toBe(201);
    // Every entity evaluated before the pages open.
    expect((await resultsOf(api, service, 'gold'))?.[scorecard]?.level).toBe('Gold');
    expect((await resultsOf(api, service, 'basic'))?.[scorecard]?.level).toBe('Basic');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const signedIn = (path: string) => openSignedIn(browser, base, admin, path, errors);

  /** Picks `option` in a Mantine Select, then closes its list so that it covers nothing. */
  async function choose(page: Page, combobox: ReturnType<Page['getByRole']>, option: string) {
    await combobox.click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  const rowTitles = (page: Page) =>
    page.locator('table.entity-table tbody tr td:first-child a').allTextContents();

  it("shows each scorecard's level as a column of the blueprint's table, filtered by level", async () => {
    const page = await signedIn(`/catalog/${service}`);
    const header = page.getByRole('columnheader', { name: 'Production readiness' });
    await header.waitFor();
    await expect.poll(() => rowTitles(page)).toHaveLength(4);
    const levelIn = (title: string) =>
      page.getByRole('row').filter({ hasText: title }).locator('[data-level]').textContent();
    expect(await levelIn('Gold service')).toBe('Gold');
    expect(await levelIn('Silver service')).toBe('Silver');
    expect(await levelIn('Bronze service')).toBe('Bronze');
    expect(await levelIn('Basic service')).toBe('Basic');

    // Sorted by level: the scorecard's order of levels, then the other way.
    await page.getByRole('button', { name: 'Sort by Production readiness' }).click();
    await expect
      .poll(() => rowTitles(page))
      .toEqual(['Basic service', 'Bronze service', 'Silver service', 'Gold service']);
    await page.getByRole('button', { name: 'Sort by Production readiness' }).click();
    await expect
      .poll(() => rowTitles(page))
      .toEqual(['Gold service', 'Silver service', 'Bronze service', 'Basic service']);
    expect(new URL(page.url()).searchParams.get('sort')).toBe(`-scorecards.${scorecard}`);

    // Filters: Production readiness is at least Silver (Port's scorecard rule, in the URL).
    await page.getByRole('button', { name: /^Filters/ }).click();
    await page.getByRole('button', { name: 'Add filter' }).click();
    const filter = page.getByRole('group', { name: 'Filter 1' });
    await choose(page, filter.getByRole('combobox', { name: 'Property' }), 'Production readiness (level)');
    await choose(page, filter.getByRole('combobox', { name: 'Operator' }), 'is at least');
    await choose(page, filter.getByRole('combobox', { name: 'Level' }), 'Silver');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(async () => (await rowTitles(page)).sort()).toEqual(['Gold service', 'Silver service']);
    expect(JSON.parse(new URL(page.url()).searchParams.get('rules')!)).toEqual([
      { scorecard, operator: '>=', value: 'Silver' },
    ]);

    // The same filter, opened again, is a row to edit: one of Bronze and Basic.
    await page.getByRole('button', { name: /^Filters/ }).click();
    await choose(page, filter.getByRole('combobox', { name: 'Operator' }), 'is one of');
    // A MultiSelect's list stays open while levels are picked.
    await filter.getByRole('combobox', { name: 'Levels' }).click({ force: true });
    await page.getByRole('option', { name: 'Bronze', exact: true }).click();
    await page.getByRole('option', { name: 'Basic', exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect
      .poll(async () => (await rowTitles(page)).sort())
      .toEqual(['Basic service', 'Bronze service']);

    // The column can be hidden like any other.
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Production readiness' }).uncheck();
    await expect.poll(() => header.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("shows a scorecard's evaluation, levels now and over time by team, initiatives with who is behind, and rules", async () => {
    const page = await signedIn(`/catalog/${service}`);
    // While it evaluates, the page shows how far it is (the answer held at "evaluating" for a moment).
    let held = true;
    await page.route(`**/v1/blueprints/${service}/scorecards/${scorecard}`, async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      if (held)
        body.scorecard.evaluation = {
          ...body.scorecard.evaluation,
          status: 'evaluating',
          evaluated: 2,
          total: 4,
        };
      await route.fulfill({ response, json: body });
    });
    await page
      .getByRole('navigation', { name: 'Scorecards' })
      .getByRole('link', { name: 'Production readiness' })
      .click();
    await page.getByRole('heading', { name: 'Production readiness', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/scorecards/${service}/${scorecard}`);
    const progress = page.getByRole('progressbar', { name: 'Evaluation progress' });
    await progress.waitFor();
    expect(await progress.getAttribute('aria-valuetext')).toBe('2 of 4');
    held = false;
    await page.getByText('Up to date: every entity was evaluated').waitFor();
    expect(await progress.count()).toBe(0);

    // Levels now: one of each, each count a link to the catalog's table of them.
    const levels = page.getByRole('region', { name: 'Levels' });
    const now = levels.getByRole('list', { name: 'Entities by level now' });
    for (const level of ['Basic', 'Bronze', 'Silver', 'Gold'])
      await now.getByRole('link', { name: `1 entity at ${level}` }).waitFor();
    expect(await levels.getByTestId('levels-total').textContent()).toBe('Every team: 4 entities scored');
    await levels.getByRole('img', { name: /Levels over time: Every team/ }).waitFor();

    // One team's: in the URL, the chart and its numbers follow.
    await choose(page, levels.getByRole('combobox', { name: 'Team' }), platform);
    await expect
      .poll(() => levels.getByTestId('levels-total').textContent())
      .toBe(`${platform}: 2 entities scored`);
    await now.getByRole('link', { name: '0 entities at Bronze' }).waitFor();
    expect(new URL(page.url()).searchParams.get('team')).toBe(platform);
    await levels.getByRole('button', { name: 'Show the numbers' }).click();
    const numbers = levels.getByRole('table', { name: `Levels over time: ${platform}` });
    const lastRow = numbers.getByRole('row').last();
    expect(await lastRow.getByRole('cell').allTextContents()).toEqual(['0', '0', '1', '1', '2']);

    // The initiative: overall, then per team, and who is behind, each a link.
    const initiative = page.getByRole('region', { name: 'Everyone at Silver' });
    expect(
      await initiative
        .getByRole('progressbar', { name: 'Everyone at Silver: overall' })
        .getAttribute('aria-valuetext'),
    ).toBe('2 of 4 (50%)');
    await initiative.getByText('Before the audit.').waitFor();
    const paymentsRow = initiative
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: payments }) });
    expect(await paymentsRow.getByRole('progressbar').getAttribute('aria-valuetext')).toBe('0 of 2 (0%)');
    const behind = paymentsRow.getByRole('list', { name: `Behind in ${payments}` });
    expect(await behind.getByRole('link').allTextContents()).toEqual(['Basic service', 'Bronze service']);
    const platformRow = initiative
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: platform }) });
    expect(await platformRow.getByText('Nobody').count()).toBe(1);

    // The rules, by level, with the entities failing each.
    const rules = page.getByRole('region', { name: 'Rules' });
    const gold = rules.getByRole('list', { name: 'Gold rules' });
    await gold.getByText('Top tier').waitFor();
    await gold.getByText('Gold is for tier 1 and 2 services.').waitFor();
    await gold.getByText('Tier ≤ 2').waitFor();
    const bronzeRules = rules.getByRole('list', { name: 'Bronze rules' }).getByRole('listitem');
    expect(await bronzeRules.count()).toBe(2);
    await gold.getByRole('link', { name: 'Entities failing it' }).click();
    await page.waitForURL((url) => url.pathname === `/catalog/${service}`);
    await expect.poll(() => rowTitles(page)).toEqual(['Silver service']);

    // Back on the scorecard, a behind entity's link opens its page.
    await page.goBack();
    await behind.getByRole('link', { name: 'Basic service' }).click();
    await page.getByRole('heading', { name: 'Basic service', level: 1 }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("shows an entity's scorecards: its level, rules by level with the values that failed them, and its changes", async () => {
    const page = await signedIn(`/catalog/${service}/silver`);
    await page.getByRole('tab', { name: 'Scorecards' }).click();
    await page.waitForURL((url) => url.pathname === `/catalog/${service}/silver/scorecards`);
    const card = page.getByRole('region', { name: 'Production readiness' });
    await card.getByRole('group', { name: 'Level: Silver' }).waitFor();
    await card.getByText('3 of 4 rules pass').waitFor();

    // The failing rule, its description, its condition and the entity's own value that failed it.
    const ruleIn = (level: string, title: string) =>
      card
        .getByRole('table', { name: `${level} rules` })
        .getByRole('rowgroup')
        .filter({ hasText: title });
    const topTier = ruleIn('Gold', 'Top tier');
    expect(await topTier.getAttribute('data-status')).toBe('FAILURE');
    expect(await topTier.getByRole('cell').allTextContents()).toEqual(['✗ Failing', 'Tier ≤ 2', '3']);
    expect(await topTier.getByRole('rowheader').textContent()).toBe(
      'Top tierGold is for tier 1 and 2 services.',
    );
    // A passing one, on a relation: its target, a link.
    const inSystem = ruleIn('Bronze', 'Belongs to a system');
    expect(await inSystem.getAttribute('data-status')).toBe('SUCCESS');
    await inSystem.getByRole('link', { name: 'checkout' }).waitFor();
    const supported = ruleIn('Silver', 'Written in a supported language');
    expect(await supported.getByRole('cell').nth(1).textContent()).toBe('Language is one of Go, Java');
    await supported.getByText('Java', { exact: true }).waitFor();

    // Its changes: it entered at Silver.
    const changes = card.getByRole('region', { name: 'Level changes of Production readiness' });
    await changes.getByText('Entered at Silver').waitFor();

    // A change made elsewhere reaches the open page: tier 1 makes it Gold, and the timeline says so.
    const patched = await api.patch(`/v1/blueprints/${service}/entities/silver`, { properties: { tier: 1 } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    await card.getByRole('group', { name: 'Level: Gold' }).waitFor({ timeout: 15_000 });
    await changes.getByText('Silver → Gold').waitFor();
    expect(await topTier.getAttribute('data-status')).toBe('SUCCESS');
    expect(await changes.getByRole('listitem').first().textContent()).toContain(
      'after a change of the entity',
    );

    // The scorecard's title leads to its page, and that to the list of every scorecard, by blueprint.
    await card.getByRole('link', { name: 'Production readiness' }).click();
    await page.getByRole('heading', { name: 'Production readiness', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'All scorecards' }).click();
    await page.getByRole('heading', { name: 'Scorecards', level: 1 }).waitFor();
    const listed = page.getByRole('region', { name: `Service ${run}` });
    await listed.getByText('4 rules').waitFor();
    await listed.getByRole('link', { name: 'Production readiness' }).click();
    await page.waitForURL((url) => url.pathname === `/scorecards/${service}/${scorecard}`);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
