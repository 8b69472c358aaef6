import { Type } from '@sinclair/typebox';
import { Nullable, Ok, open, withErrors } from '../http/responses.js';
import type { App } from '../http/route-types.js';
import type { ScorecardService } from './scorecard.service.js';

const tags = ['Scorecards'];
const Identifier = Type.String({ minLength: 1, maxLength: 1000 });
const BlueprintParams = Type.Object({ blueprint_identifier: Identifier });
const ScorecardParams = Type.Object({ blueprint_identifier: Identifier, scorecard_identifier: Identifier });
const Query = open(
  { combinator: Type.String(), conditions: Type.Array(open({})) },
  { description: "Port's conditions on a property (`property`) or a relation (`relation`)" },
);
const ScorecardSchema = open(
  {
    identifier: Type.String(),
    title: Type.String(),
    filter: Type.Optional(Query),
    levels: Type.Array(open({ title: Type.String(), color: Type.String() })),
    rules: Type.Array(
      open({
        identifier: Type.String(),
        title: Type.String(),
        description: Type.Optional(Type.String()),
        level: Type.String(),
        query: Query,
      }),
    ),
    properties: Type.Optional(open({})),
    id: Type.String(),
    blueprint: Type.String(),
    createdAt: Type.String(),
    createdBy: Type.String(),
    updatedAt: Type.String(),
    updatedBy: Type.String(),
    evaluation: Type.Optional(
      open(
        {
          status: Type.Union([Type.Literal('evaluating'), Type.Literal('done')]),
          evaluated: Type.Optional(Type.Integer()),
          total: Type.Optional(Type.Integer()),
          startedAt: Type.String(),
          finishedAt: Nullable(Type.String()),
        },
        {
          description:
            "Portico: the evaluation of the blueprint's entities since the scorecard's last change",
        },
      ),
    ),
  },
  { description: 'a scorecard as Port answers it' },
);
/** Checked field by field by the service (scorecard.rules.ts), whose refusals name the field at fault. */
const ScorecardBody = open(
  { identifier: Type.Optional(Type.String()), title: Type.Optional(Type.String()) },
  { description: "a scorecard: identifier, title, levels, rules, filter (Port's JSON)" },
);
const OneScorecard = withErrors({ 200: Ok({ scorecard: ScorecardSchema }, 'the scorecard') });
const Scorecards = withErrors({ 200: Ok({ scorecards: Type.Array(ScorecardSchema) }, 'the scorecards') });

/** Port's scorecard routes (port-model §7). */
export function scorecardRoutes(app: App, scorecards: ScorecardService) {
  app.get(
    '/v1/scorecards',
    { schema: { tags, summary: 'List every scorecard', response: Scorecards } },
    async (request) => ({ ok: true as const, scorecards: await scorecards.list(request.actor) }),
  );

  app.get(
    '/v1/blueprints/:blueprint_identifier/scorecards',
    {
      schema: {
        tags,
        summary: "List a blueprint's scorecards",
        params: BlueprintParams,
        response: Scorecards,
      },
    },
    async (request) => ({
      ok: true as const,
      scorecards: await scorecards.list(request.actor, request.params.blueprint_identifier),
    }),
  );

  app.post(
    '/v1/blueprints/:blueprint_identifier/scorecards',
    {
      schema: {
        tags,
        summary: 'Create a scorecard',
        params: BlueprintParams,
        body: ScorecardBody,
        response: withErrors({ 201: Ok({ scorecard: ScorecardSchema }, 'the scorecard') }),
      },
    },
    async (request, reply) => {
      const scorecard = await scorecards.create(
        request.actor,
        request.params.blueprint_identifier,
        request.body,
      );
      return reply.code(201).send({ ok: true as const, scorecard });
    },
  );

  app.put(
    '/v1/blueprints/:blueprint_identifier/scorecards',
    {
      schema: {
        tags,
        summary: "Replace a blueprint's scorecards (those not named are deleted)",
        params: BlueprintParams,
        body: Type.Array(ScorecardBody),
        response: Scorecards,
      },
    },
    async (request) => ({
      ok: true as const,
      scorecards: await scorecards.replaceAll(
        request.actor,
        request.params.blueprint_identifier,
        request.body,
      ),
    }),
  );

  app.get(
    '/v1/blueprints/:blueprint_identifier/scorecards/:scorecard_identifier',
    { schema: { tags, summary: 'Get a scorecard', params: ScorecardParams, response: OneScorecard } },
    async (request) => ({
      ok: true as const,
      scorecard: await scorecards.get(
        request.actor,
        request.params.blueprint_identifier,
        request.params.scorecard_identifier,
      ),
    }),
  );

  app.put(
    '/v1/blueprints/:blueprint_identifier/scorecards/:scorecard_identifier',
    {
      schema: {
        tags,
        summary: 'Replace a scorecard',
        params: ScorecardParams,
        body: ScorecardBody,
        response: OneScorecard,
      },
    },
    async (request) => ({
      ok: true as const,
      scorecard: await scorecards.update(
        request.actor,
        request.params.blueprint_identifier,
        request.params.scorecard_identifier,
        request.body,
      ),
    }),
  );

  app.delete(
    '/v1/blueprints/:blueprint_identifier/scorecards/:scorecard_identifier',
    {
      schema: {
        tags,
        summary: 'Delete a scorecard (and its results on entities)',
        params: ScorecardParams,
        response: withErrors({ 200: Ok({}, 'deleted') }),
      },
    },
    async (request) => {
      await scorecards.remove(
        request.actor,
        request.params.blueprint_identifier,
        request.params.scorecard_identifier,
      );
      return { ok: true as const };
    },
  );
}
