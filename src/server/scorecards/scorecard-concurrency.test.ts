import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { automationsDatabaseUrl } from '../../../test/automations.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { readmeTierLevel, readmeTierRules, rule, scorecardBody, topRule } from '../../../test/scorecards.js';
import { openDatabase } from '../storage/database.js';

/**
 * Two servers on one database, each with its evaluator (one reads the stream at a time, and takes over
 * when the other goes), many clients writing through both while a changed scorecard is evaluated in small
 * slices: every entity ends at the level its data gives, and its history is one unbroken chain.
 */
describeEachDatabase('scorecards under concurrent writes and two servers', (dialect) => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    const url = await automationsDatabaseUrl(dialect);
    const start = () =>
      startTestApp(dialect, {
        database: openDatabase(url),
        scorecards: { sliceSize: 25 },
        automations: { pollMs: 50, leaseMs: 1_000 },
        jobNamespace: 'scorecards',
      });
    first = await start();
    second = await start();
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('loses no write and records each change once', async () => {
    const bp = uniqueId('service');
    expect(
      (
        await first.post('/v1/blueprints', {
          identifier: bp,
          title: bp,
          schema: { properties: { readme: { type: 'string' }, tier: { type: 'number' } }, required: [] },
        })
      ).status,
    ).toBe(201);
    const entities = Array.from({ length: 120 }, (_, i) => `svc-${i}`);
    const bulk = await first.post(`/v1/blueprints/${bp}/entities/bulk?upsert=true`, {
      entities: entities.map((identifier, i) => ({ identifier, properties: { tier: i % 3 } })),
    });
    expect(bulk.status, JSON.stringify(bulk.body)).toBeLessThan(300);
    const body = scorecardBody(readmeTierRules());
    expect((await first.post(`/v1/blueprints/${bp}/scorecards`, body)).status).toBe(201);
    // Concurrent creations of one identifier: exactly one is created.
    const racers = await Promise.all(
      [first, second, first, second].map((api) =>
        api.post(`/v1/blueprints/${bp}/scorecards`, { ...body, identifier: 'raced', title: 'raced' }),
      ),
    );
    expect(racers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);

    // Clients write through both servers while the scorecard changes and is evaluated again.
    const writes = Array.from({ length: 8 }, (_, client) =>
      (async () => {
        for (let round = 0; round < 15; round++) {
          const identifier = entities[(client * 37 + round * 11) % entities.length]!;
          const readme = (client + round) % 2 ? `doc ${client}.${round}` : '';
          const api = (client + round) % 2 ? first : second;
          // SQLite's second process is refused a write the first holds (409), never lost: the client retries.
          let answer = await api.patch(`/v1/blueprints/${bp}/entities/${identifier}`, {
            properties: { readme },
          });
          for (let tries = 0; answer.status === 409 && tries < 20; tries++)
            answer = await api.patch(`/v1/blueprints/${bp}/entities/${identifier}`, {
              properties: { readme },
            });
          expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        }
      })(),
    );
    const change = (async () => {
      const changed = {
        ...body,
        rules: [...body.rules, topRule()],
      };
      let answer = await second.put(`/v1/blueprints/${bp}/scorecards/${body.identifier}`, changed);
      for (let tries = 0; answer.status === 409 && tries < 20; tries++)
        answer = await second.put(`/v1/blueprints/${bp}/scorecards/${body.identifier}`, changed);
      return answer;
    })();
    await Promise.all([...writes, change]);
    expect((await change).status, JSON.stringify((await change).body)).toBe(200);
    await first.services.evaluator!.drain();
    await second.services.evaluator!.drain();

    const listed = await first.get(`/v1/blueprints/${bp}/entities`);
    const expected = readmeTierLevel;
    for (const entity of listed.body.entities)
      expect(entity.scorecards?.[body.identifier]?.level, entity.identifier).toBe(expected(entity));

    const { db } = first.database;
    const rows = await db
      .selectFrom('scorecard_changes')
      .select(['entity', 'level', 'previous_level', 'id'])
      .where('blueprint', '=', bp)
      .where('scorecard', '=', body.identifier)
      .orderBy('id')
      .execute();
    const chains = new Map<string, Array<{ level: string | null; previous_level: string | null }>>();
    for (const row of rows) (chains.get(row.entity) ?? chains.set(row.entity, []).get(row.entity)!).push(row);
    for (const entity of listed.body.entities) {
      const chain = chains.get(entity.identifier) ?? [];
      expect(chain[0]?.previous_level ?? null, entity.identifier).toBeNull();
      chain.forEach((link, i) => {
        if (i > 0) expect(link.previous_level, `${entity.identifier} #${i}`).toBe(chain[i - 1]!.level);
      });
      expect(chain.at(-1)?.level, entity.identifier).toBe(expected(entity));
    }
  });

  it('leaves no result of a scorecard deleted while its entities are written', async () => {
    const bp = uniqueId('service');
    await first.post('/v1/blueprints', {
      identifier: bp,
      title: bp,
      schema: { properties: { n: { type: 'number' } }, required: [] },
    });
    const body = scorecardBody([rule('positive', 'Bronze', [{ property: 'n', operator: '>', value: 0 }])]);
    expect((await first.post(`/v1/blueprints/${bp}/scorecards`, body)).status).toBe(201);
    const writes = Array.from({ length: 6 }, (_, client) =>
      (async () => {
        for (let round = 0; round < 8; round++) {
          const api = client % 2 ? first : second;
          const entities = Array.from({ length: 25 }, (_, i) => ({
            identifier: `e-${client}-${i}`,
            properties: { n: round },
          }));
          let answer = await api.post(`/v1/blueprints/${bp}/entities/bulk?upsert=true`, { entities });
          for (let tries = 0; answer.status === 409 && tries < 20; tries++)
            answer = await api.post(`/v1/blueprints/${bp}/entities/bulk?upsert=true`, { entities });
          expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
        }
      })(),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    let deleted = await second.delete(`/v1/blueprints/${bp}/scorecards/${body.identifier}`);
    for (let tries = 0; deleted.status === 409 && tries < 20; tries++)
      deleted = await second.delete(`/v1/blueprints/${bp}/scorecards/${body.identifier}`);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    await Promise.all(writes);
    await first.services.evaluator!.drain();
    await second.services.evaluator!.drain();
    const listed = await first.get(`/v1/blueprints/${bp}/entities`);
    expect(listed.body.entities).toHaveLength(150);
    for (const entity of listed.body.entities) expect(entity.scorecards, entity.identifier).toBeUndefined();
  });
});
