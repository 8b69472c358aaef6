import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, STATUS_BY_KIND } from '../errors.js';
import { domainErrorFromDatabase } from '../storage/database-errors.js';
import { PORT_OPERATIONS } from './port-operations.js';

interface ErrorBody {
  ok: false;
  error: string;
  message: string;
  details?: Record<string, unknown>;
}

/** The one place errors become HTTP: Port's envelope, a 4xx that names the field, or a logged generic 500. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | DomainError | Error, request, reply) => {
    const [status, body] = toHttp(error);
    // A domain error at 5xx (a query over its time limit, a provider down) is expected: a warning, no stack.
    if (status >= 500 && body.error !== 'internal_error')
      request.log.warn({ code: body.error }, body.message);
    else if (status >= 500) request.log.error({ err: error }, 'unhandled error');
    if (status === 429 && typeof body.details?.retryAfterSeconds === 'number')
      void reply.header('retry-after', String(body.details.retryAfterSeconds));
    return reply.status(status).send(body);
  });
  // No route: a part of Port's API that Portico does not offer, or no such route at all. Neither is the
  // 404 not_found of a missing resource, so that a client can tell "no such action" from "no actions API".
  const offered = new Set<string>();
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) offered.add(`${method} ${shapeOf(route.url)}`);
  });
  let notOffered: Array<readonly [string, string, RegExp]> | undefined;
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    notOffered ??= PORT_OPERATIONS.filter(
      ([method, template]) => !offered.has(`${method} ${shapeOf(template)}`),
    ).map(
      ([method, template]) =>
        [method, template, new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`)] as const,
    );
    const port = notOffered.find(([method, , pattern]) => method === request.method && pattern.test(path));
    return port
      ? reply.status(501).send({
          ok: false,
          error: 'not_implemented',
          message: `Portico does not offer Port's ${port[0]} ${port[1]} (see "Where Portico differs from Port" in the README)`,
        })
      : reply.status(404).send({
          ok: false,
          error: 'route_not_found',
          message: `Route ${request.method} ${path} does not exist`,
        });
  });
}

/** A route's path with its parameters blanked: Port's `{name}` and Fastify's `:name` alike. */
const shapeOf = (path: string) => path.replace(/\{[^}]+\}|:[^/]+/g, '{}');

function toHttp(error: FastifyError | DomainError | Error): [number, ErrorBody] {
  if (error instanceof DomainError)
    return [
      STATUS_BY_KIND[error.kind],
      {
        ok: false,
        error: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      },
    ];
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const first = fastifyError.validation[0];
    const where = `${fastifyError.validationContext ?? 'body'}${first?.instancePath.replace(/\//g, '.') ?? ''}`;
    const extra =
      first?.keyword === 'additionalProperties'
        ? ` (${String(first.params.additionalProperty)})`
        : first?.keyword === 'enum'
          ? ` ${JSON.stringify(first.params.allowedValues)}`
          : '';
    return [
      422,
      {
        ok: false,
        error: 'invalid_request',
        message: `The json provided does not match the route's schema: ${where} ${first?.message ?? 'is invalid'}${extra}`,
        details: { field: fieldOf(fastifyError.validationContext ?? 'body', first) },
      },
    ];
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return [
        413,
        {
          ok: false,
          error: 'payload_too_large',
          message: `Request body is too large: ${fastifyError.message}`,
        },
      ];
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return [415, { ok: false, error: 'unsupported_media_type', message: fastifyError.message }];
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return [400, { ok: false, error: 'invalid_json', message: fastifyError.message }];
  }
  const fromDatabase = domainErrorFromDatabase(error);
  if (fromDatabase) return toHttp(fromDatabase);
  if (
    typeof fastifyError.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  )
    return [fastifyError.statusCode, { ok: false, error: 'invalid_request', message: fastifyError.message }];
  return [
    500,
    { ok: false, error: 'internal_error', message: 'An unexpected error occurred; it has been logged' },
  ];
}

/**
 * Fastify's own refusals before routing (a path it cannot decode, a parameter past maxParamLength), in the
 * API's envelope: pass as Fastify's `frameworkErrors` option.
 */
export function frameworkErrorReply(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  return reply.status(tooLong ? 414 : 400).send({
    ok: false,
    error: tooLong ? 'path_too_long' : 'invalid_path',
    message: tooLong
      ? 'the path has a parameter longer than 4096 characters'
      : 'the path is not valid: a percent-encoded part of it is not UTF-8',
  });
}

/**
 * The field a route-schema refusal names, as entity and action refusals name theirs (`details.field`): its
 * path in the body (`trigger.operation`), or in the query or the path's parameters (`limit`); a missing or
 * unexpected property is named itself.
 */
function fieldOf(
  context: string,
  first: { instancePath: string; keyword: string; params: Record<string, unknown> } | undefined,
): string {
  const path = (first?.instancePath ?? '')
    .split('/')
    .filter(Boolean)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (first?.keyword === 'required') path.push(String(first.params.missingProperty));
  if (first?.keyword === 'additionalProperties') path.push(String(first.params.additionalProperty));
  return path.join('.') || context;
}
