import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';

describeEachDatabase('users and teams', (dialect) => {
  let api: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    api = await startTestApp(dialect);
  });
  afterAll(() => api.close());

  const email = () => `${uniqueId('u')}@example.com`;

  it('creates _user and _team at start; they can be extended but not broken or deleted', async () => {
    const user = await api.get('/v1/blueprints/_user');
    expect(user.body.blueprint.schema.properties).toHaveProperty('port_role');
    const team = await api.get('/v1/blueprints/_team');
    const extended = await api.patch('/v1/blueprints/_team', {
      schema: {
        properties: { ...team.body.blueprint.schema.properties, slack: { type: 'string', format: 'url' } },
        required: [],
      },
    });
    expect(extended.status).toBe(200);
    const broken = await api.patch('/v1/blueprints/_user', {
      schema: { properties: { port_role: { type: 'string' } }, required: [] },
    });
    expect(broken.status).toBe(422);
    expect(broken.body.message).toMatch(
      /^schema\.properties\.(port_role|port_type|status|moderated_blueprints): /,
    );
    const renamed = await api.patch('/v1/blueprints/_user/properties/status/rename', {
      newPropertyName: 'state',
    });
    expect(renamed.status).toBe(422);
    expect(renamed.body.message).toContain('"status" of "_user"');
    const deleted = await api.delete('/v1/blueprints/_user');
    expect(deleted.status).toBe(422);
    expect(deleted.body.error).toBe('system_blueprint');
  });

  it('invites a user into teams with roles, reads and changes it, and deletes it', async () => {
    const team = uniqueId('team');
    expect((await api.post('/v1/teams', { name: team, description: 'Payments' })).status).toBe(200);
    const address = email();
    const invited = await api.post('/v1/users/invite', {
      invitee: { email: address, roles: ['Member', '_team-moderator'], teams: [team] },
    });
    expect(invited.status).toBe(200);
    const user = await api.get(`/v1/users/${encodeURIComponent(address)}`);
    expect(user.body.user).toMatchObject({
      email: address,
      status: 'Invited',
      type: 'Standard',
      teams: [team],
      roles: [{ name: 'Member' }, { name: '_team-moderator' }],
    });
    const asEntity = await api.get(`/v1/blueprints/_user/entities/${encodeURIComponent(address)}`);
    expect(asEntity.body.entity).toMatchObject({ team: [team], properties: { port_role: 'Member' } });

    const read = await api.get(`/v1/teams/${team}`);
    expect(read.body.team).toMatchObject({ name: team, description: 'Payments' });
    expect(read.body.team.users.map((u: { email: string }) => u.email)).toEqual([address]);

    const promoted = await api.patch(`/v1/users/${encodeURIComponent(address)}`, {
      roles: ['Admin'],
      teams: [],
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ ok: true, email: address, teams: [], roles: [{ name: 'Admin' }] });
    expect((await api.get(`/v1/teams/${team}`)).body.team.users).toEqual([]);

    expect((await api.delete(`/v1/users/${encodeURIComponent(address)}`)).status).toBe(200);
    expect((await api.get(`/v1/users/${encodeURIComponent(address)}`)).status).toBe(404);
  });

  it('keeps membership and ownership in step when a team is renamed or deleted', async () => {
    const [a, b] = [email(), email()];
    for (const address of [a, b]) await api.post('/v1/users/invite', { invitee: { email: address } });
    const team = uniqueId('team');
    expect((await api.post('/v1/teams', { name: team, users: [a, b] })).body.team.users).toHaveLength(2);
    const owned = uniqueId('svc');
    await api.post('/v1/blueprints/_team/entities?upsert=true', { identifier: uniqueId('other') });
    expect(
      (
        await api.post('/v1/blueprints/_user/entities?upsert=true&merge=true', {
          identifier: a,
          team: [team],
        })
      ).status,
    ).toBe(201);
    await api.post('/v1/blueprints', {
      identifier: owned,
      title: 'Owned',
      schema: { properties: {}, required: [] },
    });
    await api.post(`/v1/blueprints/${owned}/entities`, { identifier: 'x', team: [team] });

    const renamed = `${team}-renamed`;
    const put = await api.put(`/v1/teams/${team}`, { name: renamed, users: [a] });
    expect(put.status).toBe(200);
    expect(put.body.team.users.map((u: { email: string }) => u.email)).toEqual([a]);
    expect((await api.get(`/v1/teams/${team}`)).status).toBe(404);
    expect((await api.get(`/v1/blueprints/${owned}/entities/x`)).body.entity.team).toEqual([renamed]);
    expect((await api.get(`/v1/users/${encodeURIComponent(b)}`)).body.user.teams).toEqual([]);

    expect((await api.delete(`/v1/teams/${renamed}`)).status).toBe(200);
    expect((await api.get(`/v1/blueprints/${owned}/entities/x`)).body.entity.team).toEqual([]);
    expect((await api.get(`/v1/users/${encodeURIComponent(a)}`)).body.user.teams).toEqual([]);
    const listed = (await api.get('/v1/teams')).body.teams.map((t: { name: string }) => t.name);
    expect(listed).not.toContain(renamed);

    // Each entity the rename and the delete changed has its own audit record, newest first.
    const history = await api.get(`/v1/audit-log?entity=x&blueprint=${owned}`);
    const teams = history.body.audits.map(
      (r: { diff: { after: { team: string[] } | null } }) => r.diff.after?.team,
    );
    expect(teams).toEqual([[], [renamed], [team]]);
  });

  it('refuses bad input, naming the field, and changes nothing', async () => {
    const team = uniqueId('team');
    const cases: Array<[string, string, unknown, number, string]> = [
      ['post', '/v1/teams', { name: ' leading space' }, 422, 'body.name'],
      ['post', '/v1/teams', { name: 'a/b' }, 422, 'body.name'],
      ['post', '/v1/teams', { name: team, users: ['not-an-email'] }, 422, 'users[0]'],
      [
        'post',
        '/v1/users/invite',
        { invitee: { email: email(), roles: ['Owner'] } },
        422,
        'invitee.roles[0]',
      ],
      ['post', '/v1/users/invite', { invitee: { email: 'not-an-email' } }, 422, 'invitee.email'],
      ['post', '/v1/users/invite', { invitee: { email: email(), teams: ['no-such-team'] } }, 422, 'team'],
      ['patch', '/v1/users/nobody@example.com', { roles: ['Admin'] }, 404, 'nobody@example.com'],
      ['post', '/v1/users/invite', { invitee: { email: email() }, extra: 1 }, 422, 'extra'],
    ];
    for (const [method, path, body, status, field] of cases) {
      const response = await (
        api as unknown as Record<
          string,
          (p: string, b: unknown) => Promise<{ status: number; body: { message: string } }>
        >
      )[method]!(path, body);
      expect(response.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
      expect(response.body.message).toContain(field);
    }
    expect((await api.get(`/v1/teams/${team}`)).status).toBe(404);
    const [first, second] = [uniqueId('team'), uniqueId('team')];
    await api.post('/v1/teams', { name: first });
    await api.post('/v1/teams', { name: second });
    const clash = await api.patch(`/v1/teams/${first}`, { name: second, users: [] });
    expect(clash.status).toBe(409);
    expect((await api.get(`/v1/teams/${first}`)).status).toBe(200);
    const address = email();
    await api.post('/v1/users/invite', { invitee: { email: address } });
    const again = await api.post('/v1/users/invite', { invitee: { email: address } });
    expect(again.status).toBe(409);
    const unknownTeam = await api.post('/v1/blueprints/_user/entities?upsert=true&merge=true', {
      identifier: address,
      team: ['ghost-team'],
    });
    expect(unknownTeam.status).toBe(422);
    expect(unknownTeam.body.error).toBe('team_not_found');
    expect((await api.get(`/v1/users/${encodeURIComponent(address)}`)).body.user.teams).toEqual([]);
  });

  it('makes members who are not users yet invited users, as their member objects describe them', async () => {
    // A team read from another Portico or from Port, whose people are not users here (Port's backup tools
    // restore teams, not users; port-cli imports users and teams at the same time).
    const team = uniqueId('restored');
    const [ada, bob, existing] = [email(), email(), email()];
    await api.post('/v1/users/invite', { invitee: { email: existing } });
    const created = await api.post('/v1/teams', {
      name: team,
      users: [
        { email: ada, firstName: 'Ada', lastName: 'Lovelace', status: 'ACTIVE', picture: '' },
        { email: bob, firstName: 'Bob', lastName: '', status: 'Disabled' },
        existing.toUpperCase(),
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.team.users.map((u: { email: string }) => u.email).sort()).toEqual(
      [ada, bob, existing].sort(),
    );
    const user = async (address: string) => (await api.get(`/v1/users/${address}`)).body.user;
    expect(await user(ada)).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      status: 'Invited',
      roles: [{ name: 'Member' }],
      teams: [team],
    });
    expect(await user(bob)).toMatchObject({ firstName: 'Bob', status: 'Disabled', teams: [team] });
    // An email in another letter case is the same user, not a new one.
    expect(await user(existing)).toMatchObject({ teams: [team] });
    expect((await api.get(`/v1/users/${existing.toUpperCase()}`)).status).toBe(404);
  });

  it("takes a _user's status as Port spells it; another value is refused, named", async () => {
    const write = (status: unknown) =>
      api.post('/v1/blueprints/_user/entities?upsert=true', {
        identifier: `${uniqueId('status')}@example.com`,
        properties: { port_role: 'Member', port_type: 'Standard', status },
      });
    for (const [given, stored] of [
      ['STAGED', 'Invited'],
      ['staged', 'Invited'],
      ['ACTIVE', 'Active'],
      ['INVITED', 'Invited'],
      ['DISABLED', 'Disabled'],
      ['Disabled', 'Disabled'],
    ])
      expect((await write(given)).body.entity.properties.status, given).toBe(stored);
    for (const bad of ['PENDING', 7]) {
      const refused = await write(bad);
      expect(refused.status).toBe(422);
      expect(refused.body.message).toContain('status');
    }
  });

  it("answers only the fields asked for with Port's fields query", async () => {
    const team = uniqueId('fields');
    const address = email();
    await api.post('/v1/teams', { name: team });
    await api.post('/v1/users/invite', { invitee: { email: address, teams: [team] } });
    const users = await api.get('/v1/users?fields=email&fields=teams');
    const mine = users.body.users.find((u: { email: string }) => u.email === address);
    expect(mine).toEqual({ email: address, teams: [team] });
    const teams = await api.get(`/v1/teams/${team}?fields=name&fields=users.email&fields=users.status`);
    expect(teams.body.team).toEqual({ name: team, users: [{ email: address, status: 'Invited' }] });
    const everything = await api.get(`/v1/teams/${team}`);
    expect(everything.body.team).toHaveProperty('description');
  });

  it("accepts Port's team names, spaces inside included, everywhere a team is named", async () => {
    const name = `Team ${uniqueId('Alpha')}`;
    expect((await api.post('/v1/teams', { name, description: 'With a space' })).status).toBe(200);
    const path = encodeURIComponent(name);
    expect((await api.get(`/v1/teams/${path}`)).body.team.name).toBe(name);
    expect((await api.get(`/v1/blueprints/_team/entities/${path}`)).body.entity.identifier).toBe(name);
    const address = email();
    await api.post('/v1/users/invite', { invitee: { email: address, teams: [name] } });
    expect((await api.get(`/v1/users/${encodeURIComponent(address)}`)).body.user.teams).toEqual([name]);
    const owned = await api.post('/v1/blueprints/_team/entities', { identifier: `${name}/x` });
    expect(owned.status).toBe(422);
    expect(owned.body.message).toMatch(/^identifier must be a team name/);
    expect((await api.delete(`/v1/teams/${path}`)).status).toBe(200);
  });

  it('takes a team as GET answers it: its read-only fields ignored, members as objects or emails', async () => {
    const [from, to] = [uniqueId('source'), uniqueId('restored')];
    const [one, two] = [email(), email()];
    await api.post('/v1/users/invite', { invitee: { email: one } });
    await api.post('/v1/users/invite', { invitee: { email: two } });
    await api.post('/v1/teams', { name: from, description: 'Payments', users: [one, two] });
    const read = (await api.get(`/v1/teams/${from}`)).body.team;
    // Written back under another name, as migrateOrganization and port-cli restore a team they read.
    const restored = await api.post('/v1/teams', { ...read, name: to });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    const strip = ({ id: _i, name: _n, createdAt: _c, updatedAt: _u, ...team }: Record<string, unknown>) =>
      team;
    expect(strip(restored.body.team)).toEqual(strip(read));
    expect(
      (await api.get(`/v1/teams/${to}`)).body.team.users.map((u: { email: string }) => u.email).sort(),
    ).toEqual([one, two].sort());
    // Members mixed, on a change too; a field GET does not answer is still refused, named.
    const changed = await api.put(`/v1/teams/${to}`, { ...read, name: to, users: [read.users[0], two] });
    expect(changed.status).toBe(200);
    const typo = await api.patch(`/v1/teams/${to}`, { ...read, colour: 'red' });
    expect(typo.status).toBe(422);
    expect(typo.body.message).toContain('colour');
    const nobody = await api.patch(`/v1/teams/${to}`, { users: [{ email: 'not an email' }] });
    expect(nobody.status).toBe(422);
    expect(nobody.body.message).toContain('users[0]');
    const shapeless = await api.patch(`/v1/teams/${to}`, { users: [{ firstName: 'No email' }] });
    expect(shapeless.status).toBe(422);
    expect(shapeless.body.message).toContain('users');
  });
});
