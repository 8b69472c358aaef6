import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './route-types.js';

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

/**
 * Holds every answer to the schema its route declares for its status (tests turn it on: every response of
 * every test is then checked against docs/openapi.json's contract). An answer that breaks it becomes a 500
 * `response_contract` naming the route, the status and the first field at fault; a status the route does
 * not declare is one too.
 */
export function checkResponsesAgainstSchemas(app: App) {
  const ajv = addFormats(new Ajv({ strict: false, allErrors: false, coerceTypes: false }));
  const compiled = new WeakMap<object, ValidateFunction>();
  const validatorOf = (schema: object) => {
    let validate = compiled.get(schema);
    if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
    return validate;
  };
  const check = (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const responses = request.routeOptions.schema?.response as Record<string, object> | undefined;
    if (!responses || payload === null || typeof payload !== 'object') return payload;
    const status = reply.statusCode;
    const schema = responses[status] ?? responses[`${Math.floor(status / 100)}xx`] ?? responses.default;
    const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
    const broken = (message: string) => {
      reply.code(500);
      return { ok: false, error: 'response_contract', message: `${route} answered ${status} ${message}` };
    };
    if (!schema) return broken('which its schema does not declare');
    const validate = validatorOf(schema);
    if (validate(payload)) return payload;
    const [first] = validate.errors ?? [];
    return broken(
      `not as declared: ${first?.instancePath || '(the answer)'} ${first?.message ?? 'is invalid'} (${JSON.stringify(first?.params ?? {})})`,
    );
  };
  app.addHook('preSerialization', async (request, reply, payload) => check(request, reply, payload));
  // A streamed answer (every entity of a blueprint) is read whole here and checked like any other: tests
  // alone turn this on, so holding it in memory costs nothing that matters.
  app.addHook('onSend', async (request, reply, payload) => {
    const json = String(reply.getHeader('content-type') ?? '').startsWith('application/json');
    if (!(payload instanceof Readable) || !json || !request.routeOptions.schema?.response) return payload;
    const chunks: Buffer[] = [];
    for await (const chunk of payload) chunks.push(Buffer.from(chunk as string | Buffer));
    const text = Buffer.concat(chunks).toString('utf8');
    const checked = check(request, reply, JSON.parse(text) as unknown);
    return reply.statusCode === 500 ? JSON.stringify(checked) : text;
  });
}
