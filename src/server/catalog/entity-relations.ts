import type { BlueprintDefinition } from '../../core/blueprint.js';
import { notFound, unprocessable } from '../errors.js';
import type { Db } from '../storage/database.js';
import * as repo from './entity.repo.js';
import type { ItemFailure, PlannedWrite } from './entity-write.js';

const PROTECTED_BLUEPRINTS = new Set(['_user', '_team']);
/** The key of `RelationTargets.ids`. */
export const targetKey = (blueprint: string, identifier: string) => `${blueprint}\u0000${identifier}`;

export interface RelationTargets {
  /** "blueprint\0identifier" -> entity id, for targets that exist already; the others are found by identifier as the write inserts its relation rows. */
  ids: Map<string, number>;
  /** Stub entities to create first (create_missing_related_entities). */
  stubs: Map<string, repo.EntityState[]>;
  failures: ItemFailure[];
  failed: Set<number>;
  /** By item index: the items of the same batch it points at, which must be written with or before it. */
  dependsOn: Map<number, number[]>;
  /** By item index: the keys (targetKey) of the stubs it needs. */
  stubKeysOf: Map<number, string[]>;
}

/** `targets` for writing only `plans`: with only the stubs they need. */
export function targetsFor(targets: RelationTargets, plans: readonly PlannedWrite[]): RelationTargets {
  const needed = new Set(plans.flatMap((plan) => targets.stubKeysOf.get(plan.index) ?? []));
  const stubs = new Map(
    [...targets.stubs].map(([target, states]) => [
      target,
      states.filter((state) => needed.has(targetKey(target, state.identifier))),
    ]),
  );
  return { ...targets, stubs };
}

/**
 * Finds every relation target of a batch: in the database, among the batch's own entities (self-relations),
 * or to be created as a stub. An item whose target is missing fails, and so does an item that points at
 * another item of the batch that failed.
 */
export async function resolveRelationTargets(
  db: Db,
  blueprint: BlueprintDefinition,
  plans: PlannedWrite[],
  createMissing: boolean,
  blueprints?: Map<string, BlueprintDefinition>,
  /** Which of `identifiers` of `target` exist but are hidden from the writer. */
  hiddenOf?: (target: string, identifiers: string[]) => Promise<Set<string>>,
): Promise<RelationTargets> {
  const wanted = new Map<string, Set<string>>();
  for (const plan of plans)
    for (const [relation, identifiers] of plan.relations) {
      const target = blueprint.relations[relation]!.target;
      const set = wanted.get(target) ?? new Set<string>();
      identifiers.forEach((i) => set.add(i));
      wanted.set(target, set);
    }
  const ids = new Map<string, number>();
  // A target the writer may not read is one that does not exist (404) when the write names it anew, unless
  // the write may create missing targets: then it is linked as it is, never replaced by a stub. A target
  // the entity already had stays.
  const hidden = new Set<string>();
  for (const [target, identifiers] of wanted) {
    for (const [identifier, id] of await repo.findEntityIds(db, target, [...identifiers]))
      ids.set(targetKey(target, identifier), id);
    if (hiddenOf && !createMissing)
      for (const identifier of await hiddenOf(target, [...identifiers]))
        hidden.add(targetKey(target, identifier));
  }

  const inBatch = new Map(plans.map((p) => [p.state.identifier, p.index]));
  const dependsOnBatch = new Map<number, number[]>();
  const stubKeysOf = new Map<number, string[]>();
  const result: RelationTargets = {
    ids,
    stubs: new Map(),
    failures: [],
    failed: new Set(),
    dependsOn: dependsOnBatch,
    stubKeysOf,
  };
  const stubbed = new Set<string>();
  for (const plan of plans) {
    try {
      for (const [relation, identifiers] of plan.relations) {
        const target = blueprint.relations[relation]!.target;
        const had = plan.existing?.relations.get(relation) ?? [];
        for (const identifier of identifiers) {
          const key = targetKey(target, identifier);
          if (ids.has(key) && (!hidden.has(key) || had.includes(identifier))) continue;
          if (target === blueprint.identifier && inBatch.has(identifier)) {
            dependsOnBatch.set(plan.index, [
              ...(dependsOnBatch.get(plan.index) ?? []),
              inBatch.get(identifier)!,
            ]);
            continue;
          }
          if (!createMissing)
            throw notFound(
              `relations.${relation}: entity "${identifier}" of blueprint "${target}" was not found`,
            );
          if (PROTECTED_BLUEPRINTS.has(target))
            throw unprocessable(
              'invalid_entity',
              `relations.${relation}: ${target} entities cannot be created as stubs`,
            );
          const stubProblem = blueprints && whyNoStub(blueprints.get(target));
          if (stubProblem)
            throw unprocessable(
              'cannot_create_related_entity',
              `relations.${relation}: entity "${identifier}" of blueprint "${target}" does not exist and cannot be created empty: ${stubProblem}`,
            );
          stubKeysOf.set(plan.index, [...(stubKeysOf.get(plan.index) ?? []), key]);
          if (stubbed.has(key)) continue;
          stubbed.add(key);
          const stubs = result.stubs.get(target) ?? [];
          stubs.push(
            stubState(
              target,
              identifier,
              plan.state.updatedBy,
              plan.state.updatedAt,
              blueprints?.get(target),
            ),
          );
          result.stubs.set(target, stubs);
        }
      }
    } catch (error) {
      result.failures.push({ index: plan.index, identifier: plan.identifier, error: error as never });
      result.failed.add(plan.index);
    }
  }
  propagateFailures(plans, dependsOnBatch, result);
  return result;
}

function propagateFailures(
  plans: PlannedWrite[],
  dependsOnBatch: Map<number, number[]>,
  result: RelationTargets,
) {
  for (let changed = true; changed;) {
    changed = false;
    for (const plan of plans) {
      if (result.failed.has(plan.index)) continue;
      const broken = (dependsOnBatch.get(plan.index) ?? []).find((i) => result.failed.has(i));
      if (broken === undefined) continue;
      result.failed.add(plan.index);
      result.failures.push({
        index: plan.index,
        identifier: plan.identifier,
        error: unprocessable(
          'related_entity_failed',
          `a related entity of this request (item ${broken}) failed, so this item was not written`,
        ),
      });
      changed = true;
    }
  }
}

/** A stub must be a valid entity: only blueprints whose every requirement has a default can have them. */
function whyNoStub(blueprint: BlueprintDefinition | undefined): string | undefined {
  if (!blueprint) return undefined;
  const missing = blueprint.schema.required.filter(
    (key) => blueprint.schema.properties[key]?.default === undefined,
  );
  if (missing.length) return `it requires ${missing.map((m) => `properties.${m}`).join(', ')}`;
  const relations = Object.entries(blueprint.relations).filter(([, r]) => r.required);
  if (relations.length) return `it requires ${relations.map(([key]) => `relations.${key}`).join(', ')}`;
  return undefined;
}

function defaultsOf(blueprint: BlueprintDefinition | undefined): repo.EntityState['properties'] {
  if (!blueprint) return {};
  return Object.fromEntries(
    Object.entries(blueprint.schema.properties)
      .filter(([, p]) => p.default !== undefined && p.default !== null)
      .map(([key, p]) => [key, structuredClone(p.default)]),
  );
}

function stubState(
  blueprint: string,
  identifier: string,
  by: string,
  at: string,
  definition?: BlueprintDefinition,
): repo.EntityState {
  return {
    blueprint,
    identifier,
    title: null,
    icon: null,
    team: [],
    properties: defaultsOf(definition),
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
    // A target created for a relation belongs to no client: no integration's reconciliation deletes it.
    datasource: null,
  };
}
