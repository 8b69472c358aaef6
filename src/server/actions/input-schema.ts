import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { JsonObject } from '../../core/blueprint.js';
import { isJqQuery, type ActionInput } from '../../core/action.js';
import { parseDateTime } from '../../core/date-time.js';
import { unsafePatternAt, UNSAFE_PATTERN_MESSAGE } from '../schema-patterns.js';
import { actionError, checkFlag, isObject } from './action-fields.js';

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

const INPUT_TYPES = ['string', 'number', 'boolean', 'object', 'array'];
const STRING_FORMATS = [
  'date-time',
  'url',
  'email',
  'ipv4',
  'ipv6',
  'yaml',
  'entity',
  'user',
  'team',
  'proto',
  'markdown',
  'multi-line',
];
/** Keys of an input that are Port's, not JSON Schema's: left out of the schema that checks a value. */
const PORT_KEYS = [
  'title',
  'description',
  'icon',
  'blueprint',
  'dataset',
  'sort',
  'dependsOn',
  'visible',
  'disabled',
  'encryption',
  'enumColors',
  'default',
];

function createInputAjv(): Ajv {
  // ownProperties: an input called `constructor` must not be found on Object.prototype.
  const ajv = new Ajv({ allErrors: false, strict: false, coerceTypes: false, ownProperties: true });
  addFormats(ajv);
  ajv.addFormat('url', {
    type: 'string',
    validate: (value: string) => {
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
  });
  ajv.addFormat('date-time', { type: 'string', validate: (value: string) => parseDateTime(value).ok });
  for (const free of ['yaml', 'entity', 'user', 'team', 'proto', 'markdown', 'multi-line', 'labeled-url'])
    ajv.addFormat(free, true);
  return ajv;
}

export const inputAjv = createInputAjv();

/**
 * The JSON Schema that checks one input's value: Port's keys dropped, dynamic (jqQuery) keys replaced by
 * what they resolved to (`resolvedEnum`) or left out. Entity inputs take an identifier (or an entity
 * object with one, as Port's clients send).
 */
export function valueSchema(input: ActionInput, resolvedEnum?: unknown[]): JsonObject {
  const schema: JsonObject = { ...input };
  for (const key of PORT_KEYS) delete schema[key];
  if (isJqQuery(schema.enum)) delete schema.enum;
  if (resolvedEnum) schema.enum = resolvedEnum;
  for (const [key, value] of Object.entries(schema)) if (isJqQuery(value)) delete schema[key];
  if (input.encryption !== undefined) delete schema.format;
  if (isObject(input.items)) schema.items = valueSchema(input.items as ActionInput);
  return schema;
}

/** Checks one input's definition; `names` are every input's, for `dependsOn`. */
export function checkInputSchema(field: string, value: unknown, names: string[]): ActionInput {
  if (!isObject(value)) throw actionError(field, 'must be an object');
  if (!INPUT_TYPES.includes(value.type as string))
    throw actionError(`${field}.type`, `must be one of ${INPUT_TYPES.join(', ')}`);
  const input = value as ActionInput;
  checkFormat(field, input);
  if (input.type === 'array' && input.items !== undefined) {
    if (!isObject(input.items)) throw actionError(`${field}.items`, 'must be an object');
    if (input.items.format === 'entity' && typeof input.items.blueprint !== 'string')
      throw actionError(`${field}.items.blueprint`, 'must name the blueprint of the entities to pick');
  }
  if (input.dependsOn !== undefined) {
    const own = field.split('.').pop();
    if (
      !Array.isArray(input.dependsOn) ||
      !input.dependsOn.every((name) => typeof name === 'string' && names.includes(name) && name !== own)
    )
      throw actionError(`${field}.dependsOn`, 'must be an array of names of other inputs');
  }
  if (input.enum !== undefined && !Array.isArray(input.enum) && !isJqQuery(input.enum))
    throw actionError(`${field}.enum`, 'must be an array or {"jqQuery": "..."}');
  checkFlag(`${field}.visible`, input.visible);
  checkFlag(`${field}.disabled`, input.disabled);
  checkEncryption(field, input);
  const unsafe = unsafePatternAt(valueSchema(input), field);
  if (unsafe) throw actionError(unsafe, UNSAFE_PATTERN_MESSAGE);
  compileStatic(field, input);
  return input;
}

function checkFormat(field: string, input: ActionInput) {
  if (input.format === undefined) return;
  const allowed = input.type === 'string' ? STRING_FORMATS : input.type === 'object' ? ['labeled-url'] : [];
  if (typeof input.format !== 'string' || !allowed.includes(input.format))
    throw actionError(
      `${field}.format`,
      allowed.length
        ? `must be one of ${allowed.join(', ')} for a ${input.type} input`
        : `is not allowed on a ${input.type} input`,
    );
  if (input.format === 'entity' && (typeof input.blueprint !== 'string' || !input.blueprint))
    throw actionError(`${field}.blueprint`, 'must name the blueprint of the entity to pick');
  if (input.dataset !== undefined && (!isObject(input.dataset) || !Array.isArray(input.dataset.rules)))
    throw actionError(`${field}.dataset`, 'must be a search query with "combinator" and "rules"');
  if (
    input.sort !== undefined &&
    (!isObject(input.sort) ||
      typeof input.sort.property !== 'string' ||
      !['ASC', 'DESC'].includes(input.sort.order as string))
  )
    throw actionError(`${field}.sort`, 'must be {"property": "...", "order": "ASC" | "DESC"}');
}

function checkEncryption(field: string, input: ActionInput) {
  const encryption = input.encryption;
  if (encryption === undefined) return;
  if (input.type !== 'string' && input.type !== 'object')
    throw actionError(`${field}.encryption`, 'applies only to string and object inputs');
  const clientSide =
    isObject(encryption) && encryption.algorithm === 'client-side' && typeof encryption.key === 'string';
  if (encryption !== 'aes256-gcm' && !clientSide)
    throw actionError(
      `${field}.encryption`,
      'must be "aes256-gcm" or {"algorithm": "client-side", "key": "<PEM public key>"}',
    );
}

const compiled = new Map<string, ValidateFunction>();
const MAX_COMPILED = 2000;

/** A compiled validator for a value schema, kept while it is used (schemas of actions repeat). */
export function validatorFor(schema: JsonObject): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = inputAjv.compile(schema);
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
  }
  compiled.delete(key);
  compiled.set(key, validate);
  return validate;
}

/** The input's JSON Schema keywords must make a schema, and a fixed default must satisfy it. */
function compileStatic(field: string, input: ActionInput) {
  let validate: ValidateFunction;
  try {
    validate = validatorFor(valueSchema(input));
  } catch (error) {
    throw actionError(field, `is not a valid schema: ${(error as Error).message}`);
  }
  if (input.default !== undefined && !isJqQuery(input.default) && !validate(input.default))
    throw actionError(`${field}.default`, `does not fit the input: ${inputAjv.errorsText(validate.errors)}`);
}
