import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { readWhileAWriteIsOpen } from '../../../test/open-write.js';

/**
 * A search sorted by a property first reads that property's index in order (search.repo.ts
 * probeInSortOrder; on SQLite naming the index). It is a read like any other: it never waits for a write.
 */
describeEachDatabase('searches sorted by a property, as reads', (dialect) => {
  let api: TestApp;
  const blueprint = uniqueId('bp');

  beforeAll(async () => {
    api = await startTestApp(dialect);
    const created = await api.post('/v1/blueprints', {
      identifier: blueprint,
      title: 'B',
      schema: { properties: { rank: { type: 'number' } } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const written = await api.post(`/v1/blueprints/${blueprint}/entities/bulk`, {
      entities: [3, 1, 2].map((rank) => ({ identifier: `e${rank}`, properties: { rank } })),
    });
    expect(written.status, JSON.stringify(written.body)).toBe(200);
  });

  afterAll(async () => api.close());

  it('answers a page sorted by a property while a write is under way', async () => {
    const searched = await readWhileAWriteIsOpen(
      api,
      sql`update entities set title = title where blueprint = ${blueprint}`,
      () =>
        api.post(`/v1/blueprints/${blueprint}/entities/search`, {
          query: { combinator: 'and', rules: [] },
          sort: { property: 'rank', order: 'DESC' },
          limit: 2,
        }),
    );
    const identifiers =
      searched === 'waiting for the writer'
        ? searched
        : searched.body.entities.map((e: { identifier: string }) => e.identifier);
    expect(identifiers).toEqual(['e3', 'e2']);
  });
});
