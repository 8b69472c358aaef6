import type { BlueprintDefinition, JsonObject } from '../../../core/blueprint.js';
import { DomainError } from '../../errors.js';
import { JQ_STOP_CODES } from '../../jq/jq-errors.js';
import type { JqPool, JqResult } from '../../jq/jq-pool.js';
import { compileSearchQuery } from '../../search/search.compiler.js';
import type { Db } from '../../storage/database.js';
import type { Dialect } from '../../storage/dialect/index.js';
import {
  findEntityIds,
  findEntityRowsById,
  rowToState,
  toEntity,
  type EntityRow,
  type EntityState,
} from '../entity.repo.js';
import { aggregate } from './aggregate.js';
import {
  calculationReadsOther,
  type AggregationSpec,
  type CalculationSpec,
  type ComputedModel,
  type Hop,
  type MirrorSpec,
} from './computed-model.js';
import { aggregatedRows, followHop } from './computed.repo.js';
import { cutToReads, type EntityReads } from '../../../core/jq-reads.js';

export interface ComputeDeps {
  db: Db;
  dialect: Dialect;
  jq: JqPool;
  /** Each calculation's run over a batch of entities stops past this. */
  jqTimeoutMs: number;
  log?: { warn(object: object, message: string): void };
  now(): number;
}

/** An entity whose computed values are wanted: as stored (or about to be), computed properties left out. */
export interface ComputeRoot {
  /** Its row id, once it has one: aggregations through relations that point at it need it. */
  id?: number;
  state: EntityState;
  relations: ReadonlyMap<string, readonly string[]>;
  /** Its properties as stored, computed ones included: the values not computed again are kept. */
  previous?: JsonObject;
}

export interface Computation {
  /** Per root, in order: every computed property's value. */
  values: JsonObject[];
  /** Per root: the rows its mirror values were read from, with the version read (id -> version). */
  read: Array<Map<number, number>>;
}

type Rows = Map<number, EntityRow>;

/**
 * The mirror, aggregation and calculation values of `roots` (all of one blueprint), read from the catalog
 * as it is now. Calculations see the entity with its mirror and aggregation values and the calculations
 * before them; a calculation that fails or gives a value of another type than its own is null.
 */
export async function computeValues(
  deps: ComputeDeps,
  model: ComputedModel,
  blueprints: ReadonlyMap<string, BlueprintDefinition>,
  definition: BlueprintDefinition,
  roots: readonly ComputeRoot[],
  /**
   * The mirror and aggregation values that may have changed, to compute again (all when absent); of the
   * calculations, those that read them (or may read anything), and those that read those.
   */
  only?: ReadonlySet<string>,
): Promise<Computation> {
  const computed = model.of(definition.identifier);
  const values = roots.map((): JsonObject => ({}));
  const read = roots.map(() => new Map<number, number>());
  if (!computed || !roots.length) return { values, read };
  const rows: Rows = new Map();
  const kept = (key: string) => {
    if (!only || only.has(key)) return false;
    roots.forEach((root, i) => (values[i]![key] = root.previous?.[key] ?? null));
    return true;
  };
  for (const mirror of computed.mirrors) {
    if (kept(mirror.key)) continue;
    const reached = await walk(deps, roots, mirror.hops, rows, read);
    const endRows = await ensureRows(deps.db, rows, reached.flat());
    const relationEnds = await relationEndsOf(deps, mirror, endRows);
    // Each end once: 10,000 services of a domain read the one domain's row.
    const ends = new Map<number, unknown>();
    const valueAt = (id: number) => {
      if (!ends.has(id)) ends.set(id, endValue(deps.dialect, rows.get(id), mirror.end, relationEnds.get(id)));
      return ends.get(id);
    };
    reached.forEach((ids, i) => {
      const found = ids.map(valueAt);
      values[i]![mirror.key] = mirror.many ? found.filter((v) => v !== null) : (found[0] ?? null);
      for (const id of ids) read[i]!.set(id, rows.get(id)?.version ?? 0);
    });
  }
  for (const aggregation of computed.aggregations) {
    if (kept(aggregation.key)) continue;
    const results = await aggregationValues(deps, blueprints, roots, aggregation);
    results.forEach((value, i) => (values[i]![aggregation.key] = value));
  }
  // The values that may change: those asked for, then each calculation that reads one (in order: each
  // after those it reads), which may change in turn.
  const changing = only && new Set(only);
  const calculations = computed.calculations.filter((calculation) => {
    if (!changing || !calculation.reads || !unaffected(calculation.reads, changing)) {
      changing?.add(calculation.key);
      return true;
    }
    roots.forEach((root, i) => (values[i]![calculation.key] = root.previous?.[calculation.key] ?? null));
    return false;
  });
  let whole: Array<{ properties: JsonObject }> | undefined;
  // Calculations that read none of each other run together, in one run of jq per chunk of entities; each
  // gets the entity cut to what they read, when their text tells (see entityReads), or else all of it.
  for (const level of calculationLevels(calculations)) {
    const reads = unionOfReads(level);
    const inputs = reads
      ? roots.map((root, i) => calculationInput(root, definition, values[i]!, reads))
      : (whole ??= roots.map((root, i) => calculationInput(root, definition, values[i]!)));
    const results = await evaluateStopping(
      deps,
      level.map((c) => c.program),
      inputs,
    );
    results.forEach((perProgram, i) =>
      level.forEach((calculation, j) => {
        const result = perProgram[j]!;
        const value = 'outputs' in result ? ofType(result.outputs[0], calculation.type) : null;
        values[i]![calculation.key] = value;
        if (whole) whole[i]!.properties[calculation.key] = value;
      }),
    );
  }
  return { values, read };
}

/**
 * Stored properties with computed values over them, in a new object. Object.assign: V8 copies objects of
 * many keys this way about ten times as fast as with a spread, on the path of every computed write.
 */
export const withValues = (stored: JsonObject, values: JsonObject): JsonObject =>
  Object.assign({}, stored, values);

/** The entity a calculation reads: with its computed values so far, cut to `reads` when given. */
function calculationInput(
  root: ComputeRoot,
  definition: BlueprintDefinition,
  computed: JsonObject,
  reads?: EntityReads,
): { properties: JsonObject } {
  const entity = toEntity(root.state, definition, root.relations as Map<string, string[]>);
  if (!reads) return { ...entity, properties: withValues(root.state.properties, computed) };
  const input = cutToReads(entity, reads) as { properties: JsonObject };
  for (const key of reads.properties)
    if (Object.hasOwn(computed, key)) input.properties[key] = computed[key]!;
  return input;
}

// What only the entity's own writes change, and each of them computes all its values again.
const OWN_KEYS = new Set([
  'identifier',
  'title',
  'icon',
  'blueprint',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
]);

/**
 * Whether a calculation reading `reads` gives what it gave when only the values in `changing` may have
 * changed: it reads none of them, and nothing that other entities' writes change (its relations, whose
 * targets may be renamed or deleted; its team, which may be inherited).
 */
const unaffected = (reads: EntityReads, changing: ReadonlySet<string>) =>
  reads.relations.size === 0 &&
  [...reads.keys].every((key) => OWN_KEYS.has(key)) &&
  ![...reads.properties].some((key) => changing.has(key));

/** What a group of calculations reads together, or undefined when any of them may read anything. */
function unionOfReads(calculations: readonly CalculationSpec[]): EntityReads | undefined {
  const keys = new Set<string>();
  const properties = new Set<string>();
  const relations = new Set<string>();
  for (const { reads } of calculations) {
    if (!reads) return undefined;
    reads.keys.forEach((key) => keys.add(key));
    reads.properties.forEach((key) => properties.add(key));
    reads.relations.forEach((key) => relations.add(key));
  }
  return { keys, properties, relations };
}

/** For each root, the entities at the end of `hops`, in order, each once; rows read on the way are kept. */
async function walk(
  deps: ComputeDeps,
  roots: readonly ComputeRoot[],
  hops: readonly Hop[],
  rows: Rows,
  read?: Array<Map<number, number>>,
): Promise<number[][]> {
  const [first, ...rest] = hops;
  if (!first) return roots.map(() => []);
  let frontier: number[][];
  if (first.direction === 'out') {
    const identifiers = roots.flatMap((root) => [...(root.relations.get(first.relation) ?? [])]);
    const ids = await findEntityIds(deps.db, first.to, identifiers);
    frontier = roots.map((root) =>
      [...(root.relations.get(first.relation) ?? [])].flatMap((identifier) => {
        const id = ids.get(identifier);
        return id === undefined ? [] : [id];
      }),
    );
  } else {
    const next = await followHop(
      deps.db,
      first,
      roots.flatMap((root) => (root.id === undefined ? [] : [root.id])),
    );
    frontier = roots.map((root) => (root.id === undefined ? [] : (next.get(root.id) ?? [])));
  }
  for (const hop of rest) {
    if (read) {
      await ensureRows(deps.db, rows, frontier.flat());
      frontier.forEach((ids, i) => ids.forEach((id) => read[i]!.set(id, rows.get(id)?.version ?? 0)));
    }
    const next = await followHop(deps.db, hop, frontier.flat());
    frontier = frontier.map((ids) => unique(ids.flatMap((id) => next.get(id) ?? [])));
  }
  return frontier.map(unique);
}

const unique = (ids: number[]) => [...new Set(ids)];

async function ensureRows(db: Db, rows: Rows, ids: readonly number[]) {
  const missing = [...new Set(ids)].filter((id) => !rows.has(id));
  if (missing.length) for (const row of await findEntityRowsById(db, missing)) rows.set(row.id, row);
  return ids.filter((id) => rows.has(id));
}

/** For a mirror of a relation: each end entity's targets' identifiers. */
async function relationEndsOf(deps: ComputeDeps, mirror: MirrorSpec, ends: readonly number[]) {
  const out = new Map<number, string[]>();
  const last = mirror.hops[mirror.hops.length - 1];
  if (!last || mirror.end.startsWith('$') || !ends.length) return out;
  const rows: Rows = new Map();
  const hop: Hop = { relation: mirror.end, direction: 'out', from: last.to, to: '', many: true };
  const targets = await followHop(deps.db, hop, ends);
  if (!targets.size) return out;
  await ensureRows(deps.db, rows, [...targets.values()].flat());
  for (const [id, list] of targets)
    out.set(
      id,
      list.flatMap((t) => (rows.has(t) ? [rows.get(t)!.identifier] : [])),
    );
  return out;
}

function endValue(dialect: Dialect, row: EntityRow | undefined, end: string, relationTargets?: string[]) {
  if (!row) return null;
  if (relationTargets) return relationTargets;
  switch (end) {
    case '$identifier':
      return row.identifier;
    case '$title':
      return row.title;
    case '$icon':
      return row.icon;
    case '$blueprint':
      return row.blueprint;
    case '$team':
      return dialect.fromJson<string[]>(row.team);
    case '$createdAt':
      return row.created_at;
    case '$updatedAt':
      return row.updated_at;
    case '$createdBy':
      return row.created_by;
    case '$updatedBy':
      return row.updated_by;
  }
  const properties = rowToState(dialect, row).properties;
  return Object.hasOwn(properties, end) ? (properties[end] ?? null) : null;
}

async function aggregationValues(
  deps: ComputeDeps,
  blueprints: ReadonlyMap<string, BlueprintDefinition>,
  roots: readonly ComputeRoot[],
  spec: AggregationSpec,
) {
  const rows: Rows = new Map();
  const reached = roots.map(() => new Set<number>());
  for (const path of spec.paths) {
    const ends = await walk(deps, roots, path, rows);
    ends.forEach((ids, i) => ids.forEach((id) => reached[i]!.add(id)));
  }
  const condition = spec.query
    ? compileSearchQuery(spec.query, {
        dialect: deps.dialect,
        blueprints: new Map(blueprints),
        blueprint: spec.target,
      }).where
    : undefined;
  const matched = await aggregatedRows(
    deps.db,
    deps.dialect,
    reached.flatMap((ids) => [...ids]),
    condition,
  );
  const now = deps.now();
  return reached.map((ids) =>
    aggregate(
      spec,
      [...ids].flatMap((id) => (matched.has(id) ? [matched.get(id)!] : [])),
      now,
    ),
  );
}

/** Runs of a batch's calculations stopped at a limit before the rest of the batch gets null unrun. */
const STOPS_PER_BATCH = 6;

/**
 * `programs` over `inputs`; a run stopped at a limit (a program that loops, say) is split in halves, so
 * that only the inputs it stops on get null, and it is reported with its source. Past STOPS_PER_BATCH
 * stopped runs (a program that loops on every entity), what is left gets null without running: a runaway
 * costs a few time limits per batch, not one per entity.
 */
async function evaluateStopping(
  deps: ComputeDeps,
  programs: readonly string[],
  inputs: readonly unknown[],
  stops = { left: STOPS_PER_BATCH },
): Promise<JqResult[][]> {
  try {
    return await deps.jq.evaluateEachAll(programs, inputs, { timeoutMs: deps.jqTimeoutMs });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const stopped = JQ_STOP_CODES.has(error.code);
    if (stopped && programs.length > 1) {
      // Which program: each runs alone, so that one that runs away does not take the others with it.
      const alone = await Promise.all(programs.map((program) => evaluateStopping(deps, [program], inputs)));
      return inputs.map((_, i) => alone.map((results) => results[i]![0]!));
    }
    if (stopped) stops.left--;
    if (inputs.length === 1 || !stopped || stops.left <= 0) {
      deps.log?.warn(
        { programs, entities: inputs.length, error: error.message },
        'a calculation property failed',
      );
      return inputs.map(() => programs.map(() => ({ error })));
    }
    const half = Math.ceil(inputs.length / 2);
    return [
      ...(await evaluateStopping(deps, programs, inputs.slice(0, half), stops)),
      ...(await evaluateStopping(deps, programs, inputs.slice(half), stops)),
    ];
  }
}

/** Calculations in groups that read none of each other, each group after the ones it reads. */
function calculationLevels(calculations: readonly CalculationSpec[]): CalculationSpec[][] {
  const level = new Map<string, number>();
  for (const calculation of calculations) {
    // In dependency order: what it reads has its level already.
    const reads = calculations.filter(
      (other) => other !== calculation && level.has(other.key) && calculationReadsOther(calculation, other),
    );
    level.set(calculation.key, Math.max(-1, ...reads.map((other) => level.get(other.key)!)) + 1);
  }
  const levels: CalculationSpec[][] = [];
  for (const calculation of calculations) (levels[level.get(calculation.key)!] ??= []).push(calculation);
  return levels;
}

/** A computed value larger than this as JSON is null: an entity's properties stay within 1 MiB. */
const MAX_VALUE_CHARACTERS = 64 * 1024;

function ofType(value: unknown, type: string): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object' && (JSON.stringify(value)?.length ?? 0) > MAX_VALUE_CHARACTERS) return null;
  if (typeof value === 'string' && value.length > MAX_VALUE_CHARACTERS) return null;
  switch (type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'string':
      return typeof value === 'string' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'array':
      return Array.isArray(value) ? value : null;
    case 'object':
      return typeof value === 'object' && !Array.isArray(value) ? value : null;
    default:
      return value;
  }
}
