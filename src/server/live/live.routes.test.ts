import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestResponse } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { openEventStream, type EventStream } from '../../../test/event-stream.js';
import { createPerson } from '../../../test/people.js';

interface Change {
  kind: string;
  blueprint: string;
  identifier?: string;
  action: string;
}

/** Every change a stream has heard so far. */
const heard = (stream: EventStream): Change[] =>
  stream.events
    .filter((event) => event.event === 'change')
    .flatMap((event) => (JSON.parse(event.data) as { changes: Change[] }).changes);

/**
 * Waits for `stream` to hear of a change like `expected`. The promise is a second, but a timed test on a
 * shared machine running other files at once cannot hold anyone to it: five seconds here.
 */
async function hears(stream: EventStream, expected: Partial<Change>, timeoutMs = 5000) {
  const like = (change: Change) =>
    Object.entries(expected).every(([key, value]) => change[key as keyof Change] === value);
  await stream.next(
    (event) =>
      event.event === 'change' && (JSON.parse(event.data) as { changes: Change[] }).changes.some(like),
    timeoutMs,
  );
}

async function ok(response: Promise<TestResponse>) {
  const { status, body } = await response;
  expect(status, JSON.stringify(body)).toBeLessThan(300);
  return body;
}

/** The app listening on a port of its own: streams are read over real HTTP. */
async function listening(api: TestApp) {
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
}

describeEachDatabase('live updates (GET /v1/stream)', (dialect) => {
  let api: TestApp;
  let base: string;
  const streams: EventStream[] = [];
  const S = uniqueId('live_s');
  const [alpha, beta] = [uniqueId('alpha'), uniqueId('beta')];
  let alice: Record<string, string>;
  const admin = () => ({ authorization: `Bearer ${api.token}` });

  beforeAll(async () => {
    api = await startTestApp(dialect, { live: { heartbeatMs: 300, streamsPerActor: 3 } });
    base = await listening(api);
    for (const team of [alpha, beta]) await ok(api.post('/v1/teams', { name: team }));
    await ok(
      api.post('/v1/blueprints', {
        identifier: S,
        title: S,
        schema: { properties: { n: { type: 'number' } }, required: [] },
        relations: { parent: { target: S, many: false, required: false } },
      }),
    );
    const owners = { roles: ['Admin'], ownedByTeam: true };
    await ok(
      api.patch(`/v1/blueprints/${S}/permissions`, {
        entities: { read: owners, register: owners, update: owners, unregister: owners },
      }),
    );
    alice = (await createPerson(api, { roles: ['Member'], teams: [alpha] })).headers;
  });
  afterEach(async () => {
    await Promise.all(streams.splice(0).map((stream) => stream.close()));
  });
  afterAll(() => api.close());

  async function open(headers: Record<string, string>, at = base) {
    const stream = await openEventStream(`${at}/v1/stream`, headers);
    streams.push(stream);
    if (stream.response.ok) await stream.next((event) => event.event === 'ready');
    return stream;
  }

  it('tells an open stream of entities created, updated, renamed and deleted through the API', async () => {
    const stream = await open(admin());
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.events[0]?.retry).toBeGreaterThan(0);

    await ok(api.post(`/v1/blueprints/${S}/entities`, { identifier: 'e1', team: [alpha] }));
    await hears(stream, { kind: 'entity', blueprint: S, identifier: 'e1', action: 'created' });
    await ok(api.patch(`/v1/blueprints/${S}/entities/e1`, { properties: { n: 1 } }));
    await hears(stream, { identifier: 'e1', action: 'updated' });
    await ok(api.patch(`/v1/blueprints/${S}/entities/e1`, { identifier: 'e2' }));
    await hears(stream, { identifier: 'e1', action: 'deleted' });
    await hears(stream, { identifier: 'e2', action: 'created' });
    await ok(api.delete(`/v1/blueprints/${S}/entities/e2`));
    await hears(stream, { identifier: 'e2', action: 'deleted' });

    const changes = stream.events.filter((event) => event.event === 'change');
    const ids = changes.map((event) => Number(event.id));
    expect(ids.every((id, i) => id > (ids[i - 1] ?? 0))).toBe(true);
    // A change never says who could read the entity before it. (Only entity changes are looked at: on
    // PostgreSQL, the notifications of this file's setup may still be arriving when the stream opens.)
    const entityChanges = heard(stream).filter((change) => change.kind === 'entity');
    expect(new Set(entityChanges.map((change) => Object.keys(change).sort().join()))).toEqual(
      new Set(['action,blueprint,identifier,kind']),
    );
  });

  it('tells of blueprints, permissions, stubs, large bulk writes and deletes of every entity', async () => {
    const stream = await open(admin());
    const B = uniqueId('live_b');
    await ok(api.post('/v1/blueprints', { identifier: B, title: B, schema: { properties: {} } }));
    await hears(stream, { kind: 'blueprint', blueprint: B, action: 'created' });
    await ok(api.patch(`/v1/blueprints/${B}`, { title: 'renamed' }));
    await hears(stream, { kind: 'blueprint', blueprint: B, action: 'updated' });
    await ok(api.patch(`/v1/blueprints/${S}/permissions`, { entities: { read: { users: [] } } }));
    await hears(stream, { kind: 'blueprint', blueprint: S, action: 'updated' });

    await ok(
      api.post(`/v1/blueprints/${S}/entities?create_missing_related_entities=true`, {
        identifier: uniqueId('child'),
        team: [alpha],
        relations: { parent: 'stubbed-parent' },
      }),
    );
    await hears(stream, { kind: 'entity', identifier: 'stubbed-parent', action: 'created' });

    const entities = Array.from({ length: 150 }, (_, i) => ({ identifier: `b${i}` }));
    await ok(api.post(`/v1/blueprints/${B}/entities/bulk`, { entities }));
    await hears(stream, { kind: 'entities', blueprint: B, action: 'changed' });
    expect(heard(stream).filter((change) => change.blueprint === B && change.kind === 'entity')).toEqual([]);

    const before = stream.events.length;
    await ok(api.delete(`/v1/blueprints/${B}/all-entities`));
    await stream.next(
      (event) => event.event === 'change' && event.data.includes(`"kind":"entities","blueprint":"${B}"`),
      5000,
      before,
    );
    await ok(api.delete(`/v1/blueprints/${B}`));
    await hears(stream, { kind: 'blueprint', blueprint: B, action: 'deleted' });
  });

  it('tells of every entity of a bulk write whose changes fill several notifications', async () => {
    const stream = await open(admin());
    const prefix = uniqueId('long');
    const identifiers = Array.from({ length: 60 }, (_, i) => `${prefix}-${i}-${'x'.repeat(900)}`);
    await ok(
      api.post(`/v1/blueprints/${S}/entities/bulk`, {
        entities: identifiers.map((identifier) => ({ identifier, team: [alpha] })),
      }),
    );
    await hears(stream, { identifier: identifiers.at(-1) });
    await stream.next(() => heard(stream).filter((c) => c.identifier?.startsWith(prefix)).length >= 60);
    expect(
      heard(stream)
        .filter((change) => change.identifier?.startsWith(prefix))
        .map((change) => change.identifier)
        .sort(),
    ).toEqual([...identifiers].sort());
  });

  it('tells a Member only of entities it may read, and never names one it may not', async () => {
    const stream = await open(alice);
    const hidden = uniqueId('hidden');
    const moved = uniqueId('moved');
    const marker = uniqueId('marker');
    await ok(api.post(`/v1/blueprints/${S}/entities`, { identifier: hidden, team: [beta] }));
    await ok(api.patch(`/v1/blueprints/${S}/entities/${hidden}`, { properties: { n: 2 } }));
    await ok(api.post(`/v1/blueprints/${S}/entities`, { identifier: moved, team: [alpha] }));
    await hears(stream, { identifier: moved, action: 'created' });
    // Moved to another team, it was readable before the change: the Member hears of it (and then reads a 404).
    await ok(api.patch(`/v1/blueprints/${S}/entities/${moved}`, { team: [beta] }));
    await hears(stream, { identifier: moved, action: 'updated' });
    await ok(api.delete(`/v1/blueprints/${S}/entities/${moved}`));
    await ok(api.delete(`/v1/blueprints/${S}/entities/${hidden}`));
    await ok(
      api.post(`/v1/blueprints/${S}/entities?create_missing_related_entities=true`, {
        identifier: uniqueId('child'),
        team: [beta],
        relations: { parent: `${hidden}-stub` },
      }),
    );
    await ok(api.post(`/v1/blueprints/${S}/entities`, { identifier: marker, team: [alpha] }));
    await hears(stream, { identifier: marker, action: 'created' });

    const text = JSON.stringify(stream.events);
    expect(text).not.toContain(hidden);
    expect(
      heard(stream)
        .filter((change) => change.identifier === moved)
        .map((c) => c.action),
    ).toEqual(['created', 'updated']);
  });

  it('answers 401 without credentials, and with a token that signs nobody in', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-token' }] as Array<Record<string, string>>) {
      const stream = await openEventStream(`${base}/v1/stream`, headers);
      expect(stream.response.status).toBe(401);
      expect(((await stream.response.json()) as { error: string }).error).toBe('unauthorized');
    }
    expect(api.routes.find((route) => route.url === '/v1/stream')).toMatchObject({ public: false });
  });

  it('tells nothing of writes refused or rolled back', async () => {
    const stream = await open(admin());
    const refused = uniqueId('refused');
    const marker = uniqueId('marker');
    const invalid = await api.post(`/v1/blueprints/${S}/entities`, {
      identifier: refused,
      properties: { n: 'x' },
    });
    expect(invalid.status).toBe(422);
    const forbidden = await api.request(
      'POST',
      `/v1/blueprints/${S}/entities`,
      { identifier: refused, team: [beta] },
      alice,
    );
    expect(forbidden.status).toBe(403);
    // Refused inside their transactions, which roll back.
    const kept = uniqueId('kept');
    await ok(api.post(`/v1/blueprints/${S}/entities`, { identifier: kept, team: [alpha] }));
    await hears(stream, { identifier: kept, action: 'created' });
    const stale = await api.delete(`/v1/blueprints/${S}/entities/${kept}`, { 'if-match': '"0-stale"' });
    expect(stale.status).toBe(412);
    const inUse = await api.delete(`/v1/blueprints/${S}`);
    expect(inUse.status).toBe(409);
    const stubbed = await api.post(`/v1/blueprints/${S}/entities`, {
      identifier: refused,
      relations: { parent: `${refused}-missing` },
    });
    expect(stubbed.status).toBe(404);

    await ok(api.post(`/v1/blueprints/${S}/entities`, { identifier: marker, team: [alpha] }));
    await hears(stream, { identifier: marker, action: 'created' });
    const changes = heard(stream);
    expect(changes.filter((change) => change.identifier === kept)).toEqual([
      { kind: 'entity', blueprint: S, identifier: kept, action: 'created' },
    ]);
    expect(JSON.stringify(changes)).not.toContain(refused);
    expect(changes.filter((change) => change.kind === 'blueprint' && change.blueprint === S)).toEqual([]);
  });

  it('limits the streams one caller may open, naming the limit', async () => {
    const person = await createPerson(api, { roles: ['Member'] });
    const three = [await open(person.headers), await open(person.headers), await open(person.headers)];
    const refused = await openEventStream(`${base}/v1/stream`, person.headers);
    expect(refused.response.status).toBe(429);
    const body = (await refused.response.json()) as { error: string; message: string };
    expect(body.error).toBe('too_many_streams');
    expect(body.message).toContain('At most 3');
    // Another caller is not counted against this one.
    expect((await open(admin())).response.status).toBe(200);
    await three[0]!.close();
    for (let i = 0; i < 100; i++) {
      const again = await openEventStream(`${base}/v1/stream`, person.headers);
      streams.push(again);
      if (again.response.status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('a closed stream was never given back');
  });

  it('keeps a session-cookie stream alive with heartbeats, and ends it once the session ends', async () => {
    const email = `${uniqueId('browser')}@example.com`;
    const invited = await ok(api.post('/v1/users/invite', { invitee: { email, teams: [alpha] } }));
    const password = 'correct horse battery staple';
    expect(
      (
        await api.app.inject({
          method: 'POST',
          url: '/auth/password/reset',
          payload: { token: invited.invitation.token, password },
        })
      ).statusCode,
    ).toBe(200);
    const login = await api.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password } });
    const cookie = login.cookies.find((c) => c.name === 'portico_session')!.value;
    const stream = await open({ cookie: `portico_session=${cookie}` });
    expect(stream.response.status).toBe(200);
    await stream.next((event) => event.comment === 'ping');
    const out = await api.app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { cookie: `portico_session=${cookie}`, 'x-csrf-token': login.json().csrfToken },
    });
    expect(out.statusCode).toBeLessThan(300);
    await stream.ending();
    const again = await openEventStream(`${base}/v1/stream`, { cookie: `portico_session=${cookie}` });
    expect(again.response.status).toBe(401);
  });

  it('ends open streams when the app closes, which does not wait for them', async () => {
    const other = await startTestApp(dialect);
    const at = await listening(other);
    const stream = await open({ authorization: `Bearer ${other.token}` }, at);
    await other.close();
    await stream.ending();
  });
});

describe.skipIf(process.env.PORTICO_TEST_PG === 'off')('live updates across replicas [postgres]', () => {
  let a: TestApp;
  let b: TestApp;
  const streams: EventStream[] = [];
  beforeAll(async () => {
    a = await startTestApp('postgres');
    b = await startTestApp('postgres');
  });
  afterAll(async () => {
    await Promise.all(streams.map((stream) => stream.close()));
    await a.close();
    await b.close();
  });

  async function open(api: TestApp) {
    const stream = await openEventStream(`${await listening(api)}/v1/stream`, {
      authorization: `Bearer ${api.token}`,
    });
    streams.push(stream);
    await stream.next((event) => event.event === 'ready');
    return stream;
  }

  it('tells a stream opened on one replica of a write through another, and each stream once', async () => {
    const onA = await open(a);
    const onB = await open(b);
    const B = uniqueId('replicated');
    await ok(a.post('/v1/blueprints', { identifier: B, title: B, schema: { properties: {} } }));
    await ok(a.post(`/v1/blueprints/${B}/entities`, { identifier: 'from-a' }));
    await ok(b.post(`/v1/blueprints/${B}/entities`, { identifier: 'from-b' }));
    for (const stream of [onA, onB]) {
      await hears(stream, { blueprint: B, identifier: 'from-a', action: 'created' });
      await hears(stream, { blueprint: B, identifier: 'from-b', action: 'created' });
    }
    const marker = uniqueId('marker');
    await ok(a.post(`/v1/blueprints/${B}/entities`, { identifier: marker }));
    for (const stream of [onA, onB]) {
      await hears(stream, { identifier: marker });
      const mine = heard(stream).filter((change) => change.blueprint === B);
      // Each once, from whichever replica wrote it (in no promised order across replicas).
      expect(mine.map((change) => change.identifier ?? change.kind).sort()).toEqual(
        ['blueprint', 'from-a', 'from-b', marker].sort(),
      );
    }
  });
});
