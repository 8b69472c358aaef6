import type { ModelSnapshot } from './model-cache.js';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import type { Actor } from '../identity/actor.js';
import type { SqlCondition } from '../storage/database.js';

/** An entity as permissions see it: who owns it and what a change touches. */
export interface GuardedEntity {
  identifier: string;
  title: string | null;
  icon: string | null;
  team: readonly string[];
  properties: Record<string, unknown>;
  relations: ReadonlyMap<string, readonly string[]>;
}

export type EntityChange =
  | { action: 'register'; after: GuardedEntity }
  | { action: 'update'; before: GuardedEntity; after: GuardedEntity }
  | { action: 'unregister'; before: GuardedEntity };

/** What an actor may do with the entities of one blueprint. */
export interface BlueprintGate {
  /** Reads every entity of the blueprint. */
  readsAll: boolean;
  /** Reads the entities owned by one of `teams` (when it does not read all). */
  readsOwned: boolean;
  teams: readonly string[];
  /** Holds some grant to create or change entities (of some owner, property or relation). */
  writesAny: boolean;
  /** Port's read policy, for what the grants above do not let it read: the entities it matches. */
  policy?: SqlCondition;
  /** By the grants alone; an entity the policy matches is readable too (a query decides). */
  canRead(entity: { team: readonly string[] }): boolean;
  /** The permission that is missing for `change` (e.g. "update", "updateProperties.language"), if any. */
  missing(change: EntityChange): string | undefined;
}

/**
 * Who may read and change what. The catalog asks, identity answers (blueprint permissions, roles,
 * ownership); the catalog never needs to know how.
 */
export interface AccessPolicy {
  /**
   * The gates of `blueprints` for `actor`, by blueprint identifier, read in one go: by the permissions of
   * `model` when given (a snapshot the caller read for this request), else of the model as it is now.
   */
  gates(
    actor: Actor,
    blueprints: readonly BlueprintDefinition[],
    model?: ModelSnapshot,
  ): Promise<Map<string, BlueprintGate>>;
  /** Throws "forbidden" unless the actor may change the data model of `blueprint` (a new one when undefined). */
  checkModelChange(actor: Actor, blueprint: string | undefined): void;
}

/** What `gates` let an actor read, for a query to filter on; undefined when it reads everything. */
export function visibilityOf(gates: ReadonlyMap<string, BlueprintGate>) {
  const all: string[] = [];
  const owned: string[] = [];
  const policies: Array<{ blueprint: string; where: SqlCondition }> = [];
  let teams: readonly string[] = [];
  for (const [blueprint, gate] of gates) {
    if (gate.readsAll) all.push(blueprint);
    else if (gate.readsOwned) owned.push(blueprint);
    if (!gate.readsAll && gate.policy) policies.push({ blueprint, where: gate.policy });
    teams = gate.teams;
  }
  return all.length === gates.size ? undefined : { all, owned, teams, policies };
}
