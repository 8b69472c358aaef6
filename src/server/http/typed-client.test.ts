import createClient from 'openapi-fetch';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { paths } from '../../client/portico-api.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { describeEachDatabase, uniqueId } from '../../../test/databases.js';

// A client generated from docs/openapi.json (openapi-typescript types, openapi-fetch), over real HTTP: what
// it reads is typed by the document, and the server holds every answer to that document.
describeEachDatabase('a typed client generated from the OpenAPI document', (dialect) => {
  let api: TestApp;
  let client: ReturnType<typeof createClient<paths>>;
  const blueprint = uniqueId('typed').toLowerCase();

  beforeAll(async () => {
    api = await startTestApp(dialect);
    const address = await api.app.listen({ host: '127.0.0.1', port: 0 });
    client = createClient<paths>({ baseUrl: address, headers: { authorization: `Bearer ${api.token}` } });
  });
  afterAll(() => api.close());

  it('creates, reads, searches and deletes through typed calls, and reads errors typed too', async () => {
    const created = await client.POST('/v1/blueprints', {
      body: {
        identifier: blueprint,
        title: 'Typed',
        schema: { properties: { tier: { type: 'number' } }, required: [] },
      },
    });
    expect(created.response.status, JSON.stringify(created.error)).toBe(201);

    const written = await client.POST('/v1/blueprints/{blueprint_identifier}/entities', {
      params: { path: { blueprint_identifier: blueprint } },
      body: { identifier: 'one', title: 'One', properties: { tier: 2 } },
    });
    expect(written.response.status).toBe(201);
    const entity: { identifier?: string; title?: string | null } | undefined = written.data?.entity;
    expect(entity).toMatchObject({ identifier: 'one', title: 'One' });

    const read = await client.GET('/v1/blueprints/{blueprint_identifier}/entities/{entity_identifier}', {
      params: { path: { blueprint_identifier: blueprint, entity_identifier: 'one' } },
    });
    expect(read.data?.entity.properties).toEqual({ tier: 2 });

    const found = await client.POST('/v1/blueprints/{blueprint_identifier}/entities/search', {
      params: { path: { blueprint_identifier: blueprint } },
      body: {
        query: { combinator: 'and', rules: [{ property: 'tier', operator: '>', value: 1 }] },
        limit: 10,
      },
    });
    const identifiers: Array<string | undefined> = found.data?.entities.map((e) => e.identifier) ?? [];
    expect(identifiers).toEqual(['one']);

    const missing = await client.GET('/v1/blueprints/{blueprint_identifier}/entities/{entity_identifier}', {
      params: { path: { blueprint_identifier: blueprint, entity_identifier: 'nope' } },
    });
    expect(missing.response.status).toBe(404);
    const code: string | undefined = missing.error?.error;
    expect(code).toBe('not_found');

    const deleted = await client.DELETE(
      '/v1/blueprints/{blueprint_identifier}/entities/{entity_identifier}',
      {
        params: { path: { blueprint_identifier: blueprint, entity_identifier: 'one' } },
      },
    );
    expect(deleted.data?.ok).toBe(true);
  });
});
