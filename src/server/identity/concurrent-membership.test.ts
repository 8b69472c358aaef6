import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';

// Concurrent changes of who is in which team (issue 10): each one answered 2xx is kept.
describeEachDatabase('concurrent team membership changes', (dialect) => {
  const TEAMS = 10;
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp(dialect);
  });
  afterAll(() => api.close());

  async function invite() {
    const email = `${uniqueId('member')}@example.com`.toLowerCase();
    expect((await api.post('/v1/users/invite', { invitee: { email } })).status).toBe(200);
    return email;
  }
  const teamsOf = async (email: string) =>
    ((await api.get(`/v1/users/${encodeURIComponent(email)}`)).body.user.teams as string[]).sort();

  it('keeps one user in every team that concurrent team changes add them to, and out of those they leave', async () => {
    const [user, other] = [await invite(), await invite()];
    const teams = Array.from({ length: TEAMS }, () => uniqueId('team'));
    for (const name of teams)
      expect((await api.post('/v1/teams', { name, users: [other] })).status).toBe(200);

    const joined = await Promise.all(
      teams.map((name) => api.patch(`/v1/teams/${name}`, { users: [other, user] })),
    );
    expect(joined.map((r) => r.status)).toEqual(Array(TEAMS).fill(200));
    expect(await teamsOf(user)).toEqual([...teams].sort());

    // Half of the teams let the user go while the user is put into new ones, all at once.
    const added = Array.from({ length: TEAMS / 2 }, () => uniqueId('team'));
    for (const name of added) expect((await api.post('/v1/teams', { name })).status).toBe(200);
    const moved = await Promise.all([
      ...teams.slice(0, TEAMS / 2).map((name) => api.put(`/v1/teams/${name}`, { name, users: [other] })),
      ...added.map((name) => api.patch(`/v1/teams/${name}`, { users: [user] })),
    ]);
    expect(moved.map((r) => r.status)).toEqual(Array(TEAMS).fill(200));
    expect(await teamsOf(user)).toEqual([...teams.slice(TEAMS / 2), ...added].sort());
    expect(await teamsOf(other)).toEqual([...teams].sort());
  });

  it('keeps a role change and team changes of one user made at the same moment', async () => {
    const user = await invite();
    const teams = Array.from({ length: TEAMS }, () => uniqueId('team'));
    for (const name of teams) expect((await api.post('/v1/teams', { name })).status).toBe(200);
    const answers = await Promise.all([
      ...teams.map((name) => api.patch(`/v1/teams/${name}`, { users: [user] })),
      api.patch(`/v1/users/${encodeURIComponent(user)}`, { roles: ['Admin'] }),
    ]);
    expect(answers.map((r) => r.status)).toEqual(Array(TEAMS + 1).fill(200));
    const stored = (await api.get(`/v1/users/${encodeURIComponent(user)}`)).body.user;
    expect(stored.roles).toEqual([{ name: 'Admin' }]);
    expect([...stored.teams].sort()).toEqual([...teams].sort());
  });

  it('never leaves an entity or user in a team renamed or deleted while it was written', async () => {
    const bp = uniqueId('owned');
    expect(
      (await api.post('/v1/blueprints', { identifier: bp, title: 'Owned', schema: { properties: {} } }))
        .status,
    ).toBe(201);
    const renamed = uniqueId('team');
    const deleted = uniqueId('team');
    const newName = uniqueId('team');
    for (const name of [renamed, deleted]) expect((await api.post('/v1/teams', { name })).status).toBe(200);
    const users = [await invite(), await invite()];
    const writes = Array.from({ length: 20 }, (_, i) =>
      api.post(`/v1/blueprints/${bp}/entities?upsert=true`, {
        identifier: `e${i}`,
        team: [i % 2 ? renamed : deleted],
      }),
    );
    const answers = await Promise.all([
      ...writes,
      api.patch(`/v1/users/${encodeURIComponent(users[0]!)}`, { teams: [renamed] }),
      api.patch(`/v1/users/${encodeURIComponent(users[1]!)}`, { teams: [deleted] }),
      api.patch(`/v1/teams/${renamed}`, { name: newName }),
      api.delete(`/v1/teams/${deleted}`),
    ]);
    expect(answers.slice(-2).map((a) => a.status)).toEqual([200, 200]);
    for (const answer of answers.slice(0, -2)) {
      if (answer.status >= 300) expect(answer.body.error).toBe('team_not_found');
    }
    const entities = await api.post(`/v1/blueprints/${bp}/entities/search`, { limit: 100 });
    for (const entity of entities.body.entities) {
      expect(entity.team).not.toContain(renamed);
      expect(entity.team).not.toContain(deleted);
    }
    for (const user of users) {
      const teams = (await teamsOf(user)) as string[];
      expect(teams).not.toContain(renamed);
      expect(teams).not.toContain(deleted);
    }
  });

  it('renames a team and sets its members all or nothing, while one of the members is deleted', async () => {
    for (let trial = 0; trial < 6; trial++) {
      const [kept, leaving] = [await invite(), await invite()];
      const team = uniqueId('team');
      const renamed = uniqueId('team');
      expect((await api.post('/v1/teams', { name: team })).status).toBe(200);
      const [change, removal] = await Promise.all([
        api.patch(`/v1/teams/${team}`, { name: renamed, users: [kept, leaving] }),
        api.delete(`/v1/users/${encodeURIComponent(leaving)}`),
      ]);
      expect(removal.status).toBe(200);
      if (change.status === 200) {
        expect((await api.get(`/v1/teams/${team}`)).status).toBe(404);
        expect(await teamsOf(kept)).toEqual([renamed]);
      } else {
        expect(change.status).toBe(422);
        // Refused: nothing of it was written.
        expect((await api.get(`/v1/teams/${team}`)).body.team.users).toEqual([]);
        expect((await api.get(`/v1/teams/${renamed}`)).status).toBe(404);
        expect(await teamsOf(kept)).toEqual([]);
      }
    }
    const [one, other] = [uniqueId('team'), uniqueId('team')];
    for (const name of [one, other]) expect((await api.post('/v1/teams', { name })).status).toBe(200);
    const user = await invite();
    const taken = await api.patch(`/v1/teams/${one}`, { name: other, users: [user] });
    expect(taken.status).toBe(409);
    expect(taken.body.message).toMatch(/^name: /);
    expect(await teamsOf(user)).toEqual([]);
  });
});
