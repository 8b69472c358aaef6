import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, testDatabaseUrl, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';
import { openDatabase } from '../storage/database.js';
import { migrate } from '../storage/migrate.js';
import { pageCache } from './search.page-cache.js';

const SERVICES = 30;

// Search pages kept between requests (search.page-cache.ts), through two replicas on one database: every
// answer is the catalog as it is when the request begins, whichever replica wrote last; a searcher gets
// only what they may read; a query that reads the time is never kept.
describeEachDatabase('search pages kept between requests', (dialect) => {
  let a: TestApp;
  let b: TestApp;
  let member: { email: string; headers: Record<string, string> };
  const service = uniqueId('service');
  const [alpha, beta] = [uniqueId('alpha'), uniqueId('beta')];
  const search = `/v1/blueprints/${service}/entities/search`;

  beforeAll(async () => {
    const url = testDatabaseUrl(dialect);
    const setup = openDatabase(url);
    await migrate(setup);
    await setup.close();
    a = await startTestApp(dialect, { database: openDatabase(url) });
    b = await startTestApp(dialect, { database: openDatabase(url) });
    for (const team of [alpha, beta]) await ok(a.post('/v1/teams', { name: team }));
    const properties = {
      tier: { type: 'string' },
      n: { type: 'number' },
      due: { type: 'string', format: 'date-time' },
    };
    const relations = { dependsOn: { target: service, required: false, many: true } };
    await ok(
      a.post('/v1/blueprints', { identifier: service, title: 'S', schema: { properties }, relations }),
    );
    const owners = { roles: ['Admin'], ownedByTeam: true };
    await ok(a.patch(`/v1/blueprints/${service}/permissions`, { entities: { read: owners } }));
    const services = Array.from({ length: SERVICES }, (_, i) => ({
      identifier: `s${i}`,
      team: [i % 2 ? beta : alpha],
      properties: { tier: i % 3 ? 'silver' : 'gold', n: i },
      relations: { dependsOn: i ? [`s${i - 1}`] : [] },
    }));
    await ok(a.post(`/v1/blueprints/${service}/entities/bulk`, { entities: services }));
    member = await createPerson(a, { teams: [alpha] });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  const gold = { query: { combinator: 'and', rules: [{ property: 'tier', operator: '=', value: 'gold' }] } };
  /** A page's entities, as answered. */
  async function page(app: TestApp, body: unknown, headers?: Record<string, string>) {
    const response = await app.post(search, body, headers);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.entities as Array<{
      identifier: string;
      properties: Record<string, unknown>;
      relations: Record<string, unknown>;
      team: string[];
    }>;
  }
  const identifiers = async (app: TestApp, body: unknown, headers?: Record<string, string>) =>
    (await page(app, body, headers)).map((e) => e.identifier).sort();

  it('keeps a page and answers it again until anything it was read from changes, on any replica', async () => {
    const first = await page(a, { ...gold, limit: 5 });
    const kept = a.services.search.keptPageBytes();
    expect(kept).toBeGreaterThan(0);
    expect(await page(a, { ...gold, limit: 5 })).toEqual(first);
    expect(a.services.search.keptPageBytes()).toBe(kept);

    // An entity's properties, through the other replica.
    await ok(b.patch(`/v1/blueprints/${service}/entities/s0`, { properties: { n: 1000 } }));
    expect((await page(a, { ...gold, limit: 5 }))[0]!.properties.n).toBe(1000);
    // A new entity, and one deleted.
    await ok(
      b.post(`/v1/blueprints/${service}/entities`, { identifier: 'new', properties: { tier: 'gold' } }),
    );
    expect(await identifiers(a, gold)).toContain('new');
    await ok(b.delete(`/v1/blueprints/${service}/entities/new`));
    expect(await identifiers(a, gold)).not.toContain('new');
    // Relations alone.
    await ok(b.patch(`/v1/blueprints/${service}/entities/s3`, { relations: { dependsOn: ['s0', 's1'] } }));
    const s3 = (await page(a, gold)).find((e) => e.identifier === 's3')!;
    expect(s3.relations.dependsOn).toEqual(['s0', 's1']);
    // The data model: a property added shows in the page's answers of an Admin who asks for it.
    await ok(
      b.patch(`/v1/blueprints/${service}`, {
        schema: {
          properties: {
            tier: { type: 'string' },
            n: { type: 'number' },
            due: { type: 'string', format: 'date-time' },
            note: { type: 'string' },
          },
        },
      }),
    );
    await ok(b.patch(`/v1/blueprints/${service}/entities/s6`, { properties: { note: 'hello' } }));
    expect((await page(a, gold)).find((e) => e.identifier === 's6')!.properties.note).toBe('hello');
  });

  it("gives each searcher only what they may read, and follows their permissions' changes at once", async () => {
    const admin = await identifiers(a, gold);
    const mine = await identifiers(a, gold, member.headers);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(admin.length);
    expect(await identifiers(a, gold)).toEqual(admin);
    expect(await identifiers(a, gold, member.headers)).toEqual(mine);

    // The Member joins beta through the other replica: their next page has beta's entities too.
    await ok(b.patch(`/v1/users/${member.email}`, { teams: [alpha, beta] }));
    expect(await identifiers(a, gold, member.headers)).toEqual(admin);
    await ok(b.patch(`/v1/users/${member.email}`, { teams: [alpha] }));
    expect(await identifiers(a, gold, member.headers)).toEqual(mine);
    // The blueprint's permissions: every Member may read every entity.
    await ok(
      b.patch(`/v1/blueprints/${service}/permissions`, {
        entities: { read: { roles: ['Admin', 'Member'] } },
      }),
    );
    expect(await identifiers(a, gold, member.headers)).toEqual(admin);
    await ok(
      b.patch(`/v1/blueprints/${service}/permissions`, {
        entities: { read: { roles: ['Admin'], ownedByTeam: true } },
      }),
    );
    expect(await identifiers(a, gold, member.headers)).toEqual(mine);
    // An entity's owners.
    const theirs = admin.find((id) => !mine.includes(id))!;
    await ok(b.patch(`/v1/blueprints/${service}/entities/${theirs}`, { team: [alpha] }));
    expect(await identifiers(a, gold, member.headers)).toEqual([...mine, theirs].sort());
  });

  it('never keeps a query that reads the time', async () => {
    const due = new Date(Date.now() + 1500).toISOString();
    await ok(b.patch(`/v1/blueprints/${service}/entities/s9`, { properties: { due } }));
    const expired = {
      query: { combinator: 'and', rules: [{ property: 'due', operator: 'isExpired' }] },
    };
    expect(await identifiers(a, expired)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(due) - Date.now() + 100));
    expect(await identifiers(a, expired)).toEqual(['s9']);
  });

  it("keeps no Member's page while a read policy may let other entities through later", async () => {
    // A policy reads the time: its entities are readable only until `until`, with no write after.
    const lease = uniqueId('lease');
    const properties = { until: { type: 'string', format: 'date-time' }, tier: { type: 'string' } };
    await ok(a.post('/v1/blueprints', { identifier: lease, title: 'L', schema: { properties } }));
    const policy = { combinator: 'and', rules: [{ property: 'until', operator: 'isNotExpired' }] };
    await ok(
      a.patch(`/v1/blueprints/${lease}/permissions`, { entities: { read: { roles: ['Admin'], policy } } }),
    );
    const until = new Date(Date.now() + 1500).toISOString();
    await ok(
      a.post(`/v1/blueprints/${lease}/entities`, { identifier: 'l1', properties: { until, tier: 'x' } }),
    );
    const body = { query: { combinator: 'and', rules: [{ property: 'tier', operator: '=', value: 'x' }] } };
    const leased = async () =>
      (
        (await a.post(`/v1/blueprints/${lease}/entities/search`, body, member.headers)).body
          .entities as Array<{
          identifier: string;
        }>
      ).map((e) => e.identifier);
    expect(await leased()).toEqual(['l1']);
    expect(await leased()).toEqual(['l1']);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(until) - Date.now() + 100));
    expect(await leased()).toEqual([]);
    await ok(a.delete(`/v1/blueprints/${lease}/entities/l1`));
    await ok(a.delete(`/v1/blueprints/${lease}`));
  });

  it('answers every acknowledged write to the searches that follow it, under concurrent writers', async () => {
    const popular = { ...gold, limit: 50 };
    let stop = false;
    // Readers keep the popular page kept (and replaced) on both replicas while the writes go on.
    const readers = [a, b, a, b].map(async (app) => {
      while (!stop) await page(app, popular);
    });
    try {
      await Promise.all(
        Array.from({ length: 12 }, async (_, k) => {
          for (let round = 0; round < 4; round++) {
            const n = 10_000 + k * 100 + round;
            const [writer, reader] = (k + round) % 2 ? [a, b] : [b, a];
            await written(() =>
              writer.patch(`/v1/blueprints/${service}/entities/s${k * 2}`, { properties: { n } }),
            );
            const byN = {
              query: { combinator: 'and', rules: [{ property: 'n', operator: '=', value: n }] },
            };
            expect(await identifiers(reader, byN)).toEqual([`s${k * 2}`]);
            const shown = (await page(reader, popular)).find((e) => e.identifier === `s${k * 2}`);
            if (shown) expect(shown.properties.n).toBeGreaterThanOrEqual(n);
          }
        }),
      );
    } finally {
      stop = true;
      await Promise.all(readers);
    }
  });

  it('keeps no more than its bound, keys counted, and no page bigger than it', async () => {
    const cache = pageCache(a.database, 20_000);
    const text = 'x'.repeat(1000);
    for (let i = 0; i < 50; i++) {
      const lookup = (await cache.lookup(`key ${i} ${'k'.repeat(500)}`))!;
      expect(lookup.kept).toBeUndefined();
      lookup.keep({ texts: [text, text], matchingBlueprints: [service] });
      expect(cache.bytes()).toBeLessThanOrEqual(20_000);
    }
    expect((await cache.lookup(`key 49 ${'k'.repeat(500)}`))!.kept?.texts).toEqual([text, text]);
    expect((await cache.lookup(`key 0 ${'k'.repeat(500)}`))!.kept).toBeUndefined();
    const big = (await cache.lookup('big'))!;
    big.keep({ texts: ['y'.repeat(20_000)], matchingBlueprints: [] });
    expect((await cache.lookup('big'))!.kept).toBeUndefined();
    // A write anywhere in the catalog: nothing kept before it is answered after it, nor kept any longer.
    const before = cache.bytes();
    await ok(b.patch(`/v1/blueprints/${service}/entities/s1`, { properties: { n: -1 } }));
    const after = (await cache.lookup(`key 49 ${'k'.repeat(500)}`))!;
    expect(after.kept).toBeUndefined();
    expect(cache.bytes()).toBeLessThan(before);
    // A request that began before the write keeps nothing over the page of one that began after it.
    const older = (await cache.lookup('raced'))!;
    await ok(b.patch(`/v1/blueprints/${service}/entities/s1`, { properties: { n: -2 } }));
    const newer = (await cache.lookup('raced'))!;
    newer.keep({ texts: ['new'], matchingBlueprints: [] });
    older.keep({ texts: ['old'], matchingBlueprints: [] });
    expect((await cache.lookup('raced'))!.kept?.texts).toEqual(['new']);
  });
});

/**
 * A write sent until acknowledged: on SQLite two replicas are two writers of one file, and the one that
 * finds the file busy answers 409 write_conflict, the client's to send again.
 */
async function written(send: () => Promise<{ status: number; body: { error?: string } }>) {
  for (let attempt = 0; ; attempt++) {
    const response = await send();
    if (response.status !== 409 || response.body.error !== 'write_conflict' || attempt === 20)
      return ok(Promise.resolve(response));
  }
}

async function ok(pending: Promise<{ status: number; body: unknown }>) {
  const response = await pending;
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
  return response;
}
