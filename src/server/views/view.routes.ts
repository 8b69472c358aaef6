import { Type, type Static } from '@sinclair/typebox';
import type { App } from '../http/route-types.js';
import { BlueprintIdParam } from '../http/schemas.js';
import { withErrors } from '../http/responses.js';
import { VIEW_NAME_MAX, type ViewService } from './view.service.js';

const tags = ['Views'];
const Name = Type.String({ minLength: 1, maxLength: VIEW_NAME_MAX, pattern: '\\S' });
const State = Type.Object(
  {},
  {
    additionalProperties: true,
    description: "the web app's state of the table (opaque), at most 16 KiB as JSON",
  },
);
const View = Type.Object({
  id: Type.String(),
  blueprint: Type.String(),
  name: Type.String(),
  shared: Type.Boolean(),
  owner: Type.String({ description: 'the actor who saved it: an email, a service account or a client id' }),
  state: State,
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const BpParams = Type.Object({ blueprint_identifier: BlueprintIdParam });
const ViewParams = Type.Object({
  blueprint_identifier: BlueprintIdParam,
  id: Type.String({ minLength: 1, maxLength: 100 }),
});
const CreateBody = Type.Object(
  { name: Name, shared: Type.Optional(Type.Boolean({ default: false })), state: State },
  { additionalProperties: false },
);
const ChangeBody = Type.Object(
  { name: Type.Optional(Name), shared: Type.Optional(Type.Boolean()), state: Type.Optional(State) },
  { additionalProperties: false },
);
const OkWithView = Type.Object({ ok: Type.Literal(true), view: View });

export function viewRoutes(app: App, views: ViewService) {
  app.get(
    '/v1/blueprints/:blueprint_identifier/views',
    {
      schema: {
        tags,
        summary: "The caller's saved table views of a blueprint and those others shared, by name",
        params: BpParams,
        response: withErrors({ 200: Type.Object({ ok: Type.Literal(true), views: Type.Array(View) }) }),
      },
    },
    async (request) => ({
      ok: true as const,
      views: await views.list(request.actor, request.params.blueprint_identifier),
    }),
  );

  app.post(
    '/v1/blueprints/:blueprint_identifier/views',
    {
      schema: {
        tags,
        summary: 'Save a table view (names are unique per caller and blueprint)',
        params: BpParams,
        body: CreateBody,
        response: withErrors({ 201: OkWithView }),
      },
    },
    async (request, reply) => {
      const body = request.body as Static<typeof CreateBody>;
      const view = await views.create(request.actor, request.params.blueprint_identifier, body);
      return reply.status(201).send({ ok: true as const, view });
    },
  );

  app.patch(
    '/v1/blueprints/:blueprint_identifier/views/:id',
    {
      schema: {
        tags,
        summary: 'Change a table view (its owner; an Admin also a shared one)',
        params: ViewParams,
        body: ChangeBody,
        response: withErrors({ 200: OkWithView }),
      },
    },
    async (request) => {
      const { blueprint_identifier: blueprint, id } = request.params;
      const body = request.body as Static<typeof ChangeBody>;
      return { ok: true as const, view: await views.update(request.actor, blueprint, id, body) };
    },
  );

  app.delete(
    '/v1/blueprints/:blueprint_identifier/views/:id',
    {
      schema: {
        tags,
        summary: 'Delete a table view (its owner; an Admin also a shared one)',
        params: ViewParams,
        response: withErrors({ 200: Type.Object({ ok: Type.Literal(true) }) }),
      },
    },
    async (request) => {
      const { blueprint_identifier: blueprint, id } = request.params;
      await views.remove(request.actor, blueprint, id);
      return { ok: true as const };
    },
  );
}
