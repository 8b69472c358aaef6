import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../app.js';
import { describeEachDatabaseInBrowser } from '../browser.js';
import { uniqueId } from '../databases.js';
import {
  createPasswordPerson,
  newPortalPage,
  openPortal,
  openSignedIn,
  signIn,
  TEST_PASSWORD,
} from '../web-portal.js';

describeEachDatabaseInBrowser('settings and the audit log, in the browser', (dialect) => {
  const run = uniqueId('sa').toLowerCase();
  const blueprint = `svc_${run}`;
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
    const created = await api.post('/v1/blueprints', {
      identifier: blueprint,
      title: `Service ${run}`,
      schema: { properties: { tier: { type: 'string' } } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const signedIn = (person: { email: string; password: string }, path: string) =>
    openSignedIn(browser, base, person, path, errors);

  /** Picks `option` in a Mantine (Multi)Select, then closes its list so that it covers nothing. */
  async function choose(page: Page, combobox: ReturnType<Page['getByRole']>, option: string | RegExp) {
    await combobox.click();
    await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
    await page.keyboard.press('Escape');
  }

  /**
   * Opens a password link in a browser of its own (as the person it was sent to would), sets the password
   * (refused first for a short one and for two that differ) and lands on sign-in. The token leaves the
   * address bar as soon as the page has read it.
   */
  async function setPasswordThrough(link: string, password: string) {
    const page = await newPortalPage(browser, errors);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Set your password' }).waitFor();
    await page.waitForURL((url) => url.pathname === '/set-password' && url.hash === '');
    const chosen = page.getByLabel('New password');
    await chosen.fill('too short');
    await page.getByLabel('Repeat the password').fill('too short');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByText('A password has at least 12 characters').waitFor();
    expect(await chosen.evaluate((input) => input === document.activeElement)).toBe(true);
    await chosen.fill(password);
    await page.getByLabel('Repeat the password').fill(`${password}!`);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByText('The two passwords differ').waitFor();
    await page.getByLabel('Repeat the password').fill(password);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByRole('status').filter({ hasText: 'Your password is set' }).waitFor();
    expect(page.url()).not.toContain('token');
    return page;
  }

  it('an Admin invites a user, puts them in a new team, creates credentials and changes a permission, then reads it all in the audit log', async () => {
    const invitee = `${uniqueId('ada')}@example.com`.toLowerCase();
    const team = `team-${run}`;
    const page = await signedIn(admin, '/settings/users');

    // The invitation's link is shown once, and it is the real one: it sets the invitee's password.
    await page.getByRole('button', { name: 'Invite user' }).click();
    await page.getByRole('dialog', { name: 'Invite a user' }).getByLabel('Email').fill(invitee);
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    const link = await page.getByRole('textbox', { name: 'Invitation link' }).inputValue();
    expect(link).toMatch(new RegExp(`^${base}/set-password#token=[\\w-]{40,}$`));
    await page.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Invitation link' }).count()).toBe(0);
    expect(await page.content()).not.toContain(link.split('#token=')[1]);
    await expect
      .poll(() => page.getByRole('row').filter({ hasText: invitee }).textContent())
      .toContain('Invited');

    // The invitee opens it, chooses a password and signs in with it.
    const invited = await setPasswordThrough(link, TEST_PASSWORD);
    await signIn(invited, { email: invitee, password: TEST_PASSWORD });
    await invited.waitForURL((url) => url.pathname === '/catalog');
    await invited.getByRole('button', { name: `Account: ${invitee}` }).waitFor();
    // The link worked once: opened again, the server's refusal says so.
    await invited.goto(link);
    await invited.getByLabel('New password').fill(TEST_PASSWORD);
    await invited.getByLabel('Repeat the password').fill(TEST_PASSWORD);
    await invited.getByRole('button', { name: 'Set password' }).click();
    const refusal = invited.getByRole('alert').filter({ hasText: 'Your password was not set' });
    expect(await refusal.textContent()).toContain('the link is wrong, used or expired');
    await invited.context().close();

    // A team, created, then given the invitee as a member.
    await page.getByRole('tab', { name: 'Teams' }).click();
    await page.getByRole('button', { name: 'New team' }).click();
    await page.getByRole('dialog', { name: 'New team' }).getByLabel('Name').fill(team);
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.getByRole('button', { name: `Actions for team ${team}` }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const editTeam = page.getByRole('dialog', { name: `Change team ${team}` });
    await choose(page, editTeam.getByRole('combobox', { name: 'Members' }), invitee);
    await editTeam.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: team }).textContent()).toContain(invitee);
    expect((await api.get(`/v1/users/${encodeURIComponent(invitee)}`)).body.user.teams).toEqual([team]);

    // Credentials: the secret is shown once, and it works.
    await page.getByRole('tab', { name: 'Credentials' }).click();
    await page.getByRole('button', { name: 'New credentials' }).click();
    await page.getByRole('dialog', { name: 'New credentials' }).getByLabel('Name').fill(`ci ${run}`);
    await page.getByRole('button', { name: 'Create credentials' }).click();
    const clientId = await page.getByRole('textbox', { name: 'Client id' }).inputValue();
    const clientSecret = await page.getByRole('textbox', { name: 'Client secret' }).inputValue();
    await page.getByRole('button', { name: 'Done' }).click();
    expect((await api.post('/v1/auth/access_token', { clientId, clientSecret })).status).toBe(200);
    await expect.poll(() => page.getByRole('row').filter({ hasText: clientId }).count()).toBe(1);

    // Members may now create the blueprint's entities.
    await page.getByRole('tab', { name: 'Permissions' }).click();
    await choose(page, page.getByRole('combobox', { name: 'Blueprint' }), new RegExp(`\\(${blueprint}\\)`));
    const register = page.getByRole('group', { name: 'Register', exact: true });
    await choose(page, register.getByRole('combobox', { name: 'Roles' }), 'Member');
    await page.getByRole('button', { name: 'Save permissions' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const permissions = await api.get(`/v1/blueprints/${blueprint}/permissions`);
    expect(permissions.body.permissions.entities.register.roles).toContain('Member');
    // The blueprint is in the URL: a reload (or a shared link) shows the same permissions.
    expect(new URL(page.url()).searchParams.get('blueprint')).toBe(blueprint);
    await page.reload();
    const reloaded = page.getByRole('group', { name: 'Register', exact: true });
    await expect.poll(() => reloaded.textContent()).toContain('Member');
    expect(await page.getByRole('combobox', { name: 'Blueprint' }).inputValue()).toContain(`(${blueprint})`);

    // The change is in the audit log, under the blueprint, with the roles before and after.
    await page.goto(`${base}/audit-log?blueprint=${blueprint}&resources=blueprint`);
    const changed = page.getByRole('row', { name: `UPDATE blueprint ${blueprint}` });
    expect(await changed.textContent()).toContain(admin.email);
    expect(await changed.textContent()).toContain('Permissions changed');
    await page.getByRole('button', { name: `Show changes of UPDATE blueprint ${blueprint}` }).click();
    const roles = page
      .getByRole('table', { name: `Changes of UPDATE blueprint ${blueprint}` })
      .getByRole('row')
      .filter({ hasText: 'permissions.entities.register.roles' });
    expect(await roles.textContent()).toContain('Member');

    // The audit log, filtered to the invitee (the filter goes to the URL), shows each change readably.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('Entity identifier').fill(invitee);
    await page.waitForURL((url) => url.searchParams.get('entity') === invitee);
    const name = `_user / ${invitee}`;
    await page.getByRole('row', { name: `CREATE ${name}` }).waitFor();
    await expect.poll(() => page.getByRole('row', { name: `UPDATE ${name}` }).count()).toBe(2);
    // Opening a record renames its button (Hide changes…): the next closed one is always the first.
    const show = page.getByRole('button', { name: `Show changes of UPDATE ${name}` });
    await show.first().click();
    await show.first().click();
    const [joined, activated] = await page.getByRole('table', { name: `Changes of UPDATE ${name}` }).all();
    expect(await joined!.getByRole('row').filter({ hasText: /^team/ }).textContent()).toMatch(
      new RegExp(`^teamChangednone${team}`),
    );
    expect(await activated!.getByRole('row').filter({ hasText: 'properties.status' }).textContent()).toBe(
      'properties.statusChangedInvitedActive',
    );

    // The team's creation, found by the same filter, names who made it.
    await page.getByLabel('Entity identifier').fill(team);
    const created = page.getByRole('row', { name: `CREATE _team / ${team}` });
    expect(await created.textContent()).toContain(admin.email);
    await page.getByRole('button', { name: `Show changes of CREATE _team / ${team}` }).click();
    const diff = page.getByRole('table', { name: `Changes of CREATE _team / ${team}` });
    expect(await diff.getByRole('row').filter({ hasText: 'identifier' }).textContent()).toBe(
      `identifierAdded${team}`,
    );
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a password link from the Actions menu sets a new password, with which they sign in', async () => {
    const person = await createPasswordPerson(api, { roles: ['Member'] });
    const page = await signedIn(admin, '/settings/users');
    await page.getByRole('button', { name: `Actions for ${person.email}` }).click();
    await page.getByRole('menuitem', { name: 'Issue password link' }).click();
    await page.getByRole('button', { name: 'Issue link' }).click();
    const link = await page.getByRole('textbox', { name: 'Password link' }).inputValue();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.context().close();

    const fresh = 'a-whole-new-password-1';
    const reset = await setPasswordThrough(link, fresh);
    await signIn(reset, { email: person.email, password: person.password });
    await reset.getByTestId('sign-in-error').waitFor();
    await signIn(reset, { email: person.email, password: fresh });
    await reset.waitForURL((url) => url.pathname === '/catalog');
    expect(errors).toEqual([]);
    await reset.context().close();
  });

  it('pages through the records of one bulk write, which share one time, without repeating or losing any', async () => {
    const bulk = `bulk_${run}`;
    const made = await api.post('/v1/blueprints', {
      identifier: bulk,
      title: bulk,
      schema: { properties: {} },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const identifiers = Array.from({ length: 120 }, (_, i) => `e-${String(i).padStart(3, '0')}`);
    const written = await api.post(`/v1/blueprints/${bulk}/entities/bulk`, {
      entities: identifiers.map((identifier) => ({ identifier, properties: {} })),
    });
    expect(written.status, JSON.stringify(written.body)).toBe(200);
    // A page holds 50: the records around both page boundaries carry the same time.
    const all = (await api.get(`/v1/audit-log?blueprint=${bulk}&resources=entity&limit=200`)).body.audits;
    expect(all).toHaveLength(120);
    for (const boundary of [50, 100]) expect(all[boundary - 1].trigger.at).toBe(all[boundary].trigger.at);

    const page = await signedIn(admin, `/audit-log?blueprint=${bulk}&resources=entity`);
    const rows = page.getByRole('row', { name: new RegExp(`^CREATE ${bulk} / e-\\d{3}$`) });
    // The full run loads the machine (two test files at once, each with its browser): a page may take a while.
    const shown = (count: number) => expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(count);
    await shown(50);
    await page.getByRole('button', { name: 'Load more' }).click();
    await shown(100);
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByRole('status').filter({ hasText: 'All 120 records shown.' }).waitFor({ timeout: 60_000 });
    const names = await rows.evaluateAll((found) => found.map((row) => row.getAttribute('aria-label')));
    expect(names.sort()).toEqual(identifiers.map((identifier) => `CREATE ${bulk} / ${identifier}`));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a Member sees no audit log in the navigation, the server refuses it and the history tab, and no admin action shows', async () => {
    const page = await signedIn(member, '/settings/users');
    const navigation = page.getByRole('navigation', { name: 'Main' });
    await navigation.getByRole('link', { name: 'Settings' }).waitFor();
    expect(await navigation.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    await page.getByRole('row').filter({ hasText: admin.email }).waitFor();
    expect(await page.getByRole('button', { name: 'Invite user' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Actions for/ }).count()).toBe(0);

    await page.goto(`${base}/audit-log`);
    const refusal = page.getByRole('alert').filter({ hasText: 'Only Admins read the audit log' });
    expect(await refusal.textContent()).toContain('reading the audit log needs the admin role');

    await page.goto(`${base}/catalog/_user/${encodeURIComponent(member.email)}/history`);
    const history = page.getByRole('alert').filter({ hasText: "Only Admins read an entity's history" });
    expect(await history.textContent()).toContain('reading the audit log needs the admin role');

    await page.goto(`${base}/settings/permissions`);
    await page.getByText('Nothing to manage here').waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
