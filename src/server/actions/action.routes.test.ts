import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';

type Person = Awaited<ReturnType<typeof createPerson>>;

describeEachDatabase('self-service action definitions', (dialect) => {
  let api: TestApp;
  let member: Person;
  let blueprint: string;

  beforeAll(async () => {
    api = await startTestApp(dialect);
    member = await createPerson(api);
    blueprint = uniqueId('svc');
    const created = await api.post('/v1/blueprints', {
      identifier: blueprint,
      title: 'Service',
      schema: { properties: { tier: { type: 'string' } }, required: [] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  });
  afterAll(() => api.close());

  const policyQuery = (q: unknown) => ({ execute: { policy: { queries: { q }, conditions: ['true'] } } });
  const rulesOf = (...rules: unknown[]) => ({ combinator: 'and', rules });

  const scaffold = (identifier = uniqueId('scaffold')) => ({
    identifier,
    title: 'Scaffold a service',
    icon: 'Microservice',
    trigger: {
      type: 'self-service',
      operation: 'CREATE',
      blueprintIdentifier: blueprint,
      userInputs: {
        properties: {
          name: { type: 'string', title: 'Name', pattern: '^[a-z0-9-]+$', maxLength: 32 },
          language: { type: 'string', enum: ['go', 'python'], default: 'go' },
          sdk: {
            type: 'string',
            dependsOn: ['language'],
            enum: { jqQuery: 'if .form.language == "go" then ["1.22"] else ["3.12"] end' },
          },
          owner: { type: 'string', format: 'entity', blueprint },
          token: { type: 'string', encryption: 'aes256-gcm' },
        },
        required: ['name', 'language'],
        order: ['name', 'language', 'sdk', 'owner', 'token'],
      },
    },
    invocationMethod: {
      type: 'WEBHOOK',
      url: 'https://runner.example.com/scaffold',
      body: { '{{ spreadValue() }}': '{{ .inputs }}', run: '{{ .run.id }}' },
    },
    requiredApproval: { type: 'ANY' },
  });

  it('creates, reads, lists, replaces and deletes an action in Port’s JSON', async () => {
    const body = scaffold();
    const created = await api.post('/v1/actions', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.action).toMatchObject({
      ...body,
      invocationMethod: { ...body.invocationMethod, method: 'POST' },
      id: expect.stringMatching(/^action_/),
      createdBy: expect.any(String),
      createdAt: expect.any(String),
    });
    const read = await api.get(`/v1/actions/${body.identifier}`);
    expect(read.status).toBe(200);
    expect(read.body.action).toEqual(created.body.action);

    const listed = await api.get(`/v1/actions?blueprint_identifier=${blueprint}&operation=CREATE`);
    expect(listed.body.actions.map((a: { identifier: string }) => a.identifier)).toContain(body.identifier);
    const none = await api.get(`/v1/actions?blueprint_identifier=${blueprint}&operation=DELETE`);
    expect(none.body.actions).toEqual([]);

    // GET then PUT round-trips: the fields Portico keeps are accepted and ignored.
    const replaced = await api.put(`/v1/actions/${body.identifier}`, {
      ...read.body.action,
      title: 'Scaffold',
    });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body.action).toMatchObject({ title: 'Scaffold', id: created.body.action.id });

    const history = await api.get(`/v1/audit-log?resources=action&identifier=${body.identifier}`);
    expect(history.status, JSON.stringify(history.body)).toBe(200);
    expect(history.body.audits.map((a: { action: string }) => a.action).sort()).toEqual(['CREATE', 'UPDATE']);

    expect((await api.delete(`/v1/actions/${body.identifier}`)).status).toBe(200);
    expect((await api.get(`/v1/actions/${body.identifier}`)).status).toBe(404);
  });

  it('refuses a second action with the same identifier with 409', async () => {
    const body = scaffold();
    expect((await api.post('/v1/actions', body)).status).toBe(201);
    const again = await api.post('/v1/actions', body);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('identifier');
  });

  describe('refuses an invalid definition with 422 naming the field', () => {
    const cases: Array<[string, (a: ReturnType<typeof scaffold>) => unknown, string]> = [
      ['identifier', (a) => ({ ...a, identifier: 'has space' }), 'identifier'],
      ['operation', (a) => ({ ...a, trigger: { ...a.trigger, operation: 'UPDATE' } }), 'trigger.operation'],
      [
        'a DAY-2 action without blueprint',
        (a) => ({ ...a, trigger: { ...a.trigger, operation: 'DAY-2', blueprintIdentifier: undefined } }),
        'trigger.blueprintIdentifier',
      ],
      [
        'a missing blueprint',
        (a) => ({ ...a, trigger: { ...a.trigger, blueprintIdentifier: 'nope_nothing' } }),
        'trigger.blueprintIdentifier',
      ],
      [
        'an input type',
        (a) => withInput(a, 'bad', { type: 'date' }),
        'trigger.userInputs.properties.bad.type',
      ],
      [
        'an entity input without blueprint',
        (a) => withInput(a, 'bad', { type: 'string', format: 'entity' }),
        'trigger.userInputs.properties.bad.blueprint',
      ],
      [
        'an entity input of a missing blueprint',
        (a) => withInput(a, 'bad', { type: 'string', format: 'entity', blueprint: 'gone_bp' }),
        'trigger.userInputs.properties.bad.blueprint',
      ],
      [
        'dependsOn naming no input',
        (a) => withInput(a, 'bad', { type: 'string', dependsOn: ['ghost'] }),
        'trigger.userInputs.properties.bad.dependsOn',
      ],
      [
        'a schema keyword of the wrong type',
        (a) => withInput(a, 'bad', { type: 'string', minLength: 'three' }),
        'trigger.userInputs.properties.bad',
      ],
      [
        'a pattern that can take exponential time (a slow regex freezes the server)',
        (a) => withInput(a, 'bad', { type: 'string', pattern: '(a+)+$' }),
        'trigger.userInputs.properties.bad.pattern',
      ],
      [
        "an array's items pattern that can take exponential time",
        (a) => withInput(a, 'bad', { type: 'array', items: { type: 'string', pattern: '^(x*)*y' } }),
        'trigger.userInputs.properties.bad.items.pattern',
      ],
      [
        'a default that does not fit',
        (a) => withInput(a, 'bad', { type: 'number', default: 'x' }),
        'trigger.userInputs.properties.bad.default',
      ],
      [
        'required naming no input',
        (a) => ({
          ...a,
          trigger: { ...a.trigger, userInputs: { ...a.trigger.userInputs, required: ['ghost'] } },
        }),
        'trigger.userInputs.required',
      ],
      [
        'required naming a title (an order may name titles, required may not)',
        (a) => ({
          ...a,
          trigger: {
            ...a.trigger,
            userInputs: {
              ...a.trigger.userInputs,
              titles: { head: { title: 'Head' } },
              order: ['head', 'name'],
              required: ['head'],
            },
          },
        }),
        'trigger.userInputs.required',
      ],
      [
        'a step naming neither an input nor a title',
        (a) => ({
          ...a,
          trigger: {
            ...a.trigger,
            userInputs: { ...a.trigger.userInputs, steps: [{ title: 'One', order: ['name', 'ghost'] }] },
          },
        }),
        'trigger.userInputs.steps.0.order',
      ],
      [
        'a webhook URL',
        (a) => ({ ...a, invocationMethod: { type: 'WEBHOOK', url: 'ftp://x' } }),
        'invocationMethod.url',
      ],
      [
        "a backend of Port's own",
        (a) => ({ ...a, invocationMethod: { type: 'GITHUB', org: 'o', repo: 'r', workflow: 'w' } }),
        'invocationMethod.type',
      ],
      ['requiredApproval', (a) => ({ ...a, requiredApproval: { type: 'SOME' } }), 'requiredApproval'],
      [
        'a jqQuery that does not compile',
        (a) => withInput(a, 'bad', { type: 'string', enum: { jqQuery: '.form.x | ]' } }),
        'trigger.userInputs.properties.bad.enum',
      ],
      [
        'a template that does not compile',
        (a) => ({
          ...a,
          invocationMethod: { type: 'WEBHOOK', url: 'https://x.example.com', body: { v: '{{ .inputs | }}' } },
        }),
        'invocationMethod.body.v',
      ],
      [
        'a template with nested braces',
        (a) => ({ ...a, invocationMethod: { type: 'WEBHOOK', url: 'https://x.example.com/{{ {{ .a }} }}' } }),
        'invocationMethod.url',
      ],
      ['an unknown key', (a) => ({ ...a, colour: 'red' }), 'colour'],
      [
        'button text',
        (a) => ({ ...a, trigger: { ...a.trigger, actionCardButtonText: ' Go ' } }),
        'trigger.actionCardButtonText',
      ],
    ];
    for (const [name, change, field] of cases)
      it(name, async () => {
        const body = change(scaffold());
        const refused = await api.post('/v1/actions', body);
        expect(refused.status, JSON.stringify(refused.body)).toBe(422);
        expect(refused.body.details?.field).toBe(field);
        expect(refused.body.message).toContain(field);
        const identifier = (body as { identifier: string }).identifier;
        expect((await api.get(`/v1/actions/${encodeURIComponent(identifier)}`)).status).toBe(404);
      });
  });

  it('lets Members see and run by default, and only Admins and moderators change actions', async () => {
    const body = scaffold();
    expect((await api.post('/v1/actions', body)).status).toBe(201);
    const seen = await api.request('GET', `/v1/actions/${body.identifier}`, undefined, member.headers);
    expect(seen.status).toBe(200);
    const attempt = await api.request('POST', '/v1/actions', scaffold(), member.headers);
    expect(attempt.status).toBe(403);
    const replace = await api.request('PUT', `/v1/actions/${body.identifier}`, body, member.headers);
    expect(replace.status).toBe(403);
    const permissions = await api.request(
      'GET',
      `/v1/actions/${body.identifier}/permissions`,
      undefined,
      member.headers,
    );
    expect(permissions.status).toBe(403);

    const moderator = await createPerson(api, { roles: [`${blueprint}-moderator`] });
    const own = await api.request('POST', '/v1/actions', scaffold(), moderator.headers);
    expect(own.status, JSON.stringify(own.body)).toBe(201);
  });

  it('hides an action from those its permissions do not name, answering as for a missing one', async () => {
    const body = scaffold();
    expect((await api.post('/v1/actions', body)).status).toBe(201);
    const changed = await api.patch(`/v1/actions/${body.identifier}/permissions`, {
      execute: { roles: ['Admin'] },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.permissions).toEqual({
      execute: { roles: ['Admin'], users: [], teams: [], ownedByTeam: false },
      approve: { roles: ['Admin'], users: [], teams: [], ownedByTeam: false },
    });
    const hidden = await api.request('GET', `/v1/actions/${body.identifier}`, undefined, member.headers);
    const missing = await api.request('GET', '/v1/actions/never_was_here', undefined, member.headers);
    expect(hidden.status).toBe(404);
    expect(hidden.body.message.replace(body.identifier, 'X')).toBe(
      missing.body.message.replace('never_was_here', 'X'),
    );
    const listed = await api.request('GET', '/v1/actions', undefined, member.headers);
    expect(listed.body.actions.map((a: { identifier: string }) => a.identifier)).not.toContain(
      body.identifier,
    );

    const named = await api.patch(`/v1/actions/${body.identifier}/permissions`, {
      execute: { users: [member.email] },
    });
    expect(named.body.permissions.execute).toMatchObject({ roles: ['Admin'], users: [member.email] });
    const seen = await api.request('GET', `/v1/actions/${body.identifier}`, undefined, member.headers);
    expect(seen.status).toBe(200);
  });

  it('refuses permissions naming missing people or roles, or a malformed policy, with 422', async () => {
    const body = scaffold();
    expect((await api.post('/v1/actions', body)).status).toBe(201);
    const url = `/v1/actions/${body.identifier}/permissions`;
    for (const [change, field] of [
      [{ execute: { users: ['ghost@example.com'] } }, 'execute.users[0]'],
      [{ approve: { teams: ['no-such-team'] } }, 'approve.teams[0]'],
      [{ execute: { roles: ['Owner'] } }, 'execute.roles[0]'],
      [{ execute: { policy: { queries: {}, conditions: [] } } }, 'execute.policy.conditions'],
      [{ execute: { policy: { queries: {}, conditions: ['.results |||'] } } }, 'execute.policy.conditions.0'],
      [{ execute: { policy: { conditions: 'x' } } }, 'execute.policy.queries'],
      [{ execute: { policy: {} } }, 'execute.policy.queries'],
      [{ execute: { policy: { queries: {}, conditions: 'x' } } }, 'execute.policy.conditions'],
      [{ execute: { policy: { queries: {}, conditions: null } } }, 'execute.policy.conditions'],
      [{ execute: { policy: { queries: {}, conditions: { a: 'true' } } } }, 'execute.policy.conditions'],
      [{ approve: { policy: { queries: {}, conditions: 'x' } } }, 'approve.policy.conditions'],
      [policyQuery({ combinator: 'xor', rules: [] }), 'execute.policy.queries.q'],
      [policyQuery({ combinator: 'and', rules: 'x' }), 'execute.policy.queries.q'],
      [
        policyQuery(rulesOf({ property: '$identifier', operator: '~~', value: 'a' })),
        'execute.policy.queries.q.rules[0]',
      ],
      [policyQuery(rulesOf({ operator: '=', value: 'a' })), 'execute.policy.queries.q.rules[0]'],
      [
        policyQuery(rulesOf({ property: '$nope', operator: '=', value: 'a' })),
        'execute.policy.queries.q.rules[0]',
      ],
      [policyQuery(rulesOf(rulesOf(4))), 'execute.policy.queries.q.rules[0].rules[0]'],
    ] as const) {
      const refused = await api.patch(url, change);
      expect(refused.status, JSON.stringify(refused.body)).toBe(422);
      expect(refused.body.error).toBe('invalid_permissions');
      expect(refused.body.details.field).toBe(field);
      expect(refused.body.message).toContain(field);
    }
    expect((await api.get(url)).body.permissions.execute.policy).toBeUndefined();
    // Values, and any part of a query, may be `{{ }}` templates: those are checked as the policy runs.
    const templated = policyQuery({
      combinator: 'and',
      rules: [
        { property: '$identifier', operator: 'in', value: '{{ .inputs.tags }}' },
        { property: '{{ .inputs.property }}', operator: '{{ .inputs.operator }}', value: 1 },
        '{{ .inputs.rule }}',
      ],
    });
    const accepted = await api.patch(url, templated);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  });

  it('decides who may change permissions before checking the change: 404 unseen, 403 not managed', async () => {
    const body = scaffold();
    expect((await api.post('/v1/actions', body)).status).toBe(201);
    const url = `/v1/actions/${body.identifier}/permissions`;
    const patchAs = (change: unknown, path = url) => api.request('PATCH', path, change, member.headers);
    for (const change of [
      { execute: { policy: { conditions: 'x' } } },
      { execute: { policy: { queries: {}, conditions: ['.results |||'] } } },
      policyQuery({ combinator: 'xor', rules: [] }),
      { execute: { roles: ['Member'] } },
    ]) {
      const refused = await patchAs(change);
      expect(refused.status, JSON.stringify(refused.body)).toBe(403);
    }
    await api.patch(url, { execute: { roles: ['Admin'] } });
    const hidden = await patchAs({ execute: { policy: { conditions: 'x' } } });
    const missing = await patchAs(
      { execute: { policy: { conditions: 'x' } } },
      '/v1/actions/never_was/permissions',
    );
    expect(hidden.status).toBe(404);
    expect(hidden.body.message.replace(body.identifier, 'X')).toBe(
      missing.body.message.replace('never_was', 'X'),
    );
    // Creating and replacing an action decide who may before compiling its jq too.
    const badJq = withInput(scaffold(), 'bad', { type: 'string', enum: { jqQuery: '.form.x | ]' } });
    expect((await api.request('POST', '/v1/actions', badJq, member.headers)).status).toBe(403);
    await api.patch(url, { execute: { roles: ['Member'] } });
    const replaced = await api.request(
      'PUT',
      `/v1/actions/${body.identifier}`,
      { ...badJq, identifier: body.identifier },
      member.headers,
    );
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(403);
  });

  it('keeps every concurrent permissions change: none is lost', async () => {
    const body = scaffold();
    expect((await api.post('/v1/actions', body)).status).toBe(201);
    const people = await Promise.all([1, 2, 3, 4, 5, 6].map(() => createPerson(api)));
    const url = `/v1/actions/${body.identifier}/permissions`;
    // Each PATCH sets one grant field; all of them must survive, whatever order they commit in.
    const changes = [
      { execute: { users: [people[0]!.email] } },
      { approve: { users: [people[1]!.email] } },
      { execute: { ownedByTeam: true } },
      { approve: { roles: ['Admin', 'Member'] } },
      { execute: { roles: ['Admin'] } },
      { approve: { ownedByTeam: true } },
    ];
    const answers = await Promise.all(changes.map((change) => api.patch(url, change)));
    expect(answers.map((a) => a.status)).toEqual(changes.map(() => 200));
    const final = await api.get(url);
    expect(final.body.permissions).toEqual({
      execute: { roles: ['Admin'], users: [people[0]!.email], teams: [], ownedByTeam: true },
      approve: { roles: ['Admin', 'Member'], users: [people[1]!.email], teams: [], ownedByTeam: true },
    });
  });

  it('answers a PUT with a stale If-Match with 412, and concurrent PUTs each get a definite answer', async () => {
    const body = scaffold();
    const created = await api.post('/v1/actions', body);
    const etag = created.headers.etag as string;
    expect(etag).toBe('"1"');
    expect(
      (await api.put(`/v1/actions/${body.identifier}`, { ...body, title: 'one' }, { 'if-match': etag }))
        .status,
    ).toBe(200);
    const stale = await api.put(
      `/v1/actions/${body.identifier}`,
      { ...body, title: 'two' },
      { 'if-match': etag },
    );
    expect(stale.status).toBe(412);
    const titles = ['a', 'b', 'c', 'd'];
    const answers = await Promise.all(
      titles.map((title) => api.put(`/v1/actions/${body.identifier}`, { ...body, title })),
    );
    expect(answers.every((a) => a.status === 200 || a.status === 409)).toBe(true);
    const final = await api.get(`/v1/actions/${body.identifier}`);
    const last = answers.filter((a) => a.status === 200).map((a) => a.body.action.updatedAt);
    expect(last.length).toBeGreaterThan(0);
    expect(titles).toContain(final.body.action.title);
  });
});

function withInput(action: { trigger: { userInputs: { properties: object } } }, name: string, input: object) {
  return {
    ...action,
    trigger: {
      ...action.trigger,
      userInputs: {
        ...action.trigger.userInputs,
        properties: { ...action.trigger.userInputs.properties, [name]: input },
      },
    },
  };
}
