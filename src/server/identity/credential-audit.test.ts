import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';

describeEachDatabase('changes of credentials in the audit log', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp(dialect);
  });
  afterAll(() => api.close());

  const recordsOf = async (clientId: string) =>
    (await api.get(`/v1/audit-log?identifier=${clientId}&resources=credentials`)).body.audits;

  it('records creating, renaming, rotating and revoking, naming who and whose, never a secret or its hash', async () => {
    const member = await createPerson(api);
    const created = await api.post('/v1/apps', { name: `ci ${uniqueId('x')}` }, member.headers);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { id, name, secret } = created.body.app;
    const renamed = await api.put(`/v1/apps/${id}`, { name: 'deploys' }, member.headers);
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const rotated = await api.post(`/v1/apps/${id}/rotate-secret`, {}, member.headers);
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    // An Admin revokes them.
    expect((await api.delete(`/v1/apps/${id}`)).status).toBeLessThan(300);

    const records = await recordsOf(id);
    expect(records.map((r: { action: string }) => r.action)).toEqual([
      'DELETE',
      'UPDATE',
      'UPDATE',
      'CREATE',
    ]);
    const [revoked, rotation, rename, creation] = records;
    const context = { credentials: id, user: member.email };
    expect(creation).toMatchObject({
      resourceType: 'credentials',
      identifier: id,
      status: 'SUCCESS',
      context,
      trigger: { by: { userId: member.email }, origin: 'API' },
      diff: { before: null, after: { id, name, enabled: true, user: member.email } },
    });
    expect(rename).toMatchObject({
      context,
      diff: { before: { name }, after: { name: 'deploys' } },
    });
    expect(rename.message).toBeUndefined();
    expect(rotation).toMatchObject({
      context,
      message: 'Secret rotated',
      diff: { after: { name: 'deploys' } },
    });
    expect(revoked).toMatchObject({
      context,
      trigger: { by: { userId: api.clientId } },
      diff: { before: { id, name: 'deploys' }, after: null },
    });

    const text = JSON.stringify(records);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(rotated.body.app.secret);
    expect(text).not.toContain('scrypt$');
    expect(text).not.toMatch(/"secret(Hash|_hash)?":/i);
  });

  it("records nothing when refused: another's credentials, or the ones signing the request", async () => {
    const owner = await createPerson(api);
    const other = await createPerson(api);
    const created = await api.post('/v1/apps', { name: 'mine' }, owner.headers);
    const { id } = created.body.app;
    expect((await api.put(`/v1/apps/${id}`, { name: 'theirs' }, other.headers)).status).toBe(404);
    expect((await api.post(`/v1/apps/${id}/rotate-secret`, {}, other.headers)).status).toBe(404);
    expect((await api.delete(`/v1/apps/${id}`, other.headers)).status).toBe(404);
    expect((await recordsOf(id)).map((r: { action: string }) => r.action)).toEqual(['CREATE']);

    const inUse = await api.delete(`/v1/apps/${api.clientId}`);
    expect(inUse.status).toBe(422);
    expect(inUse.body.message).toMatch(/^id: /);
    expect(await recordsOf(api.clientId)).toEqual([]);
  });

  it("records each of a user's credentials rotated at once", async () => {
    const person = await createPerson(api);
    const second = await api.post('/v1/apps', { name: 'second', user: person.email });
    const rotated = await api.post(`/v1/rotate-credentials/${encodeURIComponent(person.email)}`);
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    expect(rotated.body.credentials).toHaveLength(2);
    const apps = (await api.get('/v1/apps')).body.apps.filter(
      (a: { user: string }) => a.user === person.email,
    );
    expect(apps.map((a: { id: string }) => a.id)).toContain(second.body.app.id);
    for (const app of apps) {
      const [latest] = await recordsOf(app.id);
      expect(latest).toMatchObject({
        action: 'UPDATE',
        message: 'Secret rotated',
        context: { user: person.email },
      });
    }
  });
});
