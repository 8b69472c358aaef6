import { Type } from '@sinclair/typebox';
import { Nullable, Ok, open, withErrors } from '../http/responses.js';
import type { App } from '../http/route-types.js';
import type { InitiativeService } from './initiative.service.js';
import { MAX_POINTS, MAX_TIMELINE, type ScorecardInsights } from './scorecard-insights.service.js';

const Identifier = Type.String({ minLength: 1, maxLength: 1000 });
const Counts = open({}, { description: 'entities by level title' });
const InitiativeSchema = open(
  {
    identifier: Type.String(),
    title: Type.String(),
    description: Type.Optional(Type.String()),
    blueprint: Type.String(),
    scorecard: Type.String(),
    level: Type.String(),
    dueDate: Type.String(),
    teams: Type.Optional(Type.Array(Type.String())),
    createdAt: Type.String(),
    createdBy: Type.String(),
    updatedAt: Type.String(),
    updatedBy: Type.String(),
  },
  { description: 'a scorecard level that some teams are to reach by a date' },
);
const InitiativeBody = open(
  { identifier: Type.Optional(Type.String()) },
  { description: 'identifier, title, description, blueprint, scorecard, level, dueDate, teams' },
);
const OneInitiative = withErrors({ 200: Ok({ initiative: InitiativeSchema }, 'the initiative') });
const InitiativeParams = Type.Object({ identifier: Identifier });

/** Scorecards over time (an entity's timeline, a scorecard's level distribution) and initiatives. */
export function scorecardInsightRoutes(
  app: App,
  insights: ScorecardInsights,
  initiatives: InitiativeService,
) {
  app.get(
    '/v1/blueprints/:blueprint_identifier/entities/:entity_identifier/scorecard-history',
    {
      schema: {
        tags: ['Scorecards'],
        summary: "An entity's changes of scorecard level and rule results, newest first",
        params: Type.Object({ blueprint_identifier: Identifier, entity_identifier: Identifier }),
        querystring: Type.Object({
          scorecard: Type.Optional(Identifier),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_TIMELINE })),
        }),
        response: withErrors({
          200: Ok(
            {
              history: Type.Array(
                open({
                  at: Type.String(),
                  scorecard: Type.String(),
                  level: Nullable(Type.String()),
                  previousLevel: Nullable(Type.String()),
                  cause: Type.String(),
                  actor: Type.String(),
                }),
              ),
            },
            'the changes',
          ),
        }),
      },
    },
    async (request) => ({
      ok: true as const,
      history: await insights.timeline(
        request.actor,
        request.params.blueprint_identifier,
        request.params.entity_identifier,
        { ...request.query, signal: request.signal },
      ),
    }),
  );

  app.get(
    '/v1/blueprints/:blueprint_identifier/scorecards/:scorecard_identifier/levels',
    {
      schema: {
        tags: ['Scorecards'],
        summary: "A scorecard's level distribution over time, overall and per team",
        params: Type.Object({ blueprint_identifier: Identifier, scorecard_identifier: Identifier }),
        querystring: Type.Object({
          from: Type.Optional(
            Type.String({ description: 'the first instant (default: the scorecard’s creation)' }),
          ),
          to: Type.Optional(Type.String({ description: 'the last instant (default: now)' })),
          points: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_POINTS })),
          team: Type.Optional(Type.String({ description: 'only the entities of this team' })),
        }),
        response: withErrors({
          200: Ok(
            {
              scorecard: Type.String(),
              blueprint: Type.String(),
              levels: Type.Array(Type.String()),
              points: Type.Array(
                open({ at: Type.String(), total: Type.Integer(), levels: Counts, teams: open({}) }),
              ),
              rules: Type.Optional(
                Type.Array(
                  open(
                    { identifier: Type.String(), passing: Type.Integer(), failing: Type.Integer() },
                    { description: "each rule's entities passing and failing now (without `team`)" },
                  ),
                ),
              ),
            },
            'the distribution at each point',
          ),
        }),
      },
    },
    async (request) => ({
      ok: true as const,
      ...(await insights.distribution(
        request.actor,
        request.params.blueprint_identifier,
        request.params.scorecard_identifier,
        { ...request.query, signal: request.signal },
      )),
    }),
  );

  const tags = ['Initiatives'];
  app.get(
    '/v1/initiatives',
    {
      schema: {
        tags,
        summary: 'List initiatives',
        response: withErrors({ 200: Ok({ initiatives: Type.Array(InitiativeSchema) }, 'the initiatives') }),
      },
    },
    async (request) => ({ ok: true as const, initiatives: await initiatives.list(request.actor) }),
  );
  app.post(
    '/v1/initiatives',
    {
      schema: {
        tags,
        summary: 'Create an initiative',
        body: InitiativeBody,
        response: withErrors({ 201: Ok({ initiative: InitiativeSchema }, 'the initiative') }),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send({ ok: true as const, initiative: await initiatives.create(request.actor, request.body) }),
  );
  app.get(
    '/v1/initiatives/:identifier',
    { schema: { tags, summary: 'Get an initiative', params: InitiativeParams, response: OneInitiative } },
    async (request) => ({
      ok: true as const,
      initiative: await initiatives.get(request.actor, request.params.identifier),
    }),
  );
  app.put(
    '/v1/initiatives/:identifier',
    {
      schema: {
        tags,
        summary: 'Replace an initiative',
        params: InitiativeParams,
        body: InitiativeBody,
        response: OneInitiative,
      },
    },
    async (request) => ({
      ok: true as const,
      initiative: await initiatives.update(request.actor, request.params.identifier, request.body),
    }),
  );
  app.delete(
    '/v1/initiatives/:identifier',
    {
      schema: {
        tags,
        summary: 'Delete an initiative',
        params: InitiativeParams,
        response: withErrors({ 200: Ok({}, 'deleted') }),
      },
    },
    async (request) => {
      await initiatives.remove(request.actor, request.params.identifier);
      return { ok: true as const };
    },
  );
  app.get(
    '/v1/initiatives/:identifier/progress',
    {
      schema: {
        tags,
        summary: "An initiative's progress, per team, with the entities behind",
        params: InitiativeParams,
        response: withErrors({
          200: Ok(
            {
              progress: open({
                initiative: Type.String(),
                level: Type.String(),
                dueDate: Type.String(),
                daysLeft: Type.Integer(),
                overdue: Type.Boolean(),
                total: Type.Integer(),
                reached: Type.Integer(),
                percent: Type.Number(),
                teams: Type.Array(
                  open({
                    team: Type.String(),
                    total: Type.Integer(),
                    reached: Type.Integer(),
                    percent: Type.Number(),
                    behind: Type.Array(open({ identifier: Type.String(), level: Type.String() })),
                  }),
                ),
              }),
            },
            'the progress',
          ),
        }),
      },
    },
    async (request) => ({
      ok: true as const,
      progress: await initiatives.progress(request.actor, request.params.identifier),
    }),
  );
}
