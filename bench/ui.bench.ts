/**
 * npm run bench:ui [-- --entities=100000 --runs=7 --dialects=sqlite,postgres]
 *
 * The web app in headless Chromium (Debian's, through playwright-core) against the real server with a
 * blueprint of --entities entities: the time from navigation to the first rows of its table and to an
 * entity page, cold (a new browser profile: nothing cached) and warm (the app's files cached), and the
 * JavaScript the first page downloads. The floor is a navigation to a page of this server that needs no
 * script (/healthz): what this machine and browser take whatever the app does.
 */
import { chromium, type BrowserContext } from 'playwright-core';
import type { Api } from './lib/api.js';
import { ensureWebBuild } from '../scripts/build-web.js';
import { createCatalog, SERVICE } from './lib/catalog.js';
import { loadServices } from './lib/load.js';
import { dialectsSetting, intSetting } from './lib/options.js';
import { fmt, percentile, printTable, progressLine } from './lib/report.js';
import { settlePostgresDatabase } from './lib/postgres.js';
import { startServer } from './lib/server.js';

const entities = intSetting('ENTITIES', 100_000);
const runs = intSetting('RUNS', 7);
const CHROMIUM = process.env.PORTICO_TEST_CHROMIUM ?? '/usr/bin/chromium';
const PASSWORD = 'bench-password-not-for-production';
const GOAL_MS = 1000;

await ensureWebBuild();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const rows: Array<Record<string, string | number>> = [];
let scriptKb = { transferred: 0, files: 0 };

try {
  for (const dialect of dialectsSetting()) {
    const server = await startServer(dialect);
    try {
      await createCatalog(server.api);
      const progress = progressLine(`${dialect} load`);
      await loadServices(server.api, { count: entities, batch: 2000, concurrency: 4, progress });
      process.stderr.write('\n');
      if (dialect === 'postgres') await settlePostgresDatabase();
      const person = await createPerson(server.api);
      const base = server.api.baseUrl;

      const signedIn = async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const answer = await context.request.post(`${base}/auth/login`, {
          data: { ...person, password: PASSWORD },
        });
        if (!answer.ok()) throw new Error(`sign-in answered ${answer.status()}: ${await answer.text()}`);
        return context;
      };
      const timed = async (context: BrowserContext, path: string, ready: string) => {
        const page = await context.newPage();
        const started = performance.now();
        await page.goto(`${base}${path}`);
        await page.waitForSelector(ready);
        const ms = performance.now() - started;
        const scripts = await page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .filter((e) => e.name.endsWith('.js'))
            .map((e) => (e as PerformanceResourceTiming).encodedBodySize),
        );
        await page.close();
        return { ms, scripts };
      };

      const pages = [
        { name: 'floor: /healthz', path: '/healthz', ready: 'body' },
        { name: 'table, first rows', path: `/catalog/${SERVICE}`, ready: 'table.entity-table tbody tr td a' },
        {
          name: 'table, filtered + sorted',
          path: `/catalog/${SERVICE}?rules=${encodeURIComponent(JSON.stringify([{ property: 'language', operator: '=', value: 'go' }]))}&sort=-score`,
          ready: 'table.entity-table tbody tr td a',
        },
        {
          name: 'entity page',
          path: `/catalog/${SERVICE}/svc-${Math.floor(entities / 2)}`,
          ready: `h1:text-is("Service ${Math.floor(entities / 2)}")`,
        },
      ];
      for (const target of pages) {
        const cold: number[] = [];
        const warm: number[] = [];
        for (let run = 0; run < runs; run++) {
          const context = await signedIn();
          const first = await timed(context, target.path, target.ready);
          cold.push(first.ms);
          if (target.name === 'table, first rows' && run === 0)
            scriptKb = {
              transferred: first.scripts.reduce((a, b) => a + b, 0) / 1024,
              files: first.scripts.length,
            };
          warm.push((await timed(context, target.path, target.ready)).ms);
          await context.close();
        }
        cold.sort((a, b) => a - b);
        warm.sort((a, b) => a - b);
        const goal = target.name.startsWith('floor') ? '' : `≤ ${GOAL_MS}`;
        rows.push({
          database: dialect,
          page: target.name,
          'cold p50 ms': fmt(percentile(cold, 50), 0),
          'cold max ms': fmt(cold[cold.length - 1]!, 0),
          'warm p50 ms': fmt(percentile(warm, 50), 0),
          'warm max ms': fmt(warm[warm.length - 1]!, 0),
          goal,
          met: goal ? (percentile(cold, 50) <= GOAL_MS ? 'yes' : 'no') : '',
        });
      }
    } finally {
      await server.stop();
    }
  }
} finally {
  await browser.close();
}

console.log(
  `\nThe web app in headless Chromium, ${entities.toLocaleString('en')} entities in ${SERVICE}, ${runs} runs each`,
);
printTable(rows);
console.log(
  `JavaScript of the first page (the table): ${fmt(scriptKb.transferred, 0)} KB transferred (compressed) in ${scriptKb.files} files; goal ≤ 300 KB`,
);

/** A person with a password, as an Admin invites one and the invitation link sets it. */
async function createPerson(api: Api) {
  const email = 'bench-person@example.com';
  const invited = await api.post<{ invitation: { token: string } }>('/v1/users/invite', {
    invitee: { email, roles: ['Member'] },
  });
  await api.post('/auth/password/reset', { token: invited.invitation.token, password: PASSWORD });
  return { email };
}
