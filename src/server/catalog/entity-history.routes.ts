import { Type } from '@sinclair/typebox';
import { BlueprintIdParam, EntityIdParam } from '../http/schemas.js';
import type { App } from '../http/route-types.js';
import { Nullable, Ok, withErrors } from '../http/responses.js';
import { EntityVersionSchema } from './entity.schemas.js';
import type { EntityHistoryService } from './entity-history.service.js';

const tags = ['Entities'];
const INTERVALS = ['hour', 'day', 'isoWeek', 'month', 'quarter'] as const;

export function entityHistoryRoutes(app: App, history: EntityHistoryService) {
  app.get(
    '/v1/blueprints/:blueprint_identifier/entities/:entity_identifier/history',
    {
      schema: {
        tags,
        summary: "An entity's versions, newest first: who changed what, and when",
        params: Type.Object({ blueprint_identifier: BlueprintIdParam, entity_identifier: EntityIdParam }),
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
          from: Type.Optional(
            Type.Integer({
              minimum: 1,
              description: 'the `next` of the previous page: versions older than it',
            }),
          ),
        }),
        response: withErrors({
          200: Ok({
            versions: Type.Array(EntityVersionSchema),
            next: Type.Optional(Type.Integer({ description: 'send it as `from` for older versions' })),
          }),
        }),
      },
    },
    async (request) => {
      const { blueprint_identifier: bp, entity_identifier: id } = request.params;
      const page = await history.history(request.actor, bp, id, {
        limit: request.query.limit ?? 50,
        ...(request.query.from !== undefined ? { before: request.query.from } : {}),
      });
      return { ok: true as const, ...page };
    },
  );

  app.post(
    '/v1/entities/properties-history',
    {
      schema: {
        tags,
        summary: "Fetch the history of an entity's properties",
        body: Type.Object(
          {
            entityIdentifier: Type.String({ minLength: 1 }),
            blueprintIdentifier: Type.String({ minLength: 1 }),
            propertyNames: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 10 }),
            timeInterval: Type.Optional(Type.Union(INTERVALS.map((i) => Type.Literal(i)))),
            timeRange: Type.Optional(
              Type.Object(
                { preset: Type.Optional(Type.String()), timeZone: Type.Optional(Type.String()) },
                { additionalProperties: false },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: withErrors({
          200: Ok({
            result: Type.Object(
              {
                minDate: Type.Number({ description: 'the range, in ms since 1970' }),
                maxDate: Type.Number(),
                data: Type.Array(Nullable(Type.Number()), {
                  description: "the first property's value at the end of each interval",
                }),
                intervals: Type.Array(Type.Number(), { description: "each interval's start" }),
                series: Type.Record(Type.String(), Type.Array(Nullable(Type.Number()))),
              },
              { additionalProperties: true },
            ),
          }),
        }),
      },
    },
    async (request) => ({
      ok: true as const,
      result: await history.propertiesHistory(request.actor, request.body),
    }),
  );
}
