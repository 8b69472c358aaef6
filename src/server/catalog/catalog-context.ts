import type { BlueprintDefinition } from '../../core/blueprint.js';
import type { Actor } from '../identity/actor.js';
import type { JqPool } from '../jq/jq-pool.js';
import type { Database, Db, Statement } from '../storage/database.js';
import type { AccessPolicy } from './access.js';
import type { CommitListener } from './catalog-changes.js';
import type { EntityState } from './entity.repo.js';
import type { PlannedWrite } from './entity-write.js';
import { PropertyValidators } from './property-validator.js';

/**
 * What another capability adds to the entity writes of one blueprint (identity: service accounts get
 * credentials when their _user entity is created). The catalog calls it without knowing what it does.
 */
export interface EntityWriteHook {
  /** Refuses an item by throwing a DomainError; `existing` is the entity before the write, if any. */
  check(state: EntityState, existing: EntityState | undefined, actor: Actor): void;
  /** For items about to be written: statements for the same transaction, run after the entities are. */
  prepare?(plans: readonly PlannedWrite[]): Promise<Map<number, HookWork>>;
}

export interface HookWork {
  statements: Statement[];
  /** Answered with the item, once (Port's `additionalData`). */
  additionalData?: Record<string, unknown>;
}

/** A blueprint about to be deleted, with Port's flag for what depends on it. */
export interface BlueprintDeletion {
  actor: Actor;
  blueprint: string;
  /** `delete_actions=true`: the actions on the blueprint go with it. */
  deleteActions: boolean;
}

/**
 * What another capability does, in the deletion's transaction, when a blueprint is deleted (actions: delete
 * those on it, or refuse by throwing a DomainError). The catalog calls it without knowing what it does.
 */
export type BlueprintDeleteHook = (trx: Db, deletion: BlueprintDeletion) => Promise<void>;

/** A change of blueprints' definitions about to be written: the catalog as it will be. */
export interface ModelChange {
  actor: Actor;
  /** Every blueprint's definition once the change is written. */
  all: ReadonlyMap<string, BlueprintDefinition>;
  /** The blueprints the change defines anew. */
  changed: readonly string[];
  /** Port's `force`: what depends on a removed name goes with it instead of refusing the change. */
  force: boolean;
  /** A key renamed, which what depends on it follows. */
  renamed?: { blueprint: string; kind: 'property' | 'mirror' | 'relation'; from: string; to: string };
}

/**
 * What another capability does, in the transaction of a change of blueprints (scorecards: refuse a change
 * that removes what a rule reads, or follow a rename), by throwing a DomainError or writing on `trx`.
 */
export type ModelChangeHook = (trx: Db, change: ModelChange) => Promise<void>;

/**
 * Mirror, calculation and aggregation values (computed/computed-module.ts): the catalog asks it at each
 * write, deletion and change of the data model without knowing how it keeps them.
 */
export interface ComputedCatalog {
  /**
   * Before a write commits: puts each planned entity's computed values into its properties; answers the
   * rows they were read from (the write commits only if those are unchanged) and statements for its
   * transaction.
   */
  prepareWrite(
    blueprints: ReadonlyMap<string, BlueprintDefinition>,
    blueprint: BlueprintDefinition,
    plans: PlannedWrite[],
  ): Promise<{ guards: Array<{ id: number; version: number }>; statements: Statement[] }>;
  /** In a deletion's transaction, before the rows `ids` go: the values that read them are computed again. */
  beforeDelete(
    trx: Db,
    blueprints: ReadonlyMap<string, BlueprintDefinition>,
    ids: readonly number[],
  ): Promise<void>;
  /** In the transaction of a change of `after`'s definition. */
  blueprintChanged(
    trx: Db,
    before: BlueprintDefinition | undefined,
    after: BlueprintDefinition | undefined,
  ): Promise<void>;
  /** In the transaction of a change of many values of `blueprint` at once (a type change). */
  valuesChanged(trx: Db, blueprint: string): Promise<void>;
  /** Refuses (422, naming the property) computed properties that cannot work in the catalog `all`. */
  checkDefinition(
    definition: BlueprintDefinition,
    all: ReadonlyMap<string, BlueprintDefinition>,
  ): Promise<void>;
  /** Once a write that prepareWrite or beforeDelete took part in has committed. */
  committed(): void;
}

/** What the catalog services share: the database, the compiled-validator cache and the write hooks. */
export interface CatalogContext {
  database: Database;
  validators: PropertyValidators;
  now: () => string;
  /** By blueprint identifier. */
  writeHooks: Map<string, EntityWriteHook>;
  /** Run, in order, as a blueprint is deleted. */
  blueprintDeleteHooks: BlueprintDeleteHook[];
  /** Run, in order, as blueprints' definitions change (not at their creation or deletion). */
  modelChangeHooks: ModelChangeHook[];
  /** Who may read and change what; every read and write of the catalog asks it. */
  access: AccessPolicy;
  /** Told what each write changed once it has committed (live updates); the catalog never knows who. */
  onCommitted: CommitListener[];
  /** Set once the app has built it; without it, entities have no computed values. */
  computed?: ComputedCatalog;
  /** Whether every version of every entity is kept (entity_versions); true unless configured off. */
  history: boolean;
  /** jq, for conversions of a property's values when its type changes; set by the app. */
  jq?: JqPool;
}

export function createCatalogContext(
  database: Database,
  access: AccessPolicy,
  onCommitted: CommitListener[] = [],
): CatalogContext {
  return {
    database,
    access,
    validators: new PropertyValidators(),
    now: () => new Date().toISOString(),
    writeHooks: new Map(),
    blueprintDeleteHooks: [],
    modelChangeHooks: [],
    onCommitted,
    history: true,
  };
}
