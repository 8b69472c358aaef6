import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, testDatabaseUrl, uniqueId } from '../../../test/databases.js';
import { moment } from '../../../test/history.js';
import { buildApp } from '../app.js';
import { openDatabase } from '../storage/database.js';
import { migrate } from '../storage/migrate.js';

const SHORT_LIMIT_MS = 300;
// A sort by a value no index holds in order: every match is judged before the page, so that no plan stops
// early (PostgreSQL once read the ring's walks lazily and answered its first page within the limit).
const EVERY_MATCH_FIRST = { property: '$title', order: 'ASC' };
const LONG_LIMIT_MS = 600_000;
// A ring of entities, each related to the next DEGREE ones: every relatedTo walk revisits the whole graph.
const NODES = 2000;
const DEGREE = 100;
// Texts of 'a's searched for a run of 'a's ending in 'b': LIKE tries every position, each for the whole
// needle, so each rule costs TEXTS × TEXT × NEEDLE character comparisons and runs for minutes.
const TEXTS = 200;
const TEXT = 'a'.repeat(20_000);
const NEEDLE = `${'a'.repeat(3_000)}b`;

/** An app on `url` whose reads are limited to `queryTimeoutMs`, with an admin token. */
async function startApp(url: string, queryTimeoutMs: number) {
  const database = openDatabase(url, { queryTimeoutMs });
  const { app, services } = await buildApp({ database, bodyLimit: 50 * 1024 * 1024, tokenTtlSeconds: 3600 });
  const clientId = uniqueId('admin');
  const clientSecret = uniqueId('secret');
  await services.credentials.ensureAdminCredential(clientId, clientSecret);
  const { accessToken } = await services.credentials.issueToken(clientId, clientSecret);
  const headers = { authorization: `Bearer ${accessToken}` };
  const post = async (path: string, body: unknown) => {
    const response = await app.inject({ method: 'POST', url: path, headers, payload: body as object });
    return { status: response.statusCode, body: response.json() };
  };
  return { app, database, headers, post };
}

describeEachDatabase('search time limits', (dialect) => {
  let limited: Awaited<ReturnType<typeof startApp>>;
  let patient: Awaited<ReturnType<typeof startApp>>;
  const node = uniqueId('node');
  const doc = uniqueId('doc');

  const ringQuery = {
    combinator: 'or',
    rules: Array.from({ length: 10 }, (_, i) => ({
      operator: 'relatedTo',
      blueprint: node,
      value: `n${i * 97}`,
    })),
  };
  const textQuery = {
    combinator: 'or',
    rules: Array.from({ length: 10 }, (_, i) => ({
      property: 'text',
      operator: 'contains',
      value: `${NEEDLE}${i}`,
    })),
  };
  const oneNode = {
    query: { combinator: 'and', rules: [{ property: '$identifier', operator: '=', value: 'n1' }] },
  };
  const identifiers = (body: { entities: Array<{ identifier: string }> }) =>
    body.entities.map((e) => e.identifier);

  beforeAll(async () => {
    const url = testDatabaseUrl(dialect);
    const setup = openDatabase(url);
    await migrate(setup);
    await setup.close();
    limited = await startApp(url, SHORT_LIMIT_MS);
    patient = await startApp(url, LONG_LIMIT_MS);
    const { post } = patient;
    const relations = { next: { target: node, many: true, required: false } };
    const created = await post('/v1/blueprints', {
      identifier: node,
      title: 'Node',
      schema: { properties: {} },
      relations,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const properties = { text: { type: 'string' } };
    expect(
      (await post('/v1/blueprints', { identifier: doc, title: 'Doc', schema: { properties } })).status,
    ).toBe(201);
    const nodes = Array.from({ length: NODES }, (_, i) => ({ identifier: `n${i}` }));
    expect((await post(`/v1/blueprints/${node}/entities/bulk`, { entities: nodes })).status).toBe(200);
    const ring = nodes.map(({ identifier }, i) => ({
      identifier,
      relations: { next: Array.from({ length: DEGREE }, (_, d) => `n${(i + d + 1) % NODES}`) },
    }));
    for (let i = 0; i < NODES; i += 500) {
      const entities = ring.slice(i, i + 500);
      expect((await post(`/v1/blueprints/${node}/entities/bulk?upsert=true`, { entities })).status).toBe(200);
    }
    const docs = Array.from({ length: TEXTS }, (_, i) => ({
      identifier: `d${i}`,
      properties: { text: TEXT },
    }));
    expect((await post(`/v1/blueprints/${doc}/entities/bulk`, { entities: docs })).status).toBe(200);
  });
  afterAll(async () => {
    for (const started of [limited, patient]) {
      await started?.app.close();
      await started?.database.close();
    }
  });

  it('answers 503 query_timeout naming the limit, and answers the next search', async () => {
    const searches: Array<[string, unknown]> = [
      [node, ringQuery],
      [doc, textQuery],
    ];
    for (const [blueprint, query] of searches) {
      const heavy = await limited.post(`/v1/blueprints/${blueprint}/entities/search`, {
        query,
        sort: EVERY_MATCH_FIRST,
      });
      expect(heavy.status, JSON.stringify(heavy.body).slice(0, 300)).toBe(503);
      expect(heavy.body).toEqual({
        ok: false,
        error: 'query_timeout',
        message: `the read took longer than the ${SHORT_LIMIT_MS} ms limit (PORTICO_QUERY_TIMEOUT_MS); narrow the search, or ask for less at once`,
      });
      // Under the same short limit: a worker or connection still busy with the heavy search would fail it.
      const light = await limited.post(`/v1/blueprints/${node}/entities/search`, oneNode);
      expect(light.status, JSON.stringify(light.body).slice(0, 300)).toBe(200);
      expect(identifiers(light.body)).toEqual(['n1']);
    }
  });

  it('applies the limit to the global search too', async () => {
    const global = await limited.post('/v1/entities/search', textQuery);
    expect(global.status).toBe(503);
    expect(global.body.error).toBe('query_timeout');
  });

  it('applies the limit to a write that resolves a search query', async () => {
    const write = await limited.post(`/v1/blueprints/${doc}/entities?upsert=true`, {
      identifier: textQuery,
      properties: { text: 'x' },
    });
    expect(write.status, JSON.stringify(write.body).slice(0, 300)).toBe(503);
    expect(write.body.error).toBe('query_timeout');
  });

  it('cancels the search when the client disconnects', async () => {
    const address = await patient.app.listen({ host: '127.0.0.1', port: 0 });
    const client = new AbortController();
    const sent = fetch(`${address}/v1/blueprints/${doc}/entities/search`, {
      method: 'POST',
      headers: { ...patient.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ query: textQuery }),
      signal: client.signal,
    }).catch((error: unknown) => error);
    if (dialect === 'postgres') {
      // The blueprint's name is a literal in the search's text.
      const running = async () => {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and state = 'active' and pid <> pg_backend_pid()
          and query like ${`%${doc}%`}`.execute(patient.database.db);
        return rows[0]!.n;
      };
      for (let i = 0; i < 100 && (await running()) === 0; i++) await sleep(100);
      expect(await running()).toBe(1);
      client.abort();
      for (let i = 0; i < 100 && (await running()) > 0; i++) await sleep(100);
      expect(await running()).toBe(0);
    } else {
      await sleep(500);
      client.abort();
    }
    expect(await sent).toBeInstanceOf(Error);
    // The worker or connection is free: a light search is answered while the heavy one would still run.
    const light = Promise.resolve(patient.post(`/v1/blueprints/${node}/entities/search`, oneNode));
    const answer = await Promise.race([light, sleep(20_000).then(() => 'still busy')]);
    expect(answer).toMatchObject({ status: 200 });
  });

  it('stops an as_of search that walks relations as they were, with the same answer', async () => {
    const at = await moment();
    // n0 deleted since: the walk reads the relations then of the entities that pointed at it.
    const deleted = await patient.app.inject({
      method: 'DELETE',
      url: `/v1/blueprints/${node}/entities/n0`,
      headers: patient.headers,
    });
    expect(deleted.statusCode, deleted.body).toBe(200);
    const path = `/v1/blueprints/${node}/entities/search?as_of=${at}`;
    const heavy = await limited.post(path, { query: ringQuery, sort: EVERY_MATCH_FIRST });
    expect(heavy.status, JSON.stringify(heavy.body).slice(0, 300)).toBe(503);
    expect(heavy.body).toEqual({
      ok: false,
      error: 'query_timeout',
      message: `the read took longer than the ${SHORT_LIMIT_MS} ms limit (PORTICO_QUERY_TIMEOUT_MS); narrow the search, or ask for less at once`,
    });
    // Under the same short limit: a reader still busy with the heavy search would fail it.
    const light = await limited.post(path, oneNode);
    expect(light.status, JSON.stringify(light.body).slice(0, 300)).toBe(200);
    expect(identifiers(light.body)).toEqual(['n1']);
    // Given time, the entities that pointed at n0 then: their relations then are read.
    const pointed = await patient.post(path, {
      query: {
        combinator: 'and',
        rules: [{ operator: 'matchAny', property: { path: ['next'] }, value: 'n0' }],
      },
    });
    expect(pointed.status, JSON.stringify(pointed.body).slice(0, 300)).toBe(200);
    expect(identifiers(pointed.body)).toHaveLength(DEGREE);
    expect(identifiers(pointed.body)).toContain(`n${NODES - 1}`);
  });
});
