import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAction, createBlueprint } from '../../../test/actions.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';

type Person = Awaited<ReturnType<typeof createPerson>>;

describeEachDatabase('runs of a deleted action', (dialect) => {
  let api: TestApp;
  let member: Person;
  let approver: Person;

  beforeAll(async () => {
    api = await startTestApp(dialect);
    member = await createPerson(api);
    approver = await createPerson(api, { roles: ['Admin'] });
  });
  afterAll(() => api.close());

  const as = (who: Person, method: string, url: string, body?: unknown) =>
    api.request(method, url, body, who.headers);

  /** An action whose runs wait for approval; a runner carries them out, so an approved one stays in progress. */
  const approvalAction = (trigger?: object) =>
    createAction(api, {
      invocationMethod: { type: 'WEBHOOK', url: 'https://backend.example.com/hook', agent: true },
      requiredApproval: { type: 'ANY' },
      ...(trigger ? { trigger } : {}),
    });

  async function startRun(action: string): Promise<string> {
    const started = await as(member, 'POST', `/v1/actions/${action}/runs`, { properties: { name: 'x' } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body.run.status).toBe('WAITING_FOR_APPROVAL');
    return started.body.run.id;
  }

  const awaitingApprover = async () =>
    (await as(approver, 'GET', '/v1/actions/runs?awaiting_my_approval=true')).body.runs.map(
      (run: { id: string }) => run.id,
    );

  /** The run as its creator reads it, with its log and the audit of its last change. */
  async function declined(runId: string) {
    const read = await as(member, 'GET', `/v1/actions/runs/${runId}`);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.run).toMatchObject({ status: 'DECLINED', statusLabel: 'Action deleted' });
    expect(read.body.run.endedAt).toBeTruthy();
    const logs = (await as(member, 'GET', `/v1/actions/runs/${runId}/logs`)).body.runLogs;
    expect(logs.map((log: { message: string }) => log.message)).toContain(
      'Declined: the action was deleted while the run waited for approval',
    );
    const audits = (await api.get(`/v1/audit-log?resources=run&identifier=${runId}&action=UPDATE`)).body
      .audits;
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      trigger: { by: { userId: 'portico' } },
      diff: { after: { status: 'DECLINED', statusLabel: 'Action deleted' } },
    });
  }

  it('declines the runs that wait for approval, and leaves those in progress to their backend', async () => {
    const action = await approvalAction();
    const waiting = await startRun(action);
    const approved = await startRun(action);
    const release = await as(approver, 'PATCH', `/v1/actions/runs/${approved}/approval`, {
      status: 'APPROVE',
    });
    expect(release.body.run?.status, JSON.stringify(release.body)).toBe('IN_PROGRESS');
    expect(await awaitingApprover()).toContain(waiting);

    expect((await api.delete(`/v1/actions/${action}`)).status).toBe(200);

    await declined(waiting);
    expect(await awaitingApprover()).not.toContain(waiting);
    // The backend still reports on the run it was given.
    expect((await api.get(`/v1/actions/runs/${approved}`)).body.run.status).toBe('IN_PROGRESS');
    const report = await api.patch(`/v1/actions/runs/${approved}`, { status: 'SUCCESS' });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.run.status).toBe('SUCCESS');
  });

  it('declines them when the actions go with their blueprint, and not when the deletion fails', async () => {
    const blueprint = await createBlueprint(api);
    const action = await approvalAction({ blueprintIdentifier: blueprint, operation: 'CREATE' });
    const waiting = await startRun(action);
    expect((await api.post(`/v1/blueprints/${blueprint}/entities`, { identifier: 'kept' })).status).toBe(201);

    // Refused after the action and its runs were handled inside the transaction: nothing of it stays.
    const refused = await api.delete(`/v1/blueprints/${blueprint}?delete_actions=true`);
    expect(refused.body.error).toBe('blueprint_has_entities');
    expect((await api.get(`/v1/actions/runs/${waiting}`)).body.run.status).toBe('WAITING_FOR_APPROVAL');
    expect(await awaitingApprover()).toContain(waiting);

    const deleted = await api.delete(`/v1/blueprints/${blueprint}?delete_actions=true&delete_entities=true`);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    await declined(waiting);
    expect(await awaitingApprover()).not.toContain(waiting);
  });

  it.runIf(dialect === 'postgres')(
    'refuses a run that would wait for approval when its action is deleted while the run is written',
    async () => {
      const action = await approvalAction();
      const before = (await api.get(`/v1/actions/runs?action=${action}`)).body.runs.length;
      // A deletion under way in another transaction: the action's row is locked, then gone.
      await api.database.db.connection().execute(async (connection) => {
        await sql`begin`.execute(connection);
        await sql`select id from actions where identifier = ${action} for update`.execute(connection);
        await sql`delete from actions where identifier = ${action}`.execute(connection);
        const run = as(member, 'POST', `/v1/actions/${action}/runs`, { properties: { name: 'x' } });
        // The run read the action before the deletion committed, and now waits for it.
        await new Promise((resolve) => setTimeout(resolve, 300));
        await sql`commit`.execute(connection);
        const answer = await run;
        expect(answer.status, JSON.stringify(answer.body)).toBe(404);
      });
      expect((await api.get(`/v1/actions/runs?action=${action}`)).body.runs).toHaveLength(before);
    },
  );
});
