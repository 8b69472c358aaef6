import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestResponse } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';

type Person = { email: string; headers: Record<string, string> };
interface Access {
  register: boolean;
  update: boolean;
  unregister: boolean;
  updateProperties: string[];
  updateRelations: string[];
  changeBlueprint: boolean;
  changePermissions: boolean;
}

/**
 * GET /v1/blueprints/{bp}/access for a Member with a mix of grants on B:
 *   register, unregister: { roles: [Admin], ownedByTeam: true }; update: Admins only;
 *   updateProperties: a → Member, b → team alpha, level → ownedByTeam, c → Admins only;
 *   updateRelations: link → ownedByTeam, other → the user "member" itself.
 * "member" is in alpha, "loner" in no team. "mine" is alpha's, "theirs" beta's, "nobodys" no team's.
 */
describeEachDatabase('what the caller may do', (dialect) => {
  let api: TestApp;
  const B = uniqueId('acc_b');
  const T = uniqueId('acc_t');
  const H = uniqueId('acc_h');
  const [alpha, beta] = [uniqueId('alpha'), uniqueId('beta')];
  let member: Person;
  let loner: Person;

  beforeAll(async () => {
    api = await startTestApp(dialect);
    for (const team of [alpha, beta]) await ok(api.post('/v1/teams', { name: team }));
    member = await createPerson(api, { teams: [alpha] });
    loner = await createPerson(api);
    await ok(
      api.post('/v1/blueprints', { identifier: T, title: T, schema: { properties: {}, required: [] } }),
    );
    await ok(
      api.post(`/v1/blueprints/${T}/entities/bulk`, {
        entities: [{ identifier: 't1' }, { identifier: 't2' }],
      }),
    );
    await ok(
      api.post('/v1/blueprints', {
        identifier: B,
        title: B,
        schema: {
          properties: {
            a: { type: 'string' },
            b: { type: 'string' },
            c: { type: 'string' },
            level: { type: 'string', enum: ['low', 'high'] },
          },
          required: [],
        },
        relations: {
          link: { target: T, many: true, required: false },
          other: { target: T, many: false, required: false },
        },
      }),
    );
    const owners = { roles: ['Admin'], ownedByTeam: true };
    await ok(
      api.patch(`/v1/blueprints/${B}/permissions`, {
        entities: {
          register: owners,
          unregister: owners,
          updateProperties: { a: { roles: ['Admin', 'Member'] }, b: { teams: [alpha] }, level: owners },
          updateRelations: { link: owners, other: { users: [member.email] } },
        },
      }),
    );
    // H: only Admins and owning teams read.
    await ok(
      api.post('/v1/blueprints', { identifier: H, title: H, schema: { properties: {}, required: [] } }),
    );
    await ok(api.patch(`/v1/blueprints/${H}/permissions`, { entities: { read: owners } }));
    await ok(
      api.post(`/v1/blueprints/${H}/entities/bulk`, {
        entities: [
          { identifier: 'ours', team: [alpha] },
          { identifier: 'secret', team: [beta] },
        ],
      }),
    );
  });
  afterAll(() => api.close());

  const as = (who: Person, method: string, url: string, body?: unknown) =>
    api.request(method, url, body, who.headers);
  const accessOf = async (who: Person, blueprint: string, entity?: string): Promise<Access> => {
    const query = entity === undefined ? '' : `?entity=${encodeURIComponent(entity)}`;
    const answer = await as(who, 'GET', `/v1/blueprints/${blueprint}/access${query}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.ok).toBe(true);
    return answer.body.access;
  };
  const entityOf = async (team: string[]) => {
    const identifier = uniqueId('e');
    await ok(api.post(`/v1/blueprints/${B}/entities`, { identifier, team, properties: { level: 'low' } }));
    return identifier;
  };

  it('judges ownedByTeam grants against the entity asked about', async () => {
    const base = { changeBlueprint: false, changePermissions: false, update: false };
    expect(await accessOf(member, B, await entityOf([alpha]))).toEqual({
      ...base,
      register: true,
      unregister: true,
      updateProperties: ['a', 'b', 'level'],
      updateRelations: ['link', 'other'],
    });
    expect(await accessOf(member, B, await entityOf([beta]))).toEqual({
      ...base,
      register: false,
      unregister: false,
      updateProperties: ['a', 'b'],
      updateRelations: ['other'],
    });
    expect(await accessOf(loner, B, await entityOf([alpha]))).toEqual({
      ...base,
      register: false,
      unregister: false,
      updateProperties: ['a'],
      updateRelations: [],
    });
  });

  it('without an entity: register by ownership needs a team; update and unregister by ownership are false', async () => {
    const base = { changeBlueprint: false, changePermissions: false, update: false, unregister: false };
    expect(await accessOf(member, B)).toEqual({
      ...base,
      register: true,
      updateProperties: ['a', 'b'],
      updateRelations: ['other'],
    });
    expect(await accessOf(loner, B)).toEqual({
      ...base,
      register: false,
      updateProperties: ['a'],
      updateRelations: [],
    });
  });

  it('Admins and moderators may do everything, Members of an unchanged blueprint only read', async () => {
    const all = {
      register: true,
      update: true,
      unregister: true,
      updateProperties: ['a', 'b', 'c', 'level'],
      updateRelations: ['link', 'other'],
      changeBlueprint: true,
      changePermissions: true,
    };
    const admin = { email: 'admin', headers: {} };
    expect(await accessOf(admin, B)).toEqual(all);
    const moderator = await createPerson(api, { roles: ['Member', `${B}-moderator`] });
    expect(await accessOf(moderator, B, await entityOf([beta]))).toEqual(all);
    expect(await accessOf(member, T)).toEqual({
      register: false,
      update: false,
      unregister: false,
      updateProperties: [],
      updateRelations: [],
      changeBlueprint: false,
      changePermissions: false,
    });
  });

  it('each claim for a Member with a mix of grants is what the write does', async () => {
    for (const [who, team] of [
      [member, [alpha]],
      [member, [beta]],
      [member, []],
      [loner, [alpha]],
    ] as const) {
      const identifier = await entityOf([...team]);
      await expectClaimsHold(who, identifier, [...team], await accessOf(who, B, identifier));
    }
    // Without an entity: what is claimed regardless of ownership holds for an entity nobody owns.
    for (const who of [member, loner]) {
      const claims = await accessOf(who, B);
      const identifier = await entityOf([]);
      const writes = await writesOf(who, identifier, claims);
      expect(writes.updateProperties).toEqual(claims.updateProperties);
      expect(writes.updateRelations).toEqual(claims.updateRelations);
      expect(writes.update || writes.unregister).toBe(false);
      // A create for one of the caller's teams, or for none: allowed exactly when register is claimed.
      const creates = await Promise.all(
        [[], ...(who === member ? [[alpha]] : [])].map((team) =>
          as(who, 'POST', `/v1/blueprints/${B}/entities`, { identifier: uniqueId('new'), team }),
        ),
      );
      expect(creates.some((c) => c.status === 201)).toBe(claims.register);
    }
  });

  async function expectClaimsHold(who: Person, identifier: string, team: string[], claims: Access) {
    const writes = await writesOf(who, identifier, claims);
    expect({ ...writes, register: undefined }).toEqual({ ...claims, register: undefined });
    const created = await as(who, 'POST', `/v1/blueprints/${B}/entities`, {
      identifier: uniqueId('new'),
      team,
    });
    expect(created.status === 201, JSON.stringify(created.body)).toBe(claims.register);
  }

  /** What the caller's writes to `identifier` actually do: each change on its own, the delete last. */
  async function writesOf(who: Person, identifier: string, claims: Access): Promise<Access> {
    const url = `/v1/blueprints/${B}/entities/${identifier}`;
    const passes = async (body: unknown) => {
      const response = await as(who, 'PATCH', url, body);
      expect([200, 403], JSON.stringify(response.body)).toContain(response.status);
      return response.status === 200;
    };
    const values: Record<string, unknown> = { a: 'x', b: 'y', c: 'z', level: 'high' };
    const updateProperties = [];
    for (const key of ['a', 'b', 'c', 'level'])
      if (await passes({ properties: { [key]: values[key] } })) updateProperties.push(key);
    const updateRelations = [];
    for (const [key, value] of [
      ['link', ['t1']],
      ['other', 't2'],
    ] as const)
      if (await passes({ relations: { [key]: value } })) updateRelations.push(key);
    const update = await passes({ title: 'renamed' });
    const deleted = await as(who, 'DELETE', url);
    expect([200, 403]).toContain(deleted.status);
    return {
      ...claims,
      update,
      unregister: deleted.status === 200,
      updateProperties,
      updateRelations,
    };
  }

  it('an entity the caller may not read answers exactly as a missing one', async () => {
    expect(await accessOf(member, H, 'ours')).toMatchObject({ update: false, register: false });
    for (const identifier of ['secret', 'ghost']) {
      const answer = await as(member, 'GET', `/v1/blueprints/${H}/access?entity=${identifier}`);
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({
        ok: false,
        error: 'not_found',
        message: `Entity "${identifier}" was not found in blueprint "${H}"`,
      });
      expect(answer.body).toEqual(
        (await as(member, 'GET', `/v1/blueprints/${H}/entities/${identifier}`)).body,
      );
    }
    const unknown = await api.get(`/v1/blueprints/${uniqueId('nope')}/access`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('not_found');
  });

  it('on _user, leaves out what only an Admin, or no one, may change, and holds to it', async () => {
    const moderator = await createPerson(api, { roles: ['Member', '_user-moderator'] });
    const someone = await createPerson(api);
    const claims = await accessOf(moderator, '_user', someone.email);
    expect(claims).toMatchObject({ register: true, update: true, unregister: false, changeBlueprint: true });
    for (const key of ['port_role', 'status', 'moderated_blueprints', 'port_type'])
      expect(claims.updateProperties).not.toContain(key);
    const url = `/v1/blueprints/_user/entities/${encodeURIComponent(someone.email)}`;
    for (const properties of [
      { port_role: 'Admin' },
      { status: 'Active' },
      { moderated_blueprints: [B] },
      { port_type: 'Service Account' },
    ]) {
      const refused = await as(moderator, 'PATCH', url, { properties });
      expect([403, 422], JSON.stringify(refused.body)).toContain(refused.status);
    }
    expect((await as(moderator, 'PATCH', url, { title: 'Someone' })).status).toBe(200);
    expect((await as(moderator, 'DELETE', url)).status).toBe(403);
    const fresh = `${uniqueId('fresh')}@example.com`;
    expect((await as(moderator, 'POST', '/v1/blueprints/_user/entities', { identifier: fresh })).status).toBe(
      201,
    );
    // An Admin may change a user's role, but nobody its kind (a user never becomes a service account).
    const admin = await accessOf({ email: 'admin', headers: {} }, '_user', someone.email);
    expect(admin.updateProperties).toEqual(
      expect.arrayContaining(['port_role', 'status', 'moderated_blueprints']),
    );
    expect(admin.updateProperties).not.toContain('port_type');
    expect((await api.patch(url, { properties: { port_type: 'Service Account' } })).status).toBe(422);
  });
});

async function ok(response: Promise<TestResponse>) {
  const answer = await response;
  expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
  return answer;
}
