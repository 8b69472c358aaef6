// A blueprint change that moves entities' data (a property or relation renamed or removed, a default
// filled in) is a version of each entity it changes, as a write is: history says so, and as_of reads and
// searches of any time after it see the entities as they read then.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';
import { moment, readOwnedByTeam } from '../../../test/history.js';

interface Change {
  path: string;
  before: unknown;
  after: unknown;
}
interface Version {
  version: number;
  actor: string;
  changes: Change[];
  entity: Record<string, unknown> | null;
}

describeEachDatabase('history: blueprint changes that move data', (dialect) => {
  let api: TestApp;
  const id = uniqueId('hb').toLowerCase();
  const [system, service] = [`${id}_system`, `${id}_service`];
  const team = `${id}-mine`;
  let member: Awaited<ReturnType<typeof createPerson>>;

  const historyOf = async (identifier: string, headers?: Record<string, string>) => {
    const r = await api.request(
      'GET',
      `/v1/blueprints/${service}/entities/${identifier}/history?limit=100`,
      undefined,
      headers,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.versions as Version[];
  };
  const readAsOf = async (identifier: string, at: string) => {
    const r = await api.get(`/v1/blueprints/${service}/entities/${identifier}?as_of=${at}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const { version: _, ...entity } = r.body.entity;
    return entity;
  };
  const searchAsOf = async (at: string, property: string, value: unknown) => {
    const r = await api.post(`/v1/blueprints/${service}/entities/search?as_of=${at}`, {
      query: { combinator: 'and', rules: [{ property, operator: '=', value }] },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.entities.map((e: { identifier: string }) => e.identifier);
  };
  /** The newest version, and the catalog as_of now, are the entity as it reads now, at its version. */
  const expectHistoryIsNow = async (identifier: string) => {
    const current = await api.get(`/v1/blueprints/${service}/entities/${identifier}`);
    const { version, ...now } = current.body.entity;
    const [newest] = await historyOf(identifier);
    expect.soft(newest!.entity, 'newest version').toEqual(now);
    expect
      .soft(
        String(version)
          .replace(/^(W\/)?"?/, '')
          .split('-')[0],
        'its number',
      )
      .toBe(String(newest!.version));
    expect.soft(await readAsOf(identifier, await moment()), 'as_of now').toEqual(now);
    return { version, newest: newest! };
  };
  const schemaOf = async () => (await api.get(`/v1/blueprints/${service}`)).body.blueprint.schema;

  beforeAll(async () => {
    api = await startTestApp(dialect);
    for (const body of [
      { identifier: system, schema: { properties: {}, required: [] } },
      {
        identifier: service,
        schema: {
          properties: { repo: { type: 'string' }, legacy: { type: 'string' } },
          required: [],
        },
        relations: { sys: { target: system, many: false, required: false } },
      },
    ]) {
      const created = await api.post('/v1/blueprints', { title: body.identifier, ...body });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    expect((await api.post('/v1/teams', { name: team })).status).toBeLessThan(300);
    member = await createPerson(api, { teams: [team] });
    await readOwnedByTeam(api, [service]);
    expect((await api.post(`/v1/blueprints/${system}/entities`, { identifier: 's1' })).status).toBe(201);
    for (const identifier of ['e1', 'e2'])
      expect(
        (
          await api.post(`/v1/blueprints/${service}/entities`, {
            identifier,
            team: [team],
            properties: { repo: `${identifier}-repo`, legacy: 'L' },
            relations: { sys: 's1' },
          })
        ).status,
      ).toBe(201);
  }, 60_000);
  afterAll(() => api.close());

  it('records a property rename as a version, read back under the new name from then on', async () => {
    const before = await moment();
    const renamed = await api.patch(`/v1/blueprints/${service}/properties/repo/rename`, {
      newPropertyName: 'repository',
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const after = await moment();
    const { newest } = await expectHistoryIsNow('e1');
    expect(newest.actor).not.toBe('portico');
    expect(newest.changes).toEqual([
      { path: 'properties.repo', before: 'e1-repo', after: null },
      { path: 'properties.repository', before: null, after: 'e1-repo' },
    ]);
    expect((await readAsOf('e1', after)).properties).toEqual({ repository: 'e1-repo', legacy: 'L' });
    expect(await searchAsOf(after, 'repository', 'e1-repo')).toEqual(['e1']);
    // Before it, the catalog as it was.
    expect((await readAsOf('e1', before)).properties).toEqual({ repo: 'e1-repo', legacy: 'L' });
    // A Member sees the value under the name of today, from the rename on.
    const [mine] = await historyOf('e1', member.headers);
    expect(mine!.changes).toEqual([{ path: 'properties.repository', before: null, after: 'e1-repo' }]);
  });

  it('records a property removal and a default filled in as versions', async () => {
    const schema = await schemaOf();
    delete schema.properties.legacy;
    schema.properties.tier = { type: 'number', default: 3 };
    const changed = await api.patch(`/v1/blueprints/${service}`, { schema });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const after = await moment();
    await expectHistoryIsNow('e2');
    // One version for each move: the value removed, then the default filled in.
    const [filled, removed] = await historyOf('e2');
    expect(removed!.changes).toEqual([{ path: 'properties.legacy', before: 'L', after: null }]);
    expect(filled!.changes).toEqual([{ path: 'properties.tier', before: null, after: 3 }]);
    expect((await readAsOf('e2', after)).properties).toEqual({ repository: 'e2-repo', tier: 3 });
    expect(await searchAsOf(after, 'tier', 3)).toEqual(['e1', 'e2']);
  });

  it('records a relation rename and a relation removal as versions', async () => {
    const renamed = await api.patch(`/v1/blueprints/${service}/relations/sys/rename`, {
      newRelationIdentifier: 'system',
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const after = await moment();
    const { newest } = await expectHistoryIsNow('e1');
    expect(newest.changes).toEqual([{ path: 'relations.system', before: null, after: 's1' }]);
    expect((await readAsOf('e1', after)).relations).toEqual({ system: 's1' });

    const removed = await api.patch(`/v1/blueprints/${service}`, { relations: {} });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    // Versions are shown through today's model, which has no relation left to show.
    const gone = await expectHistoryIsNow('e1');
    expect(gone.newest.entity?.relations).toEqual({});
  });
});
