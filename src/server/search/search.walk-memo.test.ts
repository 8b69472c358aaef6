import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import {
  describeEachDatabase,
  testDatabaseUrl,
  uniqueId,
  type DialectUnderTest,
} from '../../../test/databases.js';
import { openDatabase, type Database } from '../storage/database.js';
import { walkMemo } from './search.walk-memo.js';
import { migrate } from '../storage/migrate.js';

const SERVICES = 40;
const TEAMS = 4;

// relatedTo pages in creation order (search.probes.ts probeInWalkOrder), through two replicas on one
// database: walked back from the page (search.walk-back.ts), or, when that would read more relation rows
// than allowed (3 here), from walks kept between requests (search.walk-memo.ts). Every answer is the
// answer of the same walk read afresh, after any change of relations made through either replica.
describeEachDatabase('relatedTo pages from walks back and kept walks', (dialect) => {
  describe('walked back', () => suite(dialect, undefined));
  describe('from kept walks', () => suite(dialect, 3));
});

function suite(dialect: DialectUnderTest, walkBackRows: number | undefined) {
  let a: TestApp;
  let b: TestApp;
  let database: Database;
  const team = uniqueId('team');
  const system = uniqueId('system');
  const service = uniqueId('service');

  beforeAll(async () => {
    const url = testDatabaseUrl(dialect);
    const setup = openDatabase(url);
    await migrate(setup);
    await setup.close();
    const options = walkBackRows !== undefined ? { searchWalkBackRows: walkBackRows } : {};
    database = openDatabase(url);
    a = await startTestApp(dialect, { database, ...options });
    b = await startTestApp(dialect, { database: openDatabase(url), ...options });
    expect(
      (await a.post('/v1/blueprints', { identifier: team, title: 'T', schema: { properties: {} } })).status,
    ).toBe(201);
    // Systems lead nowhere: a walk back toward a team leaves the relation to them out.
    expect(
      (await a.post('/v1/blueprints', { identifier: system, title: 'Y', schema: { properties: {} } })).status,
    ).toBe(201);
    const systems = [{ identifier: 'y0' }, { identifier: 'y1' }];
    expect((await a.post(`/v1/blueprints/${system}/entities/bulk`, { entities: systems })).status).toBe(200);
    const relations = {
      system: { target: system, required: false, many: false },
      team: { target: team, required: true, many: false },
      dependsOn: { target: service, required: false, many: true },
    };
    const created = await a.post('/v1/blueprints', {
      identifier: service,
      title: 'S',
      schema: { properties: { tier: { type: 'number' } } },
      relations,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const teams = Array.from({ length: TEAMS }, (_, i) => ({ identifier: `t${i}` }));
    expect((await a.post(`/v1/blueprints/${team}/entities/bulk`, { entities: teams })).status).toBe(200);
    // A chain: s<i> depends on s<i-1>; teams take turns.
    const services = Array.from({ length: SERVICES }, (_, i) => ({
      identifier: `s${i}`,
      properties: { tier: i % 3 },
      relations: { team: `t${i % TEAMS}`, system: `y${i % 2}`, dependsOn: i ? [`s${i - 1}`] : [] },
    }));
    const loaded = await a.post(`/v1/blueprints/${service}/entities/bulk`, { entities: services });
    expect(loaded.status, JSON.stringify(loaded.body)).toBe(200);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  const relatedTo = (value: string, extra: Record<string, unknown> = {}) => ({
    operator: 'relatedTo',
    blueprint: team,
    value,
    ...extra,
  });
  /** Every identifier a search finds, page by page (`limit` each); kept walks read at the top-level `and`. */
  async function found(app: TestApp, rules: unknown[], limit = 4): Promise<string[]> {
    const identifiers: string[] = [];
    let from: string | undefined;
    do {
      const page = await app.post(`/v1/blueprints/${service}/entities/search`, {
        query: { combinator: 'and', rules },
        limit,
        ...(from ? { from } : {}),
      });
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      identifiers.push(...page.body.entities.map((e: { identifier: string }) => e.identifier));
      from = page.body.next;
    } while (from);
    return identifiers;
  }
  /** The same search with the relatedTo rule inside a group of its own: walked afresh, never kept. */
  const afresh = (app: TestApp, rules: unknown[], limit = 4) =>
    found(
      app,
      rules.map((rule) => ({ combinator: 'or', rules: [rule] })),
      limit,
    );
  async function sameEverywhere(rules: unknown[]) {
    const expected = await afresh(a, rules, 100);
    for (const app of [a, b, a, b]) expect(await found(app, rules)).toEqual(expected);
    return expected;
  }

  it('answers what the walk read afresh answers, page by page, with the rest of the query', async () => {
    for (let t = 0; t < TEAMS; t++) {
      const all = await sameEverywhere([relatedTo(`t${t}`)]);
      expect(all.length).toBeGreaterThan(SERVICES / TEAMS);
      await sameEverywhere([relatedTo(`t${t}`), { property: 'tier', operator: '=', value: 1 }]);
      await sameEverywhere([relatedTo(`t${t}`, { direction: 'downstream', required: true })]);
      await sameEverywhere([{ property: 'tier', operator: '!=', value: 2 }, relatedTo(`t${t}`)]);
    }
    expect(await found(a, [relatedTo('no-such-team')])).toEqual([]);
    for (const y of ['y0', 'y1']) {
      const bySystem = { operator: 'relatedTo', blueprint: system, value: y };
      expect((await sameEverywhere([bySystem])).length).toBeGreaterThan(SERVICES / 2);
    }
  });

  it('answers the next search after a change of relations, through either replica', async () => {
    const rules = [relatedTo('t1', { direction: 'downstream' })];
    const before = await sameEverywhere(rules);
    // A new dependent of a service t1 reaches.
    const added = await a.post(`/v1/blueprints/${service}/entities`, {
      identifier: 'late',
      properties: { tier: 0 },
      relations: { team: 't0', dependsOn: [before[0]!] },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(await found(b, rules)).toContain('late');
    // A changed relation: no longer a dependent.
    const moved = await b.patch(`/v1/blueprints/${service}/entities/late`, { relations: { dependsOn: [] } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(await found(a, rules)).not.toContain('late');
    expect(await found(a, rules)).toEqual(await afresh(a, rules));
    // A deleted service takes its relations with it, whoever pointed at it.
    const cut = before.find((identifier) => identifier !== 'late' && Number(identifier.slice(1)) > 5)!;
    expect((await a.delete(`/v1/blueprints/${service}/entities/${cut}`)).status).toBe(200);
    const after = await found(b, rules);
    expect(after).not.toContain(cut);
    expect(after).toEqual(await afresh(b, rules));
    expect(after.length).toBeLessThan(before.length);
    // A bulk upsert that relinks the chain.
    const relinked = await b.post(`/v1/blueprints/${service}/entities/bulk?upsert=true&merge=true`, {
      entities: [
        {
          identifier: `s${Number(cut.slice(1)) + 1}`,
          relations: { dependsOn: [`s${Number(cut.slice(1)) - 1}`] },
        },
      ],
    });
    expect(relinked.status, JSON.stringify(relinked.body)).toBe(200);
    expect(await found(a, rules)).toEqual(await afresh(b, rules));
    expect((await found(a, rules)).length).toBeGreaterThan(after.length);
  });

  it('answers the next search after a renamed entity, from its new identifier', async () => {
    const required = (value: string) => [relatedTo(value, { direction: 'downstream', required: true })];
    const before = await sameEverywhere(required('t3'));
    expect(before.length).toBeGreaterThan(0);
    expect(await found(b, required('t3-renamed'))).toEqual([]);
    const renamed = await a.patch(`/v1/blueprints/${team}/entities/t3`, { identifier: 't3-renamed' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(await found(b, required('t3'))).toEqual([]);
    expect(await found(b, required('t3-renamed'))).toEqual(before);
    expect(await found(a, [relatedTo('t3-renamed')])).toEqual(await afresh(a, [relatedTo('t3-renamed')]));
  });

  it('keeps at most 32 MB of walks, whatever their starting identifiers weigh', async () => {
    // Walks that reach nothing from a thousand long identifiers: their keys are what is kept.
    for (let i = 0; i < 20; i++) {
      const value = Array.from({ length: 1_000 }, (_, j) => `${i}-${j}-${'x'.repeat(1_000)}`);
      expect(await found(a, [relatedTo(value as never, { required: true })], 100)).toEqual([]);
    }
    const kept = walkMemo(database).bytes();
    expect(kept).toBeGreaterThan(16 * 1024 * 1024);
    expect(kept).toBeLessThanOrEqual(32 * 1024 * 1024);
  });

  it('answers many searches at once while relations change, each as one of the states it ran between', async () => {
    const rules = [relatedTo('t2', { direction: 'downstream' })];
    const start = await found(a, rules, 100);
    // Written through one replica: SQLite's replicas are for this test alone (one process writes a file).
    const writes = Array.from({ length: 6 }, (_, i) =>
      (dialect === 'sqlite' || i % 2 ? a : b).post(`/v1/blueprints/${service}/entities`, {
        identifier: `burst${i}`,
        relations: { team: 't2', dependsOn: [] },
      }),
    );
    const reads = Array.from({ length: 12 }, (_, i) => found(i % 2 ? a : b, rules, 100));
    const [written, read] = await Promise.all([Promise.all(writes), Promise.all(reads)]);
    expect(written.map((w) => w.status)).toEqual(Array(6).fill(201));
    for (const answer of read) {
      // Whatever it saw of the burst, it saw all of what was there before.
      expect(answer.filter((identifier) => !identifier.startsWith('burst'))).toEqual(start);
    }
    const final = await found(b, rules, 100);
    expect(final.filter((identifier) => identifier.startsWith('burst')).sort()).toEqual(
      Array.from({ length: 6 }, (_, i) => `burst${i}`),
    );
    expect(final).toEqual(await afresh(a, rules, 100));
  });
}
