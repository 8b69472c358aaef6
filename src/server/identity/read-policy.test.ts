import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';

describeEachDatabase("Port's read policies and contextual searches", (dialect) => {
  let api: TestApp;
  const blueprint = uniqueId('rp');
  const [ops, dev] = [uniqueId('ops'), uniqueId('dev')];
  let reader: Awaited<ReturnType<typeof createPerson>>;
  let operator: Awaited<ReturnType<typeof createPerson>>;
  let outsider: Awaited<ReturnType<typeof createPerson>>;

  beforeAll(async () => {
    api = await startTestApp(dialect);
    for (const team of [ops, dev]) await api.post('/v1/teams', { name: team });
    await api.post('/v1/blueprints', {
      identifier: blueprint,
      title: 'Secrets',
      schema: { properties: { owner_email: { type: 'string' } }, required: [] },
    });
    [reader, operator, outsider] = [
      await createPerson(api, { teams: [dev] }),
      await createPerson(api, { teams: [ops] }),
      await createPerson(api),
    ];
    // Admins read everything; others read what names them, and the ops team reads it all.
    const policy = {
      combinator: 'or',
      rules: [
        { property: 'owner_email', operator: '=', value: { context: 'user', property: '$identifier' } },
        { property: { context: 'user', property: '$team' }, operator: 'containsAny', value: [ops] },
      ],
    };
    const patched = await api.patch(`/v1/blueprints/${blueprint}/permissions`, {
      entities: { read: { roles: ['Admin'], policy } },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.permissions.entities.read.policy).toEqual(policy);
    for (const [identifier, owner] of [
      ['mine', reader.email],
      ['theirs', 'someone@example.com'],
    ])
      await api.post(`/v1/blueprints/${blueprint}/entities`, {
        identifier,
        properties: { owner_email: owner },
      });
  });
  afterAll(() => api.close());

  const visibleTo = async (headers: Record<string, string>) => {
    const found = await api.post(`/v1/blueprints/${blueprint}/entities/search`, {}, headers);
    return found.body.entities.map((e: { identifier: string }) => e.identifier).sort();
  };

  it('a policy lets each person read what it matches for them, in searches, counts and reads', async () => {
    expect(await visibleTo(reader.headers)).toEqual(['mine']);
    expect(await visibleTo(operator.headers)).toEqual(['mine', 'theirs']);
    expect(await visibleTo(outsider.headers)).toEqual([]);
    expect(await visibleTo({})).toEqual(['mine', 'theirs']); // the admin
    expect((await api.get(`/v1/blueprints/${blueprint}/entities/mine`, reader.headers)).status).toBe(200);
    expect((await api.get(`/v1/blueprints/${blueprint}/entities/theirs`, reader.headers)).status).toBe(404);
    expect((await api.get(`/v1/blueprints/${blueprint}/entities-count`, reader.headers)).body.count).toBe(1);
  });

  it('a policy that does not compile is refused, naming the rule under the field', async () => {
    const response = await api.patch(`/v1/blueprints/${blueprint}/permissions`, {
      entities: {
        read: { policy: { combinator: 'and', rules: [{ property: 'nope', operator: '=', value: 1 }] } },
      },
    });
    expect(response.status).toBe(422);
    expect(response.body.message).toMatch(/^entities\.read\.policy\.rules\[0\]: unknown property "nope"/);
  });

  it('searches resolve {context: user} values and My Teams for whoever searches', async () => {
    const mine = {
      query: {
        combinator: 'and',
        rules: [
          { property: 'owner_email', operator: '=', value: { context: 'user', property: '$identifier' } },
        ],
      },
    };
    expect(
      (await api.post(`/v1/blueprints/${blueprint}/entities/search`, mine, operator.headers)).body.entities,
    ).toEqual([]);
    const own = await api.post(`/v1/blueprints/${blueprint}/entities/search`, mine, reader.headers);
    expect(own.body.entities.map((e: { identifier: string }) => e.identifier)).toEqual(['mine']);

    // "My Teams" on a blueprint everyone reads: each person finds their own teams' entities.
    const open = `${blueprint}_open`;
    await api.post('/v1/blueprints', {
      identifier: open,
      title: 'Open',
      schema: { properties: {}, required: [] },
    });
    await api.post(`/v1/blueprints/${open}/entities`, { identifier: 'devs', team: [dev] });
    await api.post(`/v1/blueprints/${open}/entities`, { identifier: 'opss', team: [ops] });
    const byMyTeams = {
      query: {
        combinator: 'and',
        rules: [{ property: '$team', operator: 'containsAny', value: ['My Teams'] }],
      },
    };
    for (const [person, expected] of [
      [reader, ['devs']],
      [operator, ['opss']],
      [outsider, []],
    ] as const) {
      const found = await api.post(`/v1/blueprints/${open}/entities/search`, byMyTeams, person.headers);
      expect(found.body.entities.map((e: { identifier: string }) => e.identifier)).toEqual(expected);
    }
  });
});
