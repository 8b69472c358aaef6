import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { automationsDatabaseUrl } from '../../../test/automations.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import {
  createScorecard,
  readmeTierLevel,
  readmeTierRules,
  scorecardBody,
  startScorecardsApp,
} from '../../../test/scorecards.js';
import { openDatabase } from '../storage/database.js';

/**
 * The evaluator works out each batch of the stream while the last one's results commit: in batches of 4,
 * an entity is written in one batch after another, deleted and created again, and every change is still
 * recorded once, from the result before it.
 */
describeEachDatabase('scorecards, each batch worked out while the last commits', (dialect) => {
  let url: string;
  let app: TestApp | undefined;
  /** The app on the test's database, with the evaluator reading batches of 4, or without it. */
  const start = (scorecards: boolean) =>
    scorecards
      ? startScorecardsApp(dialect, {
          database: openDatabase(url),
          automations: { pollMs: 50, leaseMs: 500, batchSize: 4 },
        })
      : startTestApp(dialect, { database: openDatabase(url), scorecards: false, jobNamespace: 'scorecards' });
  /** A blueprint with readme and tier, and the concurrency tests' scorecard on it. */
  async function scoredBlueprint(api: TestApp) {
    const bp = uniqueId('service');
    const created = await api.post('/v1/blueprints', {
      identifier: bp,
      title: bp,
      schema: { properties: { readme: { type: 'string' }, tier: { type: 'number' } }, required: [] },
    });
    expect(created.status).toBe(201);
    const body = scorecardBody(readmeTierRules());
    await createScorecard(api, bp, body);
    return { bp, body };
  }
  beforeAll(async () => {
    url = await automationsDatabaseUrl(dialect);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('records each change of an entity written in batch after batch once, from the result before it', async () => {
    app = await start(true);
    const { bp, body } = await scoredBlueprint(app);
    const upsert = async (identifier: string, properties: Record<string, unknown>) => {
      const answer = await app!.post(`/v1/blueprints/${bp}/entities?upsert=true&merge=true`, {
        identifier,
        properties,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
    };
    for (const identifier of ['a', 'b', 'c']) await upsert(identifier, { tier: 0 });
    await app.services.evaluator!.drain();

    // The stream piles up while no evaluator runs, then is read in full batches, each worked out while the
    // one before commits.
    await app.close();
    app = await start(false);
    for (let round = 0; round < 30; round++)
      await upsert(['a', 'b', 'c'][round % 3]!, { readme: round % 2 ? `doc ${round}` : '', tier: round % 3 });
    expect((await app.delete(`/v1/blueprints/${bp}/entities/b`)).status).toBe(200);
    await upsert('b', { readme: 'again', tier: 2 });
    await upsert('b', { readme: 'again', tier: 1 });
    expect((await app.delete(`/v1/blueprints/${bp}/entities/c`)).status).toBe(200);
    await upsert('a', { readme: 'last', tier: 2 });
    await upsert('a', { readme: '', tier: 2 });
    await app.close();
    app = await start(true);
    await app.services.evaluator!.drain();

    const listed = await app.get(`/v1/blueprints/${bp}/entities`);
    expect(listed.body.entities.map((e: { identifier: string }) => e.identifier).sort()).toEqual(['a', 'b']);
    for (const entity of listed.body.entities)
      expect(entity.scorecards?.[body.identifier]?.level, entity.identifier).toBe(readmeTierLevel(entity));

    const rows = await app.database.db
      .selectFrom('scorecard_changes')
      .select(['entity', 'entity_id', 'level', 'previous_level', 'flipped'])
      .where('blueprint', '=', bp)
      .orderBy('id')
      .execute();
    // One chain per entity: b deleted and created again is two, the first ending when it left.
    const chains = new Map<string, Array<{ level: string | null; previous_level: string | null }>>();
    for (const row of rows) {
      const key = `${row.entity}#${row.entity_id}`;
      (chains.get(key) ?? chains.set(key, []).get(key)!).push(row);
    }
    for (const [entity, chain] of chains) {
      expect(chain[0]!.previous_level, entity).toBeNull();
      chain.forEach((link, i) => {
        if (i > 0) expect(link.previous_level, `${entity} #${i}`).toBe(chain[i - 1]!.level);
      });
    }
    const ends = (name: string) =>
      [...chains].filter(([key]) => key.startsWith(`${name}#`)).map(([, chain]) => chain.at(-1)!.level);
    expect(ends('a')).toEqual(['Basic']);
    expect(ends('b')).toEqual([null, 'Silver']);
    expect(ends('c')).toEqual([null]);
    // No change recorded twice: a level that stays has flipped rules.
    for (const row of rows)
      if (row.level === row.previous_level)
        expect(
          JSON.parse(typeof row.flipped === 'string' ? row.flipped : JSON.stringify(row.flipped)),
        ).not.toEqual([]);
  });

  it('has every entity that bore a deleted identifier leave, not only the last one recorded', async () => {
    await app?.close();
    app = await start(true);
    const { bp } = await scoredBlueprint(app);
    const upsert = async (properties: Record<string, unknown>) => {
      const answer = await app!.post(`/v1/blueprints/${bp}/entities?upsert=true`, {
        identifier: 'a',
        properties,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
    };
    await upsert({ readme: 'doc', tier: 0 });
    await app.services.evaluator!.drain();
    const history = () =>
      app!.database.db
        .selectFrom('scorecard_changes')
        .selectAll()
        .where('blueprint', '=', bp)
        .orderBy('id')
        .execute();
    const [first] = await history();
    expect(first!.level).toBe('Bronze');

    // Deleted and created again while no evaluator runs; the new entity's entering recorded as an evaluator
    // records it when it reads a change of `a` made before the deletion after `a` was created again (the
    // deletion's event in its next batch); then the new entity is deleted too.
    await app.close();
    app = await start(false);
    expect((await app.delete(`/v1/blueprints/${bp}/entities/a`)).status).toBe(200);
    await upsert({ readme: 'again', tier: 0 });
    const { id: second } = await app.database.db
      .selectFrom('entities')
      .select('id')
      .where('blueprint', '=', bp)
      .where('identifier', '=', 'a')
      .executeTakeFirstOrThrow();
    const { id: _id, ...entered } = first!;
    const json = (value: unknown) =>
      (typeof value === 'string' || value === null ? value : app!.database.dialect.toJson(value)) as string;
    await app.database.db
      .insertInto('scorecard_changes')
      .values({
        ...entered,
        entity_id: Number(second),
        team: json(entered.team),
        rules: json(entered.rules),
        flipped: json(entered.flipped),
      })
      .execute();
    expect((await app.delete(`/v1/blueprints/${bp}/entities/a`)).status).toBe(200);
    await app.close();
    app = await start(true);
    await app.services.evaluator!.drain();

    const ends = new Map<number, string | null>();
    for (const row of await history()) ends.set(Number(row.entity_id), row.level);
    expect([...ends.values()]).toEqual([null, null]);
  });
});
