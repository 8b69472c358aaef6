import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { badInput } from '../errors.js';

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
  const given = header
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
  // An entity tag (RFC 9110 §8.8.3): "…" or W/"…" without inner quotes; bare versions and * are taken too.
  const wellFormed = (tag: string) => /^(W\/)?"[^"]+"$/.test(tag) || /^[^"\s]+$/.test(tag);
  const tags = given.map((tag) => (tag.startsWith('"') ? tag.slice(1, -1) : tag));
  if (!given.length || !given.every(wellFormed) || tags.includes('W/'))
    throw badInput(
      'invalid_if_match',
      'headers.if-match: give the version to write over (its ETag, e.g. "3-mifr2x1c"), several separated by commas, or *',
    );
  return tags;
}

/**
 * Refuses If-Match on a route that cannot evaluate it (a bulk write, say), which HTTP says must not ignore
 * it: only routes whose schema declares IfMatchHeaders take it.
 */
export function refuseUnsupportedIfMatch(request: FastifyRequest) {
  if (request.headers['if-match'] === undefined) return;
  if (request.routeOptions.schema?.headers === IfMatchHeaders) return;
  throw badInput(
    'if_match_unsupported',
    `headers.if-match: ${request.method} ${request.routeOptions.url ?? request.url} does not take If-Match; it applies to PUT, PATCH and DELETE of one entity or blueprint, a single upsert and a blueprint key's rename`,
  );
}

/** Sets the ETag of a response that carries one entity or blueprint at `version`. */
export function withVersion<T>(reply: FastifyReply, version: string | undefined, body: T): T {
  if (version !== undefined) void reply.header('etag', `"${version}"`);
  return body;
}
