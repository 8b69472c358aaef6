import type { BlueprintDefinition, JsonObject } from '../../../core/blueprint.js';
import {
  findEntityIds,
  findEntityRowsById,
  loadRelations,
  rowToState,
  type EntityRow,
  type EntityState,
} from '../entity.repo.js';
import { computeValues, withValues, type ComputeDeps } from './computed-values.js';
import { reversePath, storedOnly, type ComputedModel, type EntityChange } from './computed-model.js';
import { followHop, writeComputed, type ComputedWrite } from './computed.repo.js';

export type BlueprintMap = ReadonlyMap<string, BlueprintDefinition>;

/** Entity ids by blueprint. */
export type IdsByBlueprint = Map<string, Set<number>>;

/**
 * Entities to compute again, by blueprint: their ids, and which of their mirror and aggregation values
 * may have changed (all when absent; calculations are always computed again).
 */
export type Roots = Map<string, { ids: Set<number>; keys?: Set<string> }>;

/** Adds `ids` (for `keys`, or all values) to `roots`. */
export function addRoots(roots: Roots, blueprint: string, ids: Iterable<number>, keys?: ReadonlySet<string>) {
  const entry = roots.get(blueprint);
  if (!entry) {
    roots.set(blueprint, { ids: new Set(ids), ...(keys ? { keys: new Set(keys) } : {}) });
    return;
  }
  for (const id of ids) entry.ids.add(id);
  if (!keys) delete entry.keys;
  else if (entry.keys) keys.forEach((key) => entry.keys!.add(key));
}

/** An entity by its blueprint and identifier. */
export type EntityKey = readonly [blueprint: string, identifier: string];

/** A write's seed: an entity it changed, and how. */
export type Seed = readonly [blueprint: string, identifier: string, change: EntityChange];

/** Entities of one blueprint that changed the same way. */
export interface ChangedEntities {
  blueprint: string;
  ids: ReadonlySet<number>;
  change: EntityChange;
}

const BATCH = 1000;
/** Batches written at once: PostgreSQL writes each on a connection (and a core) of its own. */
const WRITES_IN_FLIGHT = 2;
/** Computations of one row that lost to other writers before the refresh gives up (and its job retries). */
const ATTEMPTS = 5;
/** Rounds of values changing because others changed; the model has no cycles, so this is never reached. */
const MAX_ROUNDS = 32;

export interface RefreshDeps extends ComputeDeps {
  /** Record each new value as a version of its entity. */
  history: boolean;
  /** Told of entities whose values changed, once written. */
  changed(entities: ReadonlyArray<{ blueprint: string; identifier: string }>): void;
  /**
   * The version of each blueprint, as read with the definitions computed from: a write commits only while
   * those its values read are still at them, and throws DataModelChanged otherwise (the caller computes
   * again with the current definitions).
   */
  versions: ReadonlyMap<string, number>;
}

/**
 * The row ids of `items` (each naming an entity by blueprint and identifier), in groups of items alike by
 * `keyOf` (of one blueprint each): one query per group. Each group with its first item.
 */
async function idsInGroups<T extends readonly [blueprint: string, identifier: string, ...unknown[]]>(
  deps: ComputeDeps,
  items: readonly T[],
  keyOf: (item: T) => string,
): Promise<Array<{ first: T; ids: Set<number> }>> {
  const groups = new Map<string, { first: T; identifiers: string[] }>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key) ?? { first: item, identifiers: [] };
    group.identifiers.push(item[1]);
    groups.set(key, group);
  }
  const out: Array<{ first: T; ids: Set<number> }> = [];
  for (const { first, identifiers } of groups.values())
    out.push({ first, ids: new Set((await findEntityIds(deps.db, first[0], identifiers)).values()) });
  return out;
}

export async function idsOfKeys(deps: ComputeDeps, keys: readonly EntityKey[]): Promise<IdsByBlueprint> {
  const groups = await idsInGroups(deps, keys, ([blueprint]) => blueprint);
  return new Map(groups.map(({ first, ids }) => [first[0], ids]));
}

/** The changes of `seeds`, by row id. */
export async function changesOfSeeds(deps: ComputeDeps, seeds: readonly Seed[]): Promise<ChangedEntities[]> {
  const groups = await idsInGroups(deps, seeds, ([blueprint, , change]) =>
    JSON.stringify([blueprint, change]),
  );
  return groups.map(({ first: [blueprint, , change], ids }) => ({ blueprint, change, ids }));
}

/** The entities whose computed values read what `changed` changed: found by walking each path back. */
export async function dependentsOf(
  deps: ComputeDeps,
  model: ComputedModel,
  changed: readonly ChangedEntities[],
) {
  const roots: Roots = new Map();
  for (const { blueprint, ids, change } of changed) {
    if (!ids.size) continue;
    for (const watch of model.watchers(blueprint, change)) {
      let frontier = [...ids];
      for (const hop of reversePath(watch.hops)) {
        if (!frontier.length) break;
        const next = await followHop(deps.db, hop, frontier);
        frontier = [...new Set([...next.values()].flat())];
      }
      if (frontier.length) addRoots(roots, watch.root, frontier, watch.keys);
    }
  }
  return roots;
}

/**
 * Recomputes the values of `roots`, writes those that changed, then those of the entities that read them,
 * and so on; returns how many entities it wrote.
 */
export async function refresh(
  deps: RefreshDeps,
  model: ComputedModel,
  blueprints: BlueprintMap,
  roots: Roots,
): Promise<number> {
  let written = 0;
  let pending = roots;
  for (let round = 0; round < MAX_ROUNDS && pending.size; round++) {
    const changed: IdsByBlueprint = new Map();
    for (const [blueprint, { ids, keys }] of pending) {
      const definition = blueprints.get(blueprint);
      if (!definition || !model.of(blueprint)) continue;
      const list = [...ids];
      const noteWritten = (wrote: EntityRow[]) => {
        written += wrote.length;
        if (!wrote.length) return;
        const set = changed.get(blueprint) ?? new Set<number>();
        wrote.forEach((row) => set.add(row.id));
        changed.set(blueprint, set);
        deps.changed(wrote.map((row) => ({ blueprint, identifier: row.identifier })));
      };
      // Batches are written while the next are computed: the database writes on its own thread (or
      // server, which writes two at once) while this one and jq's compute.
      const writing: Array<Promise<EntityRow[]>> = [];
      try {
        for (let i = 0; i < list.length; i += BATCH) {
          const computed = await computeBatch(
            deps,
            model,
            blueprints,
            definition,
            list.slice(i, i + BATCH),
            keys,
          );
          if (writing.length >= WRITES_IN_FLIGHT) noteWritten(await writing.shift()!);
          const write = writeBatch(deps, model, blueprints, definition, computed, keys);
          // Awaited in turn below; until then a failure must not go unhandled.
          write.catch(() => undefined);
          writing.push(write);
        }
        while (writing.length) noteWritten(await writing.shift()!);
      } catch (error) {
        // The batches still in flight end before the refresh does (and is perhaps run again): what they
        // wrote is announced.
        for (const result of await Promise.allSettled(writing))
          if (result.status === 'fulfilled') noteWritten(result.value);
        throw error;
      }
    }
    pending = await dependentsOf(
      deps,
      model,
      [...changed].map(([blueprint, ids]) => ({ blueprint, ids, change: { kind: 'data' } })),
    );
  }
  return written;
}

interface ComputedBatch {
  rows: EntityRow[];
  writes: ComputedWrite[];
}

/** The values of one batch of one blueprint, and the writes of those that changed. */
async function computeBatch(
  deps: RefreshDeps,
  model: ComputedModel,
  blueprints: BlueprintMap,
  definition: BlueprintDefinition,
  ids: number[],
  keys: ReadonlySet<string> | undefined,
): Promise<ComputedBatch> {
  const rows = (await findEntityRowsById(deps.db, ids)).filter(
    (row) => row.blueprint === definition.identifier,
  );
  const relations = await loadRelations(
    deps.db,
    rows.map((row) => row.id),
  );
  const states = rows.map((row) => rowToState(deps.dialect, row));
  const roots = rows.map((row, i) => ({
    id: row.id,
    state: { ...states[i]!, properties: storedOnly(definition, states[i]!.properties) },
    relations: relations.get(row.id) ?? new Map<string, string[]>(),
    previous: states[i]!.properties,
  }));
  const { values } = await computeValues(deps, model, blueprints, definition, roots, keys);
  const writes = rows.flatMap((row, i) =>
    sameValues(states[i]!.properties, values[i]!)
      ? []
      : [
          {
            id: row.id,
            version: row.version,
            properties: withValues(roots[i]!.state.properties, values[i]!),
            change: changeOf(definition.identifier, states[i]!, values[i]!),
          },
        ],
  );
  return { rows, writes };
}

/**
 * Writes a computed batch where its rows are still at the versions read; those another writer changed
 * meanwhile are computed and written again.
 */
async function writeBatch(
  deps: RefreshDeps,
  model: ComputedModel,
  blueprints: BlueprintMap,
  definition: BlueprintDefinition,
  batch: ComputedBatch,
  keys: ReadonlySet<string> | undefined,
): Promise<EntityRow[]> {
  const wrote: EntityRow[] = [];
  const definitions = new Map(
    [...model.reads(definition.identifier)].map((identifier) => [
      identifier,
      deps.versions.get(identifier) ?? -1,
    ]),
  );
  let current = batch;
  for (let attempt = 1; ; attempt++) {
    const done = await writeComputed(deps.db, deps.dialect, current.writes, deps.history, definitions);
    wrote.push(...current.rows.filter((row) => done.has(row.id)));
    const raced = current.writes.filter((w) => !done.has(w.id)).map((w) => w.id);
    if (!raced.length) return wrote;
    if (attempt >= ATTEMPTS)
      throw new Error(
        `computed values of ${raced.length} entities of "${definition.identifier}" kept changing while computed`,
      );
    current = await computeBatch(deps, model, blueprints, definition, raced, keys);
  }
}

/** The computed values that differ from those stored, before and after. */
function changeOf(blueprint: string, state: EntityState, computed: JsonObject) {
  const before: JsonObject = {};
  const after: JsonObject = {};
  for (const key in computed) {
    const stored = Object.hasOwn(state.properties, key) ? state.properties[key] : undefined;
    if (canonical(stored) === canonical(computed[key])) continue;
    before[key] = stored ?? null;
    after[key] = computed[key] ?? null;
  }
  return {
    blueprint,
    entity: state.identifier,
    title: state.title ?? null,
    before: { properties: before },
    after: { properties: after },
  };
}

/** Whether every computed value is as stored (objects compared whatever the order of their keys). */
export function sameValues(stored: JsonObject, computed: JsonObject): boolean {
  for (const key in computed)
    if (canonical(Object.hasOwn(stored, key) ? stored[key] : undefined) !== canonical(computed[key]))
      return false;
  return true;
}

function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const object = value as JsonObject;
  return `{${Object.keys(object)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(object[key])}`)
    .join(',')}}`;
}
