import { Type } from '@sinclair/typebox';
import { Ok, withErrors } from '../http/responses.js';
import type { App } from '../http/route-types.js';
import { BlueprintPermissions } from './identity.schemas.js';
import type { StoredPermissions } from './permissions.js';
import type { PermissionsService } from './permissions.service.js';

const tags = ['Permissions'];
const Names = Type.Array(Type.String({ minLength: 1, maxLength: 320 }), { maxItems: 1000 });
const grantFields = {
  users: Type.Optional(Names),
  teams: Type.Optional(Names),
  roles: Type.Optional(Names),
  ownedByTeam: Type.Optional(Type.Boolean()),
};
const Grant = Type.Object(grantFields, { additionalProperties: false });
// Port's read policy (rules over the user's and their teams' properties): stored, not evaluated yet.
const ReadGrant = Type.Object(
  { ...grantFields, policy: Type.Optional(Type.Object({}, { additionalProperties: true })) },
  { additionalProperties: false },
);
const KeyedGrants = Type.Record(Type.String({ minLength: 1, maxLength: 200 }), Grant);
const OkWithPermissions = withErrors({
  200: Ok({ permissions: BlueprintPermissions }, 'the permissions as they now are'),
});
const Params = Type.Object({ blueprint_identifier: Type.String({ minLength: 1, maxLength: 200 }) });

export function permissionsRoutes(app: App, permissions: PermissionsService) {
  app.get(
    '/v1/blueprints/:blueprint_identifier/permissions',
    {
      schema: {
        tags,
        summary: "Get a blueprint's entity permissions (Admin or its moderator)",
        params: Params,
        response: OkWithPermissions,
      },
    },
    async (request) => ({
      ok: true as const,
      permissions: await permissions.get(request.actor, request.params.blueprint_identifier),
    }),
  );

  app.patch(
    '/v1/blueprints/:blueprint_identifier/permissions',
    {
      schema: {
        tags,
        summary: "Change a blueprint's entity permissions; each field given replaces that field",
        params: Params,
        body: Type.Object(
          {
            entities: Type.Object(
              {
                read: Type.Optional(ReadGrant),
                register: Type.Optional(Grant),
                update: Type.Optional(Grant),
                unregister: Type.Optional(Grant),
                updateProperties: Type.Optional(KeyedGrants),
                updateRelations: Type.Optional(KeyedGrants),
              },
              { additionalProperties: false },
            ),
          },
          { additionalProperties: false },
        ),
        response: OkWithPermissions,
      },
    },
    async (request) => ({
      ok: true as const,
      permissions: await permissions.update(
        request.actor,
        request.params.blueprint_identifier,
        request.body as StoredPermissions,
      ),
    }),
  );
}
