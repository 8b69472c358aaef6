import { expect } from 'vitest';
import type { AppOptions } from '../src/server/app.js';
import { openDatabase } from '../src/server/storage/database.js';
import { startTestApp, type TestApp } from './app.js';
import { automationsDatabaseUrl } from './automations.js';
import { uniqueId, type DialectUnderTest } from './databases.js';

/**
 * The app on a database of the test file's own, keeping scorecard results current: its evaluator reads
 * every change on its database, which on the shared one would be every other test's.
 */
export async function startScorecardsApp(dialect: DialectUnderTest, options: Partial<AppOptions> = {}) {
  const url = await automationsDatabaseUrl(dialect);
  return startTestApp(dialect, {
    database: openDatabase(url),
    // Scorecards whose rules read the time are evaluated again every half second.
    scorecards: { timeDependentEveryMs: 500 },
    automations: { pollMs: 100, leaseMs: 2_000 },
    jobNamespace: 'scorecards',
    ...options,
  });
}

/** Port's scorecard JSON with the default levels. */
export function scorecardBody(rules: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}) {
  const identifier = uniqueId('sc');
  return { identifier, title: identifier, rules, ...extra };
}

export const rule = (identifier: string, level: string, conditions: Array<Record<string, unknown>>) => ({
  identifier,
  title: identifier,
  level,
  query: { combinator: 'and', conditions },
});

/**
 * The level an entity reaches under the concurrency tests' scorecard once it has its rule `top`: Bronze
 * with a readme, Silver with a tier of 1 or more, Gold with tier 2.
 */
export const readmeTierLevel = (e: { properties: { readme?: string; tier: number } }) =>
  !e.properties.readme
    ? 'Basic'
    : e.properties.tier < 1
      ? 'Bronze'
      : e.properties.tier === 2
        ? 'Gold'
        : 'Silver';

/** That scorecard's rules: `documented` and `tiered`, then `top` (Gold) added while clients write. */
export const readmeTierRules = () => [
  rule('documented', 'Bronze', [{ property: 'readme', operator: 'isNotEmpty' }]),
  rule('tiered', 'Silver', [{ property: 'tier', operator: '>=', value: 1 }]),
];
export const topRule = () => rule('top', 'Gold', [{ property: 'tier', operator: '=', value: 2 }]);

export async function createScorecard(api: TestApp, blueprint: string, body: Record<string, unknown>) {
  const created = await api.post(`/v1/blueprints/${blueprint}/scorecards`, body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.scorecard as { identifier: string };
}

/** The entity's results, once every change and evaluation so far has been read. */
export async function resultsOf(api: TestApp, blueprint: string, entity: string) {
  await api.services.evaluator!.drain();
  const read = await api.get(`/v1/blueprints/${blueprint}/entities/${encodeURIComponent(entity)}`);
  expect(read.status, JSON.stringify(read.body)).toBe(200);
  return read.body.entity.scorecards as
    | Record<string, { level: string; rules: Array<{ identifier: string; status: string; level: string }> }>
    | undefined;
}

/**
 * Waits until the entity's level under `scorecard` is `level` (undefined: out of the scorecard): a write
 * on a related entity reaches it through a refresh of computed values first, then the evaluator.
 */
export async function levelBecomes(
  api: TestApp,
  blueprint: string,
  entity: string,
  scorecard: string,
  level: string | undefined,
) {
  await expect
    .poll(async () => (await resultsOf(api, blueprint, entity))?.[scorecard]?.level, {
      timeout: 15_000,
      interval: 50,
    })
    .toBe(level);
}
