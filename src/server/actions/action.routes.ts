import { Type } from '@sinclair/typebox';
import type { JsonObject } from '../../core/blueprint.js';
import { AnyObject } from '../http/schemas.js';
import type { App } from '../http/route-types.js';
import { Ok, withErrors } from '../http/responses.js';
import { IfMatchHeaders, ifMatchOf, withVersion } from '../http/versions.js';
import type { ActionPermissionsChange } from './action-permissions.js';
import { Action, AutomationEventType, OkDeleted, OkWithAction, OkWithPermissions } from './action.schemas.js';
import type { ActionService } from './action.service.js';

const tags = ['Actions'];
const ActionBody = Type.Object(
  { identifier: Type.Optional(Type.String()), trigger: AnyObject, invocationMethod: AnyObject },
  {
    additionalProperties: true,
    description: "A self-service action (port-model §5.1) or an automation (§6.1) in Port's JSON",
  },
);
const Params = Type.Object({ action_identifier: Type.String({ minLength: 1, maxLength: 100 }) });
const Names = Type.Optional(Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 1000 }));
const ListQuery = Type.Object({
  action_identifier: Names,
  blueprint_identifier: Names,
  operation: Type.Optional(
    Type.Array(Type.Union([Type.Literal('CREATE'), Type.Literal('DAY-2'), Type.Literal('DELETE')])),
  ),
  trigger_type: Type.Optional(
    Type.Union([Type.Literal('self-service'), Type.Literal('automation')], {
      description: 'only self-service actions, or only automations (both when absent)',
    }),
  ),
  trigger_event: Type.Optional(
    Type.Array(AutomationEventType, {
      description: 'only automations started by these events',
    }),
  ),
  published: Type.Optional(
    Type.Boolean({
      description: 'automations only: true keeps the published ones (publish is not false), false the others',
    }),
  ),
  version: Type.Optional(Type.Union([Type.Literal('v1'), Type.Literal('v2')])),
});
const Grant = Type.Object(
  {
    roles: Type.Optional(Type.Array(Type.String())),
    users: Type.Optional(Type.Array(Type.String())),
    teams: Type.Optional(Type.Array(Type.String())),
    ownedByTeam: Type.Optional(Type.Boolean()),
    policy: Type.Optional(Type.Union([AnyObject, Type.Null()])),
  },
  { additionalProperties: false },
);
const PermissionsBody = Type.Object(
  { execute: Type.Optional(Grant), approve: Type.Optional(Grant) },
  { additionalProperties: false },
);

export function actionRoutes(app: App, actions: ActionService) {
  app.get(
    '/v1/auth/permissions',
    {
      schema: {
        tags,
        summary: "The caller's permissions on actions, as Port's strings (execute:actions:<id>, …)",
        querystring: Type.Object({ action_version: Type.Optional(Type.String({ maxLength: 10 })) }),
        response: withErrors({
          200: Ok({ permissions: Type.Array(Type.String()) }, 'what the caller may run and approve'),
        }),
      },
    },
    async (request) => ({
      ok: true as const,
      permissions: await actions.permissionStrings(request.actor),
    }),
  );

  app.get(
    '/v1/actions',
    {
      schema: {
        tags,
        summary: 'List the actions and automations the caller may see',
        querystring: ListQuery,
        response: withErrors({ 200: Ok({ actions: Type.Array(Action) }, 'The actions, by identifier') }),
      },
    },
    async (request) => {
      const query = request.query;
      return {
        ok: true as const,
        actions: await actions.list(request.actor, {
          identifiers: query.action_identifier,
          blueprints: query.blueprint_identifier,
          operations: query.operation,
          events: query.trigger_event,
          triggerType: query.trigger_type,
          published: query.published,
        }),
      };
    },
  );

  app.post(
    '/v1/actions',
    {
      schema: {
        tags,
        summary: 'Create an action',
        body: ActionBody,
        response: withErrors({ 201: OkWithAction }),
      },
    },
    async (request, reply) => {
      const stored = await actions.create(request.actor, request.body as JsonObject);
      return reply
        .status(201)
        .send(withVersion(reply, stored.version, { ok: true as const, action: stored.action }));
    },
  );

  app.get(
    '/v1/actions/:action_identifier',
    {
      schema: {
        tags,
        summary: 'Get an action',
        params: Params,
        response: withErrors({ 200: OkWithAction }),
      },
    },
    async (request, reply) => {
      const stored = await actions.find(request.actor, request.params.action_identifier);
      return withVersion(reply, stored.version, { ok: true as const, action: stored.action });
    },
  );

  app.put(
    '/v1/actions/:action_identifier',
    {
      schema: {
        tags,
        summary: 'Replace an action',
        params: Params,
        body: ActionBody,
        headers: IfMatchHeaders,
        response: withErrors({ 200: OkWithAction }),
      },
    },
    async (request, reply) => {
      const stored = await actions.replace(
        request.actor,
        request.params.action_identifier,
        request.body as JsonObject,
        ifMatchOf(request),
      );
      return withVersion(reply, stored.version, { ok: true as const, action: stored.action });
    },
  );

  app.delete(
    '/v1/actions/:action_identifier',
    {
      schema: {
        tags,
        summary: 'Delete an action',
        params: Params,
        headers: IfMatchHeaders,
        response: withErrors({ 200: OkDeleted }),
      },
    },
    async (request) => {
      await actions.remove(request.actor, request.params.action_identifier, ifMatchOf(request));
      return { ok: true as const };
    },
  );

  app.get(
    '/v1/actions/:action_identifier/permissions',
    {
      schema: {
        tags,
        summary: "Get an action's execute and approve permissions",
        params: Params,
        response: withErrors({ 200: OkWithPermissions }),
      },
    },
    async (request) => ({
      ok: true as const,
      permissions: await actions.getPermissions(request.actor, request.params.action_identifier),
    }),
  );

  app.patch(
    '/v1/actions/:action_identifier/permissions',
    {
      schema: {
        tags,
        summary: "Change an action's permissions (each field given replaces that field)",
        params: Params,
        body: PermissionsBody,
        response: withErrors({ 200: OkWithPermissions }),
      },
    },
    async (request) => ({
      ok: true as const,
      permissions: await actions.updatePermissions(
        request.actor,
        request.params.action_identifier,
        request.body as ActionPermissionsChange,
      ),
    }),
  );
}
