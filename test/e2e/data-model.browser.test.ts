import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../app.js';
import { describeEachDatabaseInBrowser, launchBrowser } from '../browser.js';
import { uniqueId } from '../databases.js';

const PASSWORD = 'correct horse battery staple';

describeEachDatabaseInBrowser('the data-model builder, in the browser', (dialect) => {
  let api: TestApp;
  let browser: Browser;
  let base: string;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApp(dialect);
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    const address = api.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    admin = `${uniqueId('modeller')}@example.com`;
    const invited = await api.post('/v1/users/invite', { invitee: { email: admin, roles: ['Admin'] } });
    expect(invited.status, JSON.stringify(invited.body)).toBe(200);
    const reset = await api.app.inject({
      method: 'POST',
      url: '/auth/password/reset',
      payload: { token: invited.body.invitation.token, password: PASSWORD },
    });
    expect(reset.statusCode, reset.body).toBe(200);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function signedIn(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}${path}`);
    await page.getByLabel('Email').fill(admin);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}${path}`);
    return page;
  }

  /** Picks an option of a Mantine Select (its list opens in a portal). */
  async function choose(page: Page, select: ReturnType<Page['getByLabel']>, option: string) {
    await select.click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  it('creates a blueprint through the form, shows it, edits it as JSON, and shows a breaking change refused', async () => {
    const suffix = uniqueId('dm').toLowerCase();
    const target = { identifier: `cluster_${suffix}`, title: `Cluster ${suffix}` };
    expect((await api.post('/v1/blueprints', { ...target, schema: { properties: {} } })).status).toBe(201);
    const identifier = `app_${suffix}`;
    const title = `App ${suffix}`;

    const page = await signedIn('/data-model');
    await page.getByRole('button', { name: 'Create blueprint' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a blueprint' });
    await dialog.getByLabel('Identifier').fill(identifier);
    await dialog.getByLabel('Title').fill(title);

    // A string property limited to two values, one of them coloured.
    await dialog.getByRole('button', { name: 'Add property' }).click();
    await dialog.getByRole('group', { name: 'Property new' }).getByLabel('Identifier').fill('language');
    const language = dialog.getByRole('group', { name: 'Property language' });
    await language.getByLabel('Title').fill('Language');
    await language.getByRole('button', { name: 'Add value' }).click();
    await language.getByLabel('Value 1', { exact: true }).fill('Go');
    await choose(page, language.getByLabel('Colour of value 1'), 'blue');
    await language.getByRole('button', { name: 'Add value' }).click();
    await language.getByLabel('Value 2', { exact: true }).fill('Python');

    // A number property.
    await dialog.getByRole('button', { name: 'Add property' }).click();
    await dialog.getByRole('group', { name: 'Property new' }).getByLabel('Identifier').fill('replicas');
    const replicas = dialog.getByRole('group', { name: 'Property replicas' });
    await replicas.getByLabel('Title').fill('Replicas');
    await choose(page, replicas.getByLabel('Type', { exact: true }), 'Number');

    // A relation to another blueprint, many.
    await dialog.getByRole('button', { name: 'Add relation' }).click();
    await dialog.getByRole('group', { name: 'Relation new' }).getByLabel('Identifier').fill('runsOn');
    const runsOn = dialog.getByRole('group', { name: 'Relation runsOn' });
    await runsOn.getByLabel('Title').fill('Runs on');
    await choose(page, runsOn.getByLabel('Target blueprint'), `${target.title} (${target.identifier})`);
    await runsOn.getByLabel('Many').check();

    await dialog.getByRole('button', { name: 'Create blueprint' }).click();
    await page.waitForURL(`${base}/data-model/${identifier}`);
    const created = (await api.get(`/v1/blueprints/${identifier}`)).body.blueprint;
    expect(created).toMatchObject({
      title,
      schema: {
        properties: {
          language: {
            type: 'string',
            title: 'Language',
            enum: ['Go', 'Python'],
            enumColors: { Go: 'blue' },
          },
          replicas: { type: 'number', title: 'Replicas' },
        },
        required: [],
      },
      relations: { runsOn: { title: 'Runs on', target: target.identifier, many: true, required: false } },
    });

    // The graph draws it and its relation; the list links to it; the catalog offers it.
    await page.getByRole('link', { name: 'Data model' }).first().click();
    const node = page.getByRole('group', { name: `Blueprint ${title}` });
    await node.waitFor();
    expect(await node.textContent()).toContain('2 properties');
    await page.getByText('Runs on · many', { exact: true }).waitFor();
    await page.getByRole('table', { name: 'Blueprints' }).getByRole('link', { name: title }).waitFor();
    // By keyboard: with other tests' blueprints in a shared database, the node may lie under the header,
    // where a click would land on something else.
    await node.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/data-model/${identifier}`);
    await page.goto(`${base}/catalog`);
    await page.getByRole('link', { name: new RegExp(title) }).waitFor();

    // The JSON editor shows the same definition; an edit there is saved.
    await page.goto(`${base}/data-model/${identifier}`);
    await page.getByRole('tab', { name: 'JSON' }).click();
    const editor = page.getByRole('textbox', { name: 'Blueprint JSON' });
    await editor.waitFor();
    // CodeMirror draws only the lines in view: look for the start of the definition, not all of it.
    await expect.poll(() => editor.innerText()).toContain('"enumColors": {\n          "Go": "blue"');
    const { version: _v, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, ...shown } = created;
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(
      JSON.stringify({ ...shown, title: `${title} v2`, description: 'Edited as JSON' }, null, 2),
    );
    // Back in the form, the JSON's edits are there; saving from the form sends them.
    await page.getByRole('tab', { name: 'Form' }).click();
    expect(await page.getByLabel('Title').first().inputValue()).toBe(`${title} v2`);
    expect(await page.getByLabel('Description').first().inputValue()).toBe('Edited as JSON');
    await page.getByRole('button', { name: 'Save blueprint' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved at' }).waitFor();
    expect((await api.get(`/v1/blueprints/${identifier}`)).body.blueprint).toMatchObject({
      title: `${title} v2`,
      description: 'Edited as JSON',
      schema: { properties: { language: { enumColors: { Go: 'blue' } } } },
    });

    // Making a property required that an entity lacks: the server refuses, naming the entity.
    const entity = `lacks-${suffix}`;
    const written = await api.post(`/v1/blueprints/${identifier}/entities`, {
      identifier: entity,
      properties: { language: 'Go' },
    });
    expect(written.status, JSON.stringify(written.body)).toBe(201);
    await page.getByRole('button', { name: /^replicas/ }).click();
    await page.getByRole('group', { name: 'Property replicas' }).getByLabel('Required').check();
    await page.getByRole('button', { name: 'Save blueprint' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'would become invalid' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(entity);
    expect((await api.get(`/v1/blueprints/${identifier}`)).body.blueprint.schema.required).toEqual([]);
    await page.close();
  });
});
