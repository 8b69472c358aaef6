import type { BlueprintDefinition } from '../../core/blueprint.js';
import { computedNames, opaqueComputed } from '../../core/computed-properties.js';
import { isAdmin, type Actor } from '../identity/actor.js';
import type { AccessPolicy } from './access.js';

/** Per blueprint, the computed properties a reader does not see. */
export type HiddenComputed = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * The computed properties of `of` that `actor` does not see: those whose values come from blueprints it
 * may not read in full (core/computed-properties opaqueComputed). An Admin sees them all.
 */
export async function hiddenComputed(
  access: AccessPolicy,
  actor: Actor,
  all: ReadonlyMap<string, BlueprintDefinition>,
  of: Iterable<string>,
): Promise<HiddenComputed> {
  const out = new Map<string, Set<string>>();
  if (isAdmin(actor)) return out;
  const computing = [...new Set(of)]
    .map((blueprint) => all.get(blueprint))
    .filter(
      (definition): definition is BlueprintDefinition => !!definition && computedNames(definition).size > 0,
    );
  if (!computing.length) return out;
  const gates = await access.gates(actor, [...all.values()]);
  const readsAll = (blueprint: string) => gates.get(blueprint)?.readsAll === true;
  for (const definition of computing) {
    const opaque = opaqueComputed(definition, all, readsAll);
    if (opaque.size) out.set(definition.identifier, opaque);
  }
  return out;
}

/** `entities` without the computed properties `hidden` names for their blueprints (each given new properties). */
export function hideComputed<T extends { blueprint: string; properties: Record<string, unknown> } | null>(
  entities: T[],
  hidden: HiddenComputed,
): T[] {
  if (!hidden.size) return entities;
  for (const entity of entities) {
    const names = entity && hidden.get(entity.blueprint);
    if (!entity || !names) continue;
    // A new object: the one read may be shared (with an audit record, a plan).
    entity.properties = Object.fromEntries(
      Object.entries(entity.properties).filter(([key]) => !names.has(key)),
    );
  }
  return entities;
}

/**
 * Past versions (history, as_of) for a reader who does not read everything: only the values of properties
 * the blueprint has now. A value under a name since removed or renamed (a mirror of something hidden, say)
 * cannot be judged against today's permissions, so it is left out. Mutates and returns `entities`.
 */
export function keepPropertiesOfToday<
  T extends { blueprint: string; properties: Record<string, unknown> } | null,
>(entities: T[], blueprints: ReadonlyMap<string, BlueprintDefinition>): T[] {
  for (const entity of entities) {
    const definition = entity && blueprints.get(entity.blueprint);
    if (!entity || !definition) continue;
    const known = new Set([...Object.keys(definition.schema.properties ?? {}), ...computedNames(definition)]);
    entity.properties = Object.fromEntries(
      Object.entries(entity.properties).filter(([key]) => known.has(key)),
    );
  }
  return entities;
}
