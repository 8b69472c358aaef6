import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson, tokenOf } from '../../../test/people.js';

type Person = { email: string; headers: Record<string, string> };

describeEachDatabase('saved table views', (dialect) => {
  let api: TestApp;
  let ann: Person;
  let bob: Person;

  beforeAll(async () => {
    api = await startTestApp(dialect);
    ann = await createPerson(api);
    bob = await createPerson(api);
  });
  afterAll(() => api.close());

  const newBlueprint = async () => {
    const identifier = uniqueId('views');
    const created = await api.post('/v1/blueprints', {
      identifier,
      title: identifier,
      schema: { properties: {}, required: [] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return identifier;
  };
  const as = (who: Person, method: string, url: string, body?: unknown) =>
    api.request(method, url, body, who.headers);
  const save = async (who: Person, bp: string, view: Record<string, unknown>) => {
    const saved = await as(who, 'POST', `/v1/blueprints/${bp}/views`, { state: {}, ...view });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    return saved.body.view;
  };
  const namesSeenBy = async (who: Person, bp: string) => {
    const listed = await as(who, 'GET', `/v1/blueprints/${bp}/views`);
    expect(listed.status).toBe(200);
    return listed.body.views.map((v: { name: string; owner: string }) => `${v.name}/${v.owner}`);
  };
  const missing = (bp: string, id: string) => ({
    ok: false,
    error: 'not_found',
    message: `View "${id}" was not found in blueprint "${bp}"`,
  });

  it('saves a view with its state as given, and lists own and shared views by name', async () => {
    const bp = await newBlueprint();
    const state = {
      columns: ['title', 'tier'],
      filters: { rules: [{ op: '=', value: 'ü🙂' }] },
      sort: null,
      n: 1.5,
    };
    const view = await save(ann, bp, { name: 'zeta', state });
    expect(view).toEqual({
      id: expect.any(String),
      blueprint: bp,
      name: 'zeta',
      shared: false,
      owner: ann.email,
      state,
      createdAt: expect.any(String),
      updatedAt: view.createdAt,
    });
    await save(ann, bp, { name: 'Alpha', shared: true });
    await save(bob, bp, { name: 'beta', shared: true });
    await save(bob, bp, { name: 'bob only' });
    expect(await namesSeenBy(ann, bp)).toEqual([
      `Alpha/${ann.email}`,
      `beta/${bob.email}`,
      `zeta/${ann.email}`,
    ]);
    expect(await namesSeenBy(bob, bp)).toEqual([
      `Alpha/${ann.email}`,
      `beta/${bob.email}`,
      `bob only/${bob.email}`,
    ]);
    expect((await as(ann, 'GET', `/v1/blueprints/${bp}/views`)).body.views[2].state).toEqual(state);
    expect(await namesSeenBy(ann, await newBlueprint())).toEqual([]);
  });

  it('refuses bad names and states, naming the field', async () => {
    const bp = await newBlueprint();
    const post = (body: unknown) => as(ann, 'POST', `/v1/blueprints/${bp}/views`, body);
    for (const [body, field] of [
      [{ name: '', state: {} }, 'body.name'],
      [{ name: 'x'.repeat(101), state: {} }, 'body.name'],
      [{ name: '   ', state: {} }, 'body.name'],
      [{ name: 'ok', state: [] }, 'body.state'],
      [{ name: 'ok' }, 'body'],
      [{ name: 'ok', state: {}, owner: 'someone' }, 'body'],
      [{ name: 'ok', state: {}, shared: 'yes' }, 'body.shared'],
    ] as const) {
      const refused = await post(body);
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect(refused.body.message).toContain(field);
    }
    const big = { blob: 'x'.repeat(16 * 1024 - '{"blob":""}'.length) };
    expect((await post({ name: 'just fits', state: big })).status).toBe(201);
    const over = await post({ name: 'too big', state: { blob: `${big.blob}é` } });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ error: 'view_state_too_large', details: { field: 'state' } });
    expect(over.body.message).toMatch(/^state takes 16386 bytes as JSON, over the limit of 16384/);
    expect((await post({ name: 'x'.repeat(100), state: {} })).status).toBe(201);
  });

  it('keeps names unique per owner and blueprint, also under concurrent creates', async () => {
    const bp = await newBlueprint();
    await save(ann, bp, { name: 'mine' });
    const again = await as(ann, 'POST', `/v1/blueprints/${bp}/views`, { name: 'mine', state: {} });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      ok: false,
      error: 'view_name_taken',
      message: `name: you already have a view named "mine" of blueprint "${bp}"`,
      details: { field: 'name' },
    });
    // Surrounding spaces and Unicode forms do not make another name.
    for (const name of [' mine', 'mine  ']) {
      const same = await as(ann, 'POST', `/v1/blueprints/${bp}/views`, { name, state: {} });
      expect(same.status, JSON.stringify(name)).toBe(409);
    }
    const accented = await as(ann, 'POST', `/v1/blueprints/${bp}/views`, { name: ' cafe\u0301 ', state: {} });
    expect(accented.status).toBe(201);
    expect(accented.body.view.name).toBe('caf\u00e9');
    await save(bob, bp, { name: 'mine' });
    await save(ann, await newBlueprint(), { name: 'mine' });

    const racing = await Promise.all(
      Array.from({ length: 8 }, () =>
        as(bob, 'POST', `/v1/blueprints/${bp}/views`, { name: 'race', state: {} }),
      ),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(racing.filter((r) => r.status === 409).every((r) => r.body.details.field === 'name')).toBe(true);
    expect((await namesSeenBy(bob, bp)).filter((n: string) => n.startsWith('race/'))).toHaveLength(1);
  });

  it('lets the owner change and delete a view; a rename onto a taken name is refused', async () => {
    const bp = await newBlueprint();
    const view = await save(ann, bp, { name: 'first' });
    await save(ann, bp, { name: 'second' });
    const url = `/v1/blueprints/${bp}/views/${view.id}`;
    const changed = await as(ann, 'PATCH', url, { name: 'renamed', shared: true, state: { columns: ['a'] } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.view).toMatchObject({
      id: view.id,
      name: 'renamed',
      shared: true,
      state: { columns: ['a'] },
    });
    expect(changed.body.view.createdAt).toBe(view.createdAt);
    expect(changed.body.view.updatedAt >= view.updatedAt).toBe(true);
    const taken = await as(ann, 'PATCH', url, { name: 'second' });
    expect(taken.status).toBe(409);
    expect(taken.body.details).toEqual({ field: 'name' });
    expect((await as(ann, 'PATCH', url, { state: { columns: ['b'] } })).body.view).toMatchObject({
      name: 'renamed',
      shared: true,
      state: { columns: ['b'] },
    });
    expect((await as(ann, 'DELETE', url)).body).toEqual({ ok: true });
    expect((await as(ann, 'DELETE', url)).body).toEqual(missing(bp, view.id));
    expect((await as(ann, 'PATCH', url, { name: 'back' })).status).toBe(404);
  });

  it("answers someone else's unshared view as missing, and lets only an Admin change a shared one", async () => {
    const bp = await newBlueprint();
    const hidden = await save(ann, bp, { name: 'private' });
    const shared = await save(ann, bp, { name: 'team view', shared: true });
    const ghost = '00000000-0000-4000-8000-000000000000';
    for (const id of [hidden.id, ghost]) {
      for (const [method, body] of [
        ['PATCH', { name: 'mine now' }],
        ['DELETE', undefined],
      ] as const) {
        const answer = await as(bob, method, `/v1/blueprints/${bp}/views/${id}`, body);
        expect(answer.status).toBe(404);
        expect(answer.body).toEqual(missing(bp, id));
      }
      // The installation's Admin neither sees nor changes anyone's unshared view.
      expect((await api.patch(`/v1/blueprints/${bp}/views/${id}`, { name: 'x' })).body).toEqual(
        missing(bp, id),
      );
    }
    const sharedUrl = `/v1/blueprints/${bp}/views/${shared.id}`;
    const refused = await as(bob, 'PATCH', sharedUrl, { name: 'hijacked' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('only its owner or an Admin');
    expect((await as(bob, 'DELETE', sharedUrl)).status).toBe(403);

    const byAdmin = await api.patch(sharedUrl, { name: 'tidied' });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.view).toMatchObject({ name: 'tidied', owner: ann.email, shared: true });
    expect(await namesSeenBy(bob, bp)).toEqual([`tidied/${ann.email}`]);
    expect((await api.delete(sharedUrl)).body).toEqual({ ok: true });
    expect(await namesSeenBy(ann, bp)).toEqual([`private/${ann.email}`]);
    // A view is found only under its own blueprint.
    expect(
      (await as(ann, 'PATCH', `/v1/blueprints/${await newBlueprint()}/views/${hidden.id}`, {})).status,
    ).toBe(404);
  });

  it('answers an unknown blueprint with 404', async () => {
    const bp = uniqueId('nope');
    const base = `/v1/blueprints/${bp}/views`;
    for (const answer of [
      await api.get(base),
      await api.post(base, { name: 'x', state: {} }),
      await api.patch(`${base}/x`, { name: 'y' }),
      await api.delete(`${base}/x`),
    ]) {
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({
        ok: false,
        error: 'not_found',
        message: `Blueprint "${bp}" was not found`,
      });
    }
  });

  it("deletes a blueprint's views with it", async () => {
    const bp = await newBlueprint();
    await save(ann, bp, { name: 'gone', shared: true });
    await save(bob, bp, { name: 'gone too' });
    expect((await api.delete(`/v1/blueprints/${bp}`)).status).toBe(200);
    expect((await api.get(`/v1/blueprints/${bp}/views`)).status).toBe(404);
    await api.post('/v1/blueprints', { identifier: bp, title: bp, schema: { properties: {}, required: [] } });
    expect(await namesSeenBy(ann, bp)).toEqual([]);
    expect(await namesSeenBy(bob, bp)).toEqual([]);
    await save(bob, bp, { name: 'gone too' });
  });

  it('gives service accounts views of their own', async () => {
    const bp = await newBlueprint();
    const identifier = `${uniqueId('bot')}@serviceaccounts.portico`;
    const created = await api.post('/v1/blueprints/_user/entities', {
      identifier,
      properties: { port_type: 'Service Account', status: 'Active' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const bot = {
      email: identifier,
      headers: { authorization: `Bearer ${await tokenOf(api, created.body.additionalData.credentials)}` },
    };
    const view = await save(bot, bp, { name: 'nightly' });
    expect(view.owner).toBe(identifier);
    expect(await namesSeenBy(bot, bp)).toEqual([`nightly/${identifier}`]);
    expect(await namesSeenBy(ann, bp)).toEqual([]);
  });
});
