import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../app.js';
import { describeEachDatabaseInBrowser } from '../browser.js';
import { uniqueId } from '../databases.js';
import { createPasswordPerson, newPortalPage, openPortal, signIn } from '../web-portal.js';

const HOSTILE_MARKDOWN = [
  '# Runbook',
  '<script>window.__xss = "script"</script>',
  '<img src="x" onerror="window.__xss = \'onerror\'">',
  '<svg><script>window.__xss = "svg"</script></svg>',
  '<a href="javascript:window.__xss=\'raw-link\'">raw link</a>',
  '[markdown link](javascript:window.__xss=1)',
  '<iframe src="javascript:window.top.__xss=\'iframe\'"></iframe>',
  '<div style="background:url(javascript:alert(1))" onmouseover="window.__xss=\'hover\'">hover me</div>',
  '<form action="javascript:window.__xss=1"><button>go</button></form>',
  '<details open ontoggle="window.__xss=\'toggle\'"><summary>s</summary></details>',
  'Plain **bold** text and a [safe link](https://example.com/docs).',
].join('\n\n');

describeEachDatabaseInBrowser('user content is never live markup', (dialect) => {
  const blueprint = `doc_${uniqueId('x').toLowerCase()}`;
  let api: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    api = await startTestApp(dialect);
    ({ base, browser } = await openPortal(api));
    const created = await api.post('/v1/blueprints', {
      identifier: blueprint,
      title: 'Docs',
      schema: {
        properties: {
          readme: { type: 'string', format: 'markdown', title: 'README' },
          home: { type: 'string', format: 'url', title: 'Home' },
          dashboard: { type: 'object', format: 'labeled-url', title: 'Dashboard' },
          notes: { type: 'string', title: 'Notes' },
        },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const entity = await api.post(`/v1/blueprints/${blueprint}/entities`, {
      identifier: 'hostile',
      title: '<img src=x onerror="window.__xss=\'title\'"><b>Hostile</b>',
      properties: {
        readme: HOSTILE_MARKDOWN,
        home: 'https://example.com/home',
        dashboard: { url: 'https://grafana.example.com/d/1', displayText: 'Grafana <b>board</b>' },
        notes: '<script>window.__xss="notes"</script>',
      },
    });
    expect(entity.status, JSON.stringify(entity.body)).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('renders an entity whose markdown, title and values hold script, handlers and javascript: links, with none of them live', async () => {
    const errors: string[] = [];
    const page = await newPortalPage(browser, errors);
    const person = await createPasswordPerson(api, { roles: ['Member'] });
    await page.goto(`${base}/catalog/${blueprint}/hostile`);
    await signIn(page, person);
    const readme = page.locator('.markdown');
    await expect.poll(() => readme.textContent()).toContain('Plain bold text');
    // Hover and toggle what could carry a handler, then look for anything that ran.
    await page.getByText('hover me').hover();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();

    const live = await page.evaluate(() => {
      const all = [...document.querySelectorAll('*')];
      return {
        scripts: [...document.querySelectorAll('body script')].length,
        handlers: all.flatMap((el) => el.getAttributeNames().filter((name) => name.startsWith('on'))),
        javascriptUrls: all.flatMap((el) =>
          ['href', 'src', 'action', 'formaction', 'xlink:href']
            .map((name) => el.getAttribute(name) ?? '')
            .filter((value) => /^\s*javascript:/i.test(value)),
        ),
        frames: document.querySelectorAll('iframe, object, embed, form').length,
        styles: [...document.querySelectorAll('.markdown [style]')].length,
      };
    });
    expect(live).toEqual({ scripts: 0, handlers: [], javascriptUrls: [], frames: 0, styles: 0 });

    // What is text stays text, shown as typed.
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('<img src=x onerror="window.__xss=\'title\'"><b>Hostile</b>');
    expect(await page.getByText('<script>window.__xss="notes"</script>').count()).toBe(1);
    // The safe link is a link that opens elsewhere, without the opener.
    const safe = page.getByRole('link', { name: 'safe link' });
    expect(await safe.getAttribute('href')).toBe('https://example.com/docs');
    expect(await safe.getAttribute('rel')).toContain('noopener');
    // URL properties are links (the server takes only http, https and ftp URLs), their labels text.
    expect(await page.getByRole('link', { name: 'https://example.com/home' }).getAttribute('href')).toBe(
      'https://example.com/home',
    );
    expect(await page.getByRole('link', { name: 'Grafana <b>board</b>' }).count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('says nothing a link made up: an error in the URL is not shown on the sign-in page', async () => {
    const page = await newPortalPage(browser);
    await page.goto(`${base}/?error=${encodeURIComponent('Portico moved: sign in at https://evil.example')}`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    expect(await page.getByText('evil.example').count()).toBe(0);
    await page.context().close();
  });

  it('serves the app with a policy that stops inline and foreign script', async () => {
    const response = await fetch(`${base}/catalog/${blueprint}/hostile`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-eval');
    // Only the assets folder's own files: no way out of it to a page without its policy.
    for (const path of ['/assets/..%2findex.html', '/assets/%2e%2e%2findex.html', '/assets/..%5cindex.html'])
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
  });
});
