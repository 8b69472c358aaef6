import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { BlueprintDefinition, JsonObject, PropertySchema } from '../../core/blueprint.js';
import { describeDateTimeProblem, parseDateTime } from '../../core/date-time.js';

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

/** One Ajv for every blueprint: Port's extra keywords are known, its free-text formats accept any string. */
function createAjv(): Ajv {
  // ownProperties: a property called `toString` or `valueOf` is otherwise found on Object.prototype, so
  // `{}` fails "must be string" and a required `valueOf` counts as given.
  const ajv = new Ajv({
    allErrors: false,
    useDefaults: true,
    strict: false,
    coerceTypes: false,
    ownProperties: true,
  });
  addFormats(ajv);
  ajv.addFormat('url', { type: 'string', validate: (v: string) => isSafeUrl(v) });
  // Stricter than RFC 3339: years 0001-9999 and no leap seconds, which the databases cannot compare.
  const dateTime = { type: 'string' as const, validate: (v: string) => parseDateTime(v).ok };
  ajv.addFormat('date-time', dateTime);
  ajv.addFormat('timer', dateTime);
  for (const free of [
    'user',
    'team',
    'yaml',
    'markdown',
    'proto',
    'entity',
    'blueprints',
    'multi-line',
    'labeled-url',
  ])
    ajv.addFormat(free, true);
  for (const keyword of [
    'enumColors',
    'icon',
    'spec',
    'specAuthentication',
    'blueprint',
    'colorized',
    'colors',
  ])
    ajv.addKeyword({ keyword });
  return ajv;
}

// Links are rendered in the portal: schemes that run code when clicked are not URLs here.
const SCRIPT_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:']);

function isSafeUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return /^[a-z][a-z0-9+.-]*:/i.test(value) && !SCRIPT_SCHEMES.has(url.protocol);
  } catch {
    return false;
  }
}

const LABELED_URL = {
  type: 'object',
  properties: { url: { type: 'string', format: 'url' }, displayText: { type: 'string' } },
  required: ['url'],
};

/** Port properties are JSON Schema with a few extras; labeled-url objects get their shape made explicit. */
function toJsonSchema(property: PropertySchema | JsonObject): JsonObject {
  const schema: JsonObject = { ...property };
  delete schema.default;
  if (schema.format === 'labeled-url' && schema.type === 'object') Object.assign(schema, LABELED_URL);
  if (schema.type === 'array' && typeof schema.items === 'object' && schema.items)
    schema.items = toJsonSchema(schema.items as JsonObject);
  return schema;
}

export interface PropertyValidator {
  validate(properties: JsonObject): string | undefined;
}

/**
 * Compiles a blueprint's properties once per blueprint version (the cache key) and reports the first
 * problem as a message naming the property. The version is the one clients see (versions.ts), which
 * tells a blueprint deleted and created again from the one before: their write counts start alike.
 */
export class PropertyValidators {
  private readonly ajv = createAjv();
  private readonly cache = new Map<string, PropertyValidator>();

  constructor(private readonly maxEntries = 500) {}

  forBlueprint(definition: BlueprintDefinition, version: string): PropertyValidator {
    const key = `${definition.identifier}\u0000${version}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const validator = this.compile(definition);
    if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, validator);
    return validator;
  }

  /** Throws Ajv's message when a blueprint property uses a JSON-Schema keyword wrongly. */
  compile(definition: BlueprintDefinition): PropertyValidator {
    const properties = definition.schema.properties;
    const schema = {
      type: 'object',
      properties: Object.fromEntries(Object.entries(properties).map(([k, p]) => [k, toJsonSchema(p)])),
      required: definition.schema.required,
      additionalProperties: false,
    };
    const validate: ValidateFunction = this.ajv.compile(schema);
    const defaults = Object.entries(properties).filter(([, p]) => p.default !== undefined);
    const dates = Object.entries(properties).filter(([, p]) => isDateTime(p) || isDateTime(p.items));
    return {
      validate: (values) => {
        for (const [key, property] of defaults)
          if (!Object.hasOwn(values, key) || values[key] === undefined)
            values[key] = structuredClone(property.default);
        const infinite = nonFiniteNumberAt(values, 'properties');
        if (infinite) return `${infinite} must be a finite number`;
        if (!validate(values)) return describe(validate.errors?.[0], 'properties', values);
        for (const [key] of dates) if (Object.hasOwn(values, key)) values[key] = canonicalDates(values[key]);
        return undefined;
      },
    };
  }

  /** Checks that a property's `default` satisfies the property itself. */
  checkDefault(path: string, property: PropertySchema): string | undefined {
    if (property.default === undefined) return undefined;
    const validate = this.ajv.compile(toJsonSchema(property));
    return validate(property.default)
      ? undefined
      : `${path}.default: ${describe(validate.errors?.[0], 'value', property.default)}`;
  }
}

const isDateTime = (schema: unknown) =>
  typeof schema === 'object' &&
  schema !== null &&
  ((schema as JsonObject).format === 'date-time' || (schema as JsonObject).format === 'timer');

/** A valid date-time (or list of them) in the canonical form search compares against: UTC, upper-case T and Z. */
function canonicalDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalDates);
  if (typeof value !== 'string') return value;
  const parsed = parseDateTime(value);
  return parsed.ok ? parsed.canonical : value;
}

/**
 * The path of the first number that JSON cannot hold (`1e309` parses as Infinity and would be stored as
 * null), at any depth. It runs on every write, so it builds a path only for the number it finds.
 */
function nonFiniteNumberAt(value: unknown, root: string): string | undefined {
  const trail = nonFiniteTrail(value);
  if (!trail) return undefined;
  return trail.reduceRight<string>(
    (path, key) => (typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`),
    root,
  );
}

/** The keys leading to the first non-finite number, innermost first; undefined when there is none. */
function nonFiniteTrail(value: unknown): Array<string | number> | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : [];
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const trail = nonFiniteTrail(value[i]);
      if (trail) return (trail.push(i), trail);
    }
    return undefined;
  }
  for (const key in value) {
    const trail = nonFiniteTrail((value as JsonObject)[key]);
    if (trail) return (trail.push(key), trail);
  }
  return undefined;
}

/** The value at an Ajv instance path such as `/when` or `/dates/0`. */
function valueAt(root: unknown, instancePath: string): unknown {
  let value = root;
  for (const segment of instancePath.split('/').slice(1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as JsonObject)[key];
  }
  return value;
}

function describe(error: ErrorObject | undefined, root = 'properties', data?: unknown): string {
  if (!error) return 'properties are invalid';
  const at = `${root}${error.instancePath.replace(/\//g, '.')}`;
  if (
    error.keyword === 'format' &&
    (error.params.format === 'date-time' || error.params.format === 'timer')
  ) {
    const value = valueAt(data, error.instancePath);
    const parsed = typeof value === 'string' ? parseDateTime(value) : undefined;
    return `${at} ${describeDateTimeProblem(parsed && !parsed.ok ? parsed.problem : 'format')}`;
  }
  switch (error.keyword) {
    case 'additionalProperties':
      return `${at}.${String(error.params.additionalProperty)} is not a property of this blueprint`;
    case 'required':
      return `${at}.${String(error.params.missingProperty)} is required`;
    case 'enum':
      return `${at} must be one of ${JSON.stringify(error.params.allowedValues)}`;
    default:
      return `${at} ${error.message ?? 'is invalid'}`;
  }
}
