import { sql, type SqlBool } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import {
  evaluateAll,
  evaluateEach,
  evaluateRows,
  type CompiledScorecard,
} from './scorecard-evaluation.repo.js';

/**
 * A condition the database cannot evaluate on one entity fails that rule for that entity, with the
 * database's reason; the same rule holds elsewhere, and the other rules are evaluated everywhere.
 */
describeEachDatabase('scorecard evaluation with a condition that fails on one entity', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp(dialect);
  });
  afterAll(() => api.close());

  it('fails the rule there only, with the reason', async () => {
    const bp = uniqueId('bp');
    await api.post('/v1/blueprints', { identifier: bp, title: bp, schema: { properties: {}, required: [] } });
    await api.post(`/v1/blueprints/${bp}/entities/bulk`, {
      entities: ['good', 'bad', 'fine'].map((identifier) => ({ identifier })),
    });
    // Casting the identifier to a number fails on the database for "bad" only (its value, not the plan).
    const failsOnBad =
      dialect === 'postgres'
        ? sql<SqlBool>`(case when e.identifier = 'bad' then (e.identifier)::int else 1 end) = 1`
        : sql<SqlBool>`(case when e.identifier = 'bad' then json_extract(e.identifier, '$') else 1 end) = 1`;
    const compiled = {
      scorecard: { id: 1, blueprint: bp },
      filter: undefined,
      rules: [failsOnBad, sql<SqlBool>`e.identifier <> 'fine'`],
      timeDependent: false,
    } as unknown as CompiledScorecard;
    const { rows, reasons } = await evaluateEach(api.database.db, compiled, { afterId: 0, limit: 10 });
    const byIdentifier = new Map(rows.map((row) => [row.identifier, row]));
    expect(rows).toHaveLength(3);
    expect([byIdentifier.get('good')!.r0, byIdentifier.get('bad')!.r0, byIdentifier.get('fine')!.r0]).toEqual(
      [1, 0, 1],
    );
    expect([byIdentifier.get('good')!.r1, byIdentifier.get('bad')!.r1, byIdentifier.get('fine')!.r1]).toEqual(
      [1, 1, 0],
    );
    expect([...reasons.keys()]).toEqual([`${byIdentifier.get('bad')!.id}:0`]);
    expect(reasons.values().next().value).toMatch(/\S/);
  });

  it("reads all of a blueprint's scorecards at once as each alone, and refuses where one cannot be read", async () => {
    const bp = uniqueId('bp');
    await api.post('/v1/blueprints', { identifier: bp, title: bp, schema: { properties: {}, required: [] } });
    await api.post(`/v1/blueprints/${bp}/entities/bulk`, {
      entities: ['a', 'b', 'c', 'd'].map((identifier) => ({ identifier })),
    });
    const scorecard = (id: number, filter: string | undefined, rules: string[]) =>
      ({
        scorecard: { id, blueprint: bp },
        filter: filter === undefined ? undefined : sql<SqlBool>`${sql.raw(filter)}`,
        rules: rules.map((rule) => sql<SqlBool>`${sql.raw(rule)}`),
        timeDependent: false,
      }) as unknown as CompiledScorecard;
    const scorecards = [
      scorecard(1, undefined, ["e.identifier <> 'a'", "e.identifier in ('a', 'b')"]),
      scorecard(2, "e.identifier <> 'd'", ["e.identifier = 'c'"]),
      scorecard(3, undefined, []),
    ];
    for (const selection of [{ identifiers: ['a', 'c', 'd', 'gone'] }, { afterId: 0, limit: 3 }]) {
      const together = await evaluateAll(api.database.db, scorecards, selection);
      const alone = await Promise.all(scorecards.map((one) => evaluateRows(api.database.db, one, selection)));
      const sorted = (rows: Array<{ id: number }>) => [...rows].sort((x, y) => x.id - y.id);
      expect(together.map(sorted)).toEqual(alone.map(sorted));
      expect(together[0]).toHaveLength(3);
    }
    expect((await evaluateAll(api.database.db, scorecards, { identifiers: ['c'] }))[1]![0]).toMatchObject({
      identifier: 'c',
      f: 1,
      r0: 1,
    });
    const failing =
      dialect === 'postgres'
        ? "(case when e.identifier = 'b' then (e.identifier)::int else 1 end) = 1"
        : "(case when e.identifier = 'b' then json_extract(e.identifier, '$') else 1 end) = 1";
    await expect(
      evaluateAll(api.database.db, [scorecards[0]!, scorecard(4, undefined, [failing])], {
        afterId: 0,
        limit: 10,
      }),
    ).rejects.toThrow();
  });
});
