import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAction, createBlueprint } from '../../../test/actions.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';

describeEachDatabase('deleting a blueprint that has actions', (dialect) => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp(dialect);
  });
  afterAll(() => api.close());

  /** A blueprint with two actions on it, and an action on another blueprint. */
  async function blueprintWithActions() {
    const blueprint = await createBlueprint(api);
    const other = await createBlueprint(api);
    const on = (bp: string) =>
      createAction(api, { trigger: { blueprintIdentifier: bp, operation: 'CREATE' } });
    const actions = [await on(blueprint), await on(blueprint)].sort();
    return { blueprint, actions, elsewhere: await on(other) };
  }

  const exists = async (url: string) => (await api.get(url)).status === 200;

  it('refuses without delete_actions, naming the actions, and deletes nothing', async () => {
    const { blueprint, actions } = await blueprintWithActions();
    const refused = await api.delete(`/v1/blueprints/${blueprint}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('blueprint_has_actions');
    for (const action of actions) expect(refused.body.message).toContain(`"${action}"`);
    expect(refused.body.details).toEqual({ actions });
    expect(await exists(`/v1/blueprints/${blueprint}`)).toBe(true);
    for (const action of actions) expect(await exists(`/v1/actions/${action}`)).toBe(true);
  });

  it('with delete_actions=true deletes the actions on it, audited as deletes, and no others', async () => {
    const { blueprint, actions, elsewhere } = await blueprintWithActions();
    const deleted = await api.delete(`/v1/blueprints/${blueprint}?delete_actions=true`);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    expect(await exists(`/v1/blueprints/${blueprint}`)).toBe(false);
    for (const action of actions) {
      expect(await exists(`/v1/actions/${action}`)).toBe(false);
      const history = await api.get(`/v1/audit-log?resources=action&identifier=${action}&action=DELETE`);
      expect(history.body.audits).toHaveLength(1);
      expect(history.body.audits[0]).toMatchObject({ identifier: action, resourceType: 'action' });
    }
    expect(await exists(`/v1/actions/${elsewhere}`)).toBe(true);
  });

  it('keeps the actions when the deletion fails after them: one transaction', async () => {
    const { blueprint, actions } = await blueprintWithActions();
    expect((await api.post(`/v1/blueprints/${blueprint}/entities`, { identifier: 'kept' })).status).toBe(201);
    // The entities are refused after the actions were deleted inside the transaction.
    const refused = await api.delete(`/v1/blueprints/${blueprint}?delete_actions=true`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('blueprint_has_entities');
    for (const action of actions) expect(await exists(`/v1/actions/${action}`)).toBe(true);
    const history = await api.get(`/v1/audit-log?resources=action&identifier=${actions[0]}&action=DELETE`);
    expect(history.body.audits).toEqual([]);

    const both = await api.delete(`/v1/blueprints/${blueprint}?delete_actions=true&delete_entities=true`);
    expect(both.status, JSON.stringify(both.body)).toBe(200);
    for (const action of actions) expect(await exists(`/v1/actions/${action}`)).toBe(false);
  });

  it("lets the blueprint's moderator delete it with its actions, and nobody without the data model", async () => {
    const { blueprint, actions } = await blueprintWithActions();
    const member = await createPerson(api);
    const moderator = await createPerson(api, { roles: [`${blueprint}-moderator`] });
    const url = `/v1/blueprints/${blueprint}?delete_actions=true`;
    expect((await api.request('DELETE', url, undefined, member.headers)).status).toBe(403);
    for (const action of actions) expect(await exists(`/v1/actions/${action}`)).toBe(true);
    const deleted = await api.request('DELETE', url, undefined, moderator.headers);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    for (const action of actions) expect(await exists(`/v1/actions/${action}`)).toBe(false);
  });

  it('refuses a moderator a blueprint that an automation listens to, naming and deleting nothing', async () => {
    const { blueprint, actions } = await blueprintWithActions();
    const automation = uniqueId('automation');
    const created = await api.post('/v1/actions', {
      identifier: automation,
      trigger: { type: 'automation', event: { type: 'ENTITY_CREATED', blueprintIdentifier: blueprint } },
      invocationMethod: { type: 'WEBHOOK', url: 'https://backend.example.com/hook' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const moderator = await createPerson(api, { roles: [`${blueprint}-moderator`] });
    // Only Admins see automations: to the moderator it does not exist.
    expect((await api.request('GET', `/v1/actions/${automation}`, undefined, moderator.headers)).status).toBe(
      404,
    );
    for (const url of [`/v1/blueprints/${blueprint}`, `/v1/blueprints/${blueprint}?delete_actions=true`]) {
      const refused = await api.request('DELETE', url, undefined, moderator.headers);
      expect(refused.status, JSON.stringify(refused.body)).toBe(403);
      expect(JSON.stringify(refused.body)).not.toContain(automation);
    }
    expect(await exists(`/v1/blueprints/${blueprint}`)).toBe(true);
    for (const action of [...actions, automation]) expect(await exists(`/v1/actions/${action}`)).toBe(true);
    const history = await api.get(`/v1/audit-log?resources=action&identifier=${automation}&action=DELETE`);
    expect(history.body.audits).toEqual([]);

    const deleted = await api.delete(`/v1/blueprints/${blueprint}?delete_actions=true`);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    for (const action of [...actions, automation]) expect(await exists(`/v1/actions/${action}`)).toBe(false);
  });

  it('meets the automations listening to its entities as its actions; those on runs stay', async () => {
    const blueprint = await createBlueprint(api, { ttl: { type: 'string', format: 'timer' } });
    const automation = async (event: object) => {
      const identifier = uniqueId('automation');
      const created = await api.post('/v1/actions', {
        identifier,
        trigger: { type: 'automation', event },
        invocationMethod: { type: 'WEBHOOK', url: 'https://backend.example.com/hook' },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return identifier;
    };
    const onBlueprint = [
      await automation({ type: 'ENTITY_CREATED', blueprintIdentifier: blueprint }),
      await automation({
        type: 'TIMER_PROPERTY_EXPIRED',
        blueprintIdentifier: blueprint,
        propertyIdentifier: 'ttl',
      }),
    ].sort();
    const onRuns = await automation({ type: 'ANY_RUN_CHANGE' });

    const refused = await api.delete(`/v1/blueprints/${blueprint}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('blueprint_has_actions');
    expect(refused.body.details).toEqual({ actions: onBlueprint });

    const deleted = await api.delete(`/v1/blueprints/${blueprint}?delete_actions=true`);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    for (const identifier of onBlueprint) {
      expect(await exists(`/v1/actions/${identifier}`)).toBe(false);
      const history = await api.get(`/v1/audit-log?resources=action&identifier=${identifier}&action=DELETE`);
      expect(history.body.audits).toHaveLength(1);
    }
    expect(await exists(`/v1/actions/${onRuns}`)).toBe(true);
  });
});
