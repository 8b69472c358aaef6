import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { readWhileAWriteIsOpen } from '../../../test/open-write.js';
import { limitQueries } from '../storage/query-limit.js';
import { entitiesJsonOf, entitiesJsonQuery, entityJsonSql } from './entity-json.repo.js';

/**
 * The text of a listing's entities is a read like the search that found them: under the query time limit,
 * cancelled when the client has gone, and (on SQLite) read by the reader, never waiting for a writer.
 */
describeEachDatabase('entities written by the database, as reads', (dialect) => {
  let api: TestApp;
  const blueprint = uniqueId('bp');
  let ids: number[];

  beforeAll(async () => {
    api = await startTestApp(dialect);
    const created = await api.post('/v1/blueprints', { identifier: blueprint, title: 'B', schema: {} });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const written = await api.post(`/v1/blueprints/${blueprint}/entities/bulk`, {
      entities: [{ identifier: 'a' }, { identifier: 'b' }],
    });
    expect(written.status, JSON.stringify(written.body)).toBe(200);
    const rows = await api.database.db
      .selectFrom('entities')
      .select('id')
      .where('blueprint', '=', blueprint)
      .orderBy('id')
      .execute();
    ids = rows.map((row) => Number(row.id));
  });

  afterAll(async () => api.close());

  it('reads no text for a client that has gone', async () => {
    const { db, dialect: sqlDialect } = api.database;
    const definition = (await api.services.entities.blueprintMap(db)).get(blueprint)!;
    const gone = AbortSignal.abort();
    const reading = entitiesJsonOf(
      limitQueries(db, { signal: gone }),
      sqlDialect,
      entityJsonSql(sqlDialect, [definition]),
      ids,
    );
    await expect(reading).rejects.toMatchObject({ code: 'request_cancelled' });
  });

  it('reads no text for a client that has gone, from a statement compiled once either', async () => {
    const { db, dialect: sqlDialect } = api.database;
    const definition = (await api.services.entities.blueprintMap(db)).get(blueprint)!;
    const texts = entitiesJsonQuery(sqlDialect, entityJsonSql(sqlDialect, [definition]));
    const read = await texts(db, ids);
    expect(JSON.parse(`[${read.join(',')}]`).map((e: { identifier: string }) => e.identifier)).toEqual([
      'a',
      'b',
    ]);
    const gone = texts(limitQueries(db, { signal: AbortSignal.abort() }), ids);
    await expect(gone).rejects.toMatchObject({ code: 'request_cancelled' });
  });

  it('lists every entity while a write is under way', async () => {
    const listed = await readWhileAWriteIsOpen(
      api,
      sql`update entities set title = title where id = ${ids[0]!}`,
      () => api.get(`/v1/blueprints/${blueprint}/entities`),
    );
    expect(listed === 'waiting for the writer' ? listed : listed.body.entities.length).toBe(2);
  });
});
