import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAction } from '../../../test/actions.js';
import { startTestApp, type TestApp, type TestResponse } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';
import { createPerson } from '../../../test/people.js';
import { portContractErrors } from '../../../test/port-contract.js';

/**
 * Port's own contract: each operation Portico offers, called as Port's OpenAPI describes it, answers what
 * Port documents for it (../shared/ref/port-openapi.json), status and body, save the differences Portico
 * keeps on purpose (test/port-contract.ts).
 */
describeEachDatabase("Port's documented answers", (dialect) => {
  let api: TestApp;
  const id = uniqueId('pc').toLowerCase();
  const [system, service] = [`${id}_system`, `${id}_service`];
  const holds = (method: string, portPath: string, response: TestResponse, status: number) => {
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    const errors = portContractErrors(method, portPath, status, response.body);
    expect(errors, errors.join('\n')).toEqual([]);
  };

  beforeAll(async () => {
    api = await startTestApp(dialect);
  });
  afterAll(() => api.close());

  it('blueprints', async () => {
    const blueprints = '/v1/blueprints';
    const one = '/v1/blueprints/{identifier}';
    holds(
      'POST',
      blueprints,
      await api.post(blueprints, { identifier: system, title: 'System', schema: { properties: {} } }),
      201,
    );
    const created = await api.post(blueprints, {
      identifier: service,
      title: 'Service',
      icon: 'Microservice',
      schema: {
        properties: {
          language: { type: 'string', title: 'Language', enum: ['go', 'ts'] },
          tier: { type: 'number' },
          tags: { type: 'array', items: { type: 'string' } },
        },
        required: [],
      },
      relations: { system: { title: 'System', target: system, required: false, many: false } },
      mirrorProperties: { systemTitle: { title: 'System', path: 'system.$title' } },
      calculationProperties: {
        slug: {
          title: 'Slug',
          type: 'string',
          calculation: '.identifier + "-" + (.properties.language // "")',
        },
      },
    });
    holds('POST', blueprints, created, 201);
    holds('GET', blueprints, await api.get(blueprints), 200);
    holds('GET', one, await api.get(`${blueprints}/${service}`), 200);
    holds('PATCH', one, await api.patch(`${blueprints}/${service}`, { description: 'Services' }), 200);
    const {
      createdAt: _c,
      createdBy: _cb,
      updatedAt: _u,
      updatedBy: _ub,
      ...definition
    } = (await api.get(`${blueprints}/${service}`)).body.blueprint;
    holds('PUT', one, await api.put(`${blueprints}/${service}`, definition), 200);
    holds(
      'PATCH',
      '/v1/blueprints/{blueprint_identifier}/properties/{property_identifier}/rename',
      await api.patch(`${blueprints}/${service}/properties/tags/rename`, { newPropertyName: 'labels' }),
      200,
    );
    holds(
      'PATCH',
      '/v1/blueprints/{blueprint_identifier}/mirror/{property_identifier}/rename',
      await api.patch(`${blueprints}/${service}/mirror/systemTitle/rename`, { newMirrorName: 'systemName' }),
      200,
    );
    holds(
      'PATCH',
      '/v1/blueprints/{blueprint_identifier}/relations/{relation_identifier}/rename',
      await api.patch(`${blueprints}/${service}/relations/system/rename`, {
        newRelationIdentifier: 'parent',
      }),
      200,
    );
    const doomed = `${id}_doomed`;
    await api.post(blueprints, { identifier: doomed, title: 'Doomed', schema: { properties: {} } });
    holds('DELETE', one, await api.delete(`${blueprints}/${doomed}`), 200);
  });

  it('entities, searches and history', async () => {
    const base = `/v1/blueprints/${service}/entities`;
    const entities = '/v1/blueprints/{blueprint_identifier}/entities';
    const entity = '/v1/blueprints/{blueprint_identifier}/entities/{entity_identifier}';
    await api.post(`/v1/blueprints/${system}/entities`, { identifier: 'core', title: 'Core' });
    const first = await api.post(base, {
      identifier: 'api',
      title: 'API',
      properties: { language: 'go', tier: 1, labels: ['edge'] },
      relations: { parent: 'core' },
    });
    holds('POST', entities, first, 201);
    holds('POST', entities, await api.post(`${base}?upsert=true`, { identifier: 'untitled' }), 201);
    holds('GET', entities, await api.get(base), 200);
    const bulk = '/v1/blueprints/{blueprint_identifier}/entities/bulk';
    holds(
      'POST',
      bulk,
      await api.post(`${base}/bulk?upsert=true`, { entities: [{ identifier: 'b1' }, { identifier: 'b2' }] }),
      200,
    );
    holds(
      'POST',
      bulk,
      await api.post(`${base}/bulk?upsert=true`, {
        entities: [{ identifier: 'b3' }, { identifier: 'b4', properties: { tier: 'not a number' } }],
      }),
      207,
    );
    holds('PATCH', entity, await api.patch(`${base}/api`, { properties: { tier: 2 } }), 200);
    holds('PUT', entity, await api.put(`${base}/b1`, { identifier: 'b1', title: 'B one' }), 200);
    holds('GET', entity, await api.get(`${base}/api`), 200);
    holds(
      'GET',
      '/v1/blueprints/{blueprint_identifier}/entities-count',
      await api.get(`/v1/blueprints/${service}/entities-count`),
      200,
    );
    const rules = [{ property: 'tier', operator: '>=', value: 1 }];
    holds(
      'POST',
      '/v1/blueprints/{blueprint_identifier}/entities/search',
      await api.post(`${base}/search`, { query: { combinator: 'and', rules } }),
      200,
    );
    holds(
      'POST',
      '/v1/entities/search',
      await api.post('/v1/entities/search', {
        combinator: 'and',
        rules: [{ property: '$blueprint', operator: '=', value: service }, ...rules],
      }),
      200,
    );
    holds(
      'POST',
      '/v1/entities/properties-history',
      await api.post('/v1/entities/properties-history', {
        entityIdentifier: 'api',
        blueprintIdentifier: service,
        propertyNames: ['tier'],
        timeInterval: 'day',
        timeRange: { preset: 'lastWeek' },
      }),
      200,
    );
    holds('DELETE', entity, await api.delete(`${base}/b2`), 200);
    holds(
      'POST',
      '/v1/blueprints/{blueprint_identifier}/bulk/entities/delete',
      await api.post(`/v1/blueprints/${service}/bulk/entities/delete`, { entities: ['b1', 'b3'] }),
      200,
    );
    const gone = `${id}_gone`;
    await api.post('/v1/blueprints', { identifier: gone, title: 'Gone', schema: { properties: {} } });
    await api.post(`/v1/blueprints/${gone}/entities`, { identifier: 'g1' });
    holds(
      'DELETE',
      '/v1/blueprints/{blueprint_identifier}/all-entities',
      await api.delete(`/v1/blueprints/${gone}/all-entities`),
      200,
    );
  });

  it('teams, users, apps, secrets and tokens', async () => {
    const team = `${id}-team`;
    holds('POST', '/v1/teams', await api.post('/v1/teams', { name: team, description: 'A team' }), 200);
    holds('GET', '/v1/teams', await api.get('/v1/teams?fields=name&fields=users.email'), 200);
    holds('GET', '/v1/teams/{name}', await api.get(`/v1/teams/${team}`), 200);
    holds('PATCH', '/v1/teams/{name}', await api.patch(`/v1/teams/${team}`, { description: 'Still' }), 200);
    holds('PUT', '/v1/teams/{name}', await api.put(`/v1/teams/${team}`, { name: team, users: [] }), 200);

    const email = `${id}@example.com`;
    holds(
      'POST',
      '/v1/users/invite',
      await api.post('/v1/users/invite', { invitee: { email, roles: ['Member'], teams: [team] } }),
      200,
    );
    holds('GET', '/v1/users', await api.get('/v1/users'), 200);
    holds('GET', '/v1/users/{user_email}', await api.get(`/v1/users/${email}`), 200);
    holds(
      'PATCH',
      '/v1/users/{user_email}',
      await api.patch(`/v1/users/${email}`, { roles: ['Admin'] }),
      200,
    );
    holds('DELETE', '/v1/users/{user_email}', await api.delete(`/v1/users/${email}`), 200);
    holds('DELETE', '/v1/teams/{name}', await api.delete(`/v1/teams/${team}`), 200);

    const person = await createPerson(api);
    const made = await api.post('/v1/apps', { name: `${id}-app`, user: person.email });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const app = made.body.app;
    holds('GET', '/v1/apps', await api.get('/v1/apps'), 200);
    holds('PUT', '/v1/apps/{id}', await api.put(`/v1/apps/${app.id}`, { name: `${id}-renamed` }), 200);
    holds('POST', '/v1/apps/{id}/rotate-secret', await api.post(`/v1/apps/${app.id}/rotate-secret`), 200);
    const token = await api.post('/v1/auth/access_token', {
      clientId: api.clientId,
      clientSecret: api.clientSecret,
    });
    holds('POST', '/v1/auth/access_token', token, 200);
    holds('DELETE', '/v1/apps/{id}', await api.delete(`/v1/apps/${app.id}`), 200);

    const secretName = `${id}_secret`.toUpperCase();
    await api.post('/v1/organization/secrets', { secretName, secretValue: 'shh', description: 'A secret' });
    holds(
      'GET',
      '/v1/organization/secrets/{secret_name}',
      await api.get(`/v1/organization/secrets/${secretName}`),
      200,
    );
  });

  it('action runs', async () => {
    const action = await createAction(api, {
      invocationMethod: { type: 'WEBHOOK', agent: true, url: 'http://runner.internal/run' },
    });
    const started = await api.post(`/v1/actions/${action}/runs`, { properties: { name: 'x' } });
    holds('POST', '/v1/actions/{action_identifier}/runs', started, 202);
    const run = started.body.run.id as string;
    holds('GET', '/v1/actions/runs/{run_id}', await api.get(`/v1/actions/runs/${run}`), 200);
    holds('GET', '/v1/actions/runs', await api.get(`/v1/actions/runs?action=${action}`), 200);
    holds(
      'POST',
      '/v1/actions/runs/{run_id}/logs',
      await api.post(`/v1/actions/runs/${run}/logs`, { message: 'working' }),
      201,
    );
    holds('GET', '/v1/actions/runs/{run_id}/logs', await api.get(`/v1/actions/runs/${run}/logs`), 200);
    holds(
      'GET',
      '/v1/actions/runs/{run_id}/approvers',
      await api.get(`/v1/actions/runs/${run}/approvers`),
      200,
    );
    holds(
      'PATCH',
      '/v1/actions/runs/{run_id}',
      await api.patch(`/v1/actions/runs/${run}`, { status: 'SUCCESS', summary: 'done' }),
      200,
    );

    // Approved without a description: Port's run has no null description.
    const gated = await createAction(api, {
      invocationMethod: { type: 'WEBHOOK', agent: true, url: 'http://runner.internal/run' },
      requiredApproval: { type: 'ANY' },
    });
    const waiting = (await api.post(`/v1/actions/${gated}/runs`, { properties: { name: 'y' } })).body.run;
    holds(
      'PATCH',
      '/v1/actions/runs/{run_id}/approval',
      await api.patch(`/v1/actions/runs/${waiting.id}/approval`, { status: 'APPROVE' }),
      201,
    );
    holds('GET', '/v1/actions/runs/{run_id}', await api.get(`/v1/actions/runs/${waiting.id}`), 200);
  });
});
