import { Type } from '@sinclair/typebox';
import { BlueprintIdParam, IncludeExclude, SearchQuerySchema } from '../http/schemas.js';
import { withErrors } from '../http/responses.js';
import { EntityPage } from '../catalog/entity.schemas.js';
import type { App } from '../http/route-types.js';
import { signalWhenClientLeaves } from '../http/client-gone.js';
import { entitiesText, sendEntitiesStream, sendJsonText } from '../http/json-stream.js';
import type { FastifyReply } from 'fastify';
import {
  GLOBAL_SEARCH_DEFAULT_LIMIT,
  SEARCH_DEFAULT_LIMIT,
  type SearchPage,
  type SearchService,
} from './search.service.js';

const tags = ['Search'];
// Optional, not defaulted: Ajv fills no defaults inside a union's branches (undefined sorts ascending).
const Order = Type.Optional(Type.Union([Type.Literal('ASC'), Type.Literal('DESC')]));
const Sort = Type.Union([
  Type.Object({ property: Type.String({ minLength: 1 }), order: Order }, { additionalProperties: false }),
  Type.Object(
    {
      scorecard: Type.String({ minLength: 1, description: 'by the level reached under this scorecard' }),
      order: Order,
    },
    { additionalProperties: false },
  ),
]);
/** Without `defaultLimit`, a search without a limit answers every entity it finds (Port's). */
const SearchBody = (maxLimit: number, defaultLimit?: number) =>
  Type.Object(
    {
      query: Type.Optional(SearchQuerySchema),
      ...IncludeExclude,
      sort: Type.Optional(Sort),
      limit: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: maxLimit,
          ...(defaultLimit !== undefined
            ? { default: defaultLimit }
            : {
                description:
                  'one page of at most this many, and the `next` cursor (without it: every entity)',
              }),
        }),
      ),
      from: Type.Optional(Type.String({ description: 'the `next` cursor of the previous page' })),
    },
    { additionalProperties: false },
  );
const BpParams = Type.Object({ blueprint_identifier: BlueprintIdParam });
const SearchQuery = Type.Object({
  exclude_calculated_properties: Type.Optional(
    Type.Boolean({ description: 'leave out mirror, calculation and aggregation values' }),
  ),
  attach_title_to_relation: Type.Optional(
    Type.Boolean({ description: 'relation targets as {identifier, title}' }),
  ),
  as_of: Type.Optional(Type.String({ description: 'a date-time: search the catalog as it was then' })),
});
// Port's POST /v1/entities/search takes these in its query string (its body is the query itself).
const GlobalSearchQuery = Type.Object({
  ...SearchQuery.properties,
  ...IncludeExclude,
  attach_identifier_to_title_mirror_properties: Type.Optional(
    Type.Boolean({ description: 'accepted; Portico answers mirror values as they are' }),
  ),
  allow_partial_results: Type.Optional(
    Type.Boolean({ description: 'accepted; no blueprint of a Portico search fails alone' }),
  ),
});
const both = (a?: string[], b?: string[]) => (a || b ? [...(a ?? []), ...(b ?? [])] : undefined);

export function searchRoutes(app: App, search: SearchService) {
  app.post(
    '/v1/blueprints/:blueprint_identifier/entities/search',
    {
      schema: {
        tags,
        summary: "Search a blueprint's entities, one page at a time",
        params: BpParams,
        querystring: SearchQuery,
        body: SearchBody(1000, SEARCH_DEFAULT_LIMIT),
        response: withErrors({ 200: EntityPage }),
      },
    },
    async (request, reply) =>
      sendPage(
        reply as FastifyReply,
        { ok: true },
        await search.searchPage(request.actor, request.params.blueprint_identifier, {
          ...request.body,
          excludeComputed: request.query.exclude_calculated_properties === true,
          attachTitleToRelation: request.query.attach_title_to_relation === true,
          ...(request.query.as_of !== undefined ? { asOf: request.query.as_of } : {}),
          signal: signalWhenClientLeaves(reply),
        }),
      ),
  );

  app.post(
    '/v1/entities/search',
    {
      schema: {
        tags,
        summary: 'Search entities across blueprints',
        querystring: GlobalSearchQuery,
        body: Type.Object(
          {
            combinator: Type.Optional(Type.Union([Type.Literal('and'), Type.Literal('or')])),
            rules: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }))),
            ...SearchBody(GLOBAL_SEARCH_DEFAULT_LIMIT).properties,
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: EntityPage }),
      },
    },
    async (request, reply) => {
      // Port's body is the query itself ({combinator, rules}); a {query: …} body is accepted too.
      const { combinator, rules, query, include, exclude, ...rest } = request.body;
      const effective = query ?? (rules ? { combinator: combinator ?? 'and', rules } : undefined);
      const signal = signalWhenClientLeaves(reply);
      const excludeComputed = request.query.exclude_calculated_properties === true;
      const asOf = request.query.as_of !== undefined ? { asOf: request.query.as_of } : {};
      const asked = {
        ...rest,
        query: effective,
        signal,
        excludeComputed,
        attachTitleToRelation: request.query.attach_title_to_relation === true,
        include: both(include, request.query.include),
        exclude: both(exclude, request.query.exclude),
        ...asOf,
      };
      if (rest.limit === undefined) {
        const { matchingBlueprints, pages } = await search.searchEverything(request.actor, undefined, asked);
        const head = { ok: true, matchingBlueprints, failedBlueprints: [] };
        return sendEntitiesStream(reply as FastifyReply, head, pages);
      }
      const page = await search.searchPage(request.actor, undefined, asked);
      const head = { ok: true, matchingBlueprints: page.matchingBlueprints, failedBlueprints: [] };
      return sendPage(reply as FastifyReply, head, page);
    },
  );

  app.get(
    '/v1/blueprints/:blueprint_identifier/entities',
    {
      schema: {
        tags: ['Entities'],
        summary: "List a blueprint's entities: all of them, as Port does, or with `limit` one page at a time",
        params: BpParams,
        querystring: Type.Object({
          ...IncludeExclude,
          limit: Type.Optional(
            Type.Integer({
              minimum: 1,
              maximum: 10_000,
              description: 'one page of at most this many, and the `next` cursor (without it: every entity)',
            }),
          ),
          from: Type.Optional(Type.String()),
          exclude_calculated_properties: Type.Optional(Type.Boolean()),
          attach_title_to_relation: Type.Optional(Type.Boolean()),
          as_of: Type.Optional(Type.String({ description: 'a date-time: the entities as they were then' })),
        }),
        response: withErrors({ 200: EntityPage }),
      },
    },
    async (request, reply) => {
      const { include, exclude, limit, from } = request.query;
      const bp = request.params.blueprint_identifier;
      const asked = {
        excludeComputed: request.query.exclude_calculated_properties === true,
        attachTitleToRelation: request.query.attach_title_to_relation === true,
        ...(request.query.as_of !== undefined ? { asOf: request.query.as_of } : {}),
        include,
        exclude,
        from,
        signal: signalWhenClientLeaves(reply),
      };
      if (limit === undefined) {
        const { pages } = await search.searchEverything(request.actor, bp, asked);
        return sendEntitiesStream(reply as FastifyReply, { ok: true }, pages);
      }
      return sendPage(
        reply as FastifyReply,
        { ok: true },
        await search.searchPage(request.actor, bp, { ...asked, limit }),
      );
    },
  );
}

/**
 * `{...head, "entities": [...], "next"?}`: a page whose entities the database wrote as text is sent as it
 * is; one read into objects is serialised.
 */
function sendPage(reply: FastifyReply, head: Record<string, unknown>, page: SearchPage) {
  const tail = page.next ? { next: page.next } : {};
  if ('texts' in page) return sendJsonText(reply, entitiesText(head, page.texts, tail));
  return reply.send({ ...head, entities: page.entities, ...tail });
}
