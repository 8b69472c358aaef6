import type { BlueprintDefinition } from '../../core/blueprint.js';
import type { Entity } from '../../core/entity.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import { visibilityOf, type BlueprintGate } from './access.js';
import * as repo from './entity.repo.js';
import type { PlannedWrite } from './entity-write.js';

/**
 * What of a write's relations the writer may not read (docs/access.md, "What a hidden entity looks like"):
 * such targets are kept as they are by the write, and left out of the entity it answers.
 */
export function createHiddenTargets(db: Db, dialect: Dialect) {
  /** The ids of `rows` (of `blueprint`) that `gate` lets the actor read, read policies included. */
  async function readableIds(db: Db, blueprint: string, gate: BlueprintGate, rows: repo.EntityRow[]) {
    const visibility = visibilityOf(new Map([[blueprint, gate]]));
    const ids = rows.map((row) => row.id);
    return visibility && ids.length ? repo.visibleIdsAmong(db, dialect, ids, visibility) : new Set(ids);
  }

  /** Which of `identifiers` of `target` exist but may not be read by the owner of `readers`. */
  async function hiddenOf(
    target: string,
    identifiers: string[],
    readers: ReadonlyMap<string, BlueprintGate>,
  ): Promise<Set<string>> {
    const gate = readers.get(target);
    const visibility = gate && visibilityOf(new Map([[target, gate]]));
    return visibility && identifiers.length
      ? repo.hiddenIdentifiers(db, dialect, target, identifiers, visibility)
      : new Set();
  }

  /** Per target blueprint, the targets named in `relationMaps` that the actor may not read. */
  async function hiddenTargets(
    blueprint: BlueprintDefinition,
    relationMaps: Array<Map<string, string[]>>,
    readers: ReadonlyMap<string, BlueprintGate>,
  ): Promise<Map<string, Set<string>>> {
    // A writer that reads every blueprint involved (an Admin, most integrations) has nothing hidden.
    if (![...readers.values()].some((gate) => !gate.readsAll)) return new Map();
    const wanted = new Map<string, Set<string>>();
    for (const relations of relationMaps)
      for (const [relation, identifiers] of relations) {
        const target = blueprint.relations[relation]?.target;
        if (target === undefined) continue;
        const set = wanted.get(target) ?? new Set<string>();
        identifiers.forEach((identifier) => set.add(identifier));
        wanted.set(target, set);
      }
    const hidden = new Map<string, Set<string>>();
    for (const [target, identifiers] of wanted) {
      const found = await hiddenOf(target, [...identifiers], readers);
      if (found.size) hidden.set(target, found);
    }
    return hidden;
  }

  /**
   * A write changes relations as the actor sees them: the targets of an existing entity it may not read
   * stay (in a many relation, besides those it gives; in a single one, unless it gives another target).
   */
  async function hiddenTargetsKeeper(
    blueprint: BlueprintDefinition,
    existing: Array<{ relations: Map<string, string[]> }>,
    readers: ReadonlyMap<string, BlueprintGate>,
  ) {
    const hidden = await hiddenTargets(
      blueprint,
      existing.map((e) => e.relations),
      readers,
    );
    return (plan: PlannedWrite) => {
      if (!hidden.size || !plan.existing) return;
      for (const [relation, before] of plan.existing.relations) {
        const definition = blueprint.relations[relation];
        const unreadable = definition && hidden.get(definition.target);
        const kept = unreadable ? before.filter((identifier) => unreadable.has(identifier)) : [];
        if (!kept.length) continue;
        const given = plan.relations.get(relation) ?? [];
        if (definition!.many)
          plan.relations.set(relation, [...given, ...kept.filter((k) => !given.includes(k))]);
        else if (!given.length) plan.relations.set(relation, kept);
      }
    };
  }

  /** Leaves out of each answer's relations the targets the actor may not read (as reads do). */
  async function hideUnreadableTargets(
    blueprint: BlueprintDefinition,
    plans: PlannedWrite[],
    after: Map<number, Entity>,
    readers: ReadonlyMap<string, BlueprintGate>,
  ) {
    const hidden = await hiddenTargets(
      blueprint,
      plans.map((plan) => plan.relations),
      readers,
    );
    if (!hidden.size) return;
    for (const plan of plans) {
      const entity = after.get(plan.index);
      if (!entity) continue;
      const relations = { ...entity.relations };
      for (const [key, definition] of Object.entries(blueprint.relations)) {
        const unreadable = hidden.get(definition.target);
        const value = relations[key];
        if (!unreadable || value === undefined || value === null) continue;
        relations[key] = Array.isArray(value)
          ? value.filter((identifier) => !unreadable.has(identifier))
          : unreadable.has(value as string)
            ? null
            : value;
      }
      entity.relations = relations;
    }
  }

  return { readableIds, hiddenOf, hiddenTargetsKeeper, hideUnreadableTargets };
}
