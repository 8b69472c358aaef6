import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAction, runReaches } from '../../../test/actions.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/webhook-receiver.js';

type Person = Awaited<ReturnType<typeof createPerson>>;

describeEachDatabase('runs that wait for approval', (dialect) => {
  let api: TestApp;
  let receiver: WebhookReceiver;
  let member: Person;
  let approver: Person;

  beforeAll(async () => {
    api = await startTestApp(dialect);
    receiver = await startWebhookReceiver();
    member = await createPerson(api);
    approver = await createPerson(api, { roles: ['Admin'] });
  });
  afterAll(async () => {
    await api.close();
    await receiver.close();
  });

  const as = (who: Person, method: string, url: string, body?: unknown) =>
    api.request(method, url, body, who.headers);

  async function approvalAction(requiredApproval: unknown, path: string) {
    return createAction(api, {
      invocationMethod: { type: 'WEBHOOK', url: `${receiver.url}${path}` },
      requiredApproval,
    });
  }

  it('delivers nothing until an approver approves, then delivers once', async () => {
    const path = `/${uniqueId('approve')}`;
    const action = await approvalAction({ type: 'ANY' }, path);
    const started = await as(member, 'POST', `/v1/actions/${action}/runs`, { properties: { name: 'x' } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const run = started.body.run;
    expect(run.status).toBe('WAITING_FOR_APPROVAL');
    expect(run.requiredApproval).toEqual({ type: 'ANY' });

    // A Member who is no approver may not decide; the creator sees the pending approvers.
    const refused = await as(member, 'PATCH', `/v1/actions/runs/${run.id}/approval`, { status: 'APPROVE' });
    expect(refused.status).toBe(403);
    const pending = await as(
      member,
      'GET',
      `/v1/actions/runs/${run.id}/approvers?include_pending_approvers=true`,
    );
    expect(pending.status).toBe(200);
    expect(pending.body.approvers).toContainEqual({
      userId: approver.email,
      state: 'PENDING',
      description: null,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.filter((r) => r.path === path)).toEqual([]);

    const approved = await as(approver, 'PATCH', `/v1/actions/runs/${run.id}/approval`, {
      status: 'APPROVE',
      description: 'ship it',
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    expect(approved.body.run).toMatchObject({
      status: 'IN_PROGRESS',
      approval: { state: 'APPROVED', userId: approver.email, description: 'ship it' },
    });
    await receiver.waitFor(1, path);
    const again = await as(approver, 'PATCH', `/v1/actions/runs/${run.id}/approval`, { status: 'DECLINE' });
    expect(again.status).toBe(409);
    const decided = await as(member, 'GET', `/v1/actions/runs/${run.id}/approvers`);
    expect(decided.body.approvers).toEqual([
      { userId: approver.email, state: 'APPROVED', description: 'ship it' },
    ]);
  });

  it('notifies approvers by webhook, in JSON or for Slack, and notes it on the run', async () => {
    const path = `/${uniqueId('notify')}`;
    for (const format of ['json', 'slack'] as const) {
      const action = await createAction(api, {
        title: 'Deploy to production',
        invocationMethod: { type: 'WEBHOOK', url: `${receiver.url}${path}-run` },
        requiredApproval: true,
        approvalNotification: { type: 'webhook', format, url: `${receiver.url}${path}-${format}` },
      });
      const run = (await as(member, 'POST', `/v1/actions/${action}/runs`, { properties: { name: 'n' } })).body
        .run;
      const [notice] = await receiver.waitFor(1, `${path}-${format}`);
      expect(notice!.headers['x-port-signature']).toMatch(/^v1,/);
      if (format === 'json')
        expect(notice!.body).toMatchObject({
          type: 'APPROVAL_REQUESTED',
          run: { id: run.id, createdBy: member.email, properties: { name: 'n' } },
          approvers: expect.arrayContaining([approver.email]),
        });
      else expect((notice!.body as { text: string }).text).toContain('Deploy to production');
      await expect
        .poll(async () =>
          (await api.get(`/v1/actions/runs/${run.id}/logs`)).body.runLogs.map(
            (l: { message: string }) => l.message,
          ),
        )
        .toContain(`Approvers notified (${format} webhook)`);
    }
  });

  it('lets nobody but an Admin approve their own run, and waits with ALL only for those named', async () => {
    const path = `/${uniqueId('self')}`;
    const action = await approvalAction({ type: 'ALL' }, path);
    const moderatorBlueprint = uniqueId('modbp');
    await api.post('/v1/blueprints', {
      identifier: moderatorBlueprint,
      title: 'm',
      schema: { properties: {} },
    });
    const moderator = await createPerson(api, { roles: [`${moderatorBlueprint}-moderator`] });
    await api.patch(`/v1/actions/${action}/permissions`, {
      approve: { roles: [], users: [member.email, approver.email] },
    });
    const run = (await as(member, 'POST', `/v1/actions/${action}/runs`, { properties: {} })).body.run;
    const listed = await as(
      member,
      'GET',
      `/v1/actions/runs/${run.id}/approvers?include_pending_approvers=true`,
    );
    // The one who ran it is not waited for, nor are moderators of other blueprints.
    expect(listed.body.approvers).toEqual([{ userId: approver.email, state: 'PENDING', description: null }]);
    const own = await as(member, 'PATCH', `/v1/actions/runs/${run.id}/approval`, { status: 'APPROVE' });
    expect(own.status).toBe(403);
    expect(
      (await as(moderator, 'PATCH', `/v1/actions/runs/${run.id}/approval`, { status: 'APPROVE' })).status,
    ).toBe(403);
    const released = await as(approver, 'PATCH', `/v1/actions/runs/${run.id}/approval`, {
      status: 'APPROVE',
    });
    expect(released.body.run.status).toBe('IN_PROGRESS');
  });

  it('ends a declined run DECLINED without delivering it', async () => {
    const path = `/${uniqueId('decline')}`;
    const action = await approvalAction(true, path);
    const run = (await as(member, 'POST', `/v1/actions/${action}/runs`, { properties: {} })).body.run;
    const declined = await as(approver, 'PATCH', `/v1/actions/runs/${run.id}/approval`, {
      status: 'DECLINE',
      description: 'not today',
    });
    expect(declined.body.run).toMatchObject({ status: 'DECLINED', endedAt: expect.any(String) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.filter((r) => r.path === path)).toEqual([]);
  });

  it('lets the creator cancel a run that waits, and nobody else', async () => {
    const action = await approvalAction(true, `/${uniqueId('cancel')}`);
    const run = (await as(member, 'POST', `/v1/actions/${action}/runs`, { properties: {} })).body.run;
    const other = await createPerson(api);
    // Runs of this action are visible to everyone who sees the action (allowAnyoneToViewRuns by default).
    expect((await as(other, 'PATCH', `/v1/actions/runs/${run.id}`, { status: 'FAILURE' })).status).toBe(403);
    expect((await as(member, 'PATCH', `/v1/actions/runs/${run.id}`, { status: 'SUCCESS' })).status).toBe(403);
    const cancelled = await as(member, 'PATCH', `/v1/actions/runs/${run.id}`, { status: 'FAILURE' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.run.status).toBe('FAILURE');
  });

  it('with ALL, waits for every approver', async () => {
    const path = `/${uniqueId('all')}`;
    const action = await approvalAction({ type: 'ALL' }, path);
    const second = await createPerson(api);
    const changed = await api.patch(`/v1/actions/${action}/permissions`, {
      approve: { roles: [], users: [approver.email, second.email] },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const run = (await as(member, 'POST', `/v1/actions/${action}/runs`, { properties: {} })).body.run;
    const first = await as(approver, 'PATCH', `/v1/actions/runs/${run.id}/approval`, { status: 'APPROVE' });
    expect(first.body.run.status).toBe('WAITING_FOR_APPROVAL');
    const last = await as(second, 'PATCH', `/v1/actions/runs/${run.id}/approval`, { status: 'APPROVE' });
    expect(last.body.run.status).toBe('IN_PROGRESS');
    await receiver.waitFor(1, path);
  });

  it('takes approvers from an approve policy: the emails its conditions list for the run', async () => {
    const path = `/${uniqueId('policy')}`;
    const reviewer = await createPerson(api);
    const action = await approvalAction({ type: 'ALL' }, path);
    const changed = await api.patch(`/v1/actions/${action}/permissions`, {
      approve: {
        roles: ['Admin'],
        policy: {
          queries: {
            reviewers: {
              combinator: 'and',
              rules: [
                { property: '$blueprint', operator: '=', value: '_user' },
                { property: '$identifier', operator: '=', value: '{{ .inputs.name }}' },
              ],
            },
          },
          conditions: ['[.results.reviewers.entities[].identifier]'],
        },
      },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const run = (
      await as(member, 'POST', `/v1/actions/${action}/runs`, { properties: { name: reviewer.email } })
    ).body.run;
    const listed = await as(
      member,
      'GET',
      `/v1/actions/runs/${run.id}/approvers?include_pending_approvers=true`,
    );
    expect(listed.body.approvers).toEqual([{ userId: reviewer.email, state: 'PENDING', description: null }]);
    const other = await createPerson(api);
    // Runs are visible to all who see the action (allowAnyoneToViewRuns), but only approvers decide.
    const refused = await as(other, 'PATCH', `/v1/actions/runs/${run.id}/approval`, { status: 'APPROVE' });
    expect(refused.status).toBe(403);
    const approved = await as(reviewer, 'PATCH', `/v1/actions/runs/${run.id}/approval`, {
      status: 'APPROVE',
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    expect(approved.body.run.status).toBe('IN_PROGRESS');
    await receiver.waitFor(1, path);
  });

  it('answers concurrent decisions with one winner: the run is delivered at most once', async () => {
    const path = `/${uniqueId('race')}`;
    const action = await approvalAction(true, path);
    const run = (await as(member, 'POST', `/v1/actions/${action}/runs`, { properties: {} })).body.run;
    const decisions = await Promise.all(
      ['APPROVE', 'APPROVE', 'DECLINE', 'APPROVE'].map((status) =>
        as(approver, 'PATCH', `/v1/actions/runs/${run.id}/approval`, { status }),
      ),
    );
    const statuses = decisions.map((d) => d.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(3);
    const final = (await api.get(`/v1/actions/runs/${run.id}`)).body.run;
    if (final.status === 'DECLINED') return;
    await runReaches(api, run.id, 'IN_PROGRESS');
    await receiver.waitFor(1, path);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.filter((r) => r.path === path)).toHaveLength(1);
  });
});
