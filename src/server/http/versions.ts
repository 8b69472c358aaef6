import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The If-Match header, in route schemas: documented, and checked as a string of at most a few tags. */
export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({
      maxLength: 1000,
      description:
        'Write only if the resource is still at one of these versions (its ETag), or exists ("*"); else 412',
    }),
  ),
});

/**
 * The versions an If-Match header names (RFC 9110 §13.1.1), without their quotes; undefined without one.
 * A weak tag (W/"…") keeps its prefix: it never matches, as the strong comparison If-Match uses demands.
 */
export function ifMatchOf(request: FastifyRequest): string[] | undefined {
  const header = request.headers['if-match'];
  if (typeof header !== 'string') return undefined;
  return header
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0)
    .map((tag) => (/^".*"$/.test(tag) ? tag.slice(1, -1) : tag));
}

/** Sets the ETag of a response that carries one entity or blueprint at `version`. */
export function withVersion<T>(reply: FastifyReply, version: string | undefined, body: T): T {
  if (version !== undefined) void reply.header('etag', `"${version}"`);
  return body;
}
