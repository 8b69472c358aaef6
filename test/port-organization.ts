import { expect } from 'vitest';
import { openDatabase } from '../src/server/storage/database.js';
import { migrate } from '../src/server/storage/migrate.js';
import { startTestApp, type TestApp } from './app.js';
import { createEmptyDatabaseUrl, type DialectUnderTest } from './databases.js';

/**
 * An organisation of its own for tools that copy a whole one (migrateOrganization, port-cli): a Portico on
 * a database nobody else uses, so what it lists is only what the test put there. Scorecards are evaluated
 * (entities carry their results, which the tools read back and write again).
 */
export async function startOrganization(dialect: DialectUnderTest): Promise<TestApp> {
  const url = await createEmptyDatabaseUrl(dialect);
  const database = openDatabase(url);
  await migrate(database);
  return startTestApp(dialect, {
    database,
    scorecards: true,
    automations: { pollMs: 100, leaseMs: 2_000 },
    jobNamespace: 'organization',
  });
}

const ok = (answer: { status: number; body: unknown }, status = 201) =>
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);

/**
 * A catalog with what such tools must carry over: teams with members, blueprints related to each other
 * (forward and self references), mirror, calculation and aggregation properties, inherited ownership,
 * scorecards, self-service actions and an automation, and entities that name targets written after them.
 */
export async function seedOrganization(api: TestApp) {
  ok(await api.post('/v1/teams', { name: 'platform', description: 'Runs the platform' }), 200);
  ok(await api.post('/v1/teams', { name: 'payments', description: 'Takes the money' }), 200);
  ok(await api.post('/v1/teams', { name: 'observers' }), 200);
  const invite = (email: string, teams: string[], roles: string[] = []) =>
    api.post('/v1/users/invite', { invitee: { email, teams, roles } });
  ok(await invite('alice@example.com', ['platform'], ['Admin']), 200);
  ok(await invite('bob@example.com', ['platform', 'payments']), 200);
  ok(await invite('carol@example.com', ['payments']), 200);

  ok(
    await api.post('/v1/blueprints', {
      identifier: 'domain',
      title: 'Domain',
      icon: 'Cloud',
      description: 'A business domain',
      schema: { properties: { summary: { type: 'string', format: 'markdown' } }, required: ['summary'] },
    }),
  );
  ok(
    await api.post('/v1/blueprints', {
      identifier: 'system',
      title: 'System',
      schema: {
        properties: {
          lifecycle: {
            type: 'string',
            enum: ['production', 'experimental'],
            enumColors: { production: 'green', experimental: 'yellow' },
          },
        },
        required: [],
      },
      relations: { domain: { title: 'Domain', target: 'domain', required: false, many: false } },
      mirrorProperties: { domainTitle: { title: 'Domain', path: 'domain.$title' } },
    }),
  );
  ok(
    await api.post('/v1/blueprints', {
      identifier: 'service',
      title: 'Service',
      icon: 'Microservice',
      schema: {
        properties: {
          language: { type: 'string', enum: ['Go', 'Python', 'TypeScript'] },
          tier: { type: 'number', minimum: 1, maximum: 3 },
          repository: { type: 'string', format: 'url' },
          tags: { type: 'array', items: { type: 'string' } },
          readme: { type: 'string', format: 'markdown' },
        },
        // None required: services named before they are written are created empty (restores do so).
        required: [],
      },
      relations: {
        system: { title: 'System', target: 'system', required: false, many: false },
        dependsOn: { title: 'Depends on', target: 'service', required: false, many: true },
      },
      mirrorProperties: { lifecycle: { path: 'system.lifecycle' } },
      calculationProperties: {
        slug: { title: 'Slug', type: 'string', calculation: '.identifier | ascii_downcase' },
      },
      ownership: { type: 'Inherited', path: 'system' },
    }),
  );
  // An aggregation over services, on system (its target declared last: the tools add it last).
  ok(
    await api.patch('/v1/blueprints/system', {
      aggregationProperties: {
        services: {
          title: 'Services',
          target: 'service',
          calculationSpec: { func: 'count', calculationBy: 'entities' },
        },
      },
    }),
    200,
  );

  // A blueprint nothing relates to, with an action of its own.
  ok(
    await api.post('/v1/blueprints', {
      identifier: 'environment',
      title: 'Environment',
      schema: { properties: { ttl: { type: 'string', format: 'date-time' } }, required: [] },
    }),
  );

  const entity = (bp: string, body: Record<string, unknown>) =>
    api.post(`/v1/blueprints/${bp}/entities?create_missing_related_entities=true`, body);
  ok(await entity('domain', { identifier: 'money', title: 'Money', properties: { summary: '# Money' } }));
  ok(
    await entity('system', {
      identifier: 'checkout',
      title: 'Checkout',
      icon: 'Cart',
      team: ['payments'],
      properties: { lifecycle: 'production' },
      relations: { domain: 'money' },
    }),
  );
  ok(
    await entity('system', {
      identifier: 'backstage',
      title: 'Back office',
      team: ['platform', 'observers'],
      properties: { lifecycle: 'experimental' },
      relations: { domain: 'money' },
    }),
  );
  // Depends on services written after it (created empty first, then filled in).
  ok(
    await entity('service', {
      identifier: 'cart',
      title: 'Cart',
      properties: { language: 'Go', tier: 1, tags: ['core'], repository: 'https://git.example.com/cart' },
      relations: { system: 'checkout', dependsOn: ['pricing', 'ledger'] },
    }),
  );
  ok(
    await api.post('/v1/blueprints/service/entities?upsert=true&merge=true', {
      identifier: 'pricing',
      title: 'Pricing',
      properties: { language: 'Python', tier: 2, readme: 'Prices things' },
      relations: { system: 'checkout' },
    }),
  );
  ok(
    await api.post('/v1/blueprints/service/entities?upsert=true&merge=true', {
      identifier: 'ledger',
      title: 'Ledger',
      properties: { language: 'TypeScript', tier: 3 },
      relations: { system: 'backstage', dependsOn: ['pricing'] },
    }),
  );
  ok(await entity('service', { identifier: 'orphan', properties: { language: 'Go' } }));
  ok(
    await entity('environment', {
      identifier: 'staging',
      title: 'Staging',
      team: ['platform'],
      properties: { ttl: '2031-01-01T00:00:00.000Z' },
    }),
  );

  ok(
    await api.post('/v1/blueprints/service/scorecards', {
      identifier: 'readiness',
      title: 'Production readiness',
      filter: { combinator: 'and', conditions: [{ property: 'language', operator: 'isNotEmpty' }] },
      rules: [
        {
          identifier: 'has-repository',
          title: 'Has a repository',
          level: 'Bronze',
          query: { combinator: 'and', conditions: [{ property: 'repository', operator: 'isNotEmpty' }] },
        },
        {
          identifier: 'top-tier',
          title: 'Tier 1',
          description: 'Customer facing',
          level: 'Gold',
          query: { combinator: 'and', conditions: [{ property: 'tier', operator: '=', value: 1 }] },
        },
      ],
    }),
  );
  ok(
    await api.post('/v1/blueprints/system/scorecards', {
      identifier: 'ownership',
      title: 'Ownership',
      levels: [
        { title: 'None', color: 'red' },
        { title: 'Owned', color: 'green' },
      ],
      rules: [
        {
          identifier: 'in-a-domain',
          title: 'In a domain',
          level: 'Owned',
          query: { combinator: 'or', conditions: [{ relation: 'domain', operator: 'isNotEmpty' }] },
        },
      ],
    }),
  );

  ok(
    await api.post('/v1/actions', {
      identifier: 'deploy',
      title: 'Deploy',
      icon: 'Rocket',
      description: 'Deploys a service',
      trigger: {
        type: 'self-service',
        operation: 'DAY-2',
        blueprintIdentifier: 'service',
        userInputs: {
          properties: { version: { type: 'string', title: 'Version' } },
          required: ['version'],
        },
      },
      invocationMethod: { type: 'WEBHOOK', url: 'https://deploy.example.com/hook' },
      requiredApproval: false,
    }),
  );
  ok(
    await api.post('/v1/actions', {
      identifier: 'scaffold',
      title: 'Scaffold a service',
      trigger: {
        type: 'self-service',
        operation: 'CREATE',
        blueprintIdentifier: 'service',
        userInputs: { properties: { name: { type: 'string' } }, required: ['name'] },
      },
      invocationMethod: { type: 'WEBHOOK', url: 'https://scaffold.example.com/hook' },
    }),
  );
  ok(
    await api.post('/v1/actions', {
      identifier: 'extend_ttl',
      title: 'Extend the TTL',
      trigger: {
        type: 'self-service',
        operation: 'DAY-2',
        blueprintIdentifier: 'environment',
        userInputs: { properties: {}, required: [] },
      },
      invocationMethod: { type: 'WEBHOOK', url: 'https://ttl.example.com/hook' },
    }),
  );
  ok(
    await api.post('/v1/actions', {
      identifier: 'announce_service',
      title: 'Announce a new service',
      trigger: {
        type: 'automation',
        event: { type: 'ENTITY_CREATED', blueprintIdentifier: 'service' },
      },
      invocationMethod: { type: 'WEBHOOK', url: 'https://chat.example.com/hook' },
      publish: false,
    }),
  );
}

type Json = Record<string, unknown>;
const AUDIT = ['createdAt', 'createdBy', 'updatedAt', 'updatedBy'];
const without = (item: Json, keys: string[]): Json =>
  Object.fromEntries(Object.entries(item).filter(([key]) => !keys.includes(key)));

/**
 * What an organisation holds, as its API answers it, without what differs between two copies of it
 * (when and by whom things were written, ids, versions, how far an evaluation has got): two organisations
 * with the same snapshot hold the same catalog.
 */
export async function snapshotOrganization(api: TestApp) {
  const read = async (path: string) => {
    const answer = await api.get(path);
    expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
    return answer.body as Record<string, Json[]>;
  };
  await api.services.evaluator?.drain();
  const blueprints = (await read('/v1/blueprints')).blueprints!.map((b) => without(b, [...AUDIT, 'version']));
  const entities: Record<string, Json[]> = {};
  for (const { identifier } of blueprints as Array<{ identifier: string }>) {
    if (identifier === '_user' || identifier === '_team') continue;
    entities[identifier] = (await read(`/v1/blueprints/${identifier}/entities`))
      .entities!.map((e) => without(e, [...AUDIT, 'version']))
      .sort((a, b) => String(a.identifier).localeCompare(String(b.identifier)));
  }
  const teams = (await read('/v1/teams'))
    .teams!.map((t): Json => ({
      ...without(t, ['id', 'createdAt', 'updatedAt']),
      users: (t.users as Json[]).map((u) => u.email).sort(),
    }))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
  const scorecards = (await read('/v1/scorecards'))
    .scorecards!.map((s) => without(s, [...AUDIT, 'id', 'evaluation']))
    .sort((a, b) => String(a.identifier).localeCompare(String(b.identifier)));
  const actions = (await read('/v1/actions'))
    .actions!.map((a) => without(a, [...AUDIT, 'id']))
    .sort((a, b) => String(a.identifier).localeCompare(String(b.identifier)));
  return { blueprints, entities, teams, scorecards, actions };
}
