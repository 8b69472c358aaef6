import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Entity } from '../../core/entity.js';
import { asksForWhole, projectEntity } from '../../core/projection.js';
import { withoutComputed } from '../../core/computed-properties.js';
import type { EntityHistoryService } from './entity-history.service.js';
import { AnyObject, BlueprintIdParam, EntityIdParam, IncludeExclude, QueryFlag } from '../http/schemas.js';
import type { App } from '../http/route-types.js';
import { NO_SYNCS, type SyncSource, type SyncWrites } from './sync-writes.js';
import { isAdmin, type Actor } from '../identity/actor.js';
import type { RunLinks } from './run-links.js';
import { IfMatchHeaders, ifMatchOf, withVersion } from '../http/versions.js';
import { Ok, withErrors } from '../http/responses.js';
import { sendJsonText } from '../http/json-stream.js';
import { signalWhenClientLeaves } from '../http/client-gone.js';
import { BulkWritten, EntitySchema, WrittenEntity } from './entity.schemas.js';
import type { BlueprintService } from './blueprint.service.js';
import type { EntityService, WriteOptions } from './entity.service.js';

const tags = ['Entities'];
const BpParams = Type.Object({ blueprint_identifier: BlueprintIdParam });
const EntityParams = Type.Object({
  blueprint_identifier: BlueprintIdParam,
  entity_identifier: EntityIdParam,
});
// Ocean names the sync a write belongs to (counted, and its deletions guarded: integrations/integration-syncs.ts).
const OceanSync = {
  ocean_info_event_type: Type.Optional(Type.String({ maxLength: 100 })),
  ocean_info_resync_id: Type.Optional(Type.String({ maxLength: 200 })),
};
const WriteQuery = Type.Object({
  ...OceanSync,
  upsert: QueryFlag('create the entity, or replace it when it exists'),
  merge: QueryFlag('with upsert: update only the given fields'),
  create_missing_related_entities: QueryFlag('create missing relation targets as empty entities'),
  validation_only: QueryFlag('check the request without writing'),
  strict: QueryFlag(
    'refuse properties the blueprint does not declare, and a team on an entity that inherits its owners (without it they are left out and named in additionalData.droppedProperties and additionalData.ignoredTeam)',
  ),
  run_id: Type.Optional(Type.String()),
});
const ReadQuery = Type.Object({
  ...IncludeExclude,
  exclude_calculated_properties: QueryFlag('leave out mirror, calculation and aggregation values'),
  attach_title_to_relation: QueryFlag('relation targets as {identifier, title}'),
  as_of: Type.Optional(
    Type.String({
      description: 'a date-time: the entity as it was then (its version in force at that time)',
    }),
  ),
});
const EntityBody = Type.Object(
  {
    identifier: Type.Optional(Type.Unknown()),
    title: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    icon: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    team: Type.Optional(Type.Unknown()),
    blueprint: Type.Optional(Type.String()),
    properties: Type.Optional(AnyObject),
    relations: Type.Optional(AnyObject),
  },
  { additionalProperties: true, description: 'An entity in Port JSON (port-model §2)' },
);
export const MAX_BULK_ENTITIES = 5000;

/** The longest client name kept as an entity's `$datasource`. */
const MAX_DATASOURCE = 500;

function writeOptions(
  query: {
    upsert?: boolean;
    merge?: boolean;
    create_missing_related_entities?: boolean;
    validation_only?: boolean;
    strict?: boolean;
  },
  headers: { 'user-agent'?: string | undefined },
  actor: Actor,
): WriteOptions {
  // The client names itself in its User-Agent (Ocean: `port-ocean/<type>/<version>/<identifier>/exporter`).
  // An integration's name only from an Admin (integrations run as one): a Member writing in its name would
  // give it entities to own, and so raise what its syncs may delete.
  const named = headers['user-agent']?.trim().slice(0, MAX_DATASOURCE);
  const client = named?.startsWith('port-ocean/') && !isAdmin(actor) ? undefined : named;
  return {
    mode: query.upsert ? (query.merge ? 'merge' : 'replace') : 'create',
    createIfMissing: true,
    createMissingRelatedEntities: query.create_missing_related_entities === true,
    validationOnly: query.validation_only === true,
    strictProperties: query.strict === true,
    ...(client ? { datasource: client } : {}),
  };
}

/**
 * A single write answers as Port documents it: a POST 201 whether its upsert created or updated the entity
 * (the answer's `created` is not Port's; the audit log tells which), a PUT or PATCH 200.
 */
const sendWritten = (
  reply: FastifyReply,
  status: 200 | 201,
  written: { entity: Entity; additionalData?: Record<string, unknown> },
) => {
  logDropped(reply, written.entity.blueprint, [written]);
  return reply.status(status).send(
    withVersion(reply, written.entity.version, {
      ok: true as const,
      entity: written.entity,
      ...(written.additionalData ? { additionalData: written.additionalData } : {}),
    }),
  );
};

/**
 * Undeclared properties and inherited entities' teams left out of a write, in the log too: an operator
 * sees which client sends them.
 */
function logDropped(
  reply: FastifyReply,
  blueprint: string,
  items: ReadonlyArray<{ identifier?: string; entity?: Entity; additionalData?: Record<string, unknown> }>,
) {
  const dropped = items.flatMap((item) => {
    const names = item.additionalData?.droppedProperties as string[] | undefined;
    return names ? [{ identifier: item.entity?.identifier ?? item.identifier, properties: names }] : [];
  });
  const ignoredTeams = items.filter((item) => item.additionalData?.ignoredTeam);
  if (ignoredTeams.length)
    reply.log.warn(
      {
        blueprint,
        entities: ignoredTeams.length,
        first: ignoredTeams[0]!.entity?.identifier ?? ignoredTeams[0]!.identifier,
      },
      'teams given to entities that inherit their owners were left out (?strict=true refuses them)',
    );
  if (!dropped.length) return;
  const names = [...new Set(dropped.flatMap((item) => item.properties))];
  reply.log.warn(
    { blueprint, entities: dropped.length, droppedProperties: names, first: dropped[0]!.identifier },
    'undeclared properties left out of a write (?strict=true refuses them)',
  );
}

const syncSource = (request: FastifyRequest): SyncSource => ({
  userAgent: request.headers['user-agent'],
  resyncId: (request.query as { ocean_info_resync_id?: unknown }).ocean_info_resync_id,
});

export function entityRoutes(
  app: App,
  entities: EntityService,
  blueprints: BlueprintService,
  runLinks?: RunLinks,
  history?: EntityHistoryService,
  syncs: SyncWrites = NO_SYNCS,
) {
  /** One entity written, counted in the integration sync the request names, if any: done or failed. */
  async function countedWrite<T extends { created: boolean }>(
    request: FastifyRequest,
    write: () => Promise<T>,
  ): Promise<T> {
    if ((request.query as { validation_only?: boolean }).validation_only) return write();
    const source = syncSource(request);
    let written: T;
    try {
      written = await write();
    } catch (error) {
      const message = (error as Error).message;
      await syncs.counted(request.actor, source, { created: 0, updated: 0, failed: 1, lastError: message });
      throw error;
    }
    const created = written.created ? 1 : 0;
    await syncs.counted(request.actor, source, { created, updated: 1 - created, failed: 0 });
    return written;
  }

  /** Writes, first checking a `run_id` the caller gave, then listing what was written on that run. */
  async function linked<T>(
    actor: Actor,
    runId: string | undefined,
    blueprint: string,
    write: () => Promise<T>,
    written: (result: T) => Array<{ identifier: string; created: boolean }>,
  ): Promise<T> {
    if (runId === undefined || !runLinks) return write();
    await runLinks.check(actor, runId);
    const result = await write();
    await runLinks.link(runId, blueprint, written(result));
    return result;
  }

  app.post(
    '/v1/blueprints/:blueprint_identifier/entities',
    {
      schema: {
        tags,
        summary: 'Create or upsert an entity',
        params: BpParams,
        querystring: WriteQuery,
        body: EntityBody,
        headers: IfMatchHeaders,
        response: withErrors({ 201: WrittenEntity }),
      },
    },
    async (request, reply) => {
      const ifMatch = ifMatchOf(request);
      const bp = request.params.blueprint_identifier;
      const written = await linked(
        request.actor,
        request.query.run_id,
        bp,
        () =>
          countedWrite(request as FastifyRequest, () =>
            entities.writeEntity(request.actor, bp, request.body, {
              ...writeOptions(request.query, request.headers, request.actor),
              ...(ifMatch ? { ifMatch } : {}),
            }),
          ),
        (one) => [{ identifier: one.entity.identifier, created: one.created }],
      );
      return sendWritten(reply, 201, written);
    },
  );

  for (const [method, mode] of [
    ['put', 'replace'],
    ['patch', 'merge'],
  ] as const)
    app[method](
      '/v1/blueprints/:blueprint_identifier/entities/:entity_identifier',
      {
        schema: {
          tags,
          summary:
            mode === 'replace' ? 'Replace an entity' : 'Change some fields of an entity (or rename it)',
          params: EntityParams,
          querystring: WriteQuery,
          body: EntityBody,
          headers: IfMatchHeaders,
          response: withErrors({ 200: WrittenEntity }),
        },
      },
      async (request, reply) => {
        const ifMatch = ifMatchOf(request);
        const options = {
          ...writeOptions(request.query, request.headers, request.actor),
          mode,
          createIfMissing: false,
          ...(ifMatch ? { ifMatch } : {}),
        } satisfies WriteOptions;
        const { blueprint_identifier: bp, entity_identifier: id } = request.params;
        const written = await linked(
          request.actor,
          request.query.run_id,
          bp,
          () =>
            countedWrite(request as FastifyRequest, () =>
              entities.writeEntity(request.actor, bp, request.body, options, id),
            ),
          (one) => [{ identifier: one.entity.identifier, created: one.created }],
        );
        return sendWritten(reply, 200, written);
      },
    );

  app.post(
    '/v1/blueprints/:blueprint_identifier/entities/bulk',
    {
      schema: {
        tags,
        summary: `Create or upsert up to ${MAX_BULK_ENTITIES} entities; 207 when some fail`,
        params: BpParams,
        querystring: WriteQuery,
        body: Type.Object(
          { entities: Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_BULK_ENTITIES }) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: BulkWritten, 207: BulkWritten }),
      },
    },
    async (request, reply) => {
      const bp = request.params.blueprint_identifier;
      const result = await linked(
        request.actor,
        request.query.run_id,
        bp,
        () =>
          entities.writeEntities(
            request.actor,
            bp,
            request.body.entities,
            writeOptions(request.query, request.headers, request.actor),
          ),
        (bulk) => bulk.entities.map(({ identifier, created }) => ({ identifier, created })),
      );
      logDropped(reply, bp, result.entities);
      if (!request.query.validation_only)
        await syncs.counted(request.actor, syncSource(request), {
          created: result.entities.filter((e) => e.created).length,
          updated: result.entities.filter((e) => !e.created).length,
          failed: result.errors.length,
          ...(result.errors[0]
            ? { lastError: `${result.errors[0].identifier}: ${result.errors[0].message}` }
            : {}),
        });
      return reply.status(result.errors.length ? 207 : 200).send({
        ok: result.errors.length === 0,
        entities: result.entities.map(({ index, identifier, created, additionalData }) => ({
          created,
          identifier,
          index,
          additionalData: additionalData ?? {},
        })),
        errors: result.errors,
      });
    },
  );

  app.get(
    '/v1/blueprints/:blueprint_identifier/entities/:entity_identifier',
    {
      schema: {
        tags,
        summary: 'Get an entity',
        params: EntityParams,
        querystring: ReadQuery,
        response: withErrors({ 200: Ok({ entity: EntitySchema }) }),
      },
    },
    async (request, reply) => {
      const { blueprint_identifier: bp, entity_identifier: id } = request.params;
      const asOf = request.query.as_of;
      const q = request.query;
      const whole = asksForWhole({
        asOf,
        excludeComputed: q.exclude_calculated_properties,
        attachTitleToRelation: q.attach_title_to_relation,
        include: q.include,
        exclude: q.exclude,
      });
      // The entity whole: the database writes its JSON text, which is sent as it is.
      const text = whole
        ? await entities.getEntityText(request.actor, bp, id, signalWhenClientLeaves(reply))
        : undefined;
      if (text)
        return sendJsonText(
          reply.header('etag', `"${text.version}"`) as FastifyReply,
          `{"ok":true,"entity":${text.text}}`,
        );
      const entity =
        asOf !== undefined && history
          ? await history.entityAsOf(request.actor, bp, id, asOf)
          : await entities.getEntity(request.actor, bp, id);
      const shown = request.query.exclude_calculated_properties
        ? withoutComputed(
            entity,
            new Map([[entity.blueprint, await blueprints.get(request.actor, entity.blueprint)]]),
          )
        : entity;
      const titled = request.query.attach_title_to_relation
        ? (await entities.withRelationTitles([shown]))[0]!
        : shown;
      const projected = projectEntity(titled, request.query.include, request.query.exclude);
      return withVersion(reply, entity.version, { ok: true as const, entity: projected });
    },
  );

  app.get(
    '/v1/blueprints/:blueprint_identifier/entities-count',
    {
      schema: {
        tags,
        summary: 'Count the entities of a blueprint',
        params: BpParams,
        response: withErrors({ 200: Ok({ count: Type.Integer() }) }),
      },
    },
    async (request) => ({
      ok: true as const,
      count: await entities.countEntities(request.actor, request.params.blueprint_identifier),
    }),
  );

  app.delete(
    '/v1/blueprints/:blueprint_identifier/entities/:entity_identifier',
    {
      schema: {
        tags,
        summary: 'Delete an entity',
        params: EntityParams,
        querystring: Type.Object({
          delete_dependents: QueryFlag('also delete entities that require this one'),
          run_id: Type.Optional(Type.String()),
          ...OceanSync,
        }),
        headers: IfMatchHeaders,
        response: withErrors({ 200: Ok({}) }),
      },
    },
    async (request) => {
      const { blueprint_identifier: bp, entity_identifier: id } = request.params;
      const ifMatch = ifMatchOf(request);
      await syncs.deleting(request.actor, syncSource(request), (limit) =>
        entities.deleteEntities(request.actor, bp, [id], {
          deleteDependents: request.query.delete_dependents === true,
          ...(ifMatch ? { ifMatch } : {}),
          ...(limit ? { beforeDeleting: limit } : {}),
        }),
      );
      return { ok: true as const };
    },
  );

  app.post(
    '/v1/blueprints/:blueprint_identifier/bulk/entities/delete',
    {
      schema: {
        tags,
        summary: `Delete up to ${MAX_BULK_ENTITIES} entities, all or none`,
        params: BpParams,
        querystring: Type.Object({
          delete_dependents: QueryFlag('also delete entities that require these'),
          run_id: Type.Optional(Type.String()),
          ...OceanSync,
        }),
        body: Type.Object(
          {
            entities: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: MAX_BULK_ENTITIES }),
          },
          { additionalProperties: false },
        ),
        response: withErrors({
          200: Ok({ deletedEntities: Type.Array(Type.String(), { description: 'dependents included' }) }),
        }),
      },
    },
    async (request) => ({
      ok: true as const,
      deletedEntities: await syncs.deleting(request.actor, syncSource(request), (limit) =>
        entities.deleteEntities(request.actor, request.params.blueprint_identifier, request.body.entities, {
          deleteDependents: request.query.delete_dependents === true,
          ...(limit ? { beforeDeleting: limit } : {}),
        }),
      ),
    }),
  );

  app.delete(
    '/v1/blueprints/:blueprint_identifier/all-entities',
    {
      schema: {
        tags,
        summary: 'Delete every entity of a blueprint (and the blueprint with delete_blueprint=true)',
        params: BpParams,
        querystring: Type.Object({
          delete_blueprint: QueryFlag('then delete the blueprint too'),
          run_id: Type.Optional(Type.String()),
        }),
        response: withErrors({ 200: Ok({}) }),
      },
    },
    async (request) => {
      const bp = request.params.blueprint_identifier;
      syncs.refuseInSync(syncSource(request));
      if (request.query.delete_blueprint)
        await blueprints.remove(request.actor, bp, { deleteEntities: true });
      else await entities.deleteAllEntities(request.actor, bp);
      return { ok: true as const };
    },
  );
}
