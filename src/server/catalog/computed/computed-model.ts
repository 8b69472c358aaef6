import type { BlueprintDefinition, JsonObject, PropertySchema } from '../../../core/blueprint.js';
import { isMetaProperty } from '../../../core/search.js';
import { computedNames, propertySchemaOf, readsProperty } from '../../../core/computed-properties.js';

export {
  computedNames,
  mentions,
  storedOnly,
  withoutComputed,
  propertySchemaOf,
} from '../../../core/computed-properties.js';
import { unprocessable } from '../../errors.js';
import { calculationReads, type EntityReads } from '../../../core/jq-reads.js';

/**
 * One step along relations. `out`: from an entity of `from` to the targets of its relation `relation`
 * (blueprint `to`). `in`: from an entity of `from` to the entities of `to` whose relation `relation` points at it.
 */
export interface Hop {
  relation: string;
  direction: 'out' | 'in';
  from: string;
  to: string;
  many: boolean;
}

export interface MirrorSpec {
  key: string;
  hops: Hop[];
  /** The property, meta-property or relation read at the path's end. */
  end: string;
  /** Through a `many` relation the value is a list. */
  many: boolean;
}

export type AverageOf = 'hour' | 'day' | 'week' | 'month' | 'total';

export interface AggregationSpec {
  key: string;
  target: string;
  /** Every path from the blueprint to `target` whose entities count (union, each entity once). */
  paths: Hop[][];
  by: 'entities' | 'property';
  func: 'count' | 'sum' | 'average' | 'min' | 'max' | 'median';
  property?: string;
  averageOf?: AverageOf;
  measureTimeBy: string;
  query?: JsonObject;
}

export interface CalculationSpec {
  key: string;
  program: string;
  type: PropertySchema['type'];
  /** What the program reads of its entity, when its text tells for sure (see entityReads). */
  reads?: EntityReads;
}

/** What one blueprint computes, in the order it is computed: mirrors and aggregations, then calculations. */
export interface BlueprintComputed {
  blueprint: string;
  names: ReadonlySet<string>;
  mirrors: MirrorSpec[];
  aggregations: AggregationSpec[];
  /** In dependency order: each after the calculations it reads. */
  calculations: CalculationSpec[];
}

/**
 * The start of a path along which the computed values of entities of `root` read others: its `hops` lead
 * from a root to the entities it ends at (none: the root itself). `ends`: a value reads those entities'
 * data; `next`: the paths go on from them along these hops (so their relations are read).
 */
export interface Watch {
  root: string;
  hops: Hop[];
  ends: boolean;
  next: Hop[];
  /** The mirror and aggregation properties of `root` whose paths start so. */
  keys: Set<string>;
}

/** What changed about an entity, for the values that read it. */
export type EntityChange =
  /** Its own data (properties, title, …): values that read it at a path's end. */
  | { kind: 'data' }
  /** Its relation `relation` now points elsewhere: values whose paths go on along it. */
  | { kind: 'out'; relation: string }
  /** The relation `relation` of an entity of `from` now points at it, or no longer does. */
  | { kind: 'in'; relation: string; from: string }
  /** Everything (it is being deleted). */
  | { kind: 'all' };

export interface ComputedModel {
  of(blueprint: string): BlueprintComputed | undefined;
  /** Paths from roots whose values read entities of `blueprint` the way `change` affects. */
  watchers(blueprint: string, change?: EntityChange): readonly Watch[];
  /** The blueprints whose definitions the computed values of `blueprint` are computed from (itself too). */
  reads(blueprint: string): ReadonlySet<string>;
}

/** Whether a change of this kind reaches the values `watch` leads to. */
function affects(watch: Watch, change: EntityChange): boolean {
  switch (change.kind) {
    case 'all':
      return true;
    case 'data':
      return watch.ends;
    case 'out':
      return watch.next.some((hop) => hop.direction === 'out' && hop.relation === change.relation);
    case 'in':
      return watch.next.some(
        (hop) => hop.direction === 'in' && hop.relation === change.relation && hop.to === change.from,
      );
  }
}

type BlueprintMap = ReadonlyMap<string, BlueprintDefinition>;

const invalid = (message: string) => unprocessable('invalid_blueprint', message);

/**
 * The computed properties of every blueprint, with the paths their values are read through. Throws an
 * invalid_blueprint error naming the property for a path that goes nowhere or a cycle of dependencies.
 */
export function buildComputedModel(all: BlueprintMap): ComputedModel {
  const byBlueprint = new Map<string, BlueprintComputed>();
  for (const definition of all.values()) {
    const computed = blueprintComputed(definition, all);
    if (computed) byBlueprint.set(definition.identifier, computed);
  }
  checkCycles(all);
  const watchers = new Map<string, Watch[]>();
  const reads = new Map<string, Set<string>>();
  const watch = (root: string, hops: Hop[], ends: boolean, next: Hop | undefined, key?: string) => {
    const end = hops.length ? hops[hops.length - 1]!.to : root;
    const read = reads.get(root) ?? new Set([root]);
    for (const hop of next ? [...hops, next] : hops) read.add(hop.from).add(hop.to);
    reads.set(root, read);
    const list = watchers.get(end) ?? [];
    let found = list.find((w) => w.root === root && sameHops(w.hops, hops));
    if (!found) list.push((found = { root, hops, ends: false, next: [], keys: new Set() }));
    found.ends ||= ends;
    if (key !== undefined) found.keys.add(key);
    if (next && !found.next.some((hop) => sameHops([hop], [next]))) found.next.push(next);
    watchers.set(end, list);
  };
  for (const computed of byBlueprint.values()) {
    const paths = [
      ...computed.mirrors.map((m) => ({ key: m.key, path: m.hops })),
      ...computed.aggregations.flatMap((a) => a.paths.map((path) => ({ key: a.key, path }))),
    ];
    for (const { key, path } of paths)
      for (let n = 0; n <= path.length; n++)
        watch(computed.blueprint, path.slice(0, n), n > 0 && n === path.length, path[n], key);
    // A calculation that reads a relation reads its targets' identifiers, which a rename or a deletion of
    // a target changes: the target's data is watched, for no mirror or aggregation of its own.
    const definition = all.get(computed.blueprint)!;
    // An inherited team is a mirror of the owners' teams, which their writes (and relations along the
    // ownership path) change: a calculation that reads it watches that path as a mirror would.
    if (readsInheritedTeam(computed, definition) && definition.ownership?.type === 'Inherited') {
      const path = mirrorSpec(definition, 'ownership', `${definition.ownership.path}.$team`, all).hops;
      for (let n = 1; n <= path.length; n++)
        watch(computed.blueprint, path.slice(0, n), n === path.length, path[n]);
      if (path[0]) watch(computed.blueprint, [], false, path[0]);
    }
    for (const relation of relationsReadByCalculations(computed, definition)) {
      const { target, many } = definition.relations[relation]!;
      watch(
        computed.blueprint,
        [{ relation, direction: 'out', from: computed.blueprint, to: target, many }],
        true,
        undefined,
      );
    }
  }
  return {
    of: (blueprint) => byBlueprint.get(blueprint),
    watchers: (blueprint, change = { kind: 'all' }) =>
      (watchers.get(blueprint) ?? []).filter((w) => affects(w, change)),
    reads: (blueprint) => reads.get(blueprint) ?? new Set([blueprint]),
  };
}

/** Whether `definition` inherits its owners and some calculation of `computed` may read its team. */
export function readsInheritedTeam(computed: BlueprintComputed, definition: BlueprintDefinition): boolean {
  return (
    definition.ownership?.type === 'Inherited' &&
    computed.calculations.some(({ reads }) => !reads || reads.keys.has('team'))
  );
}

/** The relations that some calculation of `computed` reads (all of them for one that may read anything). */
function relationsReadByCalculations(computed: BlueprintComputed, definition: BlueprintDefinition) {
  const read = new Set<string>();
  for (const { reads } of computed.calculations) {
    const all = !reads || reads.keys.has('relations');
    for (const relation of Object.keys(definition.relations))
      if (all || reads.relations.has(relation)) read.add(relation);
  }
  return read;
}

const sameHops = (a: readonly Hop[], b: readonly Hop[]) =>
  a.length === b.length &&
  a.every(
    (hop, i) =>
      hop.relation === b[i]!.relation && hop.direction === b[i]!.direction && hop.from === b[i]!.from,
  );

function blueprintComputed(
  definition: BlueprintDefinition,
  all: BlueprintMap,
): BlueprintComputed | undefined {
  const names = computedNames(definition);
  if (!names.size) return undefined;
  const mirrors = Object.entries(definition.mirrorProperties).map(([key, mirror]) =>
    mirrorSpec(definition, key, String(mirror.path), all),
  );
  const aggregations = Object.entries(definition.aggregationProperties).map(([key, aggregation]) =>
    aggregationSpec(definition, key, aggregation, all),
  );
  return {
    blueprint: definition.identifier,
    names,
    mirrors,
    aggregations,
    calculations: orderedCalculations(definition),
  };
}

function mirrorSpec(from: BlueprintDefinition, key: string, path: string, all: BlueprintMap): MirrorSpec {
  const field = `mirrorProperties.${key}.path`;
  const segments = path.split('.');
  const end = segments.pop()!;
  const hops: Hop[] = [];
  let current = from;
  for (const relation of segments) {
    const definition = Object.hasOwn(current.relations, relation) ? current.relations[relation] : undefined;
    if (!definition)
      throw invalid(`${field}: blueprint "${current.identifier}" has no relation "${relation}"`);
    const next = all.get(definition.target);
    if (!next) throw invalid(`${field}: blueprint "${definition.target}" does not exist`);
    hops.push({
      relation,
      direction: 'out',
      from: current.identifier,
      to: next.identifier,
      many: definition.many,
    });
    current = next;
  }
  if (!isMetaProperty(end) && !hasProperty(current, end) && !Object.hasOwn(current.relations, end))
    throw invalid(`${field}: blueprint "${current.identifier}" has no property "${end}"`);
  return { key, hops, end, many: hops.some((hop) => hop.many) };
}

const hasProperty = (definition: BlueprintDefinition, name: string) =>
  Object.hasOwn(definition.schema.properties, name) || computedNames(definition).has(name);

const FUNCS = new Set(['count', 'sum', 'average', 'min', 'max', 'median']);

function aggregationSpec(
  from: BlueprintDefinition,
  key: string,
  aggregation: JsonObject,
  all: BlueprintMap,
): AggregationSpec {
  const field = `aggregationProperties.${key}`;
  const target = all.get(String(aggregation.target));
  if (!target) throw invalid(`${field}.target: blueprint "${String(aggregation.target)}" does not exist`);
  const spec = aggregation.calculationSpec as JsonObject;
  const func = String(spec.func);
  if (!FUNCS.has(func)) throw invalid(`${field}.calculationSpec.func: unknown function "${func}"`);
  const by = spec.calculationBy === 'property' ? 'property' : 'entities';
  const property = by === 'property' ? String(spec.property) : undefined;
  if (property !== undefined) {
    const schema = propertySchemaOf(target, property, all);
    if (schema?.type !== 'number')
      throw invalid(
        `${field}.calculationSpec.property: blueprint "${target.identifier}" has no number property "${property}"`,
      );
  }
  const measureTimeBy = typeof spec.measureTimeBy === 'string' ? spec.measureTimeBy : '$createdAt';
  if (func === 'average' && spec.averageOf !== 'total' && !isTimeProperty(target, measureTimeBy, all))
    throw invalid(
      `${field}.calculationSpec.measureTimeBy: "${measureTimeBy}" is not a date-time property of blueprint "${target.identifier}"`,
    );
  const filter = Array.isArray(aggregation.pathFilter)
    ? (aggregation.pathFilter[0] as JsonObject | undefined)
    : undefined;
  const paths = filter
    ? [filteredPath(`${field}.pathFilter[0]`, from, target, filter, all)]
    : relatedPaths(from.identifier, target.identifier, all);
  if (!paths.length)
    throw invalid(
      `${field}.target: blueprint "${target.identifier}" is not related to "${from.identifier}" through relations (within ${MAX_HOPS} steps)`,
    );
  return {
    key,
    target: target.identifier,
    paths,
    by,
    func: func as AggregationSpec['func'],
    ...(property !== undefined ? { property } : {}),
    ...(func === 'average' ? { averageOf: String(spec.averageOf) as AverageOf } : {}),
    measureTimeBy,
    ...(aggregation.query && typeof aggregation.query === 'object'
      ? { query: aggregation.query as JsonObject }
      : {}),
  };
}

function isTimeProperty(definition: BlueprintDefinition, name: string, all: BlueprintMap) {
  if (name === '$createdAt' || name === '$updatedAt') return true;
  const schema = propertySchemaOf(definition, name, all);
  return schema?.type === 'string' && (schema.format === 'date-time' || schema.format === 'timer');
}

const MAX_HOPS = 4;
const MAX_PATHS = 16;

/** Every hop leaving `blueprint`: its own relations, and the relations of others that point at it. */
function hopsFrom(blueprint: string, all: BlueprintMap): Hop[] {
  const hops: Hop[] = [];
  const own = all.get(blueprint)!;
  for (const [relation, definition] of Object.entries(own.relations))
    if (all.has(definition.target))
      hops.push({
        relation,
        direction: 'out',
        from: blueprint,
        to: definition.target,
        many: definition.many,
      });
  for (const other of all.values())
    for (const [relation, definition] of Object.entries(other.relations))
      if (definition.target === blueprint)
        hops.push({ relation, direction: 'in', from: blueprint, to: other.identifier, many: true });
  return hops;
}

/** All paths from `from` to `to` of at most MAX_HOPS steps that visit no blueprint twice (but `to` may be `from`). */
function relatedPaths(from: string, to: string, all: BlueprintMap): Hop[][] {
  const paths: Hop[][] = [];
  const walk = (at: string, path: Hop[], seen: Set<string>) => {
    if (paths.length >= MAX_PATHS || path.length >= MAX_HOPS) return;
    for (const hop of hopsFrom(at, all)) {
      if (hop.to === to) paths.push([...path, hop]);
      else if (!seen.has(hop.to)) walk(hop.to, [...path, hop], new Set([...seen, hop.to]));
      if (paths.length >= MAX_PATHS) return;
    }
  };
  walk(from, [], new Set([from]));
  return paths;
}

/** `pathFilter`: relations named in order from `fromBlueprint` (this blueprint or the target). */
function filteredPath(
  field: string,
  from: BlueprintDefinition,
  target: BlueprintDefinition,
  filter: JsonObject,
  all: BlueprintMap,
): Hop[] {
  const names = Array.isArray(filter.path) ? filter.path.map(String) : [];
  if (!names.length) throw invalid(`${field}.path must list relation identifiers`);
  const start = typeof filter.fromBlueprint === 'string' ? filter.fromBlueprint : from.identifier;
  if (start !== from.identifier && start !== target.identifier)
    throw invalid(`${field}.fromBlueprint must be "${from.identifier}" or "${target.identifier}"`);
  const hops: Hop[] = [];
  let at = start;
  for (const name of names) {
    const candidates = hopsFrom(at, all).filter((hop) => hop.relation === name);
    if (candidates.length !== 1)
      throw invalid(
        `${field}.path: "${name}" ${candidates.length ? 'is ambiguous' : 'is no relation'} at blueprint "${at}"`,
      );
    hops.push(candidates[0]!);
    at = candidates[0]!.to;
  }
  const end = start === from.identifier ? target.identifier : from.identifier;
  if (at !== end) throw invalid(`${field}.path ends at blueprint "${at}", not at "${end}"`);
  return start === from.identifier ? hops : reversePath(hops);
}

/** The same path walked from its other end. */
export function reversePath(hops: readonly Hop[]): Hop[] {
  return [...hops].reverse().map((hop) => ({
    relation: hop.relation,
    direction: hop.direction === 'out' ? 'in' : 'out',
    from: hop.to,
    to: hop.from,
    many: hop.direction === 'out' ? true : hop.many,
  }));
}

/**
 * Whether `calculation` runs after `other`: it reads it. One whose text does not tell what it reads runs
 * after every calculation that does not read it.
 */
export function calculationReadsOther(calculation: CalculationSpec, other: CalculationSpec): boolean {
  if (calculation.reads) return calculation.reads.properties.has(other.key);
  return (
    readsProperty(calculation.program, other.key) ||
    !readsProperty(other.program, calculation.key, other.reads)
  );
}

function orderedCalculations(definition: BlueprintDefinition): CalculationSpec[] {
  const entries = Object.entries(definition.calculationProperties);
  const specs = new Map(
    entries.map(([key, c]) => [
      key,
      {
        key,
        program: String(c.calculation),
        type: c.type as PropertySchema['type'],
        reads: calculationReads(String(c.calculation)),
      },
    ]),
  );
  const ordered: CalculationSpec[] = [];
  const placed = new Set<string>();
  const place = (key: string) => {
    if (placed.has(key)) return;
    placed.add(key);
    for (const other of specs.keys())
      if (other !== key && calculationReadsOther(specs.get(key)!, specs.get(other)!)) place(other);
    ordered.push(specs.get(key)!);
  };
  for (const key of specs.keys()) place(key);
  return ordered;
}

/** Refuses a computed property that, through others, depends on itself. */
function checkCycles(all: BlueprintMap) {
  const edges = new Map<string, string[]>();
  const node = (blueprint: string, key: string) => `${blueprint}\u0000${key}`;
  const isComputed = (blueprint: string, key: string) => {
    const definition = all.get(blueprint);
    return definition !== undefined && computedNames(definition).has(key);
  };
  for (const definition of all.values()) {
    const b = definition.identifier;
    for (const [key, calculation] of Object.entries(definition.calculationProperties))
      edges.set(
        node(b, key),
        [...computedNames(definition)]
          .filter((other) => readsProperty(String(calculation.calculation), other))
          .map((other) => node(b, other)),
      );
    for (const [key, mirror] of Object.entries(definition.mirrorProperties)) {
      const segments = String(mirror.path).split('.');
      const end = segments.pop()!;
      let at: BlueprintDefinition | undefined = definition;
      for (const relation of segments)
        at =
          at && Object.hasOwn(at.relations, relation) ? all.get(at.relations[relation]!.target) : undefined;
      edges.set(node(b, key), at && isComputed(at.identifier, end) ? [node(at.identifier, end)] : []);
    }
    for (const [key, aggregation] of Object.entries(definition.aggregationProperties)) {
      const target = String(aggregation.target);
      const spec = aggregation.calculationSpec as JsonObject | undefined;
      const read = [
        String(spec?.property ?? ''),
        String(spec?.measureTimeBy ?? ''),
        ...queryProperties(aggregation.query),
      ];
      edges.set(
        node(b, key),
        read.filter((name) => isComputed(target, name)).map((name) => node(target, name)),
      );
    }
  }
  const state = new Map<string, 'open' | 'done'>();
  const visit = (at: string, trail: string[]) => {
    if (state.get(at) === 'done') return;
    if (state.get(at) === 'open') {
      const cycle = trail.slice(trail.indexOf(at)).concat(at).map(describe);
      throw invalid(`${cycle[0]} depends on itself: ${cycle.join(' -> ')}`);
    }
    state.set(at, 'open');
    for (const next of edges.get(at) ?? []) visit(next, [...trail, at]);
    state.set(at, 'done');
  };
  const describe = (id: string) => {
    const [blueprint, key] = id.split('\u0000') as [string, string];
    const definition = all.get(blueprint)!;
    const kind = Object.hasOwn(definition.calculationProperties, key)
      ? 'calculationProperties'
      : Object.hasOwn(definition.mirrorProperties, key)
        ? 'mirrorProperties'
        : 'aggregationProperties';
    return `${blueprint}.${kind}.${key}`;
  };
  for (const at of edges.keys()) visit(at, []);
}

/** Every property a search query's rules name. */
function queryProperties(query: unknown): string[] {
  if (!query || typeof query !== 'object') return [];
  const out: string[] = [];
  const rule = query as { property?: unknown; rules?: unknown };
  if (typeof rule.property === 'string') out.push(rule.property);
  if (Array.isArray(rule.rules)) for (const inner of rule.rules) out.push(...queryProperties(inner));
  return out;
}
