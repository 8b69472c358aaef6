import type { BlueprintDefinition, JsonObject } from '../../core/blueprint.js';
import { calculationReads } from '../../core/jq-reads.js';
import { buildComputedModel, type ComputedModel } from './computed/computed-model.js';

/**
 * Since when a blueprint, and each name of its properties (stored or computed) and relations, has had its
 * current definition. A name can be removed and created again, a blueprint deleted and created again: the
 * versions kept from before hold the old one's values under the same name, which today's permissions and
 * model cannot judge. Readers other than an Admin do not see them (docs/modelling.md#history).
 */
export interface DefinedSince {
  /** The blueprint's creation: versions of its identifier dated before are an earlier blueprint's. */
  blueprint: string;
  /** Names defined as they are since later than the blueprint's creation; any other: since then. */
  names: Readonly<Record<string, string>>;
}

type BlueprintMap = ReadonlyMap<string, BlueprintDefinition>;

/** Since when `name` of the blueprint has had its current definition. */
export const nameSince = (since: DefinedSince, name: string): string =>
  Object.hasOwn(since.names, name) ? since.names[name]! : since.blueprint;

/** The names of `since` defined after `at`: values under them in a version dated `at` are another's. */
export function namesDefinedAfter(since: DefinedSince, at: string): string[] {
  return Object.entries(since.names)
    .filter(([, from]) => from > at)
    .map(([name]) => name);
}

/**
 * A version dated `at` of an entity, with the values under names defined since (a property or relation
 * removed and created again, a computed definition changed) left out. Mutates and returns `entity`.
 */
export function keepDefinedThen<T extends { properties: JsonObject; relations: JsonObject } | null>(
  entity: T,
  at: string,
  since: DefinedSince | undefined,
): T {
  if (!entity || !since) return entity;
  const later = new Set(namesDefinedAfter(since, at));
  if (!later.size) return entity;
  const keep = (values: JsonObject) =>
    Object.fromEntries(Object.entries(values).filter(([key]) => !later.has(key)));
  // New objects: the ones read may be shared.
  entity.properties = keep(entity.properties);
  entity.relations = keep(entity.relations);
  return entity;
}

/** What a name is, for telling whether a change of the blueprint defined it anew. */
function definitionOf(blueprint: BlueprintDefinition, name: string): string | undefined {
  const own = <V>(record: Record<string, V>) => (Object.hasOwn(record, name) ? record[name] : undefined);
  if (own(blueprint.schema.properties)) return 'property';
  const relation = own(blueprint.relations);
  if (relation) return JSON.stringify(['relation', relation.target]);
  for (const kind of ['mirrorProperties', 'calculationProperties', 'aggregationProperties'] as const) {
    const computed = own(blueprint[kind]);
    // What the values are computed from; how they are shown (title, colours) changes nothing.
    if (computed) {
      const { title: _t, description: _d, icon: _i, colorized: _c, colors: _s, ...spec } = computed;
      return JSON.stringify([kind, spec]);
    }
  }
  return undefined;
}

const namesOf = (blueprint: BlueprintDefinition) => [
  ...Object.keys(blueprint.schema.properties),
  ...Object.keys(blueprint.relations),
  ...Object.keys(blueprint.mirrorProperties),
  ...Object.keys(blueprint.calculationProperties),
  ...Object.keys(blueprint.aggregationProperties),
];

/**
 * The names of `after` defined anew by a change from `before` (added, or of another kind, a relation to
 * another target, a computed property computed otherwise), and those removed. A stored property whose
 * schema changes keeps its values, which are its entities' own: it is not defined anew.
 */
export function redefinedNames(before: BlueprintDefinition, after: BlueprintDefinition): Set<string> {
  const names = new Set([...namesOf(before), ...namesOf(after)]);
  return new Set([...names].filter((name) => definitionOf(before, name) !== definitionOf(after, name)));
}

/** The names a computed property of `blueprint` reads, as [blueprint, name] pairs (`*`: every name). */
function readsOf(
  blueprint: BlueprintDefinition,
  key: string,
  all: BlueprintMap,
  model: ComputedModel,
): Array<[string, string]> {
  const own = <V>(record: Record<string, V>) => (Object.hasOwn(record, key) ? record[key] : undefined);
  const mirror = own(blueprint.mirrorProperties);
  if (mirror) {
    const reads: Array<[string, string]> = [];
    let current: BlueprintDefinition | undefined = blueprint;
    for (const segment of String(mirror.path).split('.')) {
      if (!current) break;
      reads.push([current.identifier, segment]);
      const target: string | undefined = Object.hasOwn(current.relations, segment)
        ? current.relations[segment]!.target
        : undefined;
      current = target !== undefined ? all.get(target) : undefined;
    }
    return reads;
  }
  const aggregation = model.of(blueprint.identifier)?.aggregations.find((a) => a.key === key);
  if (aggregation) {
    // The relations of its paths, and what it reads of its target: the property, the time, the filter.
    const reads = aggregation.paths.flat().map((hop): [string, string] => {
      return [hop.direction === 'out' ? hop.from : hop.to, hop.relation];
    });
    for (const name of [aggregation.property, aggregation.measureTimeBy, ...namedIn(aggregation.query)])
      if (name !== undefined) reads.push([aggregation.target, name]);
    return reads;
  }
  const calculation = own(blueprint.calculationProperties);
  if (!calculation) return [];
  const reads = calculationReads(String(calculation.calculation));
  if (!reads) return [[blueprint.identifier, '*']];
  return [...reads.properties, ...reads.relations].map((name) => [blueprint.identifier, name]);
}

/** The properties a search query's rules name. */
function namedIn(query: unknown): string[] {
  if (Array.isArray(query)) return query.flatMap(namedIn);
  if (!query || typeof query !== 'object') return [];
  return Object.entries(query).flatMap(([key, value]) =>
    key === 'property' && typeof value === 'string' ? [value] : namedIn(value),
  );
}

/**
 * With the computed properties, in any blueprint, that read a name `redefined` names (a mirror whose path
 * goes through it, a calculation that reads it, an aggregation over its blueprint), and those that read
 * them in turn: their values before were computed from another definition. By blueprint.
 */
export function withDependents(
  all: BlueprintMap,
  redefined: ReadonlyMap<string, ReadonlySet<string>>,
): Map<string, Set<string>> {
  const model = buildComputedModel(all);
  const out = new Map([...redefined].map(([blueprint, names]) => [blueprint, new Set(names)]));
  const isRedefined = ([blueprint, name]: [string, string]) => {
    const names = out.get(blueprint);
    if (!names?.size) return false;
    return name === '*' || names.has(name);
  };
  for (let grew = true; grew;) {
    grew = false;
    for (const blueprint of all.values())
      for (const key of [
        ...Object.keys(blueprint.mirrorProperties),
        ...Object.keys(blueprint.calculationProperties),
        ...Object.keys(blueprint.aggregationProperties),
      ]) {
        if (out.get(blueprint.identifier)?.has(key)) continue;
        if (!readsOf(blueprint, key, all, model).some(isRedefined)) continue;
        const names = out.get(blueprint.identifier) ?? new Set<string>();
        out.set(blueprint.identifier, names.add(key));
        grew = true;
      }
  }
  return out;
}

/**
 * `names` (a blueprint's names since later than its creation) after a change defined `redefined` anew:
 * those the blueprint still has are defined from then on, the others are forgotten. A stored property
 * from `at`, the instant of the versions the change recorded (a default filled in is its value). Any
 * other name from `after`, later than every version the change recorded: those copied its entities as
 * they were, with what computed values and relations held before, which are not this definition's.
 */
export function namesSinceAfter(
  names: Readonly<Record<string, string>>,
  blueprint: BlueprintDefinition,
  redefined: ReadonlySet<string>,
  at: { at: string; after: string },
): Record<string, string> {
  const present = new Set(namesOf(blueprint));
  const out: Record<string, string> = {};
  for (const [name, from] of Object.entries(names)) if (present.has(name)) out[name] = from;
  for (const name of redefined)
    if (present.has(name)) out[name] = Object.hasOwn(blueprint.schema.properties, name) ? at.at : at.after;
  return out;
}

/** An instant after both `now` and `at` (ISO texts). */
export const justAfter = (now: string, at: string) =>
  new Date(Math.max(Date.parse(now), Date.parse(at)) + 1).toISOString();
