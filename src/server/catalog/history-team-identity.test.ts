// Versions name their owning teams by name; a name can pass to another team (renamed away, then taken by
// a new team). Who may read a past version is decided by the team that bore the name then, not by
// whoever bears it today.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';
import { moment, readOwnedByTeam } from '../../../test/history.js';

describeEachDatabase('history: a team name reused by a new team', (dialect) => {
  let api: TestApp;
  const id = uniqueId('ti').toLowerCase();
  const [service, policed] = [`${id}_service`, `${id}_policed`];
  const [oldName, newName] = [`${id}-a`, `${id}-b`];
  let renamedMember: Awaited<ReturnType<typeof createPerson>>;
  let newcomer: Awaited<ReturnType<typeof createPerson>>;
  let before: string;
  const as = (person: { headers: Record<string, string> }, path: string, body?: unknown) =>
    api.request(body === undefined ? 'GET' : 'POST', path, body, person.headers);
  const search = (person: { headers: Record<string, string> }, blueprint: string, at: string) =>
    as(person, `/v1/blueprints/${blueprint}/entities/search?as_of=${at}`, {});
  const identifiers = (response: { body: { entities: Array<{ identifier: string }> } }) =>
    response.body.entities.map((e) => e.identifier).sort();

  beforeAll(async () => {
    api = await startTestApp(dialect);
    for (const identifier of [service, policed]) {
      const created = await api.post('/v1/blueprints', {
        identifier,
        title: identifier,
        schema: { properties: { secret: { type: 'string' } }, required: [] },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    await readOwnedByTeam(api, [service]);
    // The other blueprint lets Members read by a read policy over their teams, not by a grant.
    const policy = {
      combinator: 'and',
      rules: [{ property: '$team', operator: 'containsAny', value: ['My Teams'] }],
    };
    const patched = await api.patch(`/v1/blueprints/${policed}/permissions`, {
      entities: { read: { roles: ['Admin'], policy } },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);

    expect((await api.post('/v1/teams', { name: oldName })).status).toBeLessThan(300);
    renamedMember = await createPerson(api, { teams: [oldName] });
    for (const [blueprint, identifier] of [
      [service, 'kept'],
      [service, 'gone'],
      [policed, 'kept'],
      [policed, 'gone'],
    ] as const) {
      const created = await api.post(`/v1/blueprints/${blueprint}/entities`, {
        identifier,
        team: [oldName],
        properties: { secret: `${blueprint}-${identifier}-SECRET` },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    for (const blueprint of [service, policed])
      expect((await api.delete(`/v1/blueprints/${blueprint}/entities/gone`)).status).toBe(200);
    before = await moment();
    // The team is renamed (its members and what it owns go with it), and a new team takes the old name.
    const renamed = await api.patch(`/v1/teams/${oldName}`, { name: newName });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect((await api.post('/v1/teams', { name: oldName })).status).toBeLessThan(300);
    newcomer = await createPerson(api, { teams: [oldName] });
  }, 60_000);
  afterAll(() => api.close());

  it('does not show a member of the new team what the old one owned', async () => {
    for (const blueprint of [service, policed]) {
      const read = await as(newcomer, `/v1/blueprints/${blueprint}/entities/kept?as_of=${before}`);
      expect.soft(read.status, `${blueprint} as_of read`).toBe(404);
      const found = await search(newcomer, blueprint, before);
      expect(found.status).toBe(200);
      expect.soft(identifiers(found), `${blueprint} as_of search`).toEqual([]);
      const history = await as(newcomer, `/v1/blueprints/${blueprint}/entities/gone/history`);
      expect.soft(history.status, `${blueprint} history of a deleted entity`).toBe(404);
      expect.soft(JSON.stringify([read.body, found.body, history.body])).not.toContain('SECRET');
    }
  });

  it('shows a member of the renamed team what its team owned under the old name', async () => {
    for (const blueprint of [service, policed]) {
      const read = await as(renamedMember, `/v1/blueprints/${blueprint}/entities/kept?as_of=${before}`);
      expect.soft(read.status, `${blueprint} as_of read`).toBe(200);
      // As it was: under the name the team had then.
      expect.soft(read.body.entity?.team, `${blueprint} as_of team`).toEqual([oldName]);
      const found = await search(renamedMember, blueprint, before);
      expect.soft(identifiers(found), `${blueprint} as_of search`).toEqual(['kept']);
      const history = await as(renamedMember, `/v1/blueprints/${blueprint}/entities/gone/history`);
      expect.soft(history.status, `${blueprint} history of a deleted entity`).toBe(200);
      // Today, and as_of today: the team's new name.
      const now = await as(
        renamedMember,
        `/v1/blueprints/${blueprint}/entities/kept?as_of=${await moment()}`,
      );
      expect.soft(now.body.entity?.team, `${blueprint} as_of now`).toEqual([newName]);
    }
  });
});
