import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import {
  createScorecard,
  resultsOf,
  rule,
  scorecardBody,
  startScorecardsApp,
} from '../../../test/scorecards.js';

/**
 * Scorecard results are not an entity's state: writing them adds no version, and on SQLite leaves an
 * entity's first version in place (it holds no copy of the row until the row's state first changes).
 */
describeEachDatabase('scorecard results and entity history', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startScorecardsApp(dialect);
  });
  afterAll(() => api.close());

  it('writes results without a version, and history stays right when the state changes after', async () => {
    const bp = uniqueId('bp');
    const created = await api.post('/v1/blueprints', {
      identifier: bp,
      title: bp,
      schema: { properties: { owner: { type: 'string' } }, required: [] },
    });
    expect(created.status).toBe(201);
    const { identifier } = await createScorecard(
      api,
      bp,
      scorecardBody([rule('owned', 'Bronze', [{ property: 'owner', operator: 'isNotEmpty' }])]),
    );
    expect(
      (await api.post(`/v1/blueprints/${bp}/entities`, { identifier: 'e1', properties: { owner: 'a' } }))
        .status,
    ).toBe(201);
    expect((await resultsOf(api, bp, 'e1'))?.[identifier]?.level).toBe('Bronze');

    const firstVersions = () =>
      sql<{
        properties: unknown;
      }>`select properties from entity_versions where blueprint = ${bp} and identifier = 'e1' and action = 'CREATE'`
        .execute(api.database.db)
        .then(({ rows }) => rows);
    if (dialect === 'sqlite') expect((await firstVersions())[0]!.properties).toBeNull();

    const changed = await api.patch(`/v1/blueprints/${bp}/entities/e1`, { properties: { owner: '' } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect((await resultsOf(api, bp, 'e1'))?.[identifier]?.level).toBe('Basic');
    const history = await api.get(`/v1/blueprints/${bp}/entities/e1/history`);
    expect(history.status, JSON.stringify(history.body)).toBe(200);
    const versions = history.body.versions as Array<{ action: string; entity: { properties: unknown } }>;
    expect(versions.map((v) => [v.action, v.entity.properties])).toEqual([
      ['UPDATE', { owner: '' }],
      ['CREATE', { owner: 'a' }],
    ]);
    expect((await firstVersions())[0]!.properties).not.toBeNull();
  });
});
