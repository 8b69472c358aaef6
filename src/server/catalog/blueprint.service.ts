import type {
  Blueprint,
  BlueprintDefinition,
  JsonObject,
  Ownership,
  PropertySchema,
} from '../../core/blueprint.js';
import { computedNames, propertySchemaOf } from '../../core/computed-properties.js';
import { insertAuditRecords } from '../audit/audit.repo.js';
import { conflict, notFound, unprocessable } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import type { Db } from '../storage/database.js';
import * as repo from './blueprint.repo.js';
import { inheritedOwnerships, recomputeAllInheritedTeams } from './inherited-ownership.repo.js';
import {
  checkOtherBlueprints,
  checkReferences,
  ownershipAwaitingRelations,
  renameInPaths,
  type BlueprintMap,
} from './blueprint-references.js';
import { countEntityRows } from './entity.repo.js';
import { removeAllEntitiesOf } from './entity-delete.js';
import { normalizeBlueprint } from './blueprint.rules.js';
import type { CatalogContext, ModelChange } from './catalog-context.js';
import { announceCommitted, type ChangedBlueprint } from './catalog-changes.js';
import { findBreakingChanges } from './schema-change.js';
import { checkSystemBlueprintChange, checkSystemKeyRename } from './system-blueprint-rules.js';
import * as changes from './schema-change.repo.js';
import { checkVersion } from './versions.js';
import { changedSchema, convertProperty } from './property-type-change.js';
import { justAfter, namesSinceAfter, redefinedNames, withDependents } from './defined-since.js';

export type BlueprintService = ReturnType<typeof createBlueprintService>;

/** A blueprint as created, and the ownership left out of it (with why), if any. */
export interface CreatedBlueprint {
  blueprint: Blueprint;
  ignoredOwnership?: { ownership: Ownership; reason: string };
}

export function createBlueprintService(ctx: CatalogContext) {
  const { database, validators } = ctx;
  const { db, dialect } = database;

  async function load(trx: Db, identifier: string) {
    const stored = await repo.findBlueprint(trx, dialect, identifier);
    if (!stored) throw notFound(`Blueprint "${identifier}" was not found`);
    return stored;
  }

  async function allBlueprints(trx: Db): Promise<BlueprintMap> {
    return new Map(
      (await repo.listBlueprints(trx, dialect)).map((s) => [
        s.blueprint.identifier,
        withoutMeta(s.blueprint),
      ]),
    );
  }

  /**
   * The catalog as it will be once `definitions` are saved, checked as a whole; for a change of existing
   * blueprints (`change`), checked by the other capabilities too (ctx.modelChangeHooks).
   */
  async function checkCatalogWith(
    trx: Db,
    definitions: BlueprintDefinition[],
    change?: Omit<ModelChange, 'all' | 'changed'>,
  ) {
    const all = await allBlueprints(trx);
    for (const definition of definitions) all.set(definition.identifier, definition);
    for (const definition of definitions) checkReferences(definition, all);
    checkOtherBlueprints(definitions[0]!.identifier, all);
    for (const definition of definitions) await ctx.computed?.checkDefinition(definition, all);
    if (change)
      for (const hook of ctx.modelChangeHooks)
        await hook(trx, { ...change, all, changed: definitions.map((d) => d.identifier) });
    return all;
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

  /** The versions a change of the data model records of the entities whose data it moves, if any. */
  const recordedBy = (actor: Actor): changes.RecordedChange | undefined =>
    ctx.history !== false ? { at: ctx.now(), actor: actor.id } : undefined;

  /** Once a change of the data model has committed. */
  function announce(action: ChangedBlueprint['action'], identifiers: readonly string[]) {
    const changes = identifiers.map((blueprint): ChangedBlueprint => ({
      kind: 'blueprint',
      blueprint,
      action,
    }));
    announceCommitted(ctx.onCommitted, changes);
  }

  async function list(_actor: Actor): Promise<Blueprint[]> {
    return (await repo.listBlueprints(db, dialect)).map((s) => s.blueprint);
  }

  async function get(_actor: Actor, identifier: string): Promise<Blueprint> {
    return (await load(db, identifier)).blueprint;
  }

  /**
   * Creates a blueprint. An Inherited ownership given to a blueprint without relations (written before
   * them, as Port's backup tools restore blueprints: bare, then with relations, then whole) is left out,
   * and the blueprint owned directly until a change gives the ownership again: the answer's
   * `ignoredOwnership` says so.
   */
  async function create(actor: Actor, input: JsonObject): Promise<CreatedBlueprint> {
    ctx.access.checkModelChange(actor, undefined);
    const definition = normalizeBlueprint(input);
    checkCompiles(definition);
    let ignoredOwnership: CreatedBlueprint['ignoredOwnership'];
    const created = await repo.changeDataModel(database, async (trx) => {
      if (await repo.findBlueprint(trx, dialect, definition.identifier))
        throw conflict('blueprint_exists', `Blueprint "${definition.identifier}" already exists`);
      const awaiting = ownershipAwaitingRelations(definition);
      if (awaiting && definition.ownership) {
        ignoredOwnership = { ownership: definition.ownership, reason: awaiting };
        delete definition.ownership;
      }
      const all = await checkCatalogWith(trx, [definition]);
      const at = ctx.now();
      await repo.insertBlueprint(trx, dialect, definition, actor.id, at);
      await repo.syncPropertyIndexes(trx, dialect, definition.identifier, {}, indexed(definition, all));
      const created = (await load(trx, definition.identifier)).blueprint;
      await audit(trx, actor, 'CREATE', definition.identifier, null, created);
      return created;
    });
    announce('created', [created.identifier]);
    return { blueprint: created, ...(ignoredOwnership ? { ignoredOwnership } : {}) };
  }

  /**
   * PUT replaces the definition, PATCH merges top-level keys into it; with `ifMatch` (versions), only if
   * the blueprint is still at one of them.
   */
  async function update(
    actor: Actor,
    identifier: string,
    input: JsonObject,
    mode: 'replace' | 'merge',
    ifMatch?: readonly string[],
    force = false,
  ) {
    const changed = await repo.changeBlueprint(database, identifier, async (trx, current) => {
      ctx.access.checkModelChange(actor, identifier);
      checkVersion(ifMatch, current.blueprint.version, `blueprint "${identifier}"`);
      if (input.identifier !== undefined && input.identifier !== identifier)
        throw unprocessable(
          'invalid_blueprint',
          `identifier: a blueprint's identifier cannot change ("${identifier}" in the path, "${String(input.identifier)}" in the body): create a blueprint under the new identifier and move the entities to it`,
        );
      const merged = mode === 'merge' ? mergeDefinition(withoutMeta(current.blueprint), input) : input;
      const definition = normalizeBlueprint({ ...merged, identifier });
      checkCompiles(definition);
      checkSystemBlueprintChange(current.blueprint, definition);
      const all = await checkCatalogWith(trx, [definition], { actor, force });
      // One instant for the versions this change records and for the names it defines anew.
      const recorded = recordedBy(actor);
      const at = recorded?.at ?? ctx.now();
      await applyDefinitionChange(trx, current.blueprint, definition, all, recorded);
      await ctx.computed?.blueprintChanged(trx, withoutMeta(current.blueprint), definition);
      const since = await namesDefinedAnew(trx, current, definition, all, at);
      await repo.updateBlueprintRow(trx, dialect, definition, actor.id, ctx.now(), since);
      if (JSON.stringify(current.blueprint.ownership) !== JSON.stringify(definition.ownership))
        await inheritOwners(trx, identifier, actor);
      const updated = (await load(trx, identifier)).blueprint;
      await audit(trx, actor, 'UPDATE', identifier, current.blueprint, updated);
      return updated;
    });
    ctx.computed?.committed();
    announce('updated', [identifier]);
    return changed;
  }

  /**
   * Since when the names of `after` have been defined as they are: from this change (`at`, its versions'
   * instant) for those it defines anew, and for computed properties (here or in other blueprints, whose
   * rows are updated) that read them (defined-since.ts namesSinceAfter). Answers the blueprint's own.
   */
  async function namesDefinedAnew(
    trx: Db,
    current: repo.StoredBlueprint,
    after: BlueprintDefinition,
    all: BlueprintMap,
    at: string,
  ) {
    const redefined = redefinedNames(withoutMeta(current.blueprint), after);
    const own = current.since.names;
    const instants = { at, after: justAfter(ctx.now(), at) };
    if (!redefined.size) return namesSinceAfter(own, after, redefined, instants);
    const affected = withDependents(all, new Map([[after.identifier, redefined]]));
    for (const [identifier, names] of affected) {
      if (identifier === after.identifier) continue;
      const stored = await repo.findBlueprint(trx, dialect, identifier);
      if (stored)
        await repo.setNamesSince(
          trx,
          dialect,
          identifier,
          namesSinceAfter(stored.since.names, withoutMeta(stored.blueprint), names, instants),
        );
    }
    return namesSinceAfter(own, after, affected.get(after.identifier) ?? redefined, instants);
  }

  /** A blueprint that now inherits its owners takes them from its path at once. */
  async function inheritOwners(trx: Db, identifier: string, actor: Actor) {
    const owner = inheritedOwnerships(await allBlueprints(trx)).find((o) => o.blueprint === identifier);
    const recorded = ctx.history !== false ? { at: ctx.now(), actor: actor.id } : undefined;
    const queries = owner && recomputeAllInheritedTeams(trx, dialect, owner, recorded);
    for (const query of queries || []) await trx.executeQuery(query);
  }

  /** Refuses changes that would break entities, then moves the data along with the ones that don't. */
  async function applyDefinitionChange(
    trx: Db,
    before: BlueprintDefinition,
    after: BlueprintDefinition,
    all: BlueprintMap,
    recorded: changes.RecordedChange | undefined,
  ) {
    const breaking = await findBreakingChanges(trx, dialect, validators, before, after);
    if (breaking)
      throw conflict(
        'blueprint_change_breaks_entities',
        `${breaking.reason}: ${breaking.count} entit${breaking.count === 1 ? 'y' : 'ies'} would become invalid (e.g. ${breaking.examples.map((e) => `"${e}"`).join(', ')})`,
        { count: breaking.count, examples: breaking.examples },
      );
    for (const key of Object.keys(before.schema.properties))
      if (!(key in after.schema.properties))
        await changes.removePropertyFromEntities(trx, dialect, before.identifier, key, recorded);
    // A new property's default is filled in where entities have no value, so they read as their next write would.
    for (const [key, property] of Object.entries(after.schema.properties))
      if (!(key in before.schema.properties) && property.default !== undefined && property.default !== null)
        await changes.fillDefaultInEntities(trx, dialect, before.identifier, key, property.default, recorded);
    for (const key of Object.keys(before.relations))
      if (!(key in after.relations))
        await changes.deleteRelationRows(trx, dialect, before.identifier, key, recorded);
    await repo.syncPropertyIndexes(
      trx,
      dialect,
      before.identifier,
      indexed(before, all),
      indexed(after, all),
    );
  }

  async function remove(
    actor: Actor,
    identifier: string,
    options: { deleteEntities: boolean; deleteActions?: boolean; ifMatch?: readonly string[] },
  ) {
    await repo.changeBlueprint(database, identifier, async (trx, current) => {
      ctx.access.checkModelChange(actor, identifier);
      checkVersion(options.ifMatch, current.blueprint.version, `blueprint "${identifier}"`);
      checkSystemBlueprintChange(current.blueprint, null);
      const before = await allBlueprints(trx);
      const referencing = [...before.values()]
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
      const after = new Map(before);
      after.delete(identifier);
      checkOtherBlueprints(identifier, after);
      const deletion = { actor, blueprint: identifier, deleteActions: options.deleteActions === true };
      for (const hook of ctx.blueprintDeleteHooks) await hook(trx, deletion);
      const count = await countEntityRows(trx, dialect, identifier);
      if (count > 0 && !options.deleteEntities)
        throw conflict(
          'blueprint_has_entities',
          `Blueprint "${identifier}" still has ${count} entities: pass delete_entities=true to delete them with it, or DELETE /v1/blueprints/${identifier}/all-entities?delete_blueprint=true`,
        );
      // Whoever may change the data model of a blueprint (checked above) may delete its entities.
      const mayDelete = async () => {};
      if (count > 0) await removeAllEntitiesOf(trx, dialect, actor, ctx.now(), before, identifier, mayDelete);
      await repo.dropAllPropertyIndexes(trx, identifier, indexed(current.blueprint, before), dialect);
      await repo.deleteBlueprintRow(trx, identifier);
      await audit(trx, actor, 'DELETE', identifier, current.blueprint, null);
    });
    announce('deleted', [identifier]);
  }

  async function renameKey(
    actor: Actor,
    identifier: string,
    kind: 'property' | 'mirror' | 'relation',
    from: string,
    to: string,
    ifMatch?: readonly string[],
  ) {
    const renamed = await repo.changeBlueprint(database, identifier, async (trx, current) => {
      ctx.access.checkModelChange(actor, identifier);
      checkVersion(ifMatch, current.blueprint.version, `blueprint "${identifier}"`);
      const old = withoutMeta(current.blueprint);
      const group = (d: BlueprintDefinition): Record<string, unknown> =>
        kind === 'property' ? d.schema.properties : kind === 'mirror' ? d.mirrorProperties : d.relations;
      if (!(from in group(old))) throw notFound(`Blueprint "${identifier}" has no ${kind} "${from}"`);
      if (kind === 'property') checkSystemKeyRename(old, from);
      if (from !== to && usedKeys(old).has(to))
        throw conflict(
          'key_exists',
          `Blueprint "${identifier}" already uses "${to}": choose a name not in use`,
        );

      const rewritten = new Map(
        renameInPaths(await allBlueprints(trx), identifier, kind, from, to).map((d) => [d.identifier, d]),
      );
      const next = structuredClone(rewritten.get(identifier) ?? old);
      const renamed = Object.fromEntries(
        Object.entries(group(next)).map(([k, v]) => [k === from ? to : k, v]),
      );
      if (kind === 'property') {
        next.schema.properties = renamed as never;
        next.schema.required = next.schema.required.map((r) => (r === from ? to : r));
      } else if (kind === 'mirror') next.mirrorProperties = renamed as never;
      else next.relations = renamed as never;
      const normalized = normalizeBlueprint(next as unknown as JsonObject);
      rewritten.set(identifier, normalized);
      const all = await checkCatalogWith(
        trx,
        [normalized, ...[...rewritten.values()].filter((d) => d.identifier !== identifier)],
        { actor, force: false, renamed: { blueprint: identifier, kind, from, to } },
      );

      // Each entity whose value moves gets a version, so that the past reads under the new name from now on.
      const recorded = recordedBy(actor);
      if (kind === 'property' || kind === 'mirror') {
        if (kind === 'property')
          await changes.renamePropertyInEntities(trx, dialect, identifier, from, to, recorded);
        await repo.syncPropertyIndexes(trx, dialect, identifier, indexed(old, all), indexed(normalized, all));
      }
      if (kind === 'mirror')
        await changes.renamePropertyInEntities(trx, dialect, identifier, from, to, recorded);
      if (kind === 'relation') await changes.renameRelationRows(trx, dialect, identifier, from, to, recorded);
      // Values under the new name are this one's from the rename on; before it, any were another's.
      const since = { ...current.since.names };
      if (from !== to) {
        delete since[from];
        since[to] = recorded?.at ?? ctx.now();
      }
      for (const definition of rewritten.values()) {
        const before =
          definition.identifier === identifier
            ? current.blueprint
            : (await load(trx, definition.identifier)).blueprint;
        await ctx.computed?.blueprintChanged(trx, withoutMeta(before), definition);
        await repo.updateBlueprintRow(
          trx,
          dialect,
          definition,
          actor.id,
          ctx.now(),
          definition.identifier === identifier ? since : undefined,
        );
        await audit(
          trx,
          actor,
          'UPDATE',
          definition.identifier,
          before,
          (await load(trx, definition.identifier)).blueprint,
        );
      }
      return { blueprint: (await load(trx, identifier)).blueprint, changed: [...rewritten.keys()] };
    });
    ctx.computed?.committed();
    announce('updated', renamed.changed);
    return renamed.blueprint;
  }

  /**
   * Changes a stored property's schema, its type included, converting every entity's value with a jq
   * program in the same transaction; with `dryRun`, or when any entity fails, nothing is written and the
   * report says which fail (422 when it was meant to be written).
   */
  async function changePropertyType(
    actor: Actor,
    identifier: string,
    key: string,
    request: { schema: JsonObject; conversion: string; dryRun: boolean },
  ) {
    const jq = ctx.jq;
    if (!jq) throw new Error('changePropertyType needs the catalog context to have jq');
    /** The blueprint as it would be, checked against the catalog read through `trx`. */
    const changeOf = async (trx: Db, current: Blueprint) => {
      ctx.access.checkModelChange(actor, identifier);
      const before = withoutMeta(current);
      const old = Object.hasOwn(before.schema.properties, key) ? before.schema.properties[key] : undefined;
      if (!old) throw notFound(`Blueprint "${identifier}" has no property "${key}"`);
      checkSystemKeyRename(before, key);
      const next = structuredClone(before);
      next.schema.properties[key] = changedSchema(old, request.schema);
      const after = normalizeBlueprint(next as unknown as JsonObject);
      checkCompiles(after);
      const all = await checkCatalogWith(trx, [after], { actor, force: false });
      return { before, after, all, change: { before, after, key, conversion: request.conversion } };
    };
    const deps = { dialect, jq, validators };
    // A dry run writes nothing: it holds no lock, and writes go on meanwhile.
    if (request.dryRun) {
      const { change } = await changeOf(db, (await load(db, identifier)).blueprint);
      return { dryRun: true, ...(await convertProperty(deps, db, change, undefined)) };
    }
    const result = await repo.changeBlueprint(database, identifier, async (trx, current) => {
      const { before, after, all, change } = await changeOf(trx, current.blueprint);
      const at = ctx.now();
      const report = await convertProperty(deps, trx, change, { actor: actor.id, at, history: ctx.history });
      if (report.failedCount)
        throw unprocessable(
          'conversion_failed',
          `conversion: ${report.failedCount} entit${report.failedCount === 1 ? 'y' : 'ies'} of "${identifier}" cannot take the new schema of "${key}" (e.g. "${report.failed[0]!.identifier}": ${report.failed[0]!.message}); nothing was written`,
          { ...report },
        );
      await repo.syncPropertyIndexes(trx, dialect, identifier, indexed(before, all), indexed(after, all));
      await ctx.computed?.valuesChanged(trx, identifier);
      await repo.updateBlueprintRow(trx, dialect, after, actor.id, at);
      const updated = (await load(trx, identifier)).blueprint;
      await audit(trx, actor, 'UPDATE', identifier, current.blueprint, updated);
      return { dryRun: false, ...report, blueprint: updated };
    });
    ctx.computed?.committed();
    announce('updated', [identifier]);
    return result;
  }

  return { list, get, create, update, remove, renameKey, changePropertyType };
}

/** Every property a blueprint's entities hold, with the schema each is searched by: computed ones too. */
function indexed(definition: BlueprintDefinition, all: BlueprintMap): Record<string, PropertySchema> {
  const out: Record<string, PropertySchema> = { ...definition.schema.properties };
  for (const key of computedNames(definition)) {
    const schema = propertySchemaOf(definition, key, all);
    if (schema) out[key] = schema;
  }
  return out;
}

export function withoutMeta(blueprint: Blueprint): BlueprintDefinition {
  const {
    createdAt: _a,
    createdBy: _b,
    updatedAt: _c,
    updatedBy: _d,
    version: _v,
    ...definition
  } = blueprint;
  return definition;
}

function usedKeys(definition: BlueprintDefinition): Set<string> {
  return new Set([
    ...Object.keys(definition.schema.properties),
    ...Object.keys(definition.relations),
    ...Object.keys(definition.mirrorProperties),
    ...Object.keys(definition.calculationProperties),
    ...Object.keys(definition.aggregationProperties),
  ]);
}

/** PATCH: top-level keys of `input` over `current`; Port's legacy `teamInheritance` takes ownership's place. */
function mergeDefinition(current: object, input: JsonObject): JsonObject {
  const merged: JsonObject = { ...(current as JsonObject), ...input };
  if (input.teamInheritance !== undefined && input.ownership === undefined) delete merged.ownership;
  return merged;
}
