import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';

describeEachDatabase('service accounts and user credentials', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp(dialect);
  });
  afterAll(() => api.close());

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const path = (email: string) => encodeURIComponent(email);

  async function tokenFor(clientId: string, clientSecret: string) {
    const response = await api.post('/v1/auth/access_token', { clientId, clientSecret });
    return { status: response.status, token: response.body.accessToken as string, body: response.body };
  }

  async function createServiceAccount(suffix = '@serviceaccounts.getport.io') {
    const identifier = `${uniqueId('deployer')}${suffix}`;
    const created = await api.post('/v1/blueprints/_user/entities', {
      identifier,
      title: 'Deployer',
      properties: { port_type: 'Service Account', status: 'Active' },
    });
    expect(created.status).toBe(201);
    const { clientId, clientSecret } = created.body.additionalData.credentials;
    return { identifier, clientId: clientId as string, clientSecret: clientSecret as string };
  }

  describe('service accounts, created as Port creates them', () => {
    it('answers the credentials once; they act as the service account, a Member', async () => {
      const account = await createServiceAccount();
      expect(account.clientId).toMatch(/^portico_/);
      expect(account.clientSecret.length).toBeGreaterThanOrEqual(40);
      const { status, token } = await tokenFor(account.clientId, account.clientSecret);
      expect(status).toBe(200);

      // It writes as itself: createdBy and the audit log name the service account.
      const team = uniqueId('team');
      await api.post('/v1/blueprints/_team/entities', { identifier: team });
      const refused = await api.post('/v1/teams', { name: uniqueId('t') }, as(token));
      expect(refused.status).toBe(403);
      expect(refused.body.message).toContain('Only an Admin');
      const apps = await api.get('/v1/apps', as(token));
      expect(apps.body.apps).toEqual([
        expect.objectContaining({ id: account.clientId, user: account.identifier, enabled: true }),
      ]);
      expect(JSON.stringify(apps.body)).not.toContain(account.clientSecret);

      // The secret is never shown again, not even to an Admin.
      const all = await api.get('/v1/apps');
      expect(all.body.apps.map((a: { id: string }) => a.id)).toContain(account.clientId);
      expect(JSON.stringify(all.body)).not.toContain(account.clientSecret);
      expect(all.body.apps.every((a: { secret?: string }) => a.secret === undefined)).toBe(true);
    });

    it("accepts Portico's own suffix and creates credentials in a bulk write too", async () => {
      await createServiceAccount('@serviceaccounts.portico');
      const identifier = `${uniqueId('bulk')}@serviceaccounts.getport.io`;
      const bulk = await api.post('/v1/blueprints/_user/entities/bulk', {
        entities: [{ identifier, properties: { port_type: 'Service Account', status: 'Active' } }],
      });
      expect(bulk.status).toBe(200);
      const { clientId, clientSecret } = bulk.body.entities[0].additionalData.credentials;
      expect((await tokenFor(clientId, clientSecret)).status).toBe(200);
    });

    it('refuses a service account without its suffix, and a suffix without the type; nothing is left', async () => {
      const plain = `${uniqueId('sa')}@example.com`;
      const noSuffix = await api.post('/v1/blueprints/_user/entities', {
        identifier: plain,
        properties: { port_type: 'Service Account' },
      });
      expect(noSuffix.status).toBe(422);
      expect(noSuffix.body.message).toMatch(/^identifier: .*@serviceaccounts\.getport\.io/);
      expect((await api.get(`/v1/blueprints/_user/entities/${path(plain)}`)).status).toBe(404);

      const suffixed = `${uniqueId('sa')}@serviceaccounts.getport.io`;
      const noType = await api.post('/v1/blueprints/_user/entities', { identifier: suffixed });
      expect(noType.status).toBe(422);
      expect(noType.body.message).toMatch(/^properties\.port_type: /);
      expect((await api.get(`/v1/blueprints/_user/entities/${path(suffixed)}`)).status).toBe(404);

      const checkOnly = await api.post('/v1/blueprints/_user/entities?validation_only=true', {
        identifier: suffixed,
        properties: { port_type: 'Service Account' },
      });
      expect(checkOnly.status).toBe(201);
      expect(checkOnly.body.additionalData).toBeUndefined();

      const invited = await api.post('/v1/users/invite', { invitee: { email: suffixed } });
      expect(invited.status).toBe(422);
    });

    it('stops its tokens at once when disabled, and starts again when enabled', async () => {
      const account = await createServiceAccount();
      const { token } = await tokenFor(account.clientId, account.clientSecret);
      expect((await api.get('/v1/blueprints', as(token))).status).toBe(200);
      const url = `/v1/blueprints/_user/entities/${path(account.identifier)}`;
      expect((await api.patch(url, { properties: { status: 'Disabled' } })).status).toBe(200);
      const refused = await api.get('/v1/blueprints', as(token));
      expect(refused.status).toBe(401);
      expect(refused.body.message).toContain('is disabled');
      expect((await tokenFor(account.clientId, account.clientSecret)).status).toBe(401);
      expect((await api.patch(url, { properties: { status: 'Active' } })).status).toBe(200);
      expect((await api.get('/v1/blueprints', as(token))).status).toBe(200);
    });

    it('cannot turn a user into a service account or back', async () => {
      const account = await createServiceAccount();
      const changed = await api.patch(`/v1/blueprints/_user/entities/${path(account.identifier)}`, {
        properties: { port_type: 'Standard' },
      });
      expect(changed.status).toBe(422);
      expect(changed.body.message).toMatch(/^properties\.port_type: /);
    });
  });

  describe("a user's credentials", () => {
    async function memberWithCredentials() {
      const email = `${uniqueId('dev')}@example.com`;
      expect((await api.post('/v1/users/invite', { invitee: { email } })).status).toBe(200);
      const created = await api.post('/v1/apps', { name: 'laptop', user: email });
      expect(created.status).toBe(201);
      expect(created.body.app).toMatchObject({ name: 'laptop', user: email, enabled: true });
      const { token } = await tokenFor(created.body.app.id, created.body.app.secret);
      return { email, clientId: created.body.app.id as string, secret: created.body.app.secret, token };
    }

    it("take the user's role from its _user entity on every request", async () => {
      const member = await memberWithCredentials();
      expect((await api.post('/v1/teams', { name: uniqueId('t') }, as(member.token))).status).toBe(403);
      const promoted = await api.patch(`/v1/users/${path(member.email)}`, { roles: ['Admin'] });
      expect(promoted.status).toBe(200);
      expect((await api.post('/v1/teams', { name: uniqueId('t') }, as(member.token))).status).toBe(200);
    });

    it('rotate: the old secret and its tokens stop at once, the new one works', async () => {
      const member = await memberWithCredentials();
      const rotated = await api.post(`/v1/apps/${member.clientId}/rotate-secret`, {}, as(member.token));
      expect(rotated.status).toBe(200);
      expect(rotated.body.app.secret).not.toBe(member.secret);
      const stale = await api.get('/v1/blueprints', as(member.token));
      expect(stale.status).toBe(401);
      expect(stale.body.message).toContain('rotated');
      expect((await tokenFor(member.clientId, member.secret)).status).toBe(401);
      const fresh = await tokenFor(member.clientId, rotated.body.app.secret);
      expect((await api.get('/v1/blueprints', as(fresh.token))).status).toBe(200);
    });

    it("a Member manages only their own: others' are not found, and they cannot make any for others", async () => {
      const member = await memberWithCredentials();
      const other = await memberWithCredentials();
      const mine = await api.get('/v1/apps', as(member.token));
      expect(mine.body.apps.map((a: { id: string }) => a.id)).toEqual([member.clientId]);
      for (const [method, url] of [
        ['POST', `/v1/apps/${other.clientId}/rotate-secret`],
        ['DELETE', `/v1/apps/${other.clientId}`],
        ['POST', `/v1/apps/${api.clientId}/rotate-secret`],
      ] as const) {
        const response = await api.request(method, url, method === 'POST' ? {} : undefined, as(member.token));
        expect(response.status).toBe(404);
      }
      const forOther = await api.post('/v1/apps', { name: 'x', user: other.email }, as(member.token));
      expect(forOther.status).toBe(403);
      const own = await api.post('/v1/apps', { name: 'ci' }, as(member.token));
      expect(own.status).toBe(201);
      expect(own.body.app.user).toBe(member.email);
      const renamed = await api.put(`/v1/apps/${own.body.app.id}`, { name: 'ci runner' });
      expect(renamed.body.app.name).toBe('ci runner');
    });

    it('revoking credentials, or deleting the user, stops their tokens at once', async () => {
      const member = await memberWithCredentials();
      const second = await api.post('/v1/apps', { name: 'second', user: member.email });
      const secondToken = (await tokenFor(second.body.app.id, second.body.app.secret)).token;
      expect((await api.delete(`/v1/apps/${member.clientId}`)).status).toBe(200);
      const revoked = await api.get('/v1/blueprints', as(member.token));
      expect(revoked.status).toBe(401);
      expect(revoked.body.message).toContain('revoked');
      expect((await api.get('/v1/blueprints', as(secondToken))).status).toBe(200);

      expect((await api.delete(`/v1/users/${path(member.email)}`)).status).toBe(200);
      expect((await api.get('/v1/blueprints', as(secondToken))).status).toBe(401);
      const left = await api.get('/v1/apps');
      expect(left.body.apps.map((a: { id: string }) => a.id)).not.toContain(second.body.app.id);
      // The same email invited again is a new user: the old credentials do not come back.
      expect((await api.post('/v1/users/invite', { invitee: { email: member.email } })).status).toBe(200);
      expect((await tokenFor(second.body.app.id, second.body.app.secret)).status).toBe(401);
    });

    it("POST /v1/rotate-credentials/{email} renews all of a user's secrets", async () => {
      const member = await memberWithCredentials();
      const rotated = await api.post(`/v1/rotate-credentials/${path(member.email)}`);
      expect(rotated.status).toBe(200);
      expect(rotated.body.credentials).toEqual([
        { clientId: member.clientId, clientSecret: expect.any(String) },
      ]);
      expect((await api.get('/v1/blueprints', as(member.token))).status).toBe(401);
      const unknown = await api.post(`/v1/rotate-credentials/${path('nobody@example.com')}`);
      expect(unknown.status).toBe(404);
    });

    it('bad input names the field and changes nothing', async () => {
      // Other test files share the database: only apps of this name are counted.
      const x = uniqueId('bad-app');
      const named = async () =>
        (await api.get('/v1/apps')).body.apps.filter((app: { name?: string }) => app.name === x);
      const noName = await api.post('/v1/apps', { user: 'x@example.com' });
      expect(noName.status).toBe(422);
      expect(noName.body.message).toContain('name');
      const noUser = await api.post('/v1/apps', { name: x, user: 'ghost@example.com' });
      expect(noUser.status).toBe(422);
      expect(noUser.body.message).toMatch(/^user: /);
      const installation = await api.post('/v1/apps', { name: x });
      expect(installation.status).toBe(422);
      expect(installation.body.message).toMatch(/^user: /);
      const extra = await api.post('/v1/apps', { name: x, role: 'Admin' });
      expect(extra.status).toBe(422);
      expect(await named()).toEqual([]);
      const self = await api.delete(`/v1/apps/${api.clientId}`);
      expect(self.status).toBe(422);
      expect((await api.get('/v1/blueprints')).status).toBe(200);
    });
  });
});
