import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendEntitiesStream } from './json-stream.js';
import { checkResponsesAgainstSchemas } from './response-contract.js';
import type { App } from './route-types.js';

async function* pagesOf(...pages: string[]) {
  for (const page of pages) yield page;
}

describe('answers checked against their routes’ schemas (tests turn it on)', () => {
  const app = Fastify().withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  const Listing = Type.Object({
    ok: Type.Literal(true),
    entities: Type.Array(Type.Object({ identifier: Type.String() })),
  });

  beforeAll(async () => {
    checkResponsesAgainstSchemas(app);
    const schema = { response: { 200: Listing } };
    app.get('/object/:kind', { schema }, async (request) =>
      (request.params as { kind: string }).kind === 'good'
        ? { ok: true as const, entities: [{ identifier: 'a' }] }
        : ({ ok: true, entities: [{ identifier: 1 }] } as never),
    );
    app.get('/stream/:kind', { schema }, async (request, reply) =>
      sendEntitiesStream(
        reply,
        { ok: true },
        (request.params as { kind: string }).kind === 'good'
          ? pagesOf('{"identifier":"a"}', '{"identifier":"b"}')
          : pagesOf('{"identifier":"a"}', '{"title":"no identifier"}'),
      ),
    );
    await app.ready();
  });
  afterAll(() => app.close());

  it('passes an answer that holds to its schema, serialised or streamed', async () => {
    const object = await app.inject('/object/good');
    expect(object.statusCode).toBe(200);
    const streamed = await app.inject('/stream/good');
    expect(streamed.statusCode).toBe(200);
    expect(streamed.json()).toEqual({ ok: true, entities: [{ identifier: 'a' }, { identifier: 'b' }] });
  });

  it('turns an answer that breaks its schema into a 500 naming the field, streamed ones too', async () => {
    const object = await app.inject('/object/bad');
    expect(object.statusCode).toBe(500);
    expect(object.json()).toMatchObject({ error: 'response_contract', message: /\/entities\/0\/identifier/ });
    const streamed = await app.inject('/stream/bad');
    expect(streamed.statusCode).toBe(500);
    expect(streamed.json()).toMatchObject({ error: 'response_contract', message: /\/entities\/1/ });
  });
});
