import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestApp } from './app.js';
import { launchBrowser } from './browser.js';
import { uniqueId } from './databases.js';

export const TEST_PASSWORD = 'correct-horse-battery-staple';

/** A person who signs in with a password: invited by the admin, then set through the one-time link. */
export async function createPasswordPerson(
  api: TestApp,
  invitee: { roles?: string[]; teams?: string[] } = {},
) {
  const email = `${uniqueId('person')}@example.com`;
  const invited = await api.post('/v1/users/invite', { invitee: { email, ...invitee } });
  expect(invited.status, JSON.stringify(invited.body)).toBe(200);
  const reset = await api.post('/auth/password/reset', {
    token: invited.body.invitation.token,
    password: TEST_PASSWORD,
  });
  expect(reset.status, JSON.stringify(reset.body)).toBe(200);
  return { email, password: TEST_PASSWORD };
}

/** The test app listening on a free local port, and a browser to drive it. */
export async function openPortal(api: TestApp): Promise<{ base: string; browser: Browser }> {
  const address = await api.app.listen({ port: 0, host: '127.0.0.1' });
  return { base: address.replace('localhost', '127.0.0.1'), browser: await launchBrowser() };
}

/** A page that fails the test on any uncaught error in the app. */
export async function newPortalPage(browser: Browser, errors: string[] = []) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  return page;
}

export async function signIn(page: Page, person: { email: string; password: string }) {
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A new page (see newPortalPage) of `path` on `base`, signed in as `person` on the way there. */
export async function openSignedIn(
  browser: Browser,
  base: string,
  person: { email: string; password: string },
  path: string,
  errors: string[] = [],
): Promise<Page> {
  const page = await newPortalPage(browser, errors);
  await page.goto(`${base}${path}`);
  await signIn(page, person);
  const { pathname } = new URL(path, base);
  await page.waitForURL((url) => url.pathname === pathname);
  return page;
}
