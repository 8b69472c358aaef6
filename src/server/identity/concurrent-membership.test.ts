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
});
