import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { entitiesStream } from '../http/json-stream.js';
import type { Actor } from '../identity/actor.js';

/** A listing of every entity reads page after page while others write: each page is whole, valid JSON. */
describeEachDatabase('every entity, while the data model changes', (dialect) => {
  let api: TestApp;
  const blueprint = uniqueId('many');
  const admin: Actor = {
    kind: 'installation',
    id: 'racer',
    role: 'admin',
    moderates: [],
    teams: [],
    origin: 'API',
  };
  // More than a page of the stream (1,000) and its read-ahead (two pages on PostgreSQL).
  const ENTITIES = 3_000;

  beforeAll(async () => {
    api = await startTestApp(dialect);
    const created = await api.post('/v1/blueprints', { identifier: blueprint, title: 'Many', schema: {} });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    for (let i = 0; i < ENTITIES; i += 1_000) {
      const entities = Array.from({ length: 1_000 }, (_, j) => ({ identifier: `m${i + j}` }));
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
});
