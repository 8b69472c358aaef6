import { Type } from '@sinclair/typebox';
import type { App } from '../http/route-types.js';
import { BlueprintIdParam } from '../http/schemas.js';
import type { CallerAccessService } from './caller-access.service.js';
import { withErrors } from '../http/responses.js';

const Names = Type.Array(Type.String());

export function callerAccessRoutes(app: App, access: CallerAccessService) {
  app.get(
    '/v1/blueprints/:blueprint_identifier/access',
    {
      schema: {
        tags: ['Permissions'],
        summary:
          'What the caller may do with entities of a blueprint, or with one entity (for a UI to offer; every write is still checked)',
        params: Type.Object({ blueprint_identifier: BlueprintIdParam }),
        querystring: Type.Object({
          entity: Type.Optional(
            Type.String({
              minLength: 1,
              maxLength: 1000,
              description: "judge `ownedByTeam` grants against this entity's owning teams",
            }),
          ),
        }),
        response: withErrors({
          200: Type.Object({
            ok: Type.Literal(true),
            access: Type.Object({
              register: Type.Boolean(),
              update: Type.Boolean(),
              unregister: Type.Boolean(),
              updateProperties: Names,
              updateRelations: Names,
              changeBlueprint: Type.Boolean(),
              changePermissions: Type.Boolean(),
            }),
          }),
        }),
      },
    },
    async (request) => ({
      ok: true as const,
      access: await access.accessOf(request.actor, request.params.blueprint_identifier, request.query.entity),
    }),
  );
}
