import type { BlueprintDefinition, JsonObject } from '../../core/blueprint.js';
import type { QueryValue } from '../../core/entity.js';
import { USER_BLUEPRINT, userPropertiesAsPortico } from '../../core/system-blueprints.js';
import { conflict, DomainError, notFound, preconditionFailed, unprocessable } from '../errors.js';
import type { EntityState } from './entity.repo.js';
import { storedOnly } from './computed/computed-model.js';
import { withoutNulls, type ParsedEntityInput } from './entity-input.js';
import type { PropertyValidator } from './property-validator.js';
import { checkVersion, versionTag } from './versions.js';

export type WriteMode = 'create' | 'replace' | 'merge';

export interface WriteOptions {
  mode: WriteMode;
  /** create a missing entity in replace/merge mode (Port's upsert=true); PUT/PATCH set it false. */
  createIfMissing: boolean;
  createMissingRelatedEntities: boolean;
  validationOnly: boolean;
  /**
   * Teams to add to or remove from entities' teams (by identifier), applied to the teams as they are when
   * the write commits, so concurrent membership changes of one user never undo each other. Internal: no
   * client sets it.
   */
  teamEdits?: ReadonlyMap<string, TeamEdit>;
  /** Internal: write the items only if none fails (in one round: items with distinct identifiers). */
  allOrNothing?: boolean;
  /** If-Match: write over an existing entity only if it is at one of these versions (or `*`). */
  ifMatch?: readonly string[];
  /**
   * Refuse properties the blueprint does not declare, and a `team` given to an entity whose blueprint
   * inherits its owners (`?strict=true`). Otherwise they are left out and named in the answer: Port drops
   * undeclared properties, and its own backup tools write back the teams an entity answered.
   */
  strictProperties?: boolean;
  /** The writing client as it names itself (its User-Agent): recorded as the entity's `$datasource`. */
  datasource?: string;
}

export interface TeamEdit {
  add: readonly string[];
  remove: readonly string[];
}

/** An item that passed every check that needs no other entity. */
export interface PlannedWrite {
  index: number;
  identifier: string;
  /** The entity as read, at `version`: the write commits only if it is still at that version. */
  existing?: { id: number; version: number; state: EntityState; relations: Map<string, string[]> };
  /** A create (not an upsert): if the entity appears meanwhile, the write must fail with 409, not overwrite. */
  createOnly: boolean;
  state: EntityState;
  relations: Map<string, string[]>;
  rename?: string;
  /** The given properties the blueprint does not declare, left out (not with strictProperties). */
  dropped?: string[];
  /** The `team` given to an entity whose owners are inherited, left out (not with strictProperties). */
  ignoredTeam?: { team: string[]; reason: string };
}

export interface ItemFailure {
  index: number;
  identifier: string;
  error: DomainError;
}

/**
 * The largest properties document of one entity, as JSON (Port's whole request body is 1 MiB). A search
 * reads it once per rule on PostgreSQL, so this bounds the memory a search takes (search.compiler.ts).
 */
export const MAX_PROPERTIES_CHARACTERS = 1024 * 1024;

/**
 * Computes the state an item leaves its entity in (create, replace or merge), validating properties and
 * the relation map's cardinality. Relation queries must already be resolved to identifier lists.
 */
/**
 * `properties` without those the blueprint does not declare (their names in `dropped`); all of them when
 * `strict`, for the validator to refuse by name.
 */
function declaredOnly(blueprint: BlueprintDefinition, properties: JsonObject, strict: boolean) {
  const declared = blueprint.schema.properties;
  const dropped: string[] = [];
  if (strict) return { kept: properties, dropped };
  const kept: JsonObject = {};
  for (const key in properties)
    if (Object.hasOwn(declared, key)) kept[key] = properties[key];
    else dropped.push(key);
  return { kept: dropped.length ? kept : properties, dropped };
}

export function planWrite(
  item: ParsedEntityInput & { identifier: string; relations?: Record<string, string[] | null> },
  index: number,
  blueprint: BlueprintDefinition,
  validator: PropertyValidator,
  existing: PlannedWrite['existing'],
  options: WriteOptions,
  actor: string,
  now: string,
): PlannedWrite {
  if (existing && options.mode === 'create')
    throw conflict(
      'entity_exists',
      `Entity "${item.identifier}" already exists in blueprint "${blueprint.identifier}"`,
    );
  if (!existing && options.mode !== 'create' && !options.createIfMissing)
    throw notFound(`Entity "${item.identifier}" was not found in blueprint "${blueprint.identifier}"`);
  // Without an entity there is no version to match: If-Match (even *) refuses to create one.
  if (!existing && options.ifMatch)
    throw preconditionFailed(
      `If-Match: entity "${item.identifier}" of blueprint "${blueprint.identifier}" does not exist, so it is at no version`,
    );
  if (existing)
    checkVersion(
      options.ifMatch,
      versionTag(existing.version, existing.state.createdAt),
      `entity "${item.identifier}" of blueprint "${blueprint.identifier}"`,
    );
  const merge = existing !== undefined && options.mode === 'merge';
  const base = merge ? existing.state : undefined;

  // Computed values are the catalog's to write: those read back and sent again are left out.
  const stored = storedOnly(blueprint, item.properties ?? {});
  const { kept: given, dropped } = declaredOnly(
    blueprint,
    blueprint.identifier === USER_BLUEPRINT ? userPropertiesAsPortico(stored) : stored,
    options.strictProperties === true,
  );
  const properties = withoutNulls(merge ? { ...storedOnly(blueprint, base!.properties), ...given } : given);
  const problem = validator.validate(properties);
  if (problem) throw unprocessable('invalid_properties', problem);
  const size = JSON.stringify(properties).length;
  if (size > MAX_PROPERTIES_CHARACTERS)
    throw unprocessable(
      'entity_too_large',
      `properties take ${size} characters as JSON, over the limit of ${MAX_PROPERTIES_CHARACTERS} (1 MiB) for one entity: keep large documents elsewhere and link them`,
    );

  const relations = new Map(merge ? existing.relations : []);
  const givenRelations = item.relations;
  if (givenRelations) for (const key in givenRelations) relations.set(key, givenRelations[key] ?? []);
  for (const key in blueprint.relations) {
    const definition = blueprint.relations[key]!;
    const targets = relations.get(key) ?? [];
    if (definition.required && targets.length === 0)
      throw unprocessable('missing_required_relation', `relations.${key} is required`);
    if (!definition.many && targets.length > 1)
      throw unprocessable(
        'invalid_entity',
        `relations.${key} is a single relation but matched ${targets.length} entities`,
      );
  }

  const pick = <T>(given: T | undefined, previous: T, fallback: T) =>
    given !== undefined ? given : merge ? previous : fallback;
  const inherited = blueprint.ownership?.type === 'Inherited' ? blueprint.ownership.path : undefined;
  let ignoredTeam: PlannedWrite['ignoredTeam'];
  if (inherited && Array.isArray(item.team) && item.team.length) {
    const reason = `team: "${blueprint.identifier}" inherits its owning teams through "${inherited}"; change the teams of the entities that path reaches`;
    if (options.strictProperties) throw unprocessable('inherited_ownership', reason);
    ignoredTeam = { team: item.team, reason };
  }
  const teamEdit = options.teamEdits?.get(item.identifier);
  const state: EntityState = {
    blueprint: blueprint.identifier,
    identifier: item.rename ?? item.identifier,
    title: pick(item.title, base?.title ?? null, null),
    icon: pick(item.icon, base?.icon ?? null, null),
    // Inherited owners are computed after the write, from the entities the ownership path reaches.
    team: inherited
      ? (existing?.state.team ?? [])
      : teamEdit
        ? edited(existing?.state.team ?? [], teamEdit)
        : pick(item.team as string[] | undefined, base?.team ?? [], []),
    properties: properties as JsonObject,
    createdAt: existing?.state.createdAt ?? now,
    createdBy: existing?.state.createdBy ?? actor,
    updatedAt: now,
    updatedBy: actor,
    // The client that writes it now, or the one that wrote it last when this one names none.
    datasource: options.datasource ?? existing?.state.datasource ?? null,
  };
  return {
    index,
    identifier: item.identifier,
    existing,
    createOnly: options.mode === 'create',
    state,
    relations,
    ...(item.rename ? { rename: item.rename } : {}),
    ...(dropped.length ? { dropped } : {}),
    ...(ignoredTeam ? { ignoredTeam } : {}),
  };
}

const edited = (teams: readonly string[], edit: TeamEdit) => [
  ...new Set([...teams.filter((team) => !edit.remove.includes(team)), ...edit.add]),
];

/** Groups items so that no identifier appears twice in one group; groups run in order, like sequential writes. */
export function roundsByIdentifier<T extends { identifier: string | QueryValue }>(items: T[]): T[][] {
  const rounds: T[][] = [];
  const seen = new Map<string, number>();
  for (const item of items) {
    const key = typeof item.identifier === 'string' ? item.identifier : JSON.stringify(item.identifier);
    const round = seen.get(key) ?? 0;
    seen.set(key, round + 1);
    (rounds[round] ??= []).push(item);
  }
  return rounds;
}
