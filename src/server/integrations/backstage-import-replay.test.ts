import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';

/**
 * The requests Port's backstage-import sends (its main.py, clients/port_client, blueprints.json), over
 * real HTTP, for entities of Backstage's example catalog: a token before every request, blueprints created
 * bare and then replaced with their relations, entities upserted with missing targets created, and the
 * blueprints trimmed to the relations in use.
 */
describeEachDatabase("backstage-import's requests", (dialect) => {
  let api: TestApp;
  let base: string;
  const run = uniqueId('bs').toLowerCase();
  // Its blueprint identifiers, made unique per run (the tool's are user, group, domain, system, API…).
  const id = (name: string) => `${name}_${run}`;
  let tokens = 0;

  async function send(method: string, path: string, body?: unknown) {
    // get_required_headers(): a new token for every request to Port.
    const auth = await fetch(`${base}/v1/auth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'python-requests/2.31.0' },
      body: JSON.stringify({ clientId: api.clientId, clientSecret: api.clientSecret }),
    });
    const { accessToken } = (await auth.json()) as { accessToken: string };
    tokens++;
    const response = await fetch(`${base}/v1/${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'python-requests/2.31.0',
        authorization: `Bearer ${accessToken}`,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- read by key, as the tool reads them
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  }

  const common = {
    description: { type: 'string', format: 'markdown' },
    labels: { type: 'object' },
    annotations: { type: 'object' },
    links: { type: 'array', items: { type: 'string', format: 'url' } },
    tags: { type: 'array' },
  };
  const owners = {
    owningUser: { target: id('user'), title: 'Owning user', required: false, many: false },
    owningGroup: { target: id('group'), title: 'Owning group', required: false, many: false },
  };
  const blueprint = (name: string, properties: object, relations: object = {}, title = name) => ({
    identifier: id(name),
    title,
    icon: 'Server',
    schema: { properties: { ...common, ...properties }, required: [] },
    mirrorProperties: {},
    calculationProperties: {},
    relations,
  });
  const system = { system: { target: id('system'), title: 'System', required: false, many: false } };
  const many = (target: string) => ({ target: id(target), required: false, many: true });
  // blueprints.json, in its order: resource twice.
  const blueprints = [
    blueprint('user', { email: { type: 'string', format: 'email' } }),
    blueprint(
      'group',
      { type: { type: 'string' }, email: { type: 'string' } },
      {
        parent: { target: id('group'), required: false, many: false },
        members: many('user'),
      },
    ),
    blueprint('domain', {}, owners),
    blueprint('system', {}, { ...owners, domain: { target: id('domain'), required: false, many: false } }),
    blueprint(
      'API',
      {
        type: { type: 'string' },
        lifecycle: { type: 'string' },
        definitionOpenAPI: { type: 'object', spec: 'open-api' },
        definitionGraphQL: { type: 'string' },
      },
      { ...owners, ...system },
    ),
    blueprint(
      'resource',
      { type: { type: 'string' } },
      {
        ...owners,
        ...system,
        dependsOnResource: many('resource'),
        dependsOnComponent: many('component'),
      },
    ),
    blueprint('resource', { type: { type: 'string' } }, { ...owners, ...system }),
    blueprint(
      'component',
      { type: { type: 'string' }, lifecycle: { type: 'string' }, language: { type: 'string' } },
      {
        ...owners,
        ...system,
        subcomponentOf: { target: id('component'), required: false, many: false },
        providesApis: many('API'),
        consumesApis: many('API'),
        dependsOnComponent: many('component'),
        dependsOnResource: many('resource'),
      },
    ),
  ];

  const entity = (name: string, properties: object = {}, relations: object = {}) => ({
    identifier: name,
    title: name,
    properties: { description: '', labels: {}, annotations: {}, tags: [], links: [], ...properties },
    relations,
  });
  // Backstage's example catalog, as parse_backstage_to_port_entities writes it (nulls included).
  const entities: Array<[string, ReturnType<typeof entity>]> = [
    ['group', entity('guests', { type: 'team', email: null }, { parent: null, members: ['guest'] })],
    ['user', entity('guest', { email: 'guest@example.com' })],
    ['domain', entity('artists', {}, { owningGroup: 'team-a', owningUser: null })],
    // System: `type` is not declared on `system` (the tool writes it anyway; Port leaves it out).
    [
      'system',
      entity(
        'audio-playback',
        { type: 'service' },
        { owningGroup: 'team-b', owningUser: null, domain: 'artists' },
      ),
    ],
    [
      'API',
      entity(
        'spotify',
        {
          type: 'openapi',
          lifecycle: 'production',
          definitionOpenAPI: { openapi: '3.0.0' },
          definitionGraphQL: null,
        },
        { system: 'audio-playback', owningGroup: 'team-a', owningUser: null },
      ),
    ],
    [
      'component',
      entity(
        'artist-lookup',
        { type: 'service', lifecycle: 'experimental', language: null },
        {
          owningGroup: 'team-a',
          owningUser: null,
          system: 'artist-engagement-portal',
          subcomponentOf: null,
          providesApis: ['spotify'],
          consumesApis: [],
          dependsOnComponent: [],
          dependsOnResource: ['artists-db'],
        },
      ),
    ],
    [
      'resource',
      entity(
        'artists-db',
        { type: 'database' },
        { owningGroup: 'team-a', system: 'artist-engagement-portal' },
      ),
    ],
  ];

  beforeAll(async () => {
    api = await startTestApp(dialect);
    base = await api.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => api.close());

  it('creates its blueprints bare, then with their relations; a blueprint listed twice is a 409 it ignores', async () => {
    const created = [];
    for (const { relations: _relations, ...bare } of blueprints)
      created.push((await send('POST', 'blueprints', bare)).status);
    expect(created).toEqual([201, 201, 201, 201, 201, 201, 409, 201]);
    for (const full of blueprints) {
      const replaced = await send('PUT', `blueprints/${full.identifier}`, full);
      expect(replaced.status, JSON.stringify(replaced.json)).toBe(200);
    }
  });

  it('imports every entity, its missing targets created and the undeclared ones left out', async () => {
    for (const [kind, body] of entities) {
      const written = await send(
        'POST',
        `blueprints/${id(kind)}/entities?create_missing_related_entities=true&upsert=true&merge=true`,
        body,
      );
      expect(written.status, `${kind} ${JSON.stringify(written.json)}`).toBe(201);
    }
    const system = (await send('GET', `blueprints/${id('system')}/entities/audio-playback`)).json.entity;
    expect(system.properties).not.toHaveProperty('type');
    expect(system.relations).toMatchObject({ owningGroup: 'team-b', domain: 'artists' });
    // Targets that were not imported (team-a, team-b, artist-engagement-portal) exist, empty.
    expect((await send('GET', `blueprints/${id('group')}/entities/team-a`)).status).toBe(200);
    expect((await send('GET', `blueprints/${id('system')}/entities/artist-engagement-portal`)).status).toBe(
      200,
    );
    const api_ = (await send('GET', `blueprints/${id('API')}/entities/spotify`)).json.entity;
    expect(api_.properties).toMatchObject({ definitionOpenAPI: { openapi: '3.0.0' } });
    expect(api_.properties).not.toHaveProperty('definitionGraphQL');
  });

  it('trims each blueprint to the relations its entities use, and types to the values seen', async () => {
    const used = (kind: string) => {
      const names = new Set<string>();
      for (const [k, body] of entities)
        if (k === kind)
          for (const [name, value] of Object.entries(body.relations))
            if (value !== null && !(Array.isArray(value) && value.length === 0)) names.add(name);
      return names;
    };
    for (const full of blueprints.slice(0, 6).concat(blueprints[7]!)) {
      const kind = full.identifier.slice(0, -run.length - 1);
      const relations = Object.fromEntries(
        Object.entries(full.relations).filter(([name]) => used(kind).has(name)),
      );
      const types = entities
        .filter(([k]) => k === kind)
        .map(([, body]) => (body.properties as { type?: string }).type);
      const schema = structuredClone(full.schema) as { properties: Record<string, Record<string, unknown>> };
      if (schema.properties.type) schema.properties.type.enum = [...new Set(types.map((t) => t ?? ''))];
      const trimmed = await send('PUT', `blueprints/${full.identifier}`, { ...full, schema, relations });
      expect(trimmed.status, `${kind}: ${JSON.stringify(trimmed.json)}`).toBe(200);
    }
    const component = (await send('GET', `blueprints/${id('component')}`)).json.blueprint;
    expect(Object.keys(component.relations).sort()).toEqual(
      ['dependsOnResource', 'owningGroup', 'providesApis', 'system'].sort(),
    );
    expect(component.schema.properties.type.enum).toEqual(['service']);
    expect(tokens).toBeGreaterThan(20);
  });
});
