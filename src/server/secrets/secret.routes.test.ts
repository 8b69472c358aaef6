import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';

type Person = Awaited<ReturnType<typeof createPerson>>;

const URL = '/v1/organization/secrets';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describeEachDatabase('organization secrets over HTTP', (dialect) => {
  let api: TestApp;
  let member: Person;
  let admin: Person;

  beforeAll(async () => {
    api = await startTestApp(dialect);
    member = await createPerson(api);
    admin = await createPerson(api, { roles: ['Admin'] });
  });
  afterAll(() => api.close());

  const newName = () => uniqueId('secret').replace(/_/g, '-');
  const create = async (body: Record<string, unknown>) => {
    const created = await api.post(URL, body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.secret;
  };
  const auditOf = async (name: string) => {
    const read = await api.get(`/v1/audit-log?resources=secret&identifier=${name}`);
    expect(read.status).toBe(200);
    return read.body.audits.reverse();
  };

  it("creates a secret and answers its metadata in Port's shape, never the value", async () => {
    const name = newName();
    const secret = await create({ secretName: name, secretValue: 'v@lue-1', description: 'the token' });
    expect(secret).toEqual({
      secretName: name,
      description: 'the token',
      createdAt: expect.stringMatching(ISO),
      updatedAt: secret.createdAt,
    });
    const one = await api.get(`${URL}/${name}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual({ ok: true, secret });
    const listed = await api.get(URL);
    expect(listed.status).toBe(200);
    expect(listed.body.ok).toBe(true);
    expect(listed.body.secrets).toContainEqual(secret);
    const names = listed.body.secrets.map((s: { secretName: string }) => s.secretName);
    expect(names).toEqual([...names].sort());
    for (const body of [one.body, listed.body]) expect(JSON.stringify(body)).not.toContain('v@lue-1');

    const bare = await create({ secretName: newName(), secretValue: 'x' });
    expect(Object.keys(bare).sort()).toEqual(['createdAt', 'secretName', 'updatedAt']);
    expect(await api.services.secrets.valuesForTemplates([name])).toEqual({ [name]: 'v@lue-1' });
  });

  it('keeps only the encrypted value: a random IV, ciphertext and tag', async () => {
    const name = newName();
    await create({ secretName: name, secretValue: 'plain-text-value' });
    const row = await api.database.db
      .selectFrom('organization_secrets')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(row.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(row.tag, 'base64')).toHaveLength(16);
    expect(Buffer.from(row.ciphertext, 'base64')).toHaveLength('plain-text-value'.length);
    expect(JSON.stringify(row)).not.toContain('plain-text-value');
  });

  it("refuses names outside Port's pattern, and bad values and descriptions, naming the field", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ secretName: 'has space', secretValue: 'v' }, 'body.secretName'],
      [{ secretName: 'dot.ted', secretValue: 'v' }, 'body.secretName'],
      [{ secretName: 'ünï', secretValue: 'v' }, 'body.secretName'],
      [{ secretName: '', secretValue: 'v' }, 'body.secretName'],
      [{ secretName: 'a'.repeat(101), secretValue: 'v' }, 'body.secretName'],
      [{ secretName: 7, secretValue: 'v' }, 'body.secretName'],
      [{ secretValue: 'v' }, 'secretName'],
      [{ secretName: 'ok' }, 'secretValue'],
      [{ secretName: 'ok', secretValue: '' }, 'body.secretValue'],
      [{ secretName: 'ok', secretValue: 42 }, 'body.secretValue'],
      [{ secretName: 'ok', secretValue: 'x'.repeat(65_537) }, 'body.secretValue'],
      [{ secretName: 'ok', secretValue: 'v', description: 'd'.repeat(201) }, 'body.description'],
      [{ secretName: 'ok', secretValue: 'v', value: 'v' }, '(value)'],
    ];
    for (const [body, field] of cases) {
      const refused = await api.post(URL, body);
      expect(refused.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(refused.body.message).toContain(field);
    }
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { description: 'd' }],
      ['DELETE', undefined],
    ] as const) {
      const refused = await api.request(method, `${URL}/bad.name`, body);
      expect(refused.status, method).toBe(422);
      expect(refused.body.message).toContain('params.secret_name');
    }
    const name = newName();
    await create({ secretName: name, secretValue: 'v' });
    for (const [body, field] of [
      [{ secretValue: '' }, 'body.secretValue'],
      [{ description: 'd'.repeat(201) }, 'body.description'],
      [{ secretName: 'other' }, '(secretName)'],
    ] as const) {
      const refused = await api.patch(`${URL}/${name}`, body);
      expect(refused.status).toBe(422);
      expect(refused.body.message).toContain(field);
    }
    // At the edges of the rules, and names that are special elsewhere.
    for (const secretName of ['a'.repeat(100), `-_${newName()}`, '__proto__', 'constructor']) {
      const made = await api.post(URL, { secretName, secretValue: 'v', description: 'd'.repeat(200) });
      expect([201, 409], secretName).toContain(made.status);
    }
    expect(({} as Record<string, unknown>).v).toBeUndefined();
  });

  it('refuses a name taken (names are case-sensitive), also by concurrent creates', async () => {
    const name = newName();
    await create({ secretName: name, secretValue: 'first' });
    const again = await api.post(URL, { secretName: name, secretValue: 'second' });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      ok: false,
      error: 'secret_exists',
      message: `secretName: a secret named "${name}" already exists; change its value with PATCH ${URL}/${name}`,
      details: { field: 'secretName' },
    });
    await create({ secretName: name.toUpperCase(), secretValue: 'upper' });
    expect(await api.services.secrets.valuesForTemplates([name])).toEqual({ [name]: 'first' });

    const racing = newName();
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => api.post(URL, { secretName: racing, secretValue: `v${i}` })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await auditOf(racing)).toHaveLength(1);
  });

  it('answers 404 for a secret that does not exist', async () => {
    const name = newName();
    const missing = { ok: false, error: 'not_found', message: `Secret "${name}" was not found` };
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { secretValue: 'v' }],
      ['DELETE', undefined],
    ] as const) {
      const answer = await api.request(method, `${URL}/${name}`, body);
      expect(answer.status, method).toBe(404);
      expect(answer.body).toEqual(missing);
    }
  });

  it('changes the value or the description, deletes, and audits each without the value', async () => {
    const name = newName();
    const created = await create({ secretName: name, secretValue: 'one', description: 'first' });
    const described = await api.patch(`${URL}/${name}`, { description: 'second' });
    expect(described.status).toBe(200);
    expect(described.body.secret).toMatchObject({ secretName: name, description: 'second' });
    expect(await api.services.secrets.valuesForTemplates([name])).toEqual({ [name]: 'one' });
    const revalued = await api.patch(`${URL}/${name}`, { secretValue: 'two' });
    expect(revalued.body.secret).toEqual({ ...described.body.secret, updatedAt: expect.stringMatching(ISO) });
    expect(await api.services.secrets.valuesForTemplates([name])).toEqual({ [name]: 'two' });
    const unchanged = await api.patch(`${URL}/${name}`, {});
    expect(unchanged.body.secret).toEqual(revalued.body.secret);
    expect((await api.delete(`${URL}/${name}`)).body).toEqual({ ok: true });
    expect((await api.get(`${URL}/${name}`)).status).toBe(404);
    expect(await api.services.secrets.valuesForTemplates([name])).toEqual({});

    const audits = await auditOf(name);
    expect(audits.map((a: { action: string }) => a.action)).toEqual(['CREATE', 'UPDATE', 'UPDATE', 'DELETE']);
    expect(audits[0]).toMatchObject({
      identifier: name,
      resourceType: 'secret',
      status: 'SUCCESS',
      context: { secret: name },
      diff: { before: null, after: created },
      trigger: { by: { userId: api.clientId }, origin: 'API' },
    });
    expect(audits[1].diff).toEqual({ before: created, after: described.body.secret });
    expect(audits[1].message).toBeUndefined();
    expect(audits[2].message).toBe('Value replaced');
    expect(audits[3].diff).toEqual({ before: revalued.body.secret, after: null });
    expect(JSON.stringify(audits)).not.toMatch(/"one"|"two"/);
  });

  it('lets Admins manage secrets; Members and service accounts get 403, anonymous callers 401', async () => {
    const name = newName();
    const made = await api.post(URL, { secretName: name, secretValue: 'by-admin-user' }, admin.headers);
    expect(made.status).toBe(201);
    expect((await api.patch(`${URL}/${name}`, { description: 'd' }, admin.headers)).status).toBe(200);
    const serviceAccount = await api.post('/v1/blueprints/_user/entities', {
      identifier: `${uniqueId('bot')}@serviceaccounts.getport.io`,
      properties: { port_type: 'Service Account', status: 'Active' },
    });
    expect(serviceAccount.status, JSON.stringify(serviceAccount.body)).toBe(201);
    const botCredentials = serviceAccount.body.additionalData.credentials;
    const botToken = (await api.post('/v1/auth/access_token', botCredentials)).body.accessToken as string;
    const callers = [member.headers, { authorization: `Bearer ${botToken}` }];
    const requests: Array<[string, string, unknown, string]> = [
      ['GET', URL, undefined, 'read'],
      ['POST', URL, { secretName: newName(), secretValue: 'v' }, 'create'],
      ['GET', `${URL}/${name}`, undefined, 'read'],
      ['PATCH', `${URL}/${name}`, { secretValue: 'v' }, 'change'],
      ['DELETE', `${URL}/${name}`, undefined, 'delete'],
      // The same answer whether the secret exists or not: a Member learns no names.
      ['GET', `${URL}/${newName()}`, undefined, 'read'],
    ];
    for (const headers of callers)
      for (const [method, url, body, doing] of requests) {
        const refused = await api.request(method, url, body, headers);
        expect(refused.status, `${method} ${url}`).toBe(403);
        expect(refused.body.message).toBe(`Only an Admin can ${doing} organization secrets`);
      }
    for (const [method, url, body] of requests) {
      const anonymous = await api.app.inject({
        method: method as 'GET',
        url,
        ...(body ? { payload: body } : {}),
      });
      expect(anonymous.statusCode).toBe(401);
    }
    expect(await api.services.secrets.valuesForTemplates([name])).toEqual({ [name]: 'by-admin-user' });
    expect((await api.delete(`${URL}/${name}`, admin.headers)).status).toBe(200);
  });

  it('applies concurrent changes of one secret one after another: none is lost', async () => {
    const name = newName();
    await create({ secretName: name, secretValue: 'v-start', description: 'd-start' });
    const changes = Array.from({ length: 12 }, (_, i) =>
      i % 2 ? { description: `d${i}` } : { description: `d${i}`, secretValue: `v${i}` },
    );
    const answers = await Promise.all(changes.map((change) => api.patch(`${URL}/${name}`, change)));
    expect(answers.map((a) => a.status)).toEqual(changes.map(() => 200));
    const updates = (await auditOf(name)).slice(1);
    expect(updates).toHaveLength(changes.length);
    // Each change starts from the one before it.
    let description = 'd-start';
    for (const update of updates) {
      expect(update.diff.before.description).toBe(description);
      description = update.diff.after.description;
    }
    expect((await api.get(`${URL}/${name}`)).body.secret.description).toBe(description);
    const lastValueChange = updates
      .filter((u: { message?: string }) => u.message === 'Value replaced')
      .at(-1);
    const expected = `v${lastValueChange.diff.after.description.slice(1)}`;
    expect(await api.services.secrets.valuesForTemplates([name])).toEqual({ [name]: expected });
    const row = await api.database.db
      .selectFrom('organization_secrets')
      .select('version')
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(1 + changes.length);
  });
});
