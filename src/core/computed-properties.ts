import type { BlueprintDefinition, JsonObject, PropertySchema } from './blueprint.js';
import { calculationReads } from './jq-reads.js';
import { isMetaProperty } from './search.js';

type BlueprintMap = ReadonlyMap<string, BlueprintDefinition>;

/** The identifiers of a blueprint's mirror, calculation and aggregation properties. */
export function computedNames(definition: BlueprintDefinition): Set<string> {
  return new Set([
    ...Object.keys(definition.mirrorProperties),
    ...Object.keys(definition.calculationProperties),
    ...Object.keys(definition.aggregationProperties),
  ]);
}

/** `properties` without the blueprint's computed ones (a client may send back what it read). */
export function storedOnly(definition: BlueprintDefinition, properties: JsonObject): JsonObject {
  const names = computedNames(definition);
  if (!names.size) return properties;
  const out: JsonObject = {};
  for (const key in properties) if (!names.has(key)) out[key] = properties[key];
  return out;
}

/** `entity` without its blueprint's computed properties (Port's exclude_calculated_properties). */
export function withoutComputed<T extends { blueprint: string; properties: JsonObject }>(
  entity: T,
  all: BlueprintMap,
): T {
  const definition = all.get(entity.blueprint);
  return definition ? { ...entity, properties: storedOnly(definition, entity.properties) } : entity;
}

/** The schema a property of `definition` (stored or computed) is searched, sorted and checked as. */
export function propertySchemaOf(
  definition: BlueprintDefinition,
  name: string,
  all: BlueprintMap,
  depth = 0,
): PropertySchema | undefined {
  if (Object.hasOwn(definition.schema.properties, name)) return definition.schema.properties[name];
  if (Object.hasOwn(definition.calculationProperties, name)) {
    const calculation = definition.calculationProperties[name]!;
    return {
      type: calculation.type as PropertySchema['type'],
      ...(typeof calculation.format === 'string' ? { format: calculation.format } : {}),
      ...(calculation.items && typeof calculation.items === 'object'
        ? { items: calculation.items as JsonObject }
        : {}),
    };
  }
  if (Object.hasOwn(definition.aggregationProperties, name)) return { type: 'number' };
  if (!Object.hasOwn(definition.mirrorProperties, name) || depth > 8) return undefined;
  const segments = String(definition.mirrorProperties[name]!.path).split('.');
  const end = segments.pop()!;
  let current = definition;
  let many = false;
  for (const relation of segments) {
    const hop = Object.hasOwn(current.relations, relation) ? current.relations[relation] : undefined;
    const next = hop && all.get(hop.target);
    if (!hop || !next) return undefined;
    many ||= hop.many;
    current = next;
  }
  const single = endSchema(current, end, all, depth);
  if (!single) return undefined;
  return many ? { type: 'array', items: single } : single;
}

function endSchema(definition: BlueprintDefinition, end: string, all: BlueprintMap, depth: number) {
  if (end === '$team') return { type: 'array', items: { type: 'string' } } as PropertySchema;
  if (end === '$createdAt' || end === '$updatedAt')
    return { type: 'string', format: 'date-time' } as PropertySchema;
  if (isMetaProperty(end)) return { type: 'string' } as PropertySchema;
  if (Object.hasOwn(definition.relations, end))
    return (
      definition.relations[end]!.many ? { type: 'array', items: { type: 'string' } } : { type: 'string' }
    ) as PropertySchema;
  return propertySchemaOf(definition, end, all, depth + 1);
}

/**
 * Whether a calculation reads property `name` (another calculation's, say), for the order calculations run
 * in and their cycles: by what its text walks to (see calculationReads, which decodes `"\u0063alc"`);
 * where the text cannot tell, whether it names it.
 */
export function readsProperty(program: string, name: string, reads = calculationReads(program)): boolean {
  return reads ? reads.properties.has(name) : mentions(program, name);
}

/** Names that a jq program mentions as whole words. */
export const mentions = (program: string, name: string) =>
  new RegExp(`(^|[^A-Za-z0-9@_=-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9@_=-])`).test(
    program,
  );

/**
 * The computed properties of `definition` whose values come from entities of a blueprint the reader may
 * not read in full (`readsAll` false): a mirror through one, an aggregation over one, and a calculation
 * that reads such a value or a relation to such a blueprint. A reader does not see them, as it does not
 * see the entities they come from.
 */
export function opaqueComputed(
  definition: BlueprintDefinition,
  all: BlueprintMap,
  readsAll: (blueprint: string) => boolean,
): Set<string> {
  const opaque = new Set<string>();
  for (const [key, mirror] of Object.entries(definition.mirrorProperties)) {
    const segments = String(mirror.path).split('.');
    const end = segments.pop()!;
    let current: BlueprintDefinition | undefined = definition;
    for (const relation of segments) {
      const target: string | undefined =
        current && Object.hasOwn(current.relations, relation)
          ? current.relations[relation]!.target
          : undefined;
      if (target === undefined || !readsAll(target)) {
        opaque.add(key);
        break;
      }
      current = all.get(target);
    }
    const endRelation = current && Object.hasOwn(current.relations, end) ? current.relations[end] : undefined;
    if (endRelation && !readsAll(endRelation.target)) opaque.add(key);
  }
  for (const [key, aggregation] of Object.entries(definition.aggregationProperties))
    if (!readsAll(String(aggregation.target))) opaque.add(key);
  // A calculation reads its entity's relations as they are stored, targets the reader may not read
  // included (entity reads leave those out): reading such a relation, it would show their identifiers.
  const shutRelations = Object.entries(definition.relations)
    .filter(([, relation]) => !readsAll(relation.target))
    .map(([name]) => name);
  for (let grew = true; grew && (opaque.size || shutRelations.length);) {
    grew = false;
    for (const [key, calculation] of Object.entries(definition.calculationProperties)) {
      // A calculation whose text does not tell what it reads (`.properties | to_entries`) may read them.
      const reads = calculationReads(String(calculation.calculation));
      const readsShut =
        !reads ||
        [...opaque].some((name) => reads.properties.has(name)) ||
        (shutRelations.length > 0 &&
          (reads.keys.has('relations') || shutRelations.some((name) => reads.relations.has(name))));
      if (!opaque.has(key) && readsShut) {
        opaque.add(key);
        grew = true;
      }
    }
  }
  return opaque;
}
