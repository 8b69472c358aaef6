import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAction, createBlueprint } from '../../../test/actions.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';

type Person = Awaited<ReturnType<typeof createPerson>>;

describeEachDatabase('who may run actions and see runs', (dialect) => {
  let api: TestApp;
  let ann: Person;
  let bob: Person;

  beforeAll(async () => {
    api = await startTestApp(dialect);
    ann = await createPerson(api);
    bob = await createPerson(api);
  });
  afterAll(() => api.close());

  const as = (who: Person, method: string, url: string, body?: unknown) =>
    api.request(method, url, body, who.headers);
  const run = (who: Person, action: string, body: object = { properties: {} }) =>
    as(who, 'POST', `/v1/actions/${action}/runs`, body);

  it('answers a hidden action as a missing one, and a visible one without execute with 403', async () => {
    const action = await createAction(api, {});
    await api.patch(`/v1/actions/${action}/permissions`, { execute: { roles: ['Admin'] } });
    const hidden = await run(ann, action);
    const missing = await run(ann, 'no_such_action_here');
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);

    // Seen through the approve grant, but not executable.
    await api.patch(`/v1/actions/${action}/permissions`, { approve: { users: [ann.email] } });
    expect((await run(ann, action)).status).toBe(403);
    expect((await api.get(`/v1/actions/runs?action=${action}`)).body.runs).toEqual([]);
  });

  it('lets a team run what its team is granted', async () => {
    const team = uniqueId('team');
    expect((await api.post('/v1/teams', { name: team })).status).toBe(200);
    const member = await createPerson(api, { teams: [team] });
    const action = await createAction(api, {});
    await api.patch(`/v1/actions/${action}/permissions`, { execute: { roles: [], teams: [team] } });
    expect((await run(member, action)).status).toBe(202);
    expect((await run(ann, action)).status).toBe(404);
  });

  it('runs DAY-2 actions only on entities the caller can read, that meet the condition, for owners when ownedByTeam', async () => {
    const blueprint = await createBlueprint(api, { locked: { type: 'boolean' } });
    const team = uniqueId('owners');
    expect((await api.post('/v1/teams', { name: team })).status).toBe(200);
    const owner = await createPerson(api, { teams: [team] });
    for (const [identifier, locked, teams] of [
      ['open', false, [team]],
      ['shut', true, [team]],
      ['theirs', false, []],
    ] as const)
      expect(
        (
          await api.post(`/v1/blueprints/${blueprint}/entities`, {
            identifier,
            properties: { locked },
            team: teams,
          })
        ).status,
      ).toBe(201);
    const action = await createAction(api, {
      trigger: {
        operation: 'DAY-2',
        blueprintIdentifier: blueprint,
        userInputs: { properties: {}, required: [] },
        condition: {
          type: 'SEARCH',
          combinator: 'and',
          rules: [{ property: 'locked', operator: '=', value: false }],
        },
      },
    });
    await api.patch(`/v1/actions/${action}/permissions`, { execute: { roles: [], ownedByTeam: true } });
    expect((await run(owner, action, { properties: {}, entity: 'open' })).status).toBe(202);
    const unmet = await run(owner, action, { properties: {}, entity: 'shut' });
    expect(unmet.status).toBe(422);
    expect(unmet.body.details.field).toBe('entity');
    expect((await run(owner, action, { properties: {}, entity: 'theirs' })).status).toBe(403);
    expect((await run(owner, action, { properties: {}, entity: 'never' })).status).toBe(404);
    expect((await run(owner, action, { properties: {} })).status).toBe(400);
  });

  it('shows members their own runs only when allowAnyoneToViewRuns is false', async () => {
    const open = await createAction(api, {});
    const closed = await createAction(api, { allowAnyoneToViewRuns: false });
    const annOpen = (await run(ann, open)).body.run.id;
    const annClosed = (await run(ann, closed)).body.run.id;
    const bobClosed = (await run(bob, closed)).body.run.id;
    expect((await as(bob, 'GET', `/v1/actions/runs/${annOpen}`)).status).toBe(200);
    const hidden = await as(bob, 'GET', `/v1/actions/runs/${annClosed}`);
    expect(hidden.status).toBe(404);
    expect((await as(bob, 'GET', `/v1/actions/runs/${annClosed}/logs`)).status).toBe(404);
    const listed = (await as(bob, 'GET', `/v1/actions/runs?action=${closed}`)).body.runs;
    expect(listed.map((r: { id: string }) => r.id)).toEqual([bobClosed]);
    const all = (await api.get(`/v1/actions/runs?action=${closed}`)).body.runs;
    const none = (await api.get(`/v1/actions/runs?action=${closed}&status=SUCCESS&status=DECLINED`)).body
      .runs;
    expect(none).toEqual([]);
    // Their deliveries go nowhere: in progress or failed by now, never succeeded.
    const unfinished = await api.get(`/v1/actions/runs?action=${closed}&status=IN_PROGRESS&status=FAILURE`);
    expect(unfinished.body.runs).toHaveLength(2);
    expect(all.map((r: { id: string }) => r.id).sort()).toEqual([annClosed, bobClosed].sort());
    // Only Admins and the action's managers report on runs.
    expect((await as(ann, 'POST', `/v1/actions/runs/${annOpen}/logs`, { message: 'hi' })).status).toBe(403);
  });

  /** An execute policy: allowed when no entity of `blueprint` has the identifier(s) the inputs name. */
  async function allowOnlyWhenNoneExists(
    action: string,
    blueprint: string,
    query: string,
    operator: '=' | 'in',
    identifiers: string,
    roles?: string[],
  ) {
    const changed = await api.patch(`/v1/actions/${action}/permissions`, {
      execute: {
        ...(roles ? { roles } : {}),
        policy: {
          queries: {
            [query]: {
              combinator: 'and',
              rules: [
                { property: '$blueprint', operator: '=', value: blueprint },
                { property: '$identifier', operator, value: identifiers },
              ],
            },
          },
          conditions: [`.results.${query}.entities | length == 0`],
        },
      },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
  }

  it('decides an execute policy over the inputs, with queries over the catalog', async () => {
    const blueprint = await createBlueprint(api);
    expect((await api.post(`/v1/blueprints/${blueprint}/entities`, { identifier: 'taken' })).status).toBe(
      201,
    );
    const action = await createAction(api, {
      trigger: { userInputs: { properties: { name: { type: 'string' } }, required: ['name'] } },
    });
    await allowOnlyWhenNoneExists(action, blueprint, 'existing', '=', '{{ .inputs.name }}', ['Member']);
    expect((await run(ann, action, { properties: { name: 'fresh' } })).status).toBe(202);
    expect((await run(ann, action, { properties: { name: 'taken' } })).status).toBe(403);
  });

  it('denies when a policy query cannot run with the inputs, naming the query, instead of leaving it out', async () => {
    const blueprint = await createBlueprint(api);
    const created = await api.post(`/v1/blueprints/${blueprint}/entities`, { identifier: 'cart-service' });
    expect(created.status).toBe(201);
    const action = await createAction(api, {
      trigger: { userInputs: { properties: { tags: { type: 'array' } }, required: [] } },
    });
    await allowOnlyWhenNoneExists(action, blueprint, 'q', 'in', '{{ .inputs.tags }}');
    expect((await run(ann, action, { properties: { tags: ['other'] } })).status).toBe(202);
    expect((await run(ann, action, { properties: { tags: ['cart-service'] } })).status).toBe(403);
    for (const tags of [
      ['cart-service', 5],
      ['cart-service', { a: 1 }],
    ]) {
      const refused = await run(ann, action, { properties: { tags } });
      expect(refused.status, JSON.stringify(tags)).toBe(403);
      expect(refused.body.message).toContain('query "q" (at rules[1])');
    }
  });

  it('runs as a user with run_as from machine credentials, never from a user token', async () => {
    const action = await createAction(api, {});
    const asAnn = await api.post(`/v1/actions/${action}/runs?run_as=${encodeURIComponent(ann.email)}`, {
      properties: {},
    });
    expect(asAnn.status, JSON.stringify(asAnn.body)).toBe(202);
    expect(asAnn.body.run).toMatchObject({ createdBy: ann.email, impersonatedBy: api.clientId });
    const byUser = await as(
      bob,
      'POST',
      `/v1/actions/${action}/runs?run_as=${encodeURIComponent(ann.email)}`,
      {
        properties: {},
      },
    );
    expect(byUser.status).toBe(403);
    const nobody = await api.post(`/v1/actions/${action}/runs?run_as=ghost@example.com`, { properties: {} });
    expect(nobody.status).toBe(400);
  });
});
