import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';

/**
 * The requests Port's Ocean framework (port-ocean 0.48, its fake-integration) sends to Port, in order, over
 * real HTTP, as read from its source (port_ocean/clients/port, core/defaults, core/integrations/mixins/
 * sync_raw.py): start-up, a resync, and a second resync that deletes what it no longer sees.
 */
describeEachDatabase("Ocean's requests", (dialect) => {
  let api: TestApp;
  let base: string;
  const id = uniqueId('my-fake-integration');
  const suffix = uniqueId('fk');
  const bp = (name: string) => `fake-${name}-${suffix}`;
  const agent = `port-ocean/fake-integration/0.1.333-dev/${id}`;
  let token = '';

  /** One request as Ocean's httpx client sends it: JSON body, its User-Agent, the Bearer token. */
  async function send(method: string, path: string, body?: unknown, exporter = false) {
    const url = path.startsWith('http') ? path : `${base}${path}`;
    const response = await fetch(url, {
      method,
      headers: {
        'user-agent': exporter ? `${agent}/exporter` : agent,
        'content-type': 'application/json',
        accept: '*/*',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // Ocean reads every answer, errors included, as JSON.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read as Ocean reads them: by key
    const json = (await response.json()) as Record<string, any>;
    return { status: response.status, json };
  }

  const mapping = (extra: Record<string, unknown> = {}) => ({
    deleteDependentEntities: true,
    createMissingRelatedEntities: true,
    enableMergeEntity: true,
    entityDeletionThreshold: 0.9,
    resources: ['department', 'person'].map((kind) => ({
      kind: `fake-${kind}`,
      selector: { query: 'true' },
      port: {
        entity: {
          mappings: {
            identifier: '.id',
            title: '.name',
            blueprint: `"${bp(kind)}"`,
            properties: kind === 'person' ? { name: '.name', age: '.age', department: '.department.id' } : {},
            relations: kind === 'person' ? { department: '.department.id' } : {},
          },
        },
      },
    })),
    ...extra,
  });

  beforeAll(async () => {
    api = await startTestApp(dialect);
    const address = await api.app.listen({ host: '127.0.0.1', port: 0 });
    base = address;
  });
  afterAll(() => api.close());

  it('starts: token, runtime check, provisioning, organisation, integration, default blueprints', async () => {
    const auth = await send('POST', '/v1/auth/access_token', {
      clientId: api.clientId,
      clientSecret: api.clientSecret,
    });
    expect(auth.status).toBe(200);
    expect(auth.json).toMatchObject({ tokenType: 'Bearer', expiresIn: expect.any(Number) });
    token = auth.json.accessToken;

    const runtime = await send('GET', `/v1/integration/${id}?oceanCoreVersion=0.48.12&isPolling=false`);
    expect(runtime.status).toBe(404);
    expect(runtime.json.ok).toBe(false);
    expect((await send('GET', '/v1/integration/provision-enabled')).json).toEqual({
      ok: true,
      integrations: [],
    });
    const organization = await send('GET', '/v1/organization');
    expect(organization.status).toBe(200);
    expect(organization.json.organization.featureFlags).toEqual([]);

    const created = await send('POST', '/v1/integration', {
      installationId: id,
      installationAppType: 'fake-integration',
      version: '0.1.333-dev',
      changelogDestination: {},
      config: mapping(),
      actionsProcessingEnabled: false,
      incrementalSyncEnabled: false,
      createPortResourcesOrigin: 'Default',
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json.integration).toMatchObject({
      identifier: id,
      installationType: 'OnPrem',
      config: mapping(),
    });
    const patched = await send('PATCH', `/v1/integration/${id}`, {
      installationAppType: 'fake-integration',
      changelogDestination: {},
      actionsProcessingEnabled: false,
      incrementalSyncEnabled: false,
      processingMode: 'dsp',
      version: '0.1.333-dev',
    });
    expect(patched.json.integration).toMatchObject({ processingMode: 'dsp', config: mapping() });
    expect(patched.json.integration.arePortResourcesInitialized).toBeUndefined();

    // Default blueprints: none exists, so each is created bare, then patched with its relations.
    for (const kind of ['department', 'person'])
      expect((await send('GET', `/v1/blueprints/${bp(kind)}`)).status).toBe(404);
    const blueprints = {
      department: { identifier: bp('department'), title: 'Department', schema: { properties: {} } },
      person: {
        identifier: bp('person'),
        title: 'Person',
        schema: { properties: { age: { type: 'number' }, status: { type: 'string' } } },
        relations: { department: { target: bp('department'), many: false, required: false } },
      },
    };
    for (const { relations: _relations, ...bare } of Object.values(blueprints) as Array<
      Record<string, unknown>
    >)
      expect((await send('POST', '/v1/blueprints', bare, true)).status).toBe(201);
    for (const blueprint of Object.values(blueprints))
      expect((await send('PATCH', `/v1/blueprints/${blueprint.identifier}`, blueprint, true)).status).toBe(
        200,
      );
    const ready = await send('PATCH', `/v1/integration/${id}`, {
      arePortResourcesInitialized: true,
      version: '0.1.333-dev',
    });
    expect(ready.json.integration.arePortResourcesInitialized).toBe(true);
    // The polling listener resyncs when a request is newer than its last: a new integration has one.
    const request = await send('GET', `/v1/integration/${id}/resync-request`);
    expect(Date.parse(request.json.request.updatedAt)).not.toBeNaN();
  });

  /** One resync as sync_raw_all sends it; `people` are the persons the source holds now. */
  async function resync(people: string[]) {
    const before = new Date().toISOString();
    const running = await send('PATCH', `/v1/integration/${id}/resync-state`, {
      status: 'running',
      lastResyncEnd: null,
      lastResyncStart: before,
      nextResync: null,
      intervalInMinuets: null,
    });
    expect(running.json.integration.resyncState).toMatchObject({
      status: 'running',
      updatedAt: expect.any(String),
    });
    const integration = (await send('GET', `/v1/integration/${id}?oceanCoreVersion=0.48.12&isPolling=false`))
      .json.integration;
    const metrics = integration.metricAttributes.ingestUrl as string;
    const eventId = crypto.randomUUID();
    const kindMetrics = (kind: string, index: number, syncState: string) => ({
      integrationType: 'fake-integration',
      integrationIdentifier: id,
      kindIdentifier: `${kind}-${index}`,
      kind,
      kindIndex: index,
      eventId,
      syncState,
      metrics: {
        phase: { extract: { object_count_type: { raw_extracted: { object_count: people.length } } } },
      },
    });
    const reported = await send('POST', `${metrics}/syncMetrics`, {
      syncKindsMetrics: [
        kindMetrics('fake-department', 0, 'pending'),
        kindMetrics('fake-person', 1, 'pending'),
      ],
    });
    expect(reported.status).toBe(200);
    const query = `upsert=true&merge=true&create_missing_related_entities=true&validation_only=false&ocean_info_event_type=resync&ocean_info_resync_id=${eventId}`;
    const departments = [
      { identifier: 'hr', title: 'HR', blueprint: bp('department'), properties: {}, relations: {} },
    ];
    const persons = people.map((person, i) => ({
      identifier: person,
      title: `Person ${person}`,
      blueprint: bp('person'),
      // name and department are not declared by the blueprint: Port leaves them out.
      properties: { name: `Person ${person}`, age: 20 + i, department: 'hr' },
      relations: { department: 'hr' },
    }));
    for (const [kind, index, items] of [
      ['fake-department', 0, departments],
      ['fake-person', 1, persons],
    ] as const) {
      const put = await send('PUT', `${metrics}/syncMetrics/resync/${eventId}/kind/${kind}-${index}`, {
        syncKindMetrics: kindMetrics(kind, index, 'syncing'),
      });
      expect(put.status).toBe(200);
      const examples = await send('POST', `/v1/integration/${id}/kinds/${kind}/examples`, {
        examples: items.slice(0, 5).map((item) => ({ id: item.identifier, name: item.title })),
      });
      expect(examples.status).toBe(200);
      // Batches over 10: the diff lookup, to skip what is unchanged.
      if (items.length > 10) {
        const found = await send(
          'POST',
          `/v1/entities/search?exclude_calculated_properties=true&include=blueprint&include=identifier&include=title&include=properties.age&include=relations.department`,
          {
            combinator: 'and',
            rules: [
              { property: '$identifier', operator: 'in', value: items.map((item) => item.identifier) },
              { property: '$blueprint', operator: '=', value: items[0]!.blueprint },
              { property: '$datasource', operator: 'contains', value: 'port-ocean/fake-integration/' },
              { property: '$datasource', operator: 'contains', value: `/${id}/exporter` },
            ],
          },
          true,
        );
        expect(found.status, JSON.stringify(found.json)).toBe(200);
      }
      for (let at = 0; at < items.length; at += 20) {
        const bulk = await send(
          'POST',
          `/v1/blueprints/${items[0]!.blueprint}/entities/bulk?${query}`,
          { entities: items.slice(at, at + 20) },
          true,
        );
        expect(bulk.status, JSON.stringify(bulk.json)).toBe(200);
        expect(bulk.json.errors).toEqual([]);
      }
    }
    // Reconciliation: what this integration wrote before the resync began, and is no longer in the source.
    const owned: Array<{ identifier: string; blueprint: string }> = [];
    let from: string | undefined;
    do {
      const page = await send(
        'POST',
        '/v1/blueprints/entities/datasource-entities',
        {
          datasource_prefix: 'port-ocean/fake-integration/',
          datasource_suffix: `/${id}/exporter`,
          limit: 5,
          before,
          ...(from ? { from } : {}),
        },
        true,
      );
      expect(page.status, JSON.stringify(page.json)).toBe(200);
      owned.push(...page.json.entities);
      from = page.json.next;
    } while (from);
    const seen = new Set([...departments, ...persons].map((e) => `${e.blueprint}/${e.identifier}`));
    const stale = owned.filter((e) => !seen.has(`${e.blueprint}/${e.identifier}`));
    const deleted: string[] = [];
    if (owned.length && stale.length / owned.length <= integration.config.entityDeletionThreshold) {
      const gone = await send(
        'POST',
        `/v1/blueprints/${bp('person')}/bulk/entities/delete?delete_dependents=true&ocean_info_event_type=resync&ocean_info_resync_id=${eventId}`,
        { entities: stale.map((e) => e.identifier) },
        true,
      );
      expect(gone.status, JSON.stringify(gone.json)).toBe(200);
      deleted.push(...gone.json.deletedEntities);
    }
    const done = await send('PATCH', `/v1/integration/${id}/resync-state`, {
      status: 'completed',
      lastResyncEnd: new Date().toISOString(),
      nextResync: null,
      intervalInMinuets: null,
    });
    expect(done.json.integration.resyncState).toMatchObject({ status: 'completed', lastResyncStart: before });
    await send('POST', `${metrics}/syncMetrics`, {
      syncKindsMetrics: [
        kindMetrics('fake-department', 0, 'completed'),
        kindMetrics('fake-person', 1, 'completed'),
      ],
    });
    return { eventId, owned, deleted };
  }

  const persons = async () =>
    (
      await send('POST', `/v1/blueprints/${bp('person')}/entities/search`, {
        query: { combinator: 'and', rules: [] },
        limit: 100,
      })
    ).json.entities as Array<{ identifier: string; properties: Record<string, unknown> }>;

  it('resyncs: upserts what it maps, the undeclared properties left out, and owns what it wrote', async () => {
    const people = Array.from({ length: 12 }, (_, i) => `P${i}`);
    const first = await resync(people);
    expect(first.owned).toEqual([]);
    const written = await persons();
    expect(written.map((p) => p.identifier).sort()).toEqual([...people].sort());
    expect(written[0]!.properties).toEqual({ age: expect.any(Number) });
    const syncs = await send('GET', `/v1/integration/${id}/syncsMetadata`);
    expect(syncs.json.data[0]).toMatchObject({ eventId: first.eventId, syncState: 'completed' });
    const metrics = await send('GET', `/v1/integration/${id}/syncMetrics?resyncId=${first.eventId}`);
    expect(metrics.json.count).toBe(2);
    const examples = await send('GET', `/v1/integration/${id}/kinds/fake-person/examples`);
    expect(examples.json.examples).toHaveLength(5);
  });

  it('deletes on the next resync what the source no longer holds, within the threshold', async () => {
    // What a resync rewrites is not in the reconciliation's read (written after `before`): only what it
    // did not write is, so the share to delete is 1, over the default 0.9. Ocean's users raise it to 1.
    const config = await send('PATCH', `/v1/integration/${id}/config`, {
      config: mapping({ entityDeletionThreshold: 1 }),
    });
    expect(config.json.integration.config.entityDeletionThreshold).toBe(1);
    // Two persons are gone from the source.
    const people = Array.from({ length: 10 }, (_, i) => `P${i}`);
    const second = await resync(people);
    expect(second.owned.map((e) => e.identifier).sort()).toEqual(['P10', 'P11']);
    expect(second.deleted.sort()).toEqual(['P10', 'P11']);
    expect((await persons()).map((p) => p.identifier).sort()).toEqual([...people].sort());
    // A person edited by hand since belongs to whoever edited it: the integration no longer owns it.
    await api.patch(
      `/v1/blueprints/${bp('person')}/entities/P0`,
      { properties: { age: 99 } },
      {
        'user-agent': 'Mozilla/5.0',
      },
    );
    const third = await resync(people.slice(1));
    expect(third.owned.map((e) => e.identifier)).not.toContain('P0');
    expect(third.deleted).toEqual([]);
  });

  it('counts each sync, and refuses a sync that would delete more than its threshold of what it owns', async () => {
    const syncs = (await send('GET', `/v1/integration/${id}/syncsMetadata`)).json.data;
    // Newest first: the third resync rewrote 9 persons and the department; the first created 13.
    expect(syncs.map((sync: { created: number; updated: number }) => [sync.created, sync.updated])).toEqual([
      [0, 10],
      [0, 11],
      [13, 0],
    ]);
    expect(syncs[1]).toMatchObject({ deleted: 2, failed: 0, lastError: null });
    await send('PATCH', `/v1/integration/${id}/config`, {
      config: mapping({ entityDeletionThreshold: 0.5 }),
    });
    // A sync that sees nothing (its source is down) and deletes anyway: it owns 10 (hr, P1-P9).
    const eventId = crypto.randomUUID();
    const remove = (ids: string[]) =>
      send(
        'POST',
        `/v1/blueprints/${bp('person')}/bulk/entities/delete?delete_dependents=true&ocean_info_event_type=resync&ocean_info_resync_id=${eventId}`,
        { entities: ids },
        true,
      );
    const everyone = Array.from({ length: 9 }, (_, i) => `P${i + 1}`);
    const refused = await remove(everyone);
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({
      error: 'deletion_threshold',
      details: { owned: 10, threshold: 0.5 },
    });
    expect((await persons()).length).toBe(10);
    // Up to half, in concurrent batches as Ocean sends them; then no more.
    const batches = await Promise.all([remove(['P1', 'P2', 'P3']), remove(['P4', 'P5'])]);
    expect(batches.map((batch) => batch.status)).toEqual([200, 200]);
    const past = await remove(['P6']);
    expect(past.status).toBe(422);
    expect((await persons()).map((p) => p.identifier).sort()).toEqual(['P0', 'P6', 'P7', 'P8', 'P9']);
    const counted = (await send('GET', `/v1/integration/${id}/syncsMetadata`)).json.data;
    expect(counted.find((sync: { eventId: string }) => sync.eventId === eventId)).toMatchObject({
      deleted: 5,
    });
  });

  it("keeps the integration's logs and answers who may see it", async () => {
    const integration = (await send('GET', `/v1/integration/${id}`)).json.integration;
    const shipped = await send('POST', integration.logAttributes.ingestUrl, {
      logs: [
        {
          message: 'Resync started',
          level: 'INFO',
          timestamp: '2026-12-04T10:00:00.000000Z',
          extra: { kind: 'x' },
        },
        { message: 'Something failed', level: 'ERROR', timestamp: '2026-12-04T10:00:01.000000Z', extra: {} },
      ],
    });
    expect(shipped.status).toBe(200);
    const errors = await send('GET', `/v1/integration/${id}/logs?level=ERROR`);
    expect(errors.json.logs.map((line: { message: string }) => line.message)).toEqual(['Something failed']);
    const all = await send('GET', `/v1/integration/${id}/logs?limit=1`);
    expect(all.json.logs).toHaveLength(1);
    const older = await send('GET', `/v1/integration/${id}/logs?log_id=${all.json.logs[0].id}`);
    expect(older.json.logs[0].message).toBe('Resync started');
  });
});
