import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, testDatabaseUrl, uniqueId } from '../../../test/databases.js';
import { openDatabase } from '../storage/database.js';
import { migrate } from '../storage/migrate.js';
import * as repo from './integration.repo.js';
import { createPerson } from '../../../test/people.js';

describeEachDatabase('integration routes', (dialect) => {
  let api: TestApp;
  const create = (installationId: string, extra: Record<string, unknown> = {}) =>
    api.post('/v1/integration', {
      installationId,
      installationAppType: 'github',
      version: '1.0.0',
      ...extra,
    });

  beforeAll(async () => {
    api = await startTestApp(dialect);
  });
  afterAll(() => api.close());

  it('refuses bad input with 422 naming the field, and writes nothing', async () => {
    const id = uniqueId('bad');
    const cases: Array<[string, string, unknown, number, string]> = [
      ['post', '/v1/integration', { installationAppType: 'x' }, 422, 'installationId'],
      ['post', '/v1/integration', { installationId: 'has space' }, 422, 'installationId'],
      ['post', '/v1/integration', { installationId: 'provision-enabled' }, 422, 'installationId'],
      ['post', '/v1/integration', { installationId: id, version: 3 }, 422, 'version'],
      ['post', '/v1/integration', { installationId: id, config: [] }, 422, 'config'],
      [
        'post',
        '/v1/integration',
        { installationId: id, config: { entityDeletionThreshold: 2 } },
        422,
        'config.entityDeletionThreshold',
      ],
      [
        'post',
        '/v1/integration',
        { installationId: id, config: { resources: [{ selector: {} }] } },
        422,
        'config.resources[0].kind',
      ],
      [
        'post',
        '/v1/integration',
        { installationId: id, actionsProcessingEnabled: 'yes' },
        422,
        'actionsProcessingEnabled',
      ],
      ['patch', `/v1/integration/${id}`, { version: '2' }, 404, id],
      ['patch', `/v1/integration/${id}/config`, {}, 422, 'config'],
      ['post', '/v1/blueprints/entities/datasource-entities', { limit: 5 }, 422, 'datasource_prefix'],
      [
        'post',
        '/v1/blueprints/entities/datasource-entities',
        { datasource_prefix: 'port-ocean/', before: 'yesterday' },
        422,
        'before',
      ],
      [
        'post',
        '/v1/blueprints/entities/datasource-entities',
        { datasource_prefix: 'p', limit: 0 },
        422,
        'limit',
      ],
    ];
    for (const [method, path, body, status, field] of cases) {
      const answer = await (api[method as 'post'] as TestApp['post'])(path, body);
      expect(answer.status, `${method} ${path} ${JSON.stringify(body)}: ${JSON.stringify(answer.body)}`).toBe(
        status,
      );
      expect(answer.body.ok).toBe(false);
      expect(answer.body.message).toContain(field);
    }
    expect((await api.get(`/v1/integration/${id}`)).status).toBe(404);
    expect((await create(id)).status).toBe(201);
    const again = await create(id);
    expect(again.status).toBe(409);
    expect(again.body.details).toEqual({ field: 'installationId' });
    const moved = await api.patch(`/v1/integration/${id}`, { installationId: 'other' });
    expect(moved.status).toBe(422);
    const reported = await api.post(`/v1/integration/${id}/metrics-ingest/syncMetrics`, {
      syncKindsMetrics: [{ kind: 'x' }],
    });
    expect(reported.status).toBe(422);
    expect(reported.body.message).toContain('syncKindsMetrics[0]');
    // A report is kept whole or not at all.
    const half = await api.post(`/v1/integration/${id}/metrics-ingest/syncMetrics`, {
      syncKindsMetrics: [
        { eventId: 'e', kindIdentifier: 'k1' },
        { eventId: 'e', kindIdentifier: 'k'.repeat(201) },
      ],
    });
    expect(half.status).toBe(422);
    expect(half.body.details).toEqual({ field: 'syncKindsMetrics[1].kindIdentifier' });
    expect((await api.get(`/v1/integration/${id}/syncMetrics`)).body.count).toBe(0);
    expect((await api.get(`/v1/integration/${id}/logs?log_id=99999999999999999999`)).status).toBe(422);
    const twin = await create(id.toUpperCase());
    expect(twin.status).toBe(409);
    const logs = await api.post(`/v1/integration/${id}/logs-ingest`, { logs: 'many' });
    expect(logs.status).toBe(422);
    expect(logs.body.message).toContain('logs');
  });

  it('refuses "." and ".." as identifiers: URLs with them as a segment lead elsewhere', async () => {
    for (const installationId of ['.', '..']) {
      const answer = await api.post('/v1/integration', { installationId });
      expect(answer.status, JSON.stringify(answer.body)).toBe(422);
      expect(answer.body.details).toEqual({ field: 'installationId' });
    }
    expect(
      (await api.get('/v1/integration')).body.integrations.map((i: { identifier: string }) => i.identifier),
    ).not.toContain('..');
    expect((await create(uniqueId('...'))).status).toBe(201);
  });

  it('bounds what an integration keeps of its fields and resync state, however many PATCHes add to them', async () => {
    const id = uniqueId('growing');
    expect((await create(id)).status).toBe(201);
    const keys = (round: number) =>
      Object.fromEntries(Array.from({ length: 4000 }, (_, i) => [`k${round}_${i}`, 'x'.repeat(100)]));
    const states = [];
    for (let round = 0; round < 4; round++)
      states.push(await api.patch(`/v1/integration/${id}/resync-state`, keys(round)));
    expect(states.map((answer) => answer.status)).toEqual([200, 200, 413, 413]);
    expect(states[2]!.body.message).toContain('resyncState');
    const fields = await api.patch(`/v1/integration/${id}`, keys(9));
    expect(fields.status).toBe(413);
    const config = await api.patch(`/v1/integration/${id}/config`, {
      config: { big: 'x'.repeat(1_100_000) },
    });
    expect(config.status).toBe(413);
    expect(config.body.message).toContain('config');
    const big = await create(uniqueId('big'), { config: { big: 'x'.repeat(1_100_000) } });
    expect(big.status).toBe(413);
    // Nothing of a refused change was kept; an ordinary one still is.
    const integration = (await api.get(`/v1/integration/${id}`)).body.integration;
    expect(Object.keys(integration.resyncState)).toHaveLength(8001);
    expect(integration.config).toBeUndefined();
    expect((await api.patch(`/v1/integration/${id}/resync-state`, { status: 'running' })).status).toBe(200);
  });

  it('refuses metrics past KEPT_KINDS_PER_SYNC kinds in one sync, keeping nothing of that report', async () => {
    const id = uniqueId('manykinds');
    expect((await create(id)).status).toBe(201);
    const report = (from: number, count: number) =>
      api.post(`/v1/integration/${id}/metrics-ingest/syncMetrics`, {
        syncKindsMetrics: Array.from({ length: count }, (_, i) => ({
          eventId: 'e1',
          kindIdentifier: `k${from + i}`,
        })),
      });
    expect((await report(0, repo.KEPT_KINDS_PER_SYNC)).status).toBe(200);
    // The same kinds again are a new report of them, not more kinds.
    expect((await report(0, 10)).status).toBe(200);
    const past = await report(repo.KEPT_KINDS_PER_SYNC - 1, 2);
    expect(past.status).toBe(413);
    expect(past.body.message).toContain('syncKindsMetrics');
    const single = await api.put(`/v1/integration/${id}/metrics-ingest/syncMetrics/resync/e1/kind/another`, {
      syncKindMetrics: {},
    });
    expect(single.status).toBe(413);
    expect((await api.get(`/v1/integration/${id}/syncMetrics?resyncId=e1`)).body.count).toBe(
      repo.KEPT_KINDS_PER_SYNC,
    );
  });

  it("answers a sync's metrics with the state and kind as text, whatever a report sent", async () => {
    const id = uniqueId('oddmetrics');
    expect((await create(id)).status).toBe(201);
    const reported = await api.post(`/v1/integration/${id}/metrics-ingest/syncMetrics`, {
      syncKindsMetrics: [
        { eventId: 'e1', kindIdentifier: 'k1', kind: { not: 'text' }, syncState: 5 },
        { eventId: 'e1', kindIdentifier: 'k2', kind: 'repo', syncState: 'x'.repeat(80) },
      ],
    });
    expect(reported.status).toBe(200);
    const data = (await api.get(`/v1/integration/${id}/syncMetrics?resyncId=e1`)).body.data;
    expect(data.map((row: Record<string, unknown>) => [row.kindIdentifier, row.kind, row.syncState])).toEqual(
      [
        ['k1', undefined, null],
        ['k2', 'repo', 'x'.repeat(50)],
      ],
    );
  });

  it('keeps the examples of its newest kinds, no more', async () => {
    const id = uniqueId('kinds');
    expect((await create(id)).status).toBe(201);
    for (let i = 0; i < repo.KEPT_KINDS + 3; i++)
      await repo.putKindExamples(
        api.database.db,
        api.database.dialect,
        id,
        `kind${i}`,
        [{ i }],
        new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      );
    const answer = await api.post(`/v1/integration/${id}/kinds/newest/examples`, { examples: [{ n: 1 }] });
    expect(answer.status).toBe(200);
    const kept = await api.database.db
      .selectFrom('integration_kind_examples')
      .select('kind')
      .where('integration', '=', id)
      .execute();
    expect(kept).toHaveLength(repo.KEPT_KINDS);
    expect(kept.map((row) => row.kind)).toContain('newest');
    expect(kept.map((row) => row.kind)).not.toContain('kind0');
    expect((await api.get(`/v1/integration/${id}/kinds/kind0/examples`)).body.examples).toEqual([]);
  });

  it('is for Admins only: a Member is refused every route, whether the integration exists or not', async () => {
    const id = uniqueId('admins');
    expect((await create(id)).status).toBe(201);
    const member = await createPerson(api);
    for (const target of [id, uniqueId('missing')]) {
      const answers = await Promise.all([
        api.get('/v1/integration', member.headers),
        api.get(`/v1/integration/${target}`, member.headers),
        api.post('/v1/integration', { installationId: uniqueId('m') }, member.headers),
        api.patch(`/v1/integration/${target}`, { version: '9' }, member.headers),
        api.patch(`/v1/integration/${target}/config`, { config: {} }, member.headers),
        api.patch(`/v1/integration/${target}/resync-state`, { status: 'running' }, member.headers),
        api.get(`/v1/integration/${target}/resync-request`, member.headers),
        api.post(`/v1/integration/${target}/logs-ingest`, { logs: [] }, member.headers),
        api.get(`/v1/integration/${target}/logs`, member.headers),
        api.get(`/v1/integration/${target}/syncsMetadata`, member.headers),
        api.post(`/v1/integration/${target}/kinds/k/examples`, { examples: [] }, member.headers),
        api.request('DELETE', `/v1/integration/${target}`, undefined, member.headers),
      ]);
      expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 403));
    }
    expect((await api.get(`/v1/integration/${id}`)).body.integration.version).toBe('1.0.0');
  });

  it('loses none of concurrent changes of one integration', async () => {
    const id = uniqueId('busy');
    expect((await create(id)).status).toBe(201);
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        i % 2
          ? api.patch(`/v1/integration/${id}`, { [`field${i}`]: i })
          : api.patch(`/v1/integration/${id}/resync-state`, { [`state${i}`]: i }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    const integration = (await api.get(`/v1/integration/${id}`)).body.integration;
    for (let i = 0; i < 16; i++)
      if (i % 2) expect(integration[`field${i}`]).toBe(i);
      else expect(integration.resyncState[`state${i}`]).toBe(i);
  });

  it('loses none of concurrent changes sent through two servers on one database', async () => {
    // Two apps, each with its own connections to one database: two replicas.
    const url = testDatabaseUrl(dialect);
    const first = openDatabase(url);
    await migrate(first);
    const one = await startTestApp(dialect, { database: first });
    const other = await startTestApp(dialect, { database: openDatabase(url) });
    try {
      const id = uniqueId('replicas');
      expect((await one.post('/v1/integration', { installationId: id })).status).toBe(201);
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 3 === 0
            ? (i % 2 ? other : one).patch(`/v1/integration/${id}`, { [`field${i}`]: i })
            : (i % 2 ? other : one).patch(`/v1/integration/${id}/resync-state`, { [`state${i}`]: i }),
        ),
      );
      // PostgreSQL merges them all. SQLite serves one process per file: a second one's overlapping write
      // is refused (409 write_conflict), never lost.
      const accepted = answers.map((answer) => answer.status === 200);
      if (dialect === 'postgres') expect(accepted.every(Boolean)).toBe(true);
      for (const answer of answers) expect([200, 409]).toContain(answer.status);
      const integration = (await one.get(`/v1/integration/${id}`)).body.integration;
      for (let i = 0; i < 20; i++)
        if (accepted[i])
          if (i % 3 === 0) expect(integration[`field${i}`]).toBe(i);
          else expect(integration.resyncState[`state${i}`]).toBe(i);
    } finally {
      await one.close();
      await other.close();
    }
  });

  it('records its changes in the audit log, and forgets what it reported when deleted', async () => {
    const id = uniqueId('audited');
    expect((await create(id)).status).toBe(201);
    await api.patch(`/v1/integration/${id}/config`, { config: { resources: [] } });
    await api.post(`/v1/integration/${id}/logs-ingest`, {
      logs: [{ message: 'hello', level: 'info', timestamp: '2026-12-04T00:00:00Z' }],
    });
    await api.post(`/v1/integration/${id}/kinds/repo/examples`, { examples: [{ a: 1 }] });
    expect((await api.get(`/v1/integration/${id}/logs`)).body.logs[0]).toMatchObject({ level: 'INFO' });
    expect((await api.delete(`/v1/integration/${id}`)).status).toBe(200);
    expect((await api.get(`/v1/integration/${id}`)).status).toBe(404);
    expect((await create(id)).status).toBe(201);
    expect((await api.get(`/v1/integration/${id}/logs`)).body.logs).toEqual([]);
    expect((await api.get(`/v1/integration/${id}/kinds/repo/examples`)).body.examples).toEqual([]);
    const records = await api.get(`/v1/audit-log?resources=integration&identifier=${id}`);
    expect(records.status).toBe(200);
    expect(records.body.audits.map((record: { action: string }) => record.action).sort()).toEqual(
      ['CREATE', 'CREATE', 'DELETE', 'UPDATE'].sort(),
    );
  });

  it('keeps the newest log lines and examples, no more', async () => {
    const id = uniqueId('bounded');
    expect((await create(id)).status).toBe(201);
    // A line keeps 8,192 characters of its message, and an extra of no more as JSON.
    const long = await api.post(`/v1/integration/${id}/logs-ingest`, {
      logs: [
        { message: 'x'.repeat(20_000), level: 'info', timestamp: '2026-12-04T00:00:00Z', extra: { a: 1 } },
        {
          message: 'big',
          level: 'info',
          timestamp: '2026-12-04T00:00:01Z',
          extra: { blob: 'y'.repeat(9_000) },
        },
      ],
    });
    expect(long.status, JSON.stringify(long.body)).toBe(200);
    const [big, cut] = (await api.get(`/v1/integration/${id}/logs`)).body.logs;
    expect(cut.message).toMatch(/^x{8192}… \(20000 characters, cut\)$/);
    expect(cut.extra).toEqual({ a: 1 });
    expect(big.extra).toEqual({ cut: true, characters: 9_011 });
    for (let batch = 0; batch < 3; batch++)
      await api.post(`/v1/integration/${id}/kinds/k/examples`, {
        examples: [1, 2, 3].map((n) => ({ batch, n })),
      });
    const examples = (await api.get(`/v1/integration/${id}/kinds/k/examples`)).body.examples;
    expect(examples).toHaveLength(5);
    expect(examples[0]).toEqual({ batch: 2, n: 1 });
  });

  it("counts a sync's deletions with their dependents, and its writes by every route", async () => {
    const id = uniqueId('deps');
    expect((await create(id, { config: { entityDeletionThreshold: 0.5 } })).status).toBe(201);
    const bp = uniqueId('deps_bp');
    await api.post('/v1/blueprints', {
      identifier: bp,
      title: bp,
      schema: { properties: { n: { type: 'number' } } },
      relations: { parent: { target: bp, required: true, many: false } },
    });
    const ua = { 'user-agent': `port-ocean/github/1.0.0/${id}/exporter` };
    const sync = uniqueId('sync');
    const q = `ocean_info_resync_id=${sync}`;
    // A root (required by itself: its own parent) and 9 children that require it, all written in the sync.
    await api.request(
      'POST',
      `/v1/blueprints/${bp}/entities?${q}`,
      '{"identifier":"root","relations":{"parent":"root"}}',
      ua,
    );
    const children = Array.from({ length: 9 }, (_, i) => ({
      identifier: `c${i}`,
      relations: { parent: 'root' },
    }));
    const bulk = await api.post(`/v1/blueprints/${bp}/entities/bulk?${q}`, { entities: children }, ua);
    expect(bulk.status).toBe(200);
    await api.post(
      `/v1/blueprints/${bp}/entities/bulk?validation_only=true&${q}`,
      { entities: children },
      ua,
    );
    await api.put(
      `/v1/blueprints/${bp}/entities/c0?${q}`,
      { identifier: 'c0', relations: { parent: 'root' } },
      ua,
    );
    await api.patch(`/v1/blueprints/${bp}/entities/c1?${q}`, { properties: { n: 1 } }, ua);
    const bad = await api.post(
      `/v1/blueprints/${bp}/entities?${q}`,
      { identifier: 'x', properties: { n: 'NaN' } },
      ua,
    );
    expect(bad.status).toBe(422);
    const counts = async () =>
      (await api.get(`/v1/integration/${id}/syncsMetadata`)).body.data.find(
        (row: { eventId: string }) => row.eventId === sync,
      );
    expect(await counts()).toMatchObject({
      created: 10,
      updated: 2,
      failed: 1,
      lastError: expect.stringContaining('n'),
    });
    // Deleting the root deletes all 10 it owns (dependents included): more than half, refused whole.
    const refused = await api.post(
      `/v1/blueprints/${bp}/bulk/entities/delete?delete_dependents=true&${q}`,
      { entities: ['root'] },
      ua,
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('deletion_threshold');
    expect((await api.get(`/v1/blueprints/${bp}/entities-count`)).body.count).toBe(10);
    const some = await api.post(
      `/v1/blueprints/${bp}/bulk/entities/delete?${q}`,
      { entities: ['c2', 'c3', 'c3'] },
      ua,
    );
    expect(some.status).toBe(200);
    expect(await counts()).toMatchObject({ deleted: 2 });
    // A sync never deletes a whole blueprint.
    const all = await api.request('DELETE', `/v1/blueprints/${bp}/all-entities?${q}`, undefined, ua);
    expect(all.status).toBe(422);
    expect((await api.get(`/v1/blueprints/${bp}/entities-count`)).body.count).toBe(8);
  });

  it("lets a sync delete exactly its threshold's share, as Ocean computes it (deleted / owned <= threshold)", async () => {
    const id = uniqueId('share');
    // 100 owned, 0.57: Ocean deletes 57 (57 / 100 <= 0.57), though 100 * 0.57 is 56.99999999999999.
    expect((await create(id, { config: { entityDeletionThreshold: 0.57 } })).status).toBe(201);
    const bp = uniqueId('share_bp');
    await api.post('/v1/blueprints', { identifier: bp, title: bp, schema: { properties: {} } });
    const ua = { 'user-agent': `port-ocean/github/1.0.0/${id}/exporter` };
    const ids = Array.from({ length: 100 }, (_, i) => `e${i}`);
    const written = await api.post(
      `/v1/blueprints/${bp}/entities/bulk`,
      { entities: ids.map((identifier) => ({ identifier })) },
      ua,
    );
    expect(written.status).toBe(200);
    const q = `ocean_info_resync_id=${uniqueId('sync')}`;
    const gone = await api.post(
      `/v1/blueprints/${bp}/bulk/entities/delete?${q}`,
      { entities: ids.slice(0, 57) },
      ua,
    );
    expect(gone.status, JSON.stringify(gone.body)).toBe(200);
    const past = await api.post(`/v1/blueprints/${bp}/bulk/entities/delete?${q}`, { entities: ['e57'] }, ua);
    expect(past.status).toBe(422);
    expect((await api.get(`/v1/blueprints/${bp}/entities-count`)).body.count).toBe(43);
  });

  it('reads back for reconciliation only the entities named exactly as the integration, in pages', async () => {
    const id = uniqueId('exact').toLowerCase();
    expect((await create(id)).status).toBe(201);
    const bp = uniqueId('exact_bp');
    await api.post('/v1/blueprints', { identifier: bp, title: bp, schema: { properties: {} } });
    for (const [entity, agent] of [
      ['mine1', `port-ocean/github/1.0.0/${id}/exporter`],
      ['mine2', `port-ocean/github/2.0.0/${id}/exporter`],
      ['upper', `port-ocean/github/1.0.0/${id.toUpperCase()}/exporter`],
      ['other', `port-ocean/gitlab/1.0.0/${id}/exporter`],
    ] as const)
      await api.post(`/v1/blueprints/${bp}/entities`, { identifier: entity }, { 'user-agent': agent });
    const read = { datasource_prefix: 'port-ocean/github/', datasource_suffix: `/${id}/exporter`, limit: 1 };
    const first = await api.post('/v1/blueprints/entities/datasource-entities', read);
    expect(first.body.entities.map((e: { identifier: string }) => e.identifier)).toEqual(['mine1']);
    const second = await api.post('/v1/blueprints/entities/datasource-entities', {
      ...read,
      from: first.body.next,
    });
    expect(second.body.entities.map((e: { identifier: string }) => e.identifier)).toEqual(['mine2']);
    expect(second.body.next).toBeUndefined();
    const member = await createPerson(api);
    expect((await api.post('/v1/blueprints/entities/datasource-entities', read, member.headers)).status).toBe(
      403,
    );
  });
});

describeEachDatabase('syncs kept of an integration', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp(dialect);
  });
  afterAll(() => api.close());

  it('keeps the newest syncs, their counts and metrics, and forgets the older ones', async () => {
    const id = uniqueId('pruned');
    expect((await api.post('/v1/integration', { installationId: id })).status).toBe(201);
    const { db } = api.database;
    const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();
    for (let n = 0; n < 5; n++) {
      for (const kind of ['a', 'b'])
        await repo.putSyncMetrics(
          db,
          api.database.dialect,
          { integration: id, eventId: `e${n}`, kind, syncState: 'completed', data: { n } },
          at(n),
        );
      await repo.addSyncCounts(db, id, `e${n}`, { created: n, updated: 0, failed: 0 }, at(n));
    }
    await repo.pruneSyncs(db, id, 3);
    const metrics = await repo.readSyncMetrics(db, api.database.dialect, id);
    expect([...new Set(metrics.map((m) => m.event_id))].sort()).toEqual(['e2', 'e3', 'e4']);
    expect(metrics).toHaveLength(6);
    expect((await repo.listSyncs(db, id)).map((s) => s.event_id)).toEqual(['e4', 'e3', 'e2']);
    // The API answers the syncs kept.
    const synced = await api.get(`/v1/integration/${id}/syncsMetadata`);
    expect(synced.status).toBe(200);
    expect(synced.body.data.map((s: { eventId: string }) => s.eventId)).toEqual(['e4', 'e3', 'e2']);
  });

  it('prunes the syncs of writes alone (a resync that reports nothing else)', async () => {
    const id = uniqueId('pruned');
    expect((await api.post('/v1/integration', { installationId: id })).status).toBe(201);
    const { db } = api.database;
    const bp = uniqueId('pruned_bp');
    await api.post('/v1/blueprints', { identifier: bp, title: bp, schema: { properties: {} } });
    const ua = { 'user-agent': `port-ocean/github/1.0.0/${id}/exporter` };
    for (let n = 0; n < repo.KEPT_SYNCS + 2; n++) {
      const url = `/v1/blueprints/${bp}/entities?upsert=true&ocean_info_resync_id=w${n}`;
      expect((await api.post(url, { identifier: 'one' }, ua)).status).toBeLessThan(300);
    }
    const kept = await db
      .selectFrom('integration_syncs')
      .select('event_id')
      .where('integration', '=', id)
      .execute();
    expect(kept).toHaveLength(repo.KEPT_SYNCS);
    expect(kept.map((row) => row.event_id)).not.toContain('w0');
    expect(kept.map((row) => row.event_id)).toContain(`w${repo.KEPT_SYNCS + 1}`);
  });
});
