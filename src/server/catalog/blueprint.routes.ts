import { Type } from '@sinclair/typebox';
import type { JsonObject } from '../../core/blueprint.js';
import { AnyObject, BlueprintIdParam, QueryFlag } from '../http/schemas.js';
import { Ok, withErrors } from '../http/responses.js';
import type { App } from '../http/route-types.js';
import { IfMatchHeaders, ifMatchOf, withVersion } from '../http/versions.js';
import {
  CreatedBlueprintAnswer,
  OkWithBlueprint,
  OkWithBlueprints,
  TypeChangeReport,
} from './blueprint.schemas.js';
import type { BlueprintService } from './blueprint.service.js';

const tags = ['Blueprints'];
const BlueprintBody = Type.Object(
  {
    identifier: Type.String(),
    title: Type.String(),
    icon: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    schema: AnyObject,
    relations: Type.Optional(AnyObject),
    mirrorProperties: Type.Optional(AnyObject),
    calculationProperties: Type.Optional(AnyObject),
    aggregationProperties: Type.Optional(AnyObject),
    ownership: Type.Optional(AnyObject),
    changelogDestination: Type.Optional(AnyObject),
  },
  { additionalProperties: true, description: 'A blueprint in Port JSON (port-model §1)' },
);
const Params = Type.Object({ identifier: BlueprintIdParam });
const RenameParams = Type.Object({
  identifier: BlueprintIdParam,
  key: Type.String({ minLength: 1, maxLength: 100 }),
});

export function blueprintRoutes(app: App, blueprints: BlueprintService) {
  app.get(
    '/v1/blueprints',
    {
      schema: {
        tags,
        summary: 'List blueprints',
        response: withErrors({ 200: OkWithBlueprints }),
      },
    },
    async (request) => ({
      ok: true as const,
      blueprints: await blueprints.list(request.actor),
    }),
  );

  app.post(
    '/v1/blueprints',
    {
      schema: {
        tags,
        summary: 'Create a blueprint',
        body: BlueprintBody,
        response: withErrors({ 201: CreatedBlueprintAnswer }),
      },
    },
    async (request, reply) => {
      const { blueprint, ignoredOwnership } = await blueprints.create(
        request.actor,
        request.body as JsonObject,
      );
      if (ignoredOwnership)
        reply.log.warn(
          { blueprint: blueprint.identifier, ignoredOwnership },
          'an ownership whose path cannot be followed yet was left out of a new blueprint',
        );
      return reply.status(201).send(
        withVersion(reply, blueprint.version, {
          ok: true as const,
          blueprint,
          ...(ignoredOwnership ? { additionalData: { ignoredOwnership } } : {}),
        }),
      );
    },
  );

  app.get(
    '/v1/blueprints/:identifier',
    {
      schema: {
        tags,
        summary: 'Get a blueprint',
        params: Params,
        response: withErrors({ 200: OkWithBlueprint }),
      },
    },
    async (request, reply) => {
      const blueprint = await blueprints.get(request.actor, request.params.identifier);
      return withVersion(reply, blueprint.version, { ok: true as const, blueprint });
    },
  );

  const updates = [
    ['put', 'replace', 'Replace a blueprint', BlueprintBody],
    ['patch', 'merge', 'Change some keys of a blueprint', Type.Partial(BlueprintBody)],
  ] as const;
  for (const [method, mode, summary, body] of updates)
    app[method](
      '/v1/blueprints/:identifier',
      {
        schema: {
          tags,
          summary,
          params: Params,
          querystring: Type.Object({
            force: QueryFlag(
              'remove the scorecard rules that read a property or relation this change removes, instead of refusing it',
            ),
          }),
          body,
          headers: IfMatchHeaders,
          response: withErrors({ 200: OkWithBlueprint }),
        },
      },
      async (request, reply) => {
        const blueprint = await blueprints.update(
          request.actor,
          request.params.identifier,
          request.body as JsonObject,
          mode,
          ifMatchOf(request),
          request.query.force === true,
        );
        return withVersion(reply, blueprint.version, { ok: true as const, blueprint });
      },
    );

  app.delete(
    '/v1/blueprints/:identifier',
    {
      schema: {
        tags,
        summary: 'Delete a blueprint',
        params: Params,
        querystring: Type.Object({
          delete_entities: QueryFlag(
            "also delete the blueprint's entities (refused otherwise when it has any)",
          ),
          delete_actions: QueryFlag(
            'also delete the actions on the blueprint (trigger.blueprintIdentifier) and the automations on its entities (trigger.event.blueprintIdentifier); refused otherwise when it has any',
          ),
        }),
        headers: IfMatchHeaders,
        response: withErrors({ 200: Ok({}, 'Deleted (with its entities and actions when asked)') }),
      },
    },
    async (request) => {
      await blueprints.remove(request.actor, request.params.identifier, {
        deleteEntities: request.query.delete_entities === true,
        deleteActions: request.query.delete_actions === true,
        ifMatch: ifMatchOf(request),
      });
      return { ok: true as const };
    },
  );

  app.post(
    '/v1/blueprints/:identifier/properties/:key/change-type',
    {
      schema: {
        tags,
        summary: "Change a property's type (or any of its schema), converting every entity's value with jq",
        params: RenameParams,
        body: Type.Object(
          {
            schema: AnyObject,
            conversion: Type.String({
              minLength: 1,
              description: 'jq over the old value; its first output is the new value (null: none)',
            }),
            dryRun: Type.Optional(
              Type.Boolean({ description: 'report which entities would fail; write nothing' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: TypeChangeReport }),
      },
    },
    async (request) => {
      const { dryRun, ...rest } = request.body;
      const result = await blueprints.changePropertyType(
        request.actor,
        request.params.identifier,
        request.params.key,
        {
          ...rest,
          schema: rest.schema as JsonObject,
          dryRun: dryRun === true,
        },
      );
      return { ok: true as const, ...result };
    },
  );

  const renames = [
    ['properties', 'property', 'newPropertyName'],
    ['mirror', 'mirror', 'newMirrorName'],
    ['relations', 'relation', 'newRelationIdentifier'],
  ] as const;
  for (const [segment, kind, field] of renames)
    app.patch(
      `/v1/blueprints/:identifier/${segment}/:key/rename`,
      {
        schema: {
          tags,
          summary: `Rename a ${kind}, moving the data of every entity with it`,
          params: RenameParams,
          body: Type.Object(
            { [field]: Type.String({ pattern: '^[A-Za-z0-9@_=\\-]+$', maxLength: 100 }) },
            { additionalProperties: false },
          ),
          headers: IfMatchHeaders,
          response: withErrors({ 200: OkWithBlueprint }),
        },
      },
      async (request, reply) => {
        const blueprint = await blueprints.renameKey(
          request.actor,
          request.params.identifier,
          kind,
          request.params.key,
          (request.body as Record<string, string>)[field]!,
          ifMatchOf(request),
        );
        return withVersion(reply, blueprint.version, { ok: true as const, blueprint });
      },
    );
}
