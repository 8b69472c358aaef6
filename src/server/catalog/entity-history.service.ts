import type { BlueprintDefinition, JsonObject } from '../../core/blueprint.js';
import type { Entity } from '../../core/entity.js';
import { parseDateTime } from '../../core/date-time.js';
import { computedNames } from '../../core/computed-properties.js';
import { badInput, DomainError, notFound, unprocessable } from '../errors.js';
import { isAdmin, type Actor } from '../identity/actor.js';
import { hiddenComputed, hideComputed, keepPropertiesOfToday } from './computed-visibility.js';
import { keepDefinedThen, namesDefinedAfter, type DefinedSince } from './defined-since.js';
import type { CatalogContext } from './catalog-context.js';
import type { BlueprintGate } from './access.js';
import { gateOf } from './entity-access.js';
import { movedTeamNames, ownersThen, type MovedTeamNames } from './team-names.repo.js';
import * as repo from './entity.repo.js';
import type { EntityService } from './entity.service.js';
import {
  listVersions,
  versionAt,
  versionBefore,
  versionedEntityId,
  versionsBetween,
  versionMeets,
  type EntityVersionRow,
} from './entity-versions.repo.js';
import { historyBuckets, type HistoryInterval } from './history-buckets.js';
import { SYSTEM_ACTOR } from './entity-versions.repo.js';

export interface VersionChange {
  /** `title`, `icon`, `team`, `properties.<key>` or `relations.<key>`. */
  path: string;
  before: unknown;
  after: unknown;
}

export interface EntityVersion {
  version: number;
  at: string;
  actor: string;
  action: 'CREATE' | 'UPDATE' | 'DELETE';
  changes: VersionChange[];
  /** The entity as this version left it; null once deleted. */
  entity: Entity | null;
}

export type EntityHistoryService = ReturnType<typeof createEntityHistoryService>;

const notFoundEntity = (identifier: string, blueprint: string) =>
  notFound(`Entity "${identifier}" was not found in blueprint "${blueprint}"`);

/** Every version of an entity: its history, the catalog as it was at a time, a property over time. */
export function createEntityHistoryService(ctx: CatalogContext, entities: EntityService) {
  const { db, dialect } = ctx.database;

  const entityOf = (row: EntityVersionRow, blueprint: BlueprintDefinition): Entity | null => {
    if (row.action === 'DELETE') return null;
    const relations = new Map(
      Object.entries(dialect.fromJson<Record<string, string[]>>(row.relations) ?? {}),
    );
    return {
      ...repo.toEntity(
        {
          blueprint: row.blueprint,
          identifier: row.identifier,
          title: row.title,
          icon: row.icon,
          team: dialect.fromJson<string[]>(row.team) ?? [],
          properties: dialect.fromJson<JsonObject>(row.properties) ?? {},
          createdAt: row.created_at ?? row.at,
          createdBy: row.created_by ?? row.actor,
          updatedAt: row.updated_at ?? row.at,
          updatedBy: row.updated_by ?? row.actor,
          datasource: null,
        },
        blueprint,
        relations,
      ),
    };
  };

  /**
   * `versions` (each dated `at`) as `actor` may see them now (an Admin sees them as kept): judged by today's
   * model, without values under names since removed or defined anew (defined-since.ts), and as entity
   * reads judge entities, without relation targets or computed values it may not read. Mutates them and
   * answers the entities.
   */
  async function hideTargets(
    actor: Actor,
    blueprint: BlueprintDefinition,
    dated: Array<{ entity: Entity | null; at: string }>,
  ) {
    const versions = dated.map((v) => v.entity);
    if (isAdmin(actor)) return versions;
    const { definitions: blueprints, since } = await entities.modelOf(db);
    for (const { entity, at } of dated) keepDefinedThen(entity, at, since.get(blueprint.identifier));
    keepPropertiesOfToday(versions, blueprints);
    const visibility = await entities.readableBy(actor, blueprints);
    if (!visibility) return versions;
    const wanted = new Map<string, Set<string>>();
    for (const entity of versions)
      for (const [relation, value] of Object.entries(entity?.relations ?? {})) {
        const target = blueprint.relations[relation]?.target;
        if (!target) continue;
        const set = wanted.get(target) ?? new Set<string>();
        for (const identifier of [value].flat()) if (typeof identifier === 'string') set.add(identifier);
        wanted.set(target, set);
      }
    hideComputed(versions, await hiddenComputed(ctx.access, actor, blueprints, [blueprint.identifier]));
    const hidden = new Map<string, Set<string>>();
    for (const [target, identifiers] of wanted)
      hidden.set(target, await repo.unreadableIdentifiers(db, dialect, target, [...identifiers], visibility));
    for (const entity of versions) {
      if (!entity) continue;
      for (const [relation, value] of Object.entries(entity.relations)) {
        const shut = hidden.get(blueprint.relations[relation]?.target ?? '');
        if (!shut?.size) continue;
        entity.relations[relation] = Array.isArray(value)
          ? value.filter((t) => !shut.has(t))
          : value !== null && shut.has(value)
            ? null
            : value;
      }
    }
    return versions;
  }

  /**
   * Whether a reader with `gate` may read `version`: grants and read policies judge the entity as it was,
   * owned by the teams that bore its team names then (a name may have passed to another team since).
   */
  async function readableThen(
    gate: BlueprintGate,
    version: EntityVersionRow,
    since: DefinedSince,
    moved?: MovedTeamNames,
  ) {
    if (gate.readsAll) return true;
    moved ??= await movedTeamNames(db);
    const team = ownersThen(moved, dialect.fromJson<string[]>(version.team) ?? [], version.at);
    if (gate.canRead({ team })) return true;
    // A policy reads the version's values without those under names defined anew since.
    const later = namesDefinedAfter(since, version.at);
    return (
      gate.policy !== undefined && (await versionMeets(db, dialect, version.id, gate.policy, moved, later))
    );
  }

  /**
   * The versions of an entity the actor may read now (a deleted one: as it last was); any other is
   * answered as missing.
   */
  async function readableVersions(actor: Actor, blueprintId: string, identifier: string) {
    const { blueprint, since } = await entities.loadBlueprint(db, blueprintId);
    const entityId = await versionedEntityId(db, blueprintId, identifier);
    if (entityId === undefined) throw notFoundEntity(identifier, blueprintId);
    const [row] = await repo.findEntityRowsById(db, [entityId]);
    if (row)
      // By the name asked for: the entity may have been renamed since, which a reader who may not read it
      // must not learn from the answer.
      await entities.getEntity(actor, blueprintId, row.identifier).catch((error: unknown) => {
        throw error instanceof DomainError && error.kind === 'not_found'
          ? notFoundEntity(identifier, blueprintId)
          : error;
      });
    else {
      const gate = await gateOf(ctx.access, actor, blueprint);
      const [last] = (await listVersions(db, entityId, 2)).filter((v) => v.action !== 'DELETE');
      if (!last || !ofThisBlueprint(actor, last, since) || !(await readableThen(gate, last, since)))
        throw notFoundEntity(identifier, blueprintId);
    }
    return { blueprint, since, entityId };
  }

  /**
   * Of `rows` (versions of one entity), the ids of those `actor` could read as they were: an entity that
   * is the actor's to read today may have been another team's before, and what it held then was not the
   * actor's to see (an as_of read of that time answers 404). Every one for an Admin. A deletion is judged
   * by the state it ended.
   */
  async function readableRows(
    actor: Actor,
    blueprint: BlueprintDefinition,
    since: DefinedSince,
    rows: readonly EntityVersionRow[],
  ): Promise<Set<number>> {
    const gate = await gateOf(ctx.access, actor, blueprint);
    if (isAdmin(actor) || gate.readsAll) return new Set(rows.map((row) => row.id));
    const moved = await movedTeamNames(db);
    const out = new Set<number>();
    for (const row of rows)
      if (row.action === 'DELETE' || (await readableThen(gate, row, since, moved))) out.add(row.id);
    return out;
  }

  /**
   * Whether `version` is of the blueprint as it is, for `actor`: a version dated before the blueprint was
   * created is of an earlier blueprint of the same identifier, which only an Admin reads.
   */
  const ofThisBlueprint = (actor: Actor, version: EntityVersionRow, since: DefinedSince) =>
    isAdmin(actor) || version.at >= since.blueprint;

  async function history(
    actor: Actor,
    blueprintId: string,
    identifier: string,
    page: { limit: number; before?: number },
  ): Promise<{ versions: EntityVersion[]; next?: number }> {
    const { blueprint, since, entityId } = await readableVersions(actor, blueprintId, identifier);
    const rows = await listVersions(db, entityId, page.limit + 1, page.before);
    const shown = rows.slice(0, page.limit);
    const oldest = shown[shown.length - 1];
    const previous =
      rows[page.limit] ?? (oldest ? await versionBefore(db, entityId, oldest.version) : undefined);
    // A version the actor could not read then is, to it, no entity at all: not listed, nothing to diff.
    const readable = await readableRows(actor, blueprint, since, previous ? [...shown, previous] : shown);
    const stateOf = (row: EntityVersionRow | undefined) =>
      row && readable.has(row.id) ? entityOf(row, blueprint) : null;
    // Each version's entity, and the one before the page's oldest, as the actor may see them.
    const states = await hideTargets(actor, blueprint, [
      ...shown.map((row) => ({ entity: stateOf(row), at: row.at })),
      { entity: stateOf(previous), at: previous?.at ?? '' },
    ]);
    const versions = shown.flatMap((row, i) => {
      if (!readable.has(row.id)) return [];
      const entity = states[i]!;
      const action = row.action as EntityVersion['action'];
      const changes = changesBetween(states[i + 1] ?? null, entity);
      return [{ version: row.version, at: row.at, actor: row.actor, action, changes, entity }];
    });
    // A change of values the actor does not see tells it nothing (but that someone changed something
    // hidden, and when): for any but an Admin, such a version is left out.
    const told = versions.filter(
      (v) => v.changes.length > 0 || v.action !== 'UPDATE' || (isAdmin(actor) && v.actor !== SYSTEM_ACTOR),
    );
    return rows.length > page.limit
      ? { versions: told, next: shown[shown.length - 1]!.version }
      : { versions: told };
  }

  /** The entity as it was at `asOf`; missing then (not yet created, or deleted) is 404. */
  async function entityAsOf(
    actor: Actor,
    blueprintId: string,
    identifier: string,
    asOf: string,
  ): Promise<Entity> {
    const at = instant(asOf, 'as_of');
    const { blueprint, since } = await entities.loadBlueprint(db, blueprintId);
    const row = await versionAt(db, blueprintId, identifier, at);
    const entity = row && entityOf(row, blueprint);
    const gate = await gateOf(ctx.access, actor, blueprint);
    if (!entity || !ofThisBlueprint(actor, row, since) || !(await readableThen(gate, row, since)))
      throw notFoundEntity(identifier, blueprintId);
    await hideTargets(actor, blueprint, [{ entity, at: row.at }]);
    return { ...entity, version: `W/"${row.version}"` };
  }

  /**
   * Port's properties-history: for each interval of the range, each property's value at its end (numbers
   * only; anything else, or no entity yet, is null).
   */
  async function propertiesHistory(
    actor: Actor,
    request: {
      entityIdentifier: string;
      blueprintIdentifier: string;
      propertyNames: string[];
      timeInterval?: HistoryInterval;
      timeRange?: { preset?: string; timeZone?: string };
    },
    now = new Date(),
  ) {
    const { blueprint, since, entityId } = await readableVersions(
      actor,
      request.blueprintIdentifier,
      request.entityIdentifier,
    );
    const hidden = (
      await hiddenComputed(ctx.access, actor, await entities.blueprintMap(db), [blueprint.identifier])
    ).get(blueprint.identifier);
    for (const name of request.propertyNames)
      if (
        (!Object.hasOwn(blueprint.schema.properties, name) && !computedNames(blueprint).has(name)) ||
        hidden?.has(name)
      )
        throw unknownProperty(name, blueprint.identifier);
    const buckets = historyBuckets(
      request.timeRange?.preset ?? 'lastMonth',
      request.timeInterval ?? 'day',
      request.timeRange?.timeZone ?? 'UTC',
      now,
    );
    // Each version reduced, as it is read, to the numbers it holds under the names asked for.
    const states: Array<{ at: number; values: Array<number | null> }> = [];
    const from = new Date(buckets.ends[0]! - 1).toISOString();
    for await (const versions of versionsBetween(
      db,
      entityId,
      from,
      new Date(buckets.maxDate).toISOString(),
    )) {
      // Values under a name from before it was defined as it is are another's: an Admin's alone. So are
      // those of a version the actor could not read then.
      const readable = await readableRows(actor, blueprint, since, versions);
      for (const row of versions) {
        const entity = !readable.has(row.id)
          ? null
          : isAdmin(actor)
            ? entityOf(row, blueprint)
            : keepDefinedThen(entityOf(row, blueprint), row.at, since);
        const values = request.propertyNames.map((name) => {
          const value = entity?.properties[name];
          return typeof value === 'number' ? value : null;
        });
        states.push({ at: Date.parse(row.at), values });
      }
    }
    // Each interval's value is the last version's at its end: one walk through versions and intervals.
    const series = Object.fromEntries(
      request.propertyNames.map((name) => [name, [] as Array<number | null>]),
    );
    let next = 0;
    let current: Array<number | null> | undefined;
    for (const end of buckets.ends) {
      while (next < states.length && states[next]!.at <= end) current = states[next++]!.values;
      request.propertyNames.forEach((name, i) => series[name]!.push(current?.[i] ?? null));
    }
    return {
      minDate: buckets.minDate,
      maxDate: buckets.maxDate,
      data: series[request.propertyNames[0] ?? ''] ?? [],
      intervals: buckets.starts,
      series,
    };
  }

  return { history, entityAsOf, propertiesHistory };
}

/** A client's time as canonical ISO text, or 400 naming `field`. */
export function instant(value: string, field: string): string {
  const parsed = parseDateTime(value);
  if (!parsed.ok)
    throw badInput(
      'invalid_as_of',
      `${field}: "${value}" is not a date-time (ISO 8601, e.g. 2026-01-31T12:00:00Z)`,
    );
  return new Date(parsed.ms).toISOString();
}

/** What differs between two states of an entity, field by field. */
export function changesBetween(before: Entity | null, after: Entity | null): VersionChange[] {
  const changes: VersionChange[] = [];
  const compare = (path: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ path, before: a ?? null, after: b ?? null });
  };
  for (const field of ['identifier', 'title', 'icon', 'team'] as const)
    compare(field, before?.[field], after?.[field]);
  for (const group of ['properties', 'relations'] as const) {
    const keys = new Set([...Object.keys(before?.[group] ?? {}), ...Object.keys(after?.[group] ?? {})]);
    for (const key of [...keys].sort())
      compare(
        `${group}.${key}`,
        (before?.[group] as JsonObject | undefined)?.[key],
        (after?.[group] as JsonObject | undefined)?.[key],
      );
  }
  return changes;
}

export const unknownProperty = (name: string, blueprint: string) =>
  unprocessable('invalid_property', `propertyNames: blueprint "${blueprint}" has no property "${name}"`);
