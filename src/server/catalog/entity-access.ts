import type { BlueprintDefinition } from '../../core/blueprint.js';
import type { Entity } from '../../core/entity.js';
import { forbidden, notFound, type DomainError } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import type { AccessPolicy, BlueprintGate, EntityChange, GuardedEntity } from './access.js';
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

/** The change a planned write makes, as permissions judge it. */
export function changeOf(plan: PlannedWrite): EntityChange {
  const after = guarded(plan.state, plan.relations, plan.rename ?? plan.state.identifier);
  return plan.existing
    ? { action: 'update', before: guarded(plan.existing.state, plan.existing.relations), after }
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

/**
 * Checks that the actor may delete every entity a delete removes (dependents included, in whatever
 * blueprint): one it may not read is "not found", one it may read but not delete is 403.
 */
export function deletionGuard(
  access: AccessPolicy,
  actor: Actor,
  blueprints: ReadonlyMap<string, BlueprintDefinition>,
) {
  return async (doomed: Entity[]) => {
    const involved = [...new Set(doomed.map((e) => e.blueprint))].map((b) => blueprints.get(b)!);
    const gates = await access.gates(actor, involved);
    for (const entity of doomed) {
      const gate = gates.get(entity.blueprint)!;
      if (!gate.canRead(entity))
        throw notFound(`Entity "${entity.identifier}" was not found in blueprint "${entity.blueprint}"`);
      const missing = gate.missing({
        action: 'unregister',
        before: { ...entity, relations: new Map(), properties: entity.properties as Record<string, unknown> },
      });
      if (missing) throw permissionDenied(entity.blueprint, entity.identifier, missing);
    }
  };
}
