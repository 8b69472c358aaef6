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

  it("starts relatedTo and matchAny from the searcher's teams, and tests the searcher's own properties", async () => {
    const service = `${blueprint}_svc`;
    await api.post('/v1/blueprints', {
      identifier: service,
      title: 'Service',
      schema: { properties: {}, required: [] },
      relations: { maintainers: { target: '_team', many: true, required: false } },
    });
    for (const [identifier, maintainers] of [
      ['billing', [dev]],
      ['paging', [ops]],
      ['shared', [dev, ops]],
    ] as const)
      expect(
        (await api.post(`/v1/blueprints/${service}/entities`, { identifier, relations: { maintainers } }))
          .status,
      ).toBe(201);
    const search = (rule: Record<string, unknown>, person: { headers: Record<string, string> }) =>
      api.post(
        `/v1/blueprints/${service}/entities/search`,
        { query: { combinator: 'and', rules: [rule] } },
        person.headers,
      );
    const names = (response: { body: { entities: Array<{ identifier: string }> } }) =>
      response.body.entities.map((e) => e.identifier).sort();
    const myTeams = { context: 'userTeams', property: '$identifier' };
    const relatedToMine = {
      operator: 'relatedTo',
      blueprint: '_team',
      value: myTeams,
      direction: 'downstream',
    };
    const maintainedByMine = {
      property: { path: ['maintainers'] },
      operator: 'matchAny',
      value: ['My Teams'],
    };
    for (const rule of [relatedToMine, maintainedByMine]) {
      expect(names(await search(rule, reader))).toEqual(['billing', 'shared']);
      expect(names(await search(rule, operator))).toEqual(['paging', 'shared']);
      expect(names(await search(rule, outsider))).toEqual([]);
    }
    // A rule on the searcher's own email, ignoring case: true for one person, false for the others.
    const byOwnEmail = {
      property: { context: 'user', property: '$identifier' },
      operator: 'beginsWith',
      value: reader.email.split('@')[0]!.toUpperCase(),
    };
    expect(names(await search(byOwnEmail, reader))).toEqual(['billing', 'paging', 'shared']);
    expect(names(await search(byOwnEmail, operator))).toEqual([]);
  });
});
