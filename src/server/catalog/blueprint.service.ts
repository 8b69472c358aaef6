import type { Blueprint, BlueprintDefinition, JsonObject } from '../../core/blueprint.js';
import { isMetaProperty } from '../../core/search.js';
import { insertAuditRecords } from '../audit/audit.repo.js';
import { conflict, notFound, unprocessable } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import type { Db } from '../storage/database.js';
import * as repo from './blueprint.repo.js';
import { countEntityRows } from './entity.repo.js';
import { removeAllEntitiesOf } from './entity-delete.js';
import { normalizeBlueprint } from './blueprint.rules.js';
import type { CatalogContext } from './catalog-context.js';
import { findBreakingChanges } from './schema-change.js';
import * as changes from './schema-change.repo.js';

export type BlueprintService = ReturnType<typeof createBlueprintService>;

export function createBlueprintService(ctx: CatalogContext) {
  const { database, validators } = ctx;
  const { db, dialect } = database;

  async function load(trx: Db, identifier: string) {
    const stored = await repo.findBlueprint(trx, dialect, identifier);
    if (!stored) throw notFound(`Blueprint "${identifier}" was not found`);
    return stored;
  }

  /** Everything that needs other blueprints: relation targets, mirror paths, aggregation targets, ownership. */
  async function checkReferences(trx: Db, definition: BlueprintDefinition) {
    const cache = new Map<string, BlueprintDefinition | undefined>([[definition.identifier, definition]]);
    const get = async (id: string) => {
      if (!cache.has(id)) cache.set(id, (await repo.findBlueprint(trx, dialect, id))?.blueprint);
      return cache.get(id);
    };
    for (const [key, relation] of Object.entries(definition.relations))
      if (!(await get(relation.target)))
        throw unprocessable(
          'invalid_blueprint',
          `relations.${key}.target: blueprint "${relation.target}" does not exist`,
        );
    for (const [key, mirror] of Object.entries(definition.mirrorProperties))
      await checkMirrorPath(`mirrorProperties.${key}.path`, definition, String(mirror.path), get);
    for (const [key, aggregation] of Object.entries(definition.aggregationProperties))
      if (!(await get(String(aggregation.target))))
        throw unprocessable(
          'invalid_blueprint',
          `aggregationProperties.${key}.target: blueprint "${String(aggregation.target)}" does not exist`,
        );
    if (definition.ownership?.type === 'Inherited')
      await checkRelationPath('ownership.path', definition, definition.ownership.path.split('.'), get);
  }

  function checkCompiles(definition: BlueprintDefinition) {
    for (const [key, property] of Object.entries(definition.schema.properties)) {
      const problem = validators.checkDefault(`schema.properties.${key}`, property);
      if (problem) throw unprocessable('invalid_blueprint', problem);
    }
    try {
      validators.compile(definition);
    } catch (error) {
      throw unprocessable('invalid_blueprint', `schema.properties: ${(error as Error).message}`);
    }
  }

  async function audit(
    trx: Db,
    actor: Actor,
    action: 'CREATE' | 'UPDATE' | 'DELETE',
    id: string,
    before: unknown,
    after: unknown,
  ) {
    await insertAuditRecords(trx, dialect, [
      {
        at: ctx.now(),
        resourceType: 'blueprint',
        action,
        status: 'SUCCESS',
        identifier: id,
        blueprint: id,
        entity: null,
        actor: actor.id,
        origin: actor.origin,
        context: { blueprint: id },
        diff: { before, after },
      },
    ]);
  }

  async function list(_actor: Actor): Promise<Blueprint[]> {
    return (await repo.listBlueprints(db, dialect)).map((s) => s.blueprint);
  }

  async function get(_actor: Actor, identifier: string): Promise<Blueprint> {
    return (await load(db, identifier)).blueprint;
  }

  async function create(actor: Actor, input: JsonObject): Promise<Blueprint> {
    const definition = normalizeBlueprint(input);
    checkCompiles(definition);
    return db.transaction().execute(async (trx) => {
      if (await repo.findBlueprint(trx, dialect, definition.identifier))
        throw conflict('blueprint_exists', `Blueprint "${definition.identifier}" already exists`);
      await checkReferences(trx, definition);
      const at = ctx.now();
      await repo.insertBlueprint(trx, dialect, definition, actor.id, at);
      await repo.syncPropertyIndexes(trx, dialect, definition.identifier, {}, definition.schema.properties);
      const created = (await load(trx, definition.identifier)).blueprint;
      await audit(trx, actor, 'CREATE', definition.identifier, null, created);
      return created;
    });
  }

  /** PUT replaces the definition, PATCH merges top-level keys into it. */
  async function update(actor: Actor, identifier: string, input: JsonObject, mode: 'replace' | 'merge') {
    return db.transaction().execute(async (trx) => {
      const current = await load(trx, identifier);
      const merged = mode === 'merge' ? { ...withoutMeta(current.blueprint), ...input } : input;
      const definition = normalizeBlueprint({ ...merged, identifier });
      checkCompiles(definition);
      await checkReferences(trx, definition);
      await applyDefinitionChange(trx, current.blueprint, definition);
      await repo.updateBlueprintRow(trx, dialect, definition, actor.id, ctx.now());
      const updated = (await load(trx, identifier)).blueprint;
      await audit(trx, actor, 'UPDATE', identifier, current.blueprint, updated);
      return updated;
    });
  }

  /** Refuses changes that would break entities, then moves the data along with the ones that don't. */
  async function applyDefinitionChange(trx: Db, before: BlueprintDefinition, after: BlueprintDefinition) {
    const breaking = await findBreakingChanges(trx, dialect, validators, before, after);
    if (breaking)
      throw conflict(
        'blueprint_change_breaks_entities',
        `${breaking.reason}: ${breaking.count} entit${breaking.count === 1 ? 'y' : 'ies'} would become invalid (e.g. ${breaking.examples.map((e) => `"${e}"`).join(', ')})`,
        { count: breaking.count, examples: breaking.examples },
      );
    for (const key of Object.keys(before.schema.properties))
      if (!(key in after.schema.properties))
        await changes.removePropertyFromEntities(trx, dialect, before.identifier, key);
    for (const key of Object.keys(before.relations))
      if (!(key in after.relations)) await changes.deleteRelationRows(trx, before.identifier, key);
    await repo.syncPropertyIndexes(
      trx,
      dialect,
      before.identifier,
      before.schema.properties,
      after.schema.properties,
    );
  }

  async function remove(actor: Actor, identifier: string, options: { deleteEntities: boolean }) {
    await db.transaction().execute(async (trx) => {
      const current = await load(trx, identifier);
      const referencing = (await repo.listBlueprints(trx, dialect))
        .map((s) => s.blueprint)
        .filter((b) => b.identifier !== identifier)
        .flatMap((b) =>
          Object.entries(b.relations)
            .filter(([, r]) => r.target === identifier)
            .map(([key]) => `${b.identifier}.relations.${key}`),
        );
      if (referencing.length)
        throw conflict(
          'blueprint_in_use',
          `Blueprint "${identifier}" is the target of ${referencing.join(', ')}: remove those relations first`,
        );
      const count = await countEntityRows(trx, identifier);
      if (count > 0 && !options.deleteEntities)
        throw conflict(
          'blueprint_has_entities',
          `Blueprint "${identifier}" still has ${count} entities: pass delete_entities=true to delete them with it, or DELETE /v1/blueprints/${identifier}/all-entities?delete_blueprint=true`,
        );
      if (count > 0) {
        const blueprints = new Map(
          (await repo.listBlueprints(trx, dialect)).map((s) => [s.blueprint.identifier, s.blueprint]),
        );
        await removeAllEntitiesOf(trx, dialect, actor, ctx.now(), blueprints, identifier);
      }
      await repo.dropAllPropertyIndexes(trx, identifier, current.blueprint.schema.properties);
      await repo.deleteBlueprintRow(trx, identifier);
      await audit(trx, actor, 'DELETE', identifier, current.blueprint, null);
    });
  }

  async function renameKey(
    actor: Actor,
    identifier: string,
    kind: 'property' | 'mirror' | 'relation',
    from: string,
    to: string,
  ) {
    return db.transaction().execute(async (trx) => {
      const current = await load(trx, identifier);
      const definition = structuredClone(withoutMeta(current.blueprint)) as BlueprintDefinition;
      const map: Record<string, unknown> =
        kind === 'property'
          ? definition.schema.properties
          : kind === 'mirror'
            ? definition.mirrorProperties
            : definition.relations;
      if (!(from in map)) throw notFound(`Blueprint "${identifier}" has no ${kind} "${from}"`);
      const renamed = Object.fromEntries(Object.entries(map).map(([k, v]) => [k === from ? to : k, v]));
      if (kind === 'property') {
        definition.schema.properties = renamed as never;
        definition.schema.required = definition.schema.required.map((r) => (r === from ? to : r));
      } else if (kind === 'mirror') definition.mirrorProperties = renamed as never;
      else definition.relations = renamed as never;
      const next = normalizeBlueprint(definition as unknown as JsonObject);
      if (kind === 'property') {
        await changes.renamePropertyInEntities(trx, dialect, identifier, from, to);
        await repo.syncPropertyIndexes(
          trx,
          dialect,
          identifier,
          current.blueprint.schema.properties,
          next.schema.properties,
        );
      }
      if (kind === 'relation') await changes.renameRelationRows(trx, identifier, from, to);
      await repo.updateBlueprintRow(trx, dialect, next, actor.id, ctx.now());
      const updated = (await load(trx, identifier)).blueprint;
      await audit(trx, actor, 'UPDATE', identifier, current.blueprint, updated);
      return updated;
    });
  }

  return { list, get, create, update, remove, renameKey };
}

export function withoutMeta(blueprint: Blueprint): BlueprintDefinition {
  const { createdAt: _a, createdBy: _b, updatedAt: _c, updatedBy: _d, ...definition } = blueprint;
  return definition;
}

type GetBlueprint = (id: string) => Promise<BlueprintDefinition | undefined>;

async function checkRelationPath(
  path: string,
  from: BlueprintDefinition,
  relations: string[],
  get: GetBlueprint,
) {
  let current = from;
  for (const name of relations) {
    const relation = current.relations[name];
    if (!relation)
      throw unprocessable('invalid_blueprint', `${path}: "${current.identifier}" has no relation "${name}"`);
    const next = await get(relation.target);
    if (!next)
      throw unprocessable('invalid_blueprint', `${path}: blueprint "${relation.target}" does not exist`);
    current = next;
  }
  return current;
}

async function checkMirrorPath(path: string, from: BlueprintDefinition, value: string, get: GetBlueprint) {
  const segments = value.split('.');
  const last = segments.pop()!;
  const target = await checkRelationPath(path, from, segments, get);
  const known =
    isMetaProperty(last) ||
    last in target.schema.properties ||
    last in target.calculationProperties ||
    last in target.mirrorProperties ||
    last in target.aggregationProperties ||
    last in target.relations;
  if (!known)
    throw unprocessable(
      'invalid_blueprint',
      `${path}: blueprint "${target.identifier}" has no property "${last}"`,
    );
}
