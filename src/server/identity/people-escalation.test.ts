import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestResponse } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';

/**
 * Roles, status, moderated blueprints and team membership decide what a person may do: only an Admin
 * changes them, whatever `_user` and `_team` grant (their moderators included), through the entity API and
 * through /v1/users and /v1/teams alike.
 */
describeEachDatabase('people moderators cannot escalate', (dialect) => {
  let api: TestApp;
  const [owners, other] = [uniqueId('owners'), uniqueId('other')];
  let userModerator: { email: string; headers: Record<string, string> };
  let teamModerator: { email: string; headers: Record<string, string> };

  beforeAll(async () => {
    api = await startTestApp(dialect);
    for (const team of [owners, other])
      expect((await api.post('/v1/teams', { name: team })).status).toBe(200);
    userModerator = await createPerson(api, { roles: ['Member', '_user-moderator'] });
    teamModerator = await createPerson(api, { roles: ['Member', '_team-moderator'], teams: [other] });
  });
  afterAll(() => api.close());

  const as = (who: { headers: Record<string, string> }, method: string, url: string, body?: unknown) =>
    api.request(method, url, body, who.headers);
  const user = (email: string) => `/v1/blueprints/_user/entities/${encodeURIComponent(email)}`;
  const refused = (response: TestResponse, field: string) => {
    expect(response.status, JSON.stringify(response.body)).toBe(403);
    expect(response.body.message).toMatch(new RegExp(`^${field.replace('.', '\\.')}: only an Admin can`));
  };
  const userOf = async (email: string) => (await api.get(user(email))).body.entity;

  it('a _user moderator cannot make itself Admin, nor change status, moderated blueprints or teams', async () => {
    const self = user(userModerator.email);
    refused(
      await as(userModerator, 'PATCH', self, { properties: { port_role: 'Admin' } }),
      'properties.port_role',
    );
    refused(
      await as(userModerator, 'POST', '/v1/blueprints/_user/entities?upsert=true&merge=true', {
        identifier: userModerator.email,
        properties: { port_role: 'Admin' },
      }),
      'properties.port_role',
    );
    refused(
      await as(userModerator, 'PATCH', self, { properties: { moderated_blueprints: ['_team'] } }),
      'properties.moderated_blueprints',
    );
    refused(await as(userModerator, 'PATCH', self, { team: [owners] }), 'team');
    refused(
      await as(userModerator, 'PATCH', user(teamModerator.email), { properties: { status: 'Disabled' } }),
      'properties.status',
    );
    refused(
      await as(userModerator, 'PATCH', self, { identifier: `${uniqueId('me')}@example.com` }),
      'identifier',
    );
    refused(await as(userModerator, 'DELETE', user(teamModerator.email)), 'identifier');
    // Nor by creating an Admin (a service account would hand it credentials).
    refused(
      await as(userModerator, 'POST', '/v1/blueprints/_user/entities', {
        identifier: `${uniqueId('robot')}@serviceaccounts.getport.io`,
        properties: { port_type: 'Service Account', status: 'Active', port_role: 'Admin' },
      }),
      'properties.port_role',
    );
    // Through /v1/users too.
    const viaUsers = await as(
      userModerator,
      'PATCH',
      `/v1/users/${encodeURIComponent(userModerator.email)}`,
      {
        roles: ['Admin'],
      },
    );
    expect(viaUsers.status).toBe(403);
    expect(await userOf(userModerator.email)).toMatchObject({
      team: [],
      properties: { port_role: 'Member', moderated_blueprints: ['_user'] },
    });
    expect((await as(userModerator, 'GET', '/v1/audit-log')).status).toBe(403);
    // What is not about access stays the moderator's to change, and it may invite a fresh Member.
    expect((await as(userModerator, 'PATCH', self, { title: 'Moderator' })).status).toBe(200);
    const fresh = await as(userModerator, 'POST', '/v1/blueprints/_user/entities', {
      identifier: `${uniqueId('fresh')}@example.com`,
    });
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(201);
  });

  it('a grant on _user does not reach role or membership either', async () => {
    const member = await createPerson(api, { roles: ['Member'] });
    const anyone = { roles: ['Admin', 'Member'] };
    expect(
      (
        await api.patch('/v1/blueprints/_user/permissions', {
          entities: { update: anyone, updateProperties: { port_role: anyone } },
        })
      ).status,
    ).toBe(200);
    try {
      refused(
        await as(member, 'PATCH', user(member.email), { properties: { port_role: 'Admin' } }),
        'properties.port_role',
      );
      refused(await as(member, 'PATCH', user(member.email), { team: [owners] }), 'team');
      expect((await userOf(member.email)).properties.port_role).toBe('Member');
    } finally {
      await api.patch('/v1/blueprints/_user/permissions', {
        entities: { update: { roles: ['Admin'] }, updateProperties: { port_role: { roles: ['Admin'] } } },
      });
    }
  });

  it('a _team moderator cannot change who is in a team, by renaming, deleting or setting members', async () => {
    const team = (name: string) => `/v1/blueprints/_team/entities/${encodeURIComponent(name)}`;
    // Renaming its own team to the name a grant or an owner names would make it a member of that team.
    refused(await as(teamModerator, 'PATCH', team(other), { identifier: uniqueId('renamed') }), 'identifier');
    refused(await as(teamModerator, 'DELETE', team(owners)), 'identifier');
    const members = await as(teamModerator, 'PATCH', `/v1/teams/${owners}`, { users: [teamModerator.email] });
    expect(members.status).toBe(403);
    const renamed = await as(teamModerator, 'PATCH', `/v1/teams/${other}`, { name: uniqueId('renamed') });
    expect(renamed.status).toBe(403);
    expect((await as(teamModerator, 'DELETE', `/v1/teams/${owners}`)).status).toBe(403);
    expect((await as(teamModerator, 'PATCH', user(teamModerator.email), { team: [owners] })).status).toBe(
      403,
    );
    expect((await api.get(team(owners))).status).toBe(200);
    expect((await userOf(teamModerator.email)).team).toEqual([other]);
    // A team's own description is the moderator's to change.
    const described = await as(teamModerator, 'PATCH', team(other), { properties: { description: 'Ours' } });
    expect(described.status, JSON.stringify(described.body)).toBe(200);
  });
});
