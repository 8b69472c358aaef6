import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { entitiesStream } from '../http/json-stream.js';
import type { Actor } from '../identity/actor.js';
import { catalogReadByTeam } from '../../../test/history.js';

/** A listing of every entity reads page after page while others write: each page is whole, valid JSON. */
describeEachDatabase('every entity, while the data model changes', (dialect) => {
  let api: TestApp;
  const blueprint = uniqueId('many');
  const owner = uniqueId('owner');
  const team = uniqueId('team');
  let member: Actor;
  const admin: Actor = {
    kind: 'installation',
    id: 'racer',
    role: 'admin',
    moderates: [],
    teams: [],
    origin: 'API',
  };
  // Pages of the stream (1,000 each) beyond its first and its read-ahead (two pages on PostgreSQL).
  const ENTITIES = 5_000;

  beforeAll(async () => {
    api = await startTestApp(dialect);
    // A Member who reads only what its team owns of `owner`, and every entity of `blueprint`.
    const made = await catalogReadByTeam(api, team, [
      { identifier: owner, schema: { properties: { tier: { type: 'number' } } } },
    ]);
    member = {
      kind: 'user',
      id: made.member.email,
      role: 'member',
      moderates: [],
      teams: [team],
      origin: 'API',
    };
    const theirs = await api.post(`/v1/blueprints/${owner}/entities`, {
      identifier: 'theirs',
      properties: { tier: 42 },
    });
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(201);
    const created = await api.post('/v1/blueprints', {
      identifier: blueprint,
      title: 'Many',
      schema: {},
      relations: { owner: { target: owner, many: false, required: false } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    for (let i = 0; i < ENTITIES; i += 1_000) {
      const entities = Array.from({ length: 1_000 }, (_, j) => ({
        identifier: `m${i + j}`,
        relations: { owner: 'theirs' },
      }));
      expect((await api.post(`/v1/blueprints/${blueprint}/entities/bulk`, { entities })).status).toBe(200);
    }
  });

  afterAll(async () => api.close());

  /** The answer to a search of every entity, with a blueprint and 150 entities of it created after its first page. */
  async function searchWhileABlueprintIsCreated(request: { include?: string[] }) {
    const { pages } = await api.services.search.searchEverything(admin, undefined, request);
    const chunks = entitiesStream({ ok: true }, pages)[Symbol.asyncIterator]();
    let text = '';
    for (let i = 0; i < 2; i++) text += String((await chunks.next()).value);
    const later = uniqueId('later');
    expect((await api.post('/v1/blueprints', { identifier: later, title: 'Later', schema: {} })).status).toBe(
      201,
    );
    const entities = Array.from({ length: 150 }, (_, j) => ({ identifier: `l${j}` }));
    expect((await api.post(`/v1/blueprints/${later}/entities/bulk`, { entities })).status).toBe(200);
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) text += String(next.value);
    return JSON.parse(text) as { entities: Array<Record<string, unknown>> };
  }

  it('answers a search across blueprints whole when a blueprint is created meanwhile', async () => {
    const plain = await searchWhileABlueprintIsCreated({});
    expect(plain.entities.filter((e) => e.blueprint === blueprint)).toHaveLength(ENTITIES);
    expect(plain.entities.every((e) => typeof e.identifier === 'string')).toBe(true);
    const projected = await searchWhileABlueprintIsCreated({ include: ['identifier'] });
    expect(projected.entities.length).toBeGreaterThanOrEqual(ENTITIES);
  });

  it('does not show a Member a mirror added meanwhile through a blueprint it may not read in full', async () => {
    const { pages } = await api.services.search.searchEverything(member, blueprint, {});
    const chunks = entitiesStream({ ok: true }, pages)[Symbol.asyncIterator]();
    let text = '';
    for (let i = 0; i < 2; i++) text += String((await chunks.next()).value);
    const mirror = { mirrorProperties: { ownerTier: { path: 'owner.tier' } } };
    expect((await api.patch(`/v1/blueprints/${blueprint}`, mirror)).status).toBe(200);
    // Until every entity holds the mirror's value.
    const mirrored = async () =>
      (await api.get(`/v1/blueprints/${blueprint}/entities?limit=10000`)).body.entities.every(
        (e: { properties: Record<string, unknown> }) => e.properties.ownerTier === 42,
      );
    await expect.poll(mirrored, { timeout: 20_000, interval: 100 }).toBe(true);
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) text += String(next.value);
    const listed = (JSON.parse(text) as { entities: Array<{ properties: Record<string, unknown> }> })
      .entities;
    expect(listed).toHaveLength(ENTITIES);
    expect(listed.filter((e) => 'ownerTier' in e.properties)).toEqual([]);
  });
});
