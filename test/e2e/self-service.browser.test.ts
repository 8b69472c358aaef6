import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAction } from '../actions.js';
import { startTestApp, type TestApp } from '../app.js';
import { describeEachDatabaseInBrowser } from '../browser.js';
import { uniqueId } from '../databases.js';
import { startWebhookReceiver, type WebhookReceiver } from '../webhook-receiver.js';
import { createPasswordPerson, openPortal, openSignedIn } from '../web-portal.js';

const DAY_MS = 86_400_000;

describeEachDatabaseInBrowser('self-service actions in the browser', (dialect) => {
  const run = uniqueId('ss').toLowerCase();
  const blueprint = `env_${run}`;
  let api: TestApp;
  let browser: Browser;
  let base: string;
  let admin: { email: string; password: string };
  let member: { email: string; password: string };
  let provision: string;
  let receiver: WebhookReceiver;
  const errors: string[] = [];

  beforeAll(async () => {
    api = await startTestApp(dialect);
    ({ base, browser } = await openPortal(api));
    receiver = await startWebhookReceiver();
    admin = await createPasswordPerson(api, { roles: ['Admin'] });
    member = await createPasswordPerson(api, { roles: ['Member'] });
    const created = await api.post('/v1/blueprints', {
      identifier: blueprint,
      title: `Environment ${run}`,
      schema: {
        properties: {
          language: { type: 'string', title: 'Language', enum: ['go', 'python'] },
          runtime: { type: 'string', title: 'Runtime' },
          ttl: { type: 'string', format: 'timer', title: 'Time to live' },
        },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    provision = await createAction(api, {
      identifier: `provision_${run}`,
      title: `Provision ${run}`,
      description: 'A short-lived environment',
      trigger: {
        operation: 'CREATE',
        blueprintIdentifier: blueprint,
        actionCardButtonText: 'Provision',
        executeActionButtonText: 'Go',
        userInputs: {
          properties: {
            name: { type: 'string', title: 'Name', pattern: '^[a-z0-9-]+$' },
            language: { type: 'string', title: 'Language', enum: ['go', 'python'] },
            runtime: {
              type: 'string',
              title: 'Runtime',
              dependsOn: ['language'],
              enum: {
                jqQuery: 'if .form.language == "go" then ["go1.23", "go1.22"] else ["python3.12"] end',
              },
            },
            slug: {
              type: 'string',
              title: 'Slug',
              default: { jqQuery: '(.form.name // "") + "-" + (.form.language // "")' },
            },
          },
          required: ['name', 'language', 'runtime'],
          order: ['name', 'language', 'runtime', 'slug'],
        },
      },
      invocationMethod: {
        type: 'UPSERT_ENTITY',
        blueprintIdentifier: blueprint,
        mapping: {
          identifier: '{{ .inputs.name }}',
          title: 'Env {{ .inputs.slug }}',
          properties: {
            language: '{{ .inputs.language }}',
            runtime: '{{ .inputs.runtime }}',
            ttl: '{{ (now + 5 * 86400) | todate }}',
          },
        },
      },
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await receiver?.close();
  });

  const signedIn = (person: { email: string; password: string }, path: string) =>
    openSignedIn(browser, base, person, path, errors);

  const field = (page: Page, role: 'textbox' | 'combobox', name: string) =>
    page.getByRole('main').getByRole(role, { name, exact: true });

  async function choose(page: Page, label: string, option: string) {
    await field(page, 'combobox', label).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  const runStatus = (page: Page) => page.getByTestId('run-status').getAttribute('data-status');

  it('runs a CREATE action from the hub: jq-driven inputs follow the form, a refusal shows on its field, the run succeeds and its entity has its timer', async () => {
    const page = await signedIn(admin, '/self-service');
    await page.getByLabel('Find an action').fill(run);
    const card = page.getByRole('article', { name: `Provision ${run}` });
    await card.getByRole('link', { name: 'Provision' }).click();
    await page.waitForURL(`${base}/self-service/${provision}`);

    const runtime = field(page, 'combobox', 'Runtime');
    await runtime.waitFor();
    expect(await runtime.isDisabled()).toBe(true); // dependsOn: language
    await field(page, 'textbox', 'Name').fill('Not Valid');
    await choose(page, 'Language', 'go');
    await expect.poll(() => runtime.isDisabled()).toBe(false);
    // The runtime's options come from its jqQuery over the form as it is now.
    await runtime.click();
    await page.getByRole('option', { name: 'go1.23', exact: true }).waitFor();
    expect(await page.getByRole('option', { name: 'python3.12' }).count()).toBe(0);
    await page.getByRole('option', { name: 'go1.22', exact: true }).click();
    // The slug's jqQuery default follows what was typed.
    await expect.poll(() => field(page, 'textbox', 'Slug').inputValue()).toBe('Not Valid-go');

    // The server refuses the name's pattern: the refusal shows on the name, which takes the focus.
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    const name = field(page, 'textbox', 'Name');
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText(/properties\.name .*must match pattern/).count()).toBeGreaterThan(0);
    const identifier = `dev-${run.replaceAll('_', '-')}`;
    await name.fill(identifier);
    await expect.poll(() => field(page, 'textbox', 'Slug').inputValue()).toBe(`${identifier}-go`);

    const before = Date.now();
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    await page.waitForURL(/\/runs\/r_/);
    await expect.poll(() => runStatus(page), { timeout: 20_000 }).toBe('SUCCESS');
    await page.getByRole('log', { name: 'Run log' }).getByText(`Created entity "${identifier}"`).waitFor();
    const inputs = page.getByTestId('run-inputs');
    expect(await inputs.textContent()).toContain('go1.22');

    const entity = (await api.get(`/v1/blueprints/${blueprint}/entities/${identifier}`)).body.entity;
    expect(entity.title).toBe(`Env ${identifier}-go`);
    expect(Math.abs(Date.parse(entity.properties.ttl) - (before + 5 * DAY_MS))).toBeLessThan(60_000);

    // The entity it made is a link, and its page shows the timer counting down.
    await page
      .getByRole('region', { name: 'Changed entities' })
      .getByRole('link', { name: `${blueprint} / ${identifier}` })
      .click();
    await page.waitForURL(`${base}/catalog/${blueprint}/${identifier}`);
    expect(await page.getByRole('timer').textContent()).toMatch(/^4d \d\d:\d\d:\d\d left$/);

    // My runs lists it; Re-run opens the form filled with its inputs.
    await page.getByRole('link', { name: 'My runs' }).first().click();
    await page
      .getByRole('table', { name: 'Runs' })
      .getByRole('link', { name: `Provision ${run}` })
      .first()
      .click();
    await page.getByRole('link', { name: 'Re-run' }).click();
    await page.waitForURL(/\/self-service\/.*rerun=r_/);
    await expect.poll(() => field(page, 'textbox', 'Name').inputValue()).toBe(identifier);
    await expect.poll(() => field(page, 'combobox', 'Runtime').inputValue()).toBe('go1.22');
    await page.close();
    expect(errors).toEqual([]);
  });

  it('shows only the steps and titles the server shows, and sends a switch left off as false', async () => {
    const path = `/${run}/wizard`;
    const wizard = await createAction(api, {
      identifier: `wizard_${run}`,
      title: `Wizard ${run}`,
      trigger: {
        operation: 'CREATE',
        userInputs: {
          properties: {
            kind: { type: 'string', title: 'Kind', enum: ['app', 'db'], default: 'app' },
            name: { type: 'string', title: 'Name' },
            confirm: { type: 'boolean', title: 'Confirm' },
            engine: { type: 'string', title: 'Engine', enum: ['postgres', 'mysql'] },
          },
          required: ['name', 'confirm', 'engine'],
          steps: [
            { title: 'Basics', order: ['kind', 'appHead', 'name', 'confirm'] },
            { title: 'Database', order: ['dbHead', 'engine'], visible: { jqQuery: '.form.kind == "db"' } },
            // A step of titles only shows by its own visible, having no inputs to hide it.
            { title: 'Review', order: ['reviewHead'], visible: { jqQuery: '.form.kind == "db"' } },
          ],
          titles: {
            appHead: { title: 'About the app', visible: { jqQuery: '.form.kind == "app"' } },
            dbHead: { title: 'About the database' },
            reviewHead: { title: 'Check before you run', description: 'A database is kept for 30 days' },
          },
        },
      },
      invocationMethod: { type: 'WEBHOOK', url: `${receiver.url}${path}` },
    });
    const heading = (page: Page, name: string) => page.getByRole('heading', { name, level: 2 });
    const ranWith = async (page: Page) => {
      await page.waitForURL(/\/runs\/r_/);
      const runId = new URL(page.url()).pathname.split('/').pop()!;
      return (await api.get(`/v1/actions/runs/${runId}`)).body.run.properties;
    };

    // An app: the database step is hidden, so the form is one page, and its required engine is not asked.
    const page = await signedIn(admin, `/self-service/${wizard}`);
    await heading(page, 'About the app').waitFor();
    // Until the server has answered, a jqQuery counts as visible: wait for its answer.
    for (const step of ['Database', 'Review'])
      await expect.poll(() => page.getByText(step, { exact: true }).count()).toBe(0);
    expect(await heading(page, 'About the database').count()).toBe(0);
    await field(page, 'textbox', 'Name').fill('web');
    expect(await page.getByRole('switch', { name: 'Confirm *' }).isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Execute' }).click();
    expect(await ranWith(page)).toEqual({ kind: 'app', name: 'web', confirm: false });

    // A database: its steps appear (and the app's title goes), the first holding the engine.
    await page.goto(`${base}/self-service/${wizard}`);
    await choose(page, 'Kind', 'db');
    await page.getByText('Database', { exact: true }).waitFor();
    await expect.poll(() => heading(page, 'About the app').count()).toBe(0);
    await field(page, 'textbox', 'Name').fill('store');
    await page.getByRole('button', { name: 'Next' }).click();
    await heading(page, 'About the database').waitFor();
    await choose(page, 'Engine', 'postgres');
    await page.getByRole('button', { name: 'Next' }).click();
    await heading(page, 'Check before you run').waitFor();
    await page.getByRole('button', { name: 'Execute' }).click();
    expect(await ranWith(page)).toEqual({ kind: 'db', name: 'store', confirm: false, engine: 'postgres' });
    await page.close();
    expect(errors).toEqual([]);
  });

  it('offers a DAY-2 action on the entities its condition matches, and runs it on the entity', async () => {
    const condition = (language: string) => ({
      type: 'SEARCH',
      combinator: 'and',
      rules: [{ property: 'language', operator: '=', value: language }],
    });
    const extend = await createAction(api, {
      identifier: `extend_${run}`,
      title: `Extend ${run}`,
      trigger: {
        operation: 'DAY-2',
        blueprintIdentifier: blueprint,
        condition: condition('go'),
        userInputs: {
          properties: { days: { type: 'number', title: 'Days', default: 3 } },
          required: ['days'],
        },
      },
      invocationMethod: {
        type: 'UPSERT_ENTITY',
        blueprintIdentifier: blueprint,
        mapping: {
          identifier: '{{ .entity.identifier }}',
          properties: { ttl: '{{ (.entity.properties.ttl | fromdate) + .inputs.days * 86400 | todate }}' },
        },
      },
    });
    await createAction(api, {
      identifier: `retire_${run}`,
      title: `Retire ${run}`,
      trigger: {
        operation: 'DELETE',
        blueprintIdentifier: blueprint,
        condition: condition('python'),
        userInputs: { properties: {}, required: [] },
      },
    });
    const ttl = new Date(Date.now() + DAY_MS).toISOString().replace(/\.\d+Z$/, 'Z');
    const bulk = await api.post(`/v1/blueprints/${blueprint}/entities/bulk`, {
      entities: [
        { identifier: 'go-1', title: 'Go one', properties: { language: 'go', ttl } },
        { identifier: 'py-1', title: 'Python one', properties: { language: 'python', ttl } },
      ],
    });
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(200);

    const page = await signedIn(admin, `/catalog/${blueprint}/py-1`);
    await page.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: `Retire ${run}` }).waitFor();
    expect(await page.getByRole('menuitem', { name: `Extend ${run}` }).count()).toBe(0);
    await page.keyboard.press('Escape');

    await page.goto(`${base}/catalog/${blueprint}/go-1`);
    await page.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: `Extend ${run}` }).click();
    await page.waitForURL(`${base}/self-service/${extend}?entity=go-1`);
    await page.getByRole('link', { name: 'Go one' }).waitFor();
    expect(await field(page, 'textbox', 'Days').inputValue()).toBe('3');
    await page.getByRole('button', { name: 'Execute' }).click();
    await page.waitForURL(/\/runs\/r_/);
    await expect.poll(() => runStatus(page), { timeout: 20_000 }).toBe('SUCCESS');
    const moved = (await api.get(`/v1/blueprints/${blueprint}/entities/go-1`)).body.entity;
    expect(Date.parse(moved.properties.ttl) - Date.parse(ttl)).toBe(3 * DAY_MS);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('a run that needs approval: its creator may cancel it, an Admin approves another from its page', async () => {
    const guarded = await createAction(api, {
      identifier: `guarded_${run}`,
      title: `Guarded ${run}`,
      requiredApproval: true,
      trigger: {
        operation: 'CREATE',
        blueprintIdentifier: blueprint,
        userInputs: { properties: { note: { type: 'string', title: 'Note' } }, required: [] },
      },
    });
    const page = await signedIn(member, `/self-service/${guarded}`);
    await field(page, 'textbox', 'Note').fill('first');
    await page.getByRole('button', { name: 'Execute' }).click();
    await page.waitForURL(/\/runs\/r_/);
    await expect.poll(() => runStatus(page)).toBe('WAITING_FOR_APPROVAL');
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0); // not an approver
    await page.getByRole('button', { name: 'Cancel run' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel run' }).click();
    await expect.poll(() => runStatus(page)).toBe('FAILURE');
    expect(await page.getByTestId('run-status-label').textContent()).toBe('Cancelled');

    const second = await api.post(`/v1/actions/${guarded}/runs?run_as=${member.email}`, {
      properties: { note: 'second' },
    });
    expect(second.status, JSON.stringify(second.body)).toBe(202);
    // Its creator sees it, but it does not wait for them: only Admins approve here.
    const creatorList = await signedIn(member, '/runs?view=approvals');
    await creatorList.getByText('No run waits for your approval.').waitFor();
    await creatorList.close();
    // Approvers find the runs that wait for them under My runs.
    const approverPage = await signedIn(admin, '/runs?view=approvals');
    await approverPage
      .getByRole('row')
      .filter({ hasText: member.email })
      .getByRole('link', { name: `Guarded ${run}` })
      .click();
    await approverPage.waitForURL(`${base}/runs/${second.body.run.id}`);
    const approval = approverPage.getByRole('region', { name: 'Approval' });
    await approval.getByText(admin.email).waitFor();
    await approval.getByLabel('Reason (optional)').fill('Looks fine');
    await approval.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => runStatus(approverPage)).not.toBe('WAITING_FOR_APPROVAL');
    await approval.getByText('Looks fine').first().waitFor();
    expect(await approval.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await page.close();
    await approverPage.close();
    expect(errors).toEqual([]);
  });

  it('shows what a backend reports while the run page is open: log lines, links, summary, the end', async () => {
    const path = `/${run}/deploy`;
    const deploy = await createAction(api, {
      identifier: `deploy_${run}`,
      title: `Deploy ${run}`,
      trigger: {
        operation: 'CREATE',
        userInputs: {
          properties: {
            version: { type: 'string', title: 'Version' },
            token: { type: 'string', title: 'Token', encryption: 'aes256-gcm' },
          },
          required: ['version'],
        },
      },
      invocationMethod: {
        type: 'WEBHOOK',
        url: `${receiver.url}${path}`,
        body: { version: '{{ .inputs.version }}', run: '{{ .run.id }}' },
      },
    });
    const page = await signedIn(admin, `/self-service/${deploy}`);
    await field(page, 'textbox', 'Version').fill('1.2.3');
    await page.getByRole('main').getByLabel('Token').fill('s3cret-value');
    await page.getByRole('button', { name: 'Execute' }).click();
    await page.waitForURL(/\/runs\/r_/);
    const runId = new URL(page.url()).pathname.split('/').pop()!;
    await receiver.waitFor(1, path);
    await expect.poll(() => runStatus(page)).toBe('IN_PROGRESS');
    // The secret comes masked; the payload sent is shown.
    expect(await page.getByTestId('run-inputs').textContent()).toContain('********');
    expect(await page.getByTestId('run-inputs').textContent()).not.toContain('s3cret-value');
    await page.getByRole('region', { name: 'Payload' }).getByText('1.2.3').first().waitFor();

    const log = page.getByRole('log', { name: 'Run log' });
    for (const message of ['cloning', 'building']) {
      expect((await api.post(`/v1/actions/runs/${runId}/logs`, { message })).status).toBe(201);
      await log.getByText(message).waitFor();
    }
    const reported = await api.patch(`/v1/actions/runs/${runId}`, {
      link: 'https://ci.example.com/builds/42',
      summary: 'Built **1.2.3**',
      statusLabel: 'Rolling out',
    });
    expect(reported.status, JSON.stringify(reported.body)).toBe(200);
    await page.getByTestId('run-status-label').getByText('Rolling out').waitFor();
    await page.getByRole('link', { name: 'https://ci.example.com/builds/42' }).waitFor();
    await page.getByRole('main').locator('strong', { hasText: '1.2.3' }).waitFor();
    await api.post(`/v1/actions/runs/${runId}/logs`, {
      message: 'done',
      terminationStatus: 'SUCCESS',
      statusLabel: 'Deployed',
    });
    await expect.poll(() => runStatus(page)).toBe('SUCCESS');
    await log.getByText('done').waitFor();
    expect(await page.getByTestId('run-status-label').textContent()).toBe('Deployed');
    // In order, each once, after Portico's own line about the delivery.
    expect(await log.locator('li > span').allTextContents()).toEqual([
      expect.stringMatching(/^Delivered to/),
      'cloning',
      'building',
      'done',
    ]);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('answers a run the person may not see exactly as one that does not exist', async () => {
    const closed = await createAction(api, { allowAnyoneToViewRuns: false });
    const started = await api.post(`/v1/actions/${closed}/runs`, { properties: { name: 'x' } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const hidden = started.body.run.id as string;
    const page = await signedIn(member, `/runs/${hidden}`);
    for (const runId of [hidden, `r_missing_${run}`]) {
      if (runId !== hidden) await page.goto(`${base}/runs/${runId}`);
      await page.getByRole('heading', { name: 'Not found' }).waitFor();
      expect(await page.getByRole('alert').getByText(/^Run /).textContent()).toBe(
        `Run “${runId}” was not found.`,
      );
    }
    await page.close();
    expect(errors).toEqual([]);
  });
});
