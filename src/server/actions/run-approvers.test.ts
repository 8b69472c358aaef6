import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAction } from '../../../test/actions.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/webhook-receiver.js';

type Person = Awaited<ReturnType<typeof createPerson>>;
const ids = (runs: Array<{ id: string }>) => runs.map((r) => r.id).sort();

describeEachDatabase('who approves a run, sees it and finds it among those awaiting them', (dialect) => {
  let api: TestApp;
  let receiver: WebhookReceiver;
  let member: Person;

  beforeAll(async () => {
    api = await startTestApp(dialect);
    receiver = await startWebhookReceiver();
    member = await createPerson(api);
  });
  afterAll(async () => {
    await api.close();
    await receiver.close();
  });

  const as = (who: Person, method: string, url: string, body?: unknown) =>
    api.request(method, url, body, who.headers);
  const start = async (who: Person, action: string, name = '') => {
    const started = await as(who, 'POST', `/v1/actions/${action}/runs`, { properties: { name } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    return started.body.run.id as string;
  };
  const awaiting = async (who: Person, action: string) =>
    ids((await as(who, 'GET', `/v1/actions/runs?awaiting_my_approval=true&action=${action}`)).body.runs);

  /** An action that waits for approval, delivered to the local receiver, with these approve permissions. */
  async function approvalAction(requiredApproval: unknown, approve: object, extra: object = {}) {
    const action = await createAction(api, {
      invocationMethod: { type: 'WEBHOOK', url: `${receiver.url}/${uniqueId('hook')}` },
      requiredApproval,
      ...extra,
    });
    const changed = await api.patch(`/v1/actions/${action}/permissions`, { approve });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    return action;
  }

  it('lists nobody when a query of the approve policy cannot run with the inputs', async () => {
    const reviewer = await createPerson(api);
    const approve = (operator: string) => ({
      roles: ['Admin'],
      policy: {
        queries: {
          q: {
            combinator: 'and',
            rules: [{ property: '$identifier', operator, value: '{{ "no-" + .inputs.name }}' }],
          },
        },
        conditions: ['if (.results.q.entities | length) == 0 then [.inputs.name] else [] end'],
      },
    });
    // The same policy with a query that runs lists the reviewer; `in` takes an array, not the name.
    const runs = await approvalAction({ type: 'ANY' }, approve('='));
    const fails = await approvalAction({ type: 'ANY' }, approve('in'));
    const listed = await start(member, runs, reviewer.email);
    expect(await awaiting(reviewer, runs)).toEqual([listed]);
    await start(member, fails, reviewer.email);
    expect(await awaiting(reviewer, fails)).toEqual([]);
  });

  it('lets the approvers a policy lists read, list and approve a run whose action hides runs; others get 404', async () => {
    const reviewer = await createPerson(api);
    const outsider = await createPerson(api);
    const action = await approvalAction(
      { type: 'ANY' },
      {
        roles: ['Admin'],
        policy: {
          queries: {},
          conditions: ['[.inputs.name]'],
        },
      },
      { allowAnyoneToViewRuns: false },
    );
    const theirs = await start(member, action, reviewer.email);
    const notTheirs = await start(member, action, outsider.email);

    const read = await as(reviewer, 'GET', `/v1/actions/runs/${theirs}`);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect((await as(reviewer, 'GET', `/v1/actions/runs/${theirs}/logs`)).status).toBe(200);
    const listed = await as(reviewer, 'GET', `/v1/actions/runs?action=${action}`);
    expect(ids(listed.body.runs)).toEqual([theirs]);
    expect(await awaiting(reviewer, action)).toEqual([theirs]);

    // Not named for that run, nor for the other: as for a run that does not exist.
    const missing = await as(reviewer, 'GET', '/v1/actions/runs/r_does_not_exist');
    for (const [who, id] of [
      [reviewer, notTheirs],
      [outsider, theirs],
    ] as const) {
      const hidden = await as(who, 'GET', `/v1/actions/runs/${id}`);
      expect(hidden.status).toBe(404);
      expect(hidden.body.error).toBe(missing.body.error);
      const decided = await as(who, 'PATCH', `/v1/actions/runs/${id}/approval`, { status: 'APPROVE' });
      expect(decided.status).toBe(404);
    }

    const approved = await as(reviewer, 'PATCH', `/v1/actions/runs/${theirs}/approval`, {
      status: 'APPROVE',
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    expect(approved.body.run.status).toBe('IN_PROGRESS');
    expect(await awaiting(reviewer, action)).toEqual([]);
  });

  it('lists for each approver only the runs they may still decide: never their own unless Admin', async () => {
    const alice = await createPerson(api);
    const bob = await createPerson(api);
    const admin = await createPerson(api, { roles: ['Admin'] });
    const hers = await approvalAction(true, { roles: [], users: [alice.email] });
    const his = await approvalAction(true, { roles: [], users: [bob.email] });
    const both = await approvalAction({ type: 'ALL' }, { roles: [], users: [alice.email, bob.email] });

    const forAlice = await start(member, hers);
    const byAlice = await start(alice, hers);
    const byAdmin = await start(admin, hers);
    const forBob = await start(member, his);
    const forBoth = await start(member, both);

    expect(await awaiting(alice, hers)).toEqual([forAlice, byAdmin].sort());
    expect(await awaiting(alice, his)).toEqual([]);
    expect(await awaiting(bob, his)).toEqual([forBob]);
    // Everyone sees these runs (allowAnyoneToViewRuns), and their own, but none waits for them.
    expect(await awaiting(member, hers)).toEqual([]);
    expect(ids((await as(member, 'GET', `/v1/actions/runs?action=${hers}`)).body.runs)).toHaveLength(3);
    // An Admin decides every run, their own too.
    expect(await awaiting(admin, hers)).toEqual([forAlice, byAlice, byAdmin].sort());

    // With ALL, a run leaves the list of each approver who has decided.
    expect(await awaiting(alice, both)).toEqual([forBoth]);
    const first = await as(alice, 'PATCH', `/v1/actions/runs/${forBoth}/approval`, { status: 'APPROVE' });
    expect(first.body.run.status).toBe('WAITING_FOR_APPROVAL');
    expect(await awaiting(alice, both)).toEqual([]);
    expect(await awaiting(bob, both)).toEqual([forBoth]);
  });

  it("refuses a moderator's approval of their own run, as anyone's but an Admin's", async () => {
    const blueprint = uniqueId('bp');
    const created = await api.post('/v1/blueprints', { identifier: blueprint, title: 'b', schema: {} });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const moderator = await createPerson(api, { roles: [`${blueprint}-moderator`] });
    const action = await approvalAction(
      true,
      { roles: ['Admin'] },
      { trigger: { blueprintIdentifier: blueprint } },
    );
    const own = await start(moderator, action);
    const refused = await as(moderator, 'PATCH', `/v1/actions/runs/${own}/approval`, { status: 'APPROVE' });
    expect(refused.status).toBe(403);
    expect(await awaiting(moderator, action)).toEqual([]);
    const others = await start(member, action);
    expect(await awaiting(moderator, action)).toEqual([others]);
    const approved = await as(moderator, 'PATCH', `/v1/actions/runs/${others}/approval`, {
      status: 'APPROVE',
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
  });

  it('names as pending approvers exactly the active users the grant names by role, user and team', async () => {
    const blueprint = uniqueId('bp');
    expect((await api.post('/v1/blueprints', { identifier: blueprint, title: 'b', schema: {} })).status).toBe(
      201,
    );
    const team = uniqueId('team');
    expect((await api.post('/v1/teams', { name: team })).status).toBe(200);
    const moderator = await createPerson(api, { roles: [`${blueprint}-moderator`] });
    const named = await createPerson(api);
    const teammate = await createPerson(api, { teams: [team] });
    const disabled = await createPerson(api, { teams: [team] });
    const outsider = await createPerson(api);
    const patched = await api.patch(`/v1/blueprints/_user/entities/${encodeURIComponent(disabled.email)}`, {
      properties: { status: 'Disabled' },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const action = await approvalAction(true, {
      roles: [`${blueprint}-moderator`],
      users: [named.email],
      teams: [team],
    });
    const run = await start(member, action);
    const pending = async () => {
      const listed = await api.get(`/v1/actions/runs/${run}/approvers?include_pending_approvers=true`);
      return listed.body.approvers.map((a: { userId: string }) => a.userId);
    };
    expect(await pending()).toEqual([moderator.email, named.email, teammate.email].sort());

    // By Port's role names: every Admin (not members), every Member (not Admins).
    const admin = await createPerson(api, { roles: ['Admin'] });
    await api.patch(`/v1/actions/${action}/permissions`, {
      approve: { roles: ['Admin'], users: [], teams: [] },
    });
    expect(await pending()).toContain(admin.email);
    expect(await pending()).not.toContain(outsider.email);
    await api.patch(`/v1/actions/${action}/permissions`, { approve: { roles: ['Member'] } });
    expect(await pending()).toEqual(expect.arrayContaining([outsider.email, named.email, teammate.email]));
    expect(await pending()).not.toContain(admin.email);
    expect(await pending()).not.toContain(disabled.email);
    expect(await pending()).not.toContain(member.email); // who ran it
  });
});
