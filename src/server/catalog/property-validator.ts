import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { BlueprintDefinition, JsonObject, PropertySchema } from '../../core/blueprint.js';

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

/** One Ajv for every blueprint: Port's extra keywords are known, its free-text formats accept any string. */
function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: false, useDefaults: true, strict: false, coerceTypes: false });
  addFormats(ajv);
  ajv.addFormat('url', { type: 'string', validate: (v: string) => isSafeUrl(v) });
  ajv.addFormat('timer', ajv.formats['date-time']!);
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
 * problem as a message naming the property.
 */
export class PropertyValidators {
  private readonly ajv = createAjv();
  private readonly cache = new Map<string, PropertyValidator>();

  constructor(private readonly maxEntries = 500) {}

  forBlueprint(definition: BlueprintDefinition, version: number): PropertyValidator {
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
    return {
      validate: (values) => {
        for (const [key, property] of defaults)
          if (values[key] === undefined) values[key] = structuredClone(property.default);
        if (validate(values)) return undefined;
        return describe(validate.errors?.[0]);
      },
    };
  }

  /** Checks that a property's `default` satisfies the property itself. */
  checkDefault(path: string, property: PropertySchema): string | undefined {
    if (property.default === undefined) return undefined;
    const validate = this.ajv.compile(toJsonSchema(property));
    return validate(property.default)
      ? undefined
      : `${path}.default: ${describe(validate.errors?.[0], 'value')}`;
  }
}

function describe(error: ErrorObject | undefined, root = 'properties'): string {
  if (!error) return 'properties are invalid';
  const at = `${root}${error.instancePath.replace(/\//g, '.')}`;
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
