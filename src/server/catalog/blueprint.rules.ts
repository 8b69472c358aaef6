import type {
  BlueprintDefinition,
  BlueprintRelation,
  JsonObject,
  Ownership,
  PropertySchema,
} from '../../core/blueprint.js';
import { isBlueprintIdentifier, isPropertyIdentifier } from '../../core/identifiers.js';
import { unprocessable } from '../errors.js';
import { unsafePatternAt, UNSAFE_PATTERN_MESSAGE } from '../schema-patterns.js';

export const PROPERTY_TYPES = ['string', 'number', 'boolean', 'object', 'array'] as const;
import { ENUM_COLORS } from '../../core/blueprint.js';

export { ENUM_COLORS };
const STRING_FORMATS = [
  'url',
  'email',
  'idn-email',
  'user',
  'team',
  'date-time',
  'timer',
  'yaml',
  'markdown',
  'proto',
  'ipv4',
  'ipv6',
  'entity',
  'blueprints',
  'multi-line',
];
const OBJECT_FORMATS = ['labeled-url'];
const AGGREGATION_FUNCS: Record<string, string[]> = {
  entities: ['count', 'average'],
  property: ['sum', 'min', 'max', 'median', 'average'],
};
const AVERAGE_OF = ['hour', 'day', 'week', 'month', 'total'];

const fail = (message: string) => unprocessable('invalid_blueprint', message);
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Refuses a key that Port's schema does not allow at `path` (which forbids any other), naming it. */
function onlyKeys(path: string, object: JsonObject, allowed: readonly string[]) {
  for (const key of Object.keys(object))
    if (!allowed.includes(key))
      throw fail(`${path}.${key} is not allowed here (allowed: ${allowed.join(', ')})`);
}

const RELATION_KEYS = ['title', 'target', 'required', 'many', 'description', 'type'];
const MIRROR_KEYS = ['path', 'title'];
const CALCULATION_KEYS = [
  'title',
  'description',
  'icon',
  'calculation',
  'type',
  'format',
  'spec',
  'specAuthentication',
  'colorized',
  'colors',
  'items',
];
const AGGREGATION_KEYS = [
  'title',
  'description',
  'icon',
  'type',
  'target',
  'calculationSpec',
  'query',
  'pathFilter',
];
const CALCULATION_SPEC_KEYS = ['func', 'calculationBy', 'property', 'measureTimeBy', 'averageOf'];

/**
 * Checks a blueprint body for everything that needs no database, and returns it in canonical form
 * (defaults filled: empty maps, `required: []`, relation flags). Errors name the field.
 */
export function normalizeBlueprint(input: JsonObject): BlueprintDefinition {
  if (!isBlueprintIdentifier(input.identifier))
    throw fail(`identifier must match ${'^[\\p{L}0-9@_.+:\\\\/-]+$'} and be at most 100 characters`);
  const title = input.title;
  if (typeof title !== 'string' || title.length < 1 || title.length > 100)
    throw fail('title must be a string of 1 to 100 characters');
  if (
    input.description !== undefined &&
    (typeof input.description !== 'string' || input.description.length > 200)
  )
    throw fail('description must be a string of at most 200 characters');
  if (input.icon !== undefined && typeof input.icon !== 'string') throw fail('icon must be a string');
  const schema = normalizeSchema(input.schema);
  const relations = normalizeRelations(input.relations);
  const definition: BlueprintDefinition = {
    identifier: input.identifier,
    title,
    ...(input.icon !== undefined ? { icon: input.icon as string } : {}),
    ...(input.description !== undefined ? { description: input.description as string } : {}),
    schema,
    relations,
    mirrorProperties: normalizeComputed(input.mirrorProperties, 'mirrorProperties', checkMirror),
    calculationProperties: normalizeComputed(
      input.calculationProperties,
      'calculationProperties',
      checkCalculation,
    ),
    aggregationProperties: normalizeComputed(
      input.aggregationProperties,
      'aggregationProperties',
      checkAggregation,
    ),
    ...ownershipOf(input),
    ...(input.changelogDestination !== undefined
      ? { changelogDestination: normalizeChangelog(input.changelogDestination) }
      : {}),
  };
  checkKeysAreUnique(definition);
  return definition;
}

function normalizeSchema(schema: unknown): BlueprintDefinition['schema'] {
  if (!isObject(schema)) throw fail('schema must be an object with "properties" and "required"');
  for (const key of Object.keys(schema))
    if (key !== 'properties' && key !== 'required')
      throw fail(`schema.${key} is not allowed: use properties and required`);
  const properties = schema.properties ?? {};
  if (!isObject(properties)) throw fail('schema.properties must be an object');
  for (const [key, property] of Object.entries(properties))
    checkProperty(`schema.properties.${key}`, key, property);
  const required = schema.required ?? [];
  if (!Array.isArray(required) || required.some((r) => typeof r !== 'string'))
    throw fail('schema.required must be an array of property identifiers');
  for (const key of required)
    if (!Object.hasOwn(properties, key))
      throw fail(`schema.required names "${key}", which is not in schema.properties`);
  return {
    properties: properties as Record<string, PropertySchema>,
    required: [...new Set(required as string[])],
  };
}

function checkProperty(path: string, key: string, property: unknown): asserts property is PropertySchema {
  if (!isPropertyIdentifier(key))
    throw fail(`${path}: property identifiers must match ^[A-Za-z0-9@_=\\-]+$ (max 100)`);
  if (!isObject(property)) throw fail(`${path} must be an object`);
  checkPropertyShape(path, property);
  const unsafe = unsafePatternAt(property, path);
  if (unsafe) throw fail(`${unsafe} ${UNSAFE_PATTERN_MESSAGE}`);
}

function checkPropertyShape(path: string, property: JsonObject) {
  const type = property.type;
  if (typeof type !== 'string' || !(PROPERTY_TYPES as readonly string[]).includes(type))
    throw fail(`${path}.type must be one of ${PROPERTY_TYPES.join(', ')}`);
  if (property.title !== undefined && (typeof property.title !== 'string' || property.title.length > 100))
    throw fail(`${path}.title must be a string of at most 100 characters`);
  if (property.format !== undefined) {
    const allowed = type === 'string' ? STRING_FORMATS : type === 'object' ? OBJECT_FORMATS : [];
    if (typeof property.format !== 'string' || !allowed.includes(property.format))
      throw fail(`${path}.format "${String(property.format)}" is not a format of type ${type}`);
  }
  if (property.format === 'entity' && typeof property.blueprint !== 'string')
    throw fail(`${path}.blueprint must name the blueprint of the referenced entities`);
  if (property.enum !== undefined) {
    if (!Array.isArray(property.enum) || property.enum.length === 0)
      throw fail(`${path}.enum must be a non-empty array`);
    const itemType = type === 'array' ? (isObject(property.items) ? property.items.type : undefined) : type;
    for (const value of property.enum)
      if (value !== null && typeof value !== itemType)
        throw fail(`${path}.enum holds ${JSON.stringify(value)}, not a ${itemType}`);
  }
  if (property.enumColors !== undefined) {
    if (!isObject(property.enumColors)) throw fail(`${path}.enumColors must be an object`);
    for (const [value, color] of Object.entries(property.enumColors)) {
      if (!(ENUM_COLORS as readonly string[]).includes(String(color)))
        throw fail(`${path}.enumColors.${value} must be one of ${ENUM_COLORS.join(', ')}`);
    }
  }
  if (type === 'array' && property.items !== undefined) {
    if (!isObject(property.items)) throw fail(`${path}.items must be an object`);
    checkPropertyShape(`${path}.items`, property.items);
  }
  if (type !== 'array' && property.items !== undefined) throw fail(`${path}.items is only allowed on arrays`);
}

function normalizeRelations(relations: unknown): Record<string, BlueprintRelation> {
  if (relations === undefined) return {};
  if (!isObject(relations)) throw fail('relations must be an object');
  const out: Record<string, BlueprintRelation> = {};
  for (const [key, raw] of Object.entries(relations)) {
    const path = `relations.${key}`;
    if (!isPropertyIdentifier(key))
      throw fail(`${path}: relation identifiers must match ^[A-Za-z0-9@_=\\-]+$`);
    if (!isObject(raw)) throw fail(`${path} must be an object`);
    onlyKeys(path, raw, RELATION_KEYS);
    if (!isBlueprintIdentifier(raw.target)) throw fail(`${path}.target must be a blueprint identifier`);
    const required = raw.required ?? false;
    const many = raw.many ?? false;
    if (typeof required !== 'boolean') throw fail(`${path}.required must be a boolean`);
    if (typeof many !== 'boolean') throw fail(`${path}.many must be a boolean`);
    if (many && required) throw fail(`${path}: a relation cannot be both many and required`);
    if (raw.title !== undefined && typeof raw.title !== 'string')
      throw fail(`${path}.title must be a string`);
    out[key] = {
      ...(raw.title !== undefined ? { title: raw.title as string } : {}),
      ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
      target: raw.target,
      required,
      many,
    };
  }
  return out;
}

function normalizeComputed(
  value: unknown,
  field: string,
  check: (path: string, item: JsonObject) => void,
): Record<string, JsonObject> {
  if (value === undefined) return {};
  if (!isObject(value)) throw fail(`${field} must be an object`);
  for (const [key, item] of Object.entries(value)) {
    const path = `${field}.${key}`;
    if (!isPropertyIdentifier(key)) throw fail(`${path}: identifiers must match ^[A-Za-z0-9@_=\\-]+$`);
    if (!isObject(item)) throw fail(`${path} must be an object`);
    if (item.title !== undefined && typeof item.title !== 'string')
      throw fail(`${path}.title must be a string`);
    check(path, item);
  }
  return value as Record<string, JsonObject>;
}

function checkMirror(path: string, item: JsonObject) {
  onlyKeys(path, item, MIRROR_KEYS);
  if (typeof item.path !== 'string' || !/^([A-Za-z0-9@_=-]+\.)+\$?[A-Za-z0-9@_=-]+$/.test(item.path))
    throw fail(
      `${path}.path must be relation identifiers joined by dots ending in a property, e.g. "system.$title"`,
    );
}

function checkCalculation(path: string, item: JsonObject) {
  onlyKeys(path, item, CALCULATION_KEYS);
  if (typeof item.calculation !== 'string' || item.calculation.trim() === '')
    throw fail(`${path}.calculation must be a jq expression`);
  if (typeof item.type !== 'string' || !(PROPERTY_TYPES as readonly string[]).includes(item.type))
    throw fail(`${path}.type must be one of ${PROPERTY_TYPES.join(', ')}`);
  if (item.colors !== undefined && !isObject(item.colors)) throw fail(`${path}.colors must be an object`);
}

function checkAggregation(path: string, item: JsonObject) {
  if (typeof item.title !== 'string') throw fail(`${path}.title is required`);
  if (!isBlueprintIdentifier(item.target)) throw fail(`${path}.target must be a blueprint identifier`);
  if (item.type !== undefined && item.type !== 'number') throw fail(`${path}.type can only be "number"`);
  onlyKeys(path, item, AGGREGATION_KEYS);
  const spec = item.calculationSpec;
  if (!isObject(spec)) throw fail(`${path}.calculationSpec is required`);
  onlyKeys(`${path}.calculationSpec`, spec, CALCULATION_SPEC_KEYS);
  const by = String(spec.calculationBy);
  const funcs = Object.hasOwn(AGGREGATION_FUNCS, by) ? AGGREGATION_FUNCS[by] : undefined;
  if (!funcs) throw fail(`${path}.calculationSpec.calculationBy must be "entities" or "property"`);
  if (!funcs.includes(String(spec.func)))
    throw fail(
      `${path}.calculationSpec.func must be one of ${funcs.join(', ')} when calculationBy is ${String(spec.calculationBy)}`,
    );
  if (spec.calculationBy === 'property' && typeof spec.property !== 'string')
    throw fail(`${path}.calculationSpec.property names the number property to aggregate`);
  if (spec.func === 'average' && !AVERAGE_OF.includes(String(spec.averageOf)))
    throw fail(`${path}.calculationSpec.averageOf must be one of ${AVERAGE_OF.join(', ')}`);
  if (item.query !== undefined && (!isObject(item.query) || !Array.isArray(item.query.rules)))
    throw fail(`${path}.query must be a search query with combinator and rules`);
  if (item.pathFilter !== undefined && (!Array.isArray(item.pathFilter) || item.pathFilter.length > 1))
    throw fail(`${path}.pathFilter holds at most one path`);
}

/** `ownership`, or Port's legacy `teamInheritance: {path}`, which Port read as an Inherited ownership. */
function ownershipOf(input: JsonObject): { ownership?: Ownership } {
  if (input.teamInheritance === undefined || input.teamInheritance === null)
    return input.ownership !== undefined ? { ownership: normalizeOwnership(input.ownership) } : {};
  if (input.ownership !== undefined)
    throw fail('teamInheritance and ownership cannot both be given: teamInheritance is the older ownership');
  const legacy = input.teamInheritance;
  if (!isObject(legacy)) throw fail('teamInheritance must be an object with a path');
  onlyKeys('teamInheritance', legacy, ['path']);
  if (typeof legacy.path !== 'string' || legacy.path === '')
    throw fail('teamInheritance.path is required: relation identifiers joined by dots');
  return { ownership: { type: 'Inherited', path: legacy.path } };
}

function normalizeOwnership(value: unknown): Ownership {
  if (!isObject(value)) throw fail('ownership must be an object');
  if (value.type === 'Direct') {
    onlyKeys('ownership', value, ['type', 'title']);
    return { type: 'Direct', ...(typeof value.title === 'string' ? { title: value.title } : {}) };
  }
  if (value.type === 'Inherited') {
    onlyKeys('ownership', value, ['type', 'path', 'title']);
    if (typeof value.path !== 'string' || value.path === '')
      throw fail('ownership.path is required for Inherited ownership');
    return {
      type: 'Inherited',
      path: value.path,
      ...(typeof value.title === 'string' ? { title: value.title } : {}),
    };
  }
  throw fail('ownership.type must be "Direct" or "Inherited"');
}

function normalizeChangelog(value: unknown): JsonObject {
  if (!isObject(value) || (value.type !== 'WEBHOOK' && value.type !== 'KAFKA'))
    throw fail('changelogDestination.type must be "WEBHOOK" or "KAFKA"');
  onlyKeys('changelogDestination', value, value.type === 'WEBHOOK' ? ['type', 'agent', 'url'] : ['type']);
  if (value.type === 'WEBHOOK' && (typeof value.url !== 'string' || !/^https?:\/\//.test(value.url)))
    throw fail('changelogDestination.url must be an http(s) URL');
  return value;
}

function checkKeysAreUnique(definition: BlueprintDefinition) {
  const seen = new Map<string, string>();
  const groups: Array<[string, object]> = [
    ['schema.properties', definition.schema.properties],
    ['relations', definition.relations],
    ['mirrorProperties', definition.mirrorProperties],
    ['calculationProperties', definition.calculationProperties],
    ['aggregationProperties', definition.aggregationProperties],
  ];
  for (const [group, map] of groups)
    for (const key of Object.keys(map)) {
      const other = seen.get(key);
      if (other) throw fail(`"${key}" is used in both ${other} and ${group}: identifiers must be unique`);
      seen.set(key, group);
    }
}
