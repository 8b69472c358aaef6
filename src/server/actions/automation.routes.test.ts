import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAction, createBlueprint } from '../../../test/actions.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';

type Person = Awaited<ReturnType<typeof createPerson>>;
const identifiersOf = (body: { actions: Array<{ identifier: string }> }) =>
  body.actions.map((action) => action.identifier);

describeEachDatabase('automation definitions', (dialect) => {
  let api: TestApp;
  let member: Person;
  let blueprint: string;

  beforeAll(async () => {
    api = await startTestApp(dialect);
    member = await createPerson(api);
    blueprint = await createBlueprint(api, {
      passed: { type: 'string' },
      ttl: { type: 'string', format: 'timer', title: 'TTL' },
      deployedAt: { type: 'string', format: 'date-time' },
    });
  });
  afterAll(() => api.close());

  /** Port's example (port-model §6.1), on this test's blueprint. */
  const slackNotify = (identifier = uniqueId('slack_notify')) => ({
    identifier,
    title: 'Notify via Slack on service failure',
    trigger: {
      type: 'automation',
      event: { type: 'ENTITY_UPDATED', blueprintIdentifier: blueprint },
      condition: {
        type: 'JQ',
        combinator: 'and',
        expressions: [
          '.diff.before.properties.passed == "Passed"',
          '.diff.after.properties.passed == "Not passed"',
        ],
      },
    },
    invocationMethod: {
      type: 'WEBHOOK',
      url: 'https://api.getport.io/v1/actions/slack_notify/runs?run_as=user-email@gmail.com',
      synchronized: true,
      method: 'POST',
      body: { properties: { message: 'Service {{ .event.diff.before.title }} degraded.' } },
    },
    publish: true,
  });
  const withTrigger = (trigger: object, identifier?: string) => ({ ...slackNotify(identifier), trigger });

  it('creates, reads, lists, replaces and deletes an automation in Port’s JSON', async () => {
    const body = slackNotify();
    const created = await api.post('/v1/actions', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.action).toEqual({
      ...body,
      requiredApproval: false,
      id: expect.stringMatching(/^action_/),
      createdAt: expect.any(String),
      createdBy: expect.any(String),
      updatedAt: expect.any(String),
      updatedBy: expect.any(String),
    });
    const read = await api.get(`/v1/actions/${body.identifier}`);
    expect(read.status).toBe(200);
    expect(read.body.action).toEqual(created.body.action);

    const selfService = await createAction(api, { trigger: { blueprintIdentifier: blueprint } });
    const all = identifiersOf((await api.get(`/v1/actions?blueprint_identifier=${blueprint}`)).body);
    expect(all).toEqual(expect.arrayContaining([body.identifier, selfService]));
    const automations = await api.get(
      `/v1/actions?trigger_type=automation&blueprint_identifier=${blueprint}`,
    );
    expect(automations.status, JSON.stringify(automations.body)).toBe(200);
    expect(identifiersOf(automations.body)).toContain(body.identifier);
    expect(identifiersOf(automations.body)).not.toContain(selfService);
    const actions = await api.get(`/v1/actions?trigger_type=self-service&blueprint_identifier=${blueprint}`);
    expect(identifiersOf(actions.body)).toContain(selfService);
    expect(identifiersOf(actions.body)).not.toContain(body.identifier);
    // An automation's operation is its event: asking for self-service operations does not find it.
    const creates = await api.get(`/v1/actions?operation=CREATE&blueprint_identifier=${blueprint}`);
    expect(identifiersOf(creates.body)).toContain(selfService);
    expect(identifiersOf(creates.body)).not.toContain(body.identifier);

    // GET then PUT round-trips; publish false disables it, and `published` tells them apart.
    const replaced = await api.put(`/v1/actions/${body.identifier}`, { ...read.body.action, publish: false });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body.action).toMatchObject({ publish: false, id: created.body.action.id });
    const url = `/v1/actions?trigger_type=automation&blueprint_identifier=${blueprint}`;
    expect(identifiersOf((await api.get(`${url}&published=true`)).body)).not.toContain(body.identifier);
    expect(identifiersOf((await api.get(`${url}&published=false`)).body)).toContain(body.identifier);
    // `published` concerns automations only: self-service actions are listed whatever it says.
    const published = await api.get(`/v1/actions?published=true&blueprint_identifier=${blueprint}`);
    expect(identifiersOf(published.body)).toContain(selfService);
    expect(identifiersOf(published.body)).not.toContain(body.identifier);

    const history = await api.get(`/v1/audit-log?resources=action&identifier=${body.identifier}`);
    expect(history.body.audits.map((a: { action: string }) => a.action).sort()).toEqual(['CREATE', 'UPDATE']);
    const onBlueprint = await api.get(`/v1/audit-log?resources=action&blueprint=${blueprint}`);
    expect(onBlueprint.body.audits.map((a: { identifier: string }) => a.identifier)).toContain(
      body.identifier,
    );

    expect((await api.delete(`/v1/actions/${body.identifier}`)).status).toBe(200);
    expect((await api.get(`/v1/actions/${body.identifier}`)).status).toBe(404);
  });

  it('takes every event of Port, a run event without action, and fills the defaults', async () => {
    const runs = await createAction(api, {});
    const events = [
      { type: 'ENTITY_CREATED', blueprintIdentifier: blueprint },
      { type: 'ENTITY_DELETED', blueprintIdentifier: blueprint },
      { type: 'ANY_ENTITY_CHANGE', blueprintIdentifier: blueprint },
      { type: 'TIMER_PROPERTY_EXPIRED', blueprintIdentifier: blueprint, propertyIdentifier: 'ttl' },
      { type: 'RUN_CREATED', actionIdentifier: runs },
      { type: 'RUN_UPDATED', actionIdentifier: runs },
      // Portico's extension: the runs of every self-service action.
      { type: 'ANY_RUN_CHANGE' },
    ];
    const made: string[] = [];
    for (const event of events) {
      const body = {
        identifier: uniqueId('auto'),
        trigger: { type: 'automation', event },
        invocationMethod: {
          type: 'UPSERT_ENTITY',
          blueprintIdentifier: blueprint,
          mapping: { identifier: '{{ .event.context.entityIdentifier }}', properties: { passed: 'no' } },
        },
      };
      const created = await api.post('/v1/actions', body);
      expect(created.status, `${event.type}: ${JSON.stringify(created.body)}`).toBe(201);
      expect(created.body.action.trigger).toEqual({ type: 'automation', event });
      expect(created.body.action).toMatchObject({ publish: true, requiredApproval: false });
      made.push(body.identifier);
    }
    const condition = { type: 'JQ', expressions: ['.diff.after != null'] };
    const agent = await api.post('/v1/actions', {
      ...withTrigger({ type: 'automation', event: events[0], condition }),
      invocationMethod: { type: 'WEBHOOK', agent: true, url: 'http://10.0.0.5/hook' },
    });
    expect(agent.status, JSON.stringify(agent.body)).toBe(201);
    expect(agent.body.action.trigger.condition).toEqual({ ...condition, combinator: 'and' });

    const timers = await api.get(
      '/v1/actions?trigger_event=TIMER_PROPERTY_EXPIRED&trigger_event=ANY_RUN_CHANGE',
    );
    expect(timers.status, JSON.stringify(timers.body)).toBe(200);
    expect(identifiersOf(timers.body)).toEqual(expect.arrayContaining([made[3], made[6]]));
    expect(identifiersOf(timers.body)).not.toContain(made[0]);
  });

  describe('refuses an invalid automation with 422 naming the field', () => {
    const event = () => ({ type: 'ENTITY_UPDATED', blueprintIdentifier: blueprint });
    const trigger = (extra: object) => withTrigger({ type: 'automation', event: event(), ...extra });
    const onEvent = (changed: object) => withTrigger({ type: 'automation', event: changed });
    const jq = (expressions: unknown, extra: object = {}) =>
      trigger({ condition: { type: 'JQ', expressions, ...extra } });
    const cases: Array<[string, () => object, string]> = [
      ['a trigger type', () => withTrigger({ type: 'cron', event: event() }), 'trigger.type'],
      ['no event', () => withTrigger({ type: 'automation' }), 'trigger.event'],
      [
        'an unknown event type',
        () => onEvent({ type: 'ENTITY_RENAMED', blueprintIdentifier: blueprint }),
        'trigger.event.type',
      ],
      [
        'an entity event without blueprint',
        () => onEvent({ type: 'ENTITY_CREATED' }),
        'trigger.event.blueprintIdentifier',
      ],
      [
        'an entity event naming an action',
        () => onEvent({ type: 'ENTITY_CREATED', blueprintIdentifier: blueprint, actionIdentifier: 'a' }),
        'trigger.event.actionIdentifier',
      ],
      [
        'a run event naming a blueprint',
        () => onEvent({ type: 'RUN_CREATED', blueprintIdentifier: blueprint }),
        'trigger.event.blueprintIdentifier',
      ],
      [
        'a run event with an empty action',
        () => onEvent({ type: 'RUN_CREATED', actionIdentifier: '' }),
        'trigger.event.actionIdentifier',
      ],
      [
        'a timer event without property',
        () => onEvent({ type: 'TIMER_PROPERTY_EXPIRED', blueprintIdentifier: blueprint }),
        'trigger.event.propertyIdentifier',
      ],
      ['an unknown key of the event', () => onEvent({ ...event(), colour: 'red' }), 'trigger.event.colour'],
      [
        'a form (automations take no userInputs)',
        () => trigger({ userInputs: { properties: {} } }),
        'trigger.userInputs',
      ],
      ['an operation', () => trigger({ operation: 'CREATE' }), 'trigger.operation'],
      [
        'a missing blueprint',
        () => onEvent({ type: 'ENTITY_CREATED', blueprintIdentifier: 'nope_gone' }),
        'trigger.event.blueprintIdentifier',
      ],
      [
        'a missing timer property',
        () =>
          onEvent({
            type: 'TIMER_PROPERTY_EXPIRED',
            blueprintIdentifier: blueprint,
            propertyIdentifier: 'ghost',
          }),
        'trigger.event.propertyIdentifier',
      ],
      [
        'a property that is no timer',
        () =>
          onEvent({
            type: 'TIMER_PROPERTY_EXPIRED',
            blueprintIdentifier: blueprint,
            propertyIdentifier: 'deployedAt',
          }),
        'trigger.event.propertyIdentifier',
      ],
      [
        'a SEARCH condition',
        () => trigger({ condition: { type: 'SEARCH', combinator: 'and', rules: [] } }),
        'trigger.condition.type',
      ],
      ['a condition key', () => jq(['true'], { rules: [] }), 'trigger.condition.rules'],
      ['no expressions', () => jq([]), 'trigger.condition.expressions'],
      ['expressions that are not a list', () => jq('.a == 1'), 'trigger.condition.expressions'],
      ['an empty expression', () => jq(['true', ' ']), 'trigger.condition.expressions.1'],
      ['an expression that is not text', () => jq([3]), 'trigger.condition.expressions.0'],
      ['a combinator', () => jq(['true'], { combinator: 'xor' }), 'trigger.condition.combinator'],
      [
        'an expression that does not compile',
        () => jq(['true', '.diff.after | ]']),
        'trigger.condition.expressions.1',
      ],
      [
        'an expression that never ends',
        () => jq(['true', 'last(range(1e15))']),
        'trigger.condition.expressions.1',
      ],
      ['an approval', () => ({ ...slackNotify(), requiredApproval: { type: 'ANY' } }), 'requiredApproval'],
      [
        'approvalNotification',
        () => ({ ...slackNotify(), approvalNotification: { type: 'email' } }),
        'approvalNotification',
      ],
      ['publish', () => ({ ...slackNotify(), publish: 'yes' }), 'publish'],
      [
        "a backend of Port's own",
        () => ({ ...slackNotify(), invocationMethod: { type: 'KAFKA', payload: {} } }),
        'invocationMethod.type',
      ],
      [
        'a template that does not compile',
        () => ({
          ...slackNotify(),
          invocationMethod: { type: 'WEBHOOK', url: 'https://x.example.com', body: { v: '{{ .event | }}' } },
        }),
        'invocationMethod.body.v',
      ],
    ];
    for (const [name, make, field] of cases)
      it(name, async () => {
        const body = make() as { identifier: string };
        const refused = await api.post('/v1/actions', body);
        expect(refused.status, JSON.stringify(refused.body)).toBe(422);
        expect(refused.body.error).toBe('invalid_action');
        expect(refused.body.details?.field).toBe(field);
        expect(refused.body.message).toContain(field);
        expect((await api.get(`/v1/actions/${body.identifier}`)).status).toBe(404);
      });

    it('says which blueprint or property is missing', async () => {
      const gone = await api.post(
        '/v1/actions',
        onEvent({ type: 'ENTITY_CREATED', blueprintIdentifier: 'nope_gone' }),
      );
      expect(gone.body.message).toBe(
        'trigger.event.blueprintIdentifier: blueprint "nope_gone" does not exist',
      );
      const date = await api.post(
        '/v1/actions',
        onEvent({
          type: 'TIMER_PROPERTY_EXPIRED',
          blueprintIdentifier: blueprint,
          propertyIdentifier: 'deployedAt',
        }),
      );
      expect(date.body.message).toContain('is not a timer property');
    });

    it('checks a replacement as a creation', async () => {
      const body = slackNotify();
      expect((await api.post('/v1/actions', body)).status).toBe(201);
      const refused = await api.put(`/v1/actions/${body.identifier}`, {
        ...body,
        trigger: { ...body.trigger, condition: { type: 'JQ', expressions: ['.x | ]'] } },
      });
      expect(refused.status).toBe(422);
      expect(refused.body.details.field).toBe('trigger.condition.expressions.0');
    });
  });

  it('lets only Admins write automations, and hides them from Members as missing ones', async () => {
    const body = slackNotify();
    expect((await api.post('/v1/actions', body)).status).toBe(201);
    const as = (method: string, url: string, payload?: unknown, who = member) =>
      api.request(method, url, payload, who.headers);

    expect((await as('POST', '/v1/actions', slackNotify())).status).toBe(403);
    const moderator = await createPerson(api, { roles: [`${blueprint}-moderator`] });
    const byModerator = await as('POST', '/v1/actions', slackNotify(), moderator);
    expect(byModerator.status, JSON.stringify(byModerator.body)).toBe(403);
    expect(byModerator.body.message).toContain('Only an Admin');

    // A moderator's own action may not become an automation either.
    const own = await createAction(api, { trigger: { blueprintIdentifier: blueprint } });
    const converted = await as('PUT', `/v1/actions/${own}`, { ...slackNotify(own) }, moderator);
    expect(converted.status, JSON.stringify(converted.body)).toBe(403);
    expect((await api.get(`/v1/actions/${own}`)).body.action.trigger.type).toBe('self-service');

    const hidden = await as('GET', `/v1/actions/${body.identifier}`);
    const missing = await as('GET', '/v1/actions/never_was_here');
    expect(hidden.status).toBe(404);
    expect(hidden.body.message.replace(body.identifier, 'X')).toBe(
      missing.body.message.replace('never_was_here', 'X'),
    );
    for (const url of [
      '/v1/actions',
      '/v1/actions?trigger_type=automation',
      `/v1/actions?action_identifier=${body.identifier}`,
    ])
      expect(identifiersOf((await as('GET', url)).body)).not.toContain(body.identifier);
    expect(identifiersOf((await as('GET', '/v1/actions', undefined, moderator)).body)).not.toContain(
      body.identifier,
    );
    // Writes to an automation one may not see answer as for a missing action too.
    expect((await as('PUT', `/v1/actions/${body.identifier}`, body)).status).toBe(404);
    expect((await as('DELETE', `/v1/actions/${body.identifier}`)).status).toBe(404);
    expect(
      (await as('PATCH', `/v1/actions/${body.identifier}/permissions`, { execute: { roles: ['Member'] } }))
        .status,
    ).toBe(404);
    expect((await api.get(`/v1/actions/${body.identifier}`)).status).toBe(200);
  });

  it('has no execute or approve permissions to grant', async () => {
    const body = slackNotify();
    expect((await api.post('/v1/actions', body)).status).toBe(201);
    const refused = await api.patch(`/v1/actions/${body.identifier}/permissions`, {
      execute: { roles: ['Member'] },
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.message).toContain('automation');
    expect(
      (await api.request('GET', `/v1/actions/${body.identifier}`, undefined, member.headers)).status,
    ).toBe(404);
  });

  it('refuses to run an automation by hand: its events start it', async () => {
    const body = slackNotify();
    expect((await api.post('/v1/actions', body)).status).toBe(201);
    for (const path of ['runs', 'form']) {
      const refused = await api.post(`/v1/actions/${body.identifier}/${path}`, { properties: {} });
      expect(refused.status, JSON.stringify(refused.body)).toBe(422);
      expect(refused.body.error).toBe('automation_not_runnable');
      expect(refused.body.message).toContain('started by their events');
    }
    const asMember = await api.request(
      'POST',
      `/v1/actions/${body.identifier}/runs`,
      { properties: {} },
      member.headers,
    );
    expect(asMember.status).toBe(404);
    const runs = await api.get(`/v1/actions/runs?action=${body.identifier}`);
    expect(runs.body.runs ?? []).toEqual([]);
  });
});
