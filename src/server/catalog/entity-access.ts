import type { BlueprintDefinition } from '../../core/blueprint.js';
import type { Entity } from '../../core/entity.js';
import { forbidden, type DomainError } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import {
  visibilityOf,
  type AccessPolicy,
  type BlueprintGate,
  type EntityChange,
  type GuardedEntity,
} from './access.js';
import { storedOnly } from '../../core/computed-properties.js';
import * as repo from './entity.repo.js';
import { checkPeopleDeletion } from './system-blueprint-rules.js';
import type { EntityState } from './entity.repo.js';
import type { PlannedWrite } from './entity-write.js';

const guarded = (
  state: EntityState,
  relations: Map<string, string[]>,
  identifier = state.identifier,
): GuardedEntity => ({
  identifier,
  title: state.title,
  icon: state.icon,
  team: state.team,
  properties: state.properties,
  relations,
});

/**
 * The change a planned write makes, as permissions judge it: computed values are the catalog's, never the
 * writer's, so they are left out on both sides.
 */
export function changeOf(plan: PlannedWrite, blueprint: BlueprintDefinition): EntityChange {
  const own = (state: EntityState) => ({ ...state, properties: storedOnly(blueprint, state.properties) });
  const after = guarded(own(plan.state), plan.relations, plan.rename ?? plan.state.identifier);
  return plan.existing
    ? { action: 'update', before: guarded(own(plan.existing.state), plan.existing.relations), after }
    : { action: 'register', after };
}

const VERBS: Record<string, string> = { register: 'create', unregister: 'delete' };

/** 403 naming the permission that is missing. */
export function permissionDenied(blueprint: string, identifier: string, missing: string): DomainError {
  const action = missing.split('.')[0]!;
  const verb = VERBS[action] ?? 'change';
  // A granular grant is an alternative to the whole "update" grant: either would do.
  const permission =
    missing.startsWith('update') && missing !== 'update'
      ? `"entities.update" or "entities.${missing}"`
      : `"entities.${missing}"`;
  return forbidden(
    `You may not ${verb} entity "${identifier}" of blueprint "${blueprint}": permission ${permission} is not granted to you`,
  );
}

export async function gateOf(access: AccessPolicy, actor: Actor, blueprint: BlueprintDefinition) {
  return (await access.gates(actor, [blueprint])).get(blueprint.identifier)!;
}

/**
 * With create_missing_related_entities, a write may create entities of its relations' target blueprints:
 * that needs the right to create entities there that no team owns.
 */
export function missingStubPermission(
  plan: PlannedWrite,
  blueprint: BlueprintDefinition,
  targetGates: ReadonlyMap<string, BlueprintGate>,
): string | undefined {
  // Only a write with create_missing_related_entities has target gates.
  if (targetGates.size === 0) return undefined;
  const stub: GuardedEntity = {
    identifier: '',
    title: null,
    icon: null,
    team: [],
    properties: {},
    relations: new Map(),
  };
  for (const [relation, identifiers] of plan.relations) {
    if (!identifiers.length) continue;
    const target = blueprint.relations[relation]!.target;
    if (targetGates.get(target)?.missing({ action: 'register', after: stub }))
      return `"${target}".register (create_missing_related_entities may create entities of "${target}")`;
  }
  return undefined;
}

/** The blueprints `blueprint`'s relations point to. */
export const relationTargets = (
  blueprints: ReadonlyMap<string, BlueprintDefinition>,
  blueprint: BlueprintDefinition,
) =>
  [...new Set(Object.values(blueprint.relations ?? {}).map((r) => r.target))]
    .map((target) => blueprints.get(target))
    .filter((b): b is BlueprintDefinition => b !== undefined);

/** An entity a delete would remove, with its row id. */
export interface DoomedEntity {
  id: number;
  entity: Entity;
}

/**
 * Checks a delete: `roots` are the entities asked for, `dependents` those that require them. Callers
 * answer a root the actor may not read as missing before they get here.
 */
export type DeletionCheck = (doomed: DoomedEntity[], role: 'roots' | 'dependents') => Promise<void>;

/**
 * Checks that the actor may delete every entity a delete removes (dependents included, in whatever
 * blueprint). An entity it may not read is never named: a delete that would remove one is refused with
 * a count; one it may read but not delete is 403 naming it.
 */
export function deletionGuard(
  access: AccessPolicy,
  actor: Actor,
  blueprints: ReadonlyMap<string, BlueprintDefinition>,
  trx: Db,
  dialect: Dialect,
) {
  let gates: Promise<Map<string, BlueprintGate>> | undefined;
  const gatesNow = () => (gates ??= access.gates(actor, [...blueprints.values()]));

  /** The ids among `ids` the actor may read (grants, ownership and read policies). */
  async function readable(ids: number[]): Promise<Set<number>> {
    const visibility = visibilityOf(await gatesNow());
    return visibility ? repo.visibleIdsAmong(trx, dialect, ids, visibility) : new Set(ids);
  }

  const check: DeletionCheck = async (doomed, role) => {
    if (!doomed.length) return;
    const seen = await readable(doomed.map((d) => d.id));
    const hidden = doomed.filter((d) => !seen.has(d.id)).length;
    if (hidden)
      throw forbidden(
        role === 'roots'
          ? 'You may not delete these entities: some of them cannot be read by you'
          : `You may not delete ${hidden} entit${hidden === 1 ? 'y' : 'ies'} that require${hidden === 1 ? 's' : ''} the entities being deleted: ${hidden === 1 ? 'it' : 'they'} cannot be read by you`,
      );
    const all = await gatesNow();
    for (const { entity } of doomed) {
      const missing = all.get(entity.blueprint)!.missing({
        action: 'unregister',
        before: { ...entity, relations: new Map(), properties: entity.properties as Record<string, unknown> },
      });
      if (missing) throw permissionDenied(entity.blueprint, entity.identifier, missing);
      checkPeopleDeletion(entity.blueprint, entity.identifier, actor);
    }
  };
  return { readable, check };
}
