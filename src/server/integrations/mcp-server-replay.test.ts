import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/webhook-receiver.js';

/**
 * The requests Port's MCP server (port-mcp-server 0.2.21, over its SDK pyport 0.3.3) sends, over real
 * HTTP, as read from their source: pyport sends `Content-Type: application/json` on every request,
 * DELETE included, and the MCP server names itself in its User-Agent.
 */
describeEachDatabase("Port's MCP server's requests", (dialect) => {
  let api: TestApp;
  let base: string;
  let receiver: WebhookReceiver;
  let token = '';
  const bp = uniqueId('mcp_svc');
  const action = uniqueId('mcp_deploy');

  async function send(method: string, path: string, body?: unknown, bearer = token) {
    const response = await fetch(`${base}/v1/${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'user-agent': 'port-mcp-server/0.2.21',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- read by key, as pyport reads them
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  }

  beforeAll(async () => {
    api = await startTestApp(dialect);
    base = await api.app.listen({ host: '127.0.0.1', port: 0 });
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await api.close();
    await receiver.close();
  });

  it('starts: token, the self-service actions and what the caller may run of them', async () => {
    const auth = await send('POST', 'auth/access_token', {
      clientId: api.clientId,
      clientSecret: api.clientSecret,
    });
    expect(auth.status).toBe(200);
    token = auth.json.accessToken;
    expect(token).toBeTruthy();
    const created = await send('POST', 'blueprints', {
      identifier: bp,
      title: 'MCP service',
      schema: { properties: { language: { type: 'string' } }, required: [] },
      relations: {},
    });
    expect(created.status).toBe(201);
    const made = await send('POST', 'actions', {
      identifier: action,
      title: 'Deploy',
      trigger: {
        type: 'self-service',
        operation: 'DAY-2',
        blueprintIdentifier: bp,
        userInputs: { properties: { version: { type: 'string' } }, required: [] },
      },
      invocationMethod: { type: 'WEBHOOK', url: `${receiver.url}/deploy` },
    });
    expect(made.status, JSON.stringify(made.json)).toBe(201);

    const listed = await send('GET', 'actions?trigger_type=self-service');
    expect(listed.json.actions.map((a: { identifier: string }) => a.identifier)).toContain(action);
    const permissions = await send('GET', 'auth/permissions?action_version=v2');
    expect(permissions.status).toBe(200);
    expect(permissions.json.permissions).toEqual(
      expect.arrayContaining([`execute:actions:${action}`, `approve:actions:${action}`]),
    );
    expect((await send('GET', `actions/${action}`)).json.action.identifier).toBe(action);
  });

  it('answers a Member what it may run: only those its grants name', async () => {
    const team = uniqueId('mcp_team');
    expect((await api.post('/v1/teams', { name: team })).status).toBe(200);
    const member = await createPerson(api, { teams: [team] });
    const loner = await createPerson(api);
    const own = (await api.get('/v1/auth/permissions', member.headers)).body.permissions as string[];
    expect(own).toContain(`execute:actions:${action}`);
    expect(own).not.toContain(`approve:actions:${action}`);
    await api.patch(`/v1/actions/${action}/permissions`, {
      execute: { roles: ['Admin'], users: [], teams: [], ownedByTeam: true },
    });
    const byTeam = (await api.get('/v1/auth/permissions', member.headers)).body.permissions as string[];
    expect(byTeam).not.toContain(`execute:actions:${action}`);
    expect(byTeam).toContain(`execute:team_entities:actions:${action}`);
    const alone = (await api.get('/v1/auth/permissions', loner.headers)).body.permissions as string[];
    expect(alone.filter((p) => p.endsWith(`:${action}`))).toEqual([]);
    await api.patch(`/v1/actions/${action}/permissions`, {
      execute: { roles: ['Admin', 'Member'], ownedByTeam: false },
    });
  });

  it('runs its tools: blueprints, entities, actions and runs, and every delete (bodyless, sent as JSON)', async () => {
    const patched = await send('PATCH', `blueprints/${bp}`, {
      identifier: bp,
      title: 'MCP service (renamed)',
      schema: { properties: { language: { type: 'string' }, tier: { type: 'number' } }, required: [] },
    });
    expect(patched.status, JSON.stringify(patched.json)).toBe(200);
    expect(
      (await send('GET', 'blueprints')).json.blueprints.some(
        (b: { identifier: string }) => b.identifier === bp,
      ),
    ).toBe(true);
    expect((await send('GET', `blueprints/${bp}`)).json.blueprint.title).toBe('MCP service (renamed)');

    const made = await send(
      'POST',
      `blueprints/${bp}/entities?upsert=false&validation_only=false&create_missing_related_entities=false&merge=false`,
      { identifier: 'payments', title: 'Payments', properties: { language: 'Go', tier: 1 }, relations: {} },
    );
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const found = await send('POST', `blueprints/${bp}/entities/search`, {
      query: { combinator: 'and', rules: [{ property: '$blueprint', operator: '=', value: bp }] },
      include: ['$identifier', '$title'],
      limit: 200,
    });
    expect(found.status, JSON.stringify(found.json)).toBe(200);
    expect(found.json.entities).toEqual([{ identifier: 'payments', title: 'Payments' }]);
    expect((await send('GET', `blueprints/${bp}/entities/payments`)).json.entity.properties).toEqual({
      language: 'Go',
      tier: 1,
    });
    const replaced = await send('PUT', `blueprints/${bp}/entities/payments`, {
      identifier: 'payments',
      title: 'Payments API',
      properties: { language: 'Rust' },
    });
    expect(replaced.json.entity).toMatchObject({ title: 'Payments API', properties: { language: 'Rust' } });

    const run = await send('POST', `actions/${action}/runs`, {
      properties: { version: '1.2.3' },
      entity: 'payments',
    });
    expect(run.status, JSON.stringify(run.json)).toBe(202);
    const tracked = await send('GET', `actions/runs/${run.json.run.id}?version=v2`);
    expect(tracked.json.run).toMatchObject({ id: run.json.run.id, properties: { version: '1.2.3' } });
    const granted = await send('GET', `actions/${action}/permissions`);
    expect(granted.json.permissions.execute.roles).toEqual(['Admin', 'Member']);
    const policies = await send('PATCH', `actions/${action}/permissions`, { approve: { roles: ['Admin'] } });
    expect(policies.status).toBe(200);

    // Every delete pyport sends carries Content-Type: application/json and no body.
    expect((await send('DELETE', `blueprints/${bp}/entities/payments?delete_dependents=false`)).status).toBe(
      200,
    );
    expect((await send('GET', `blueprints/${bp}/entities/payments`)).status).toBe(404);
    expect((await send('DELETE', `actions/${action}`)).status).toBe(200);
    expect((await send('DELETE', `blueprints/${bp}`)).status).toBe(200);
    expect((await send('GET', `blueprints/${bp}`)).status).toBe(404);
  });
});
