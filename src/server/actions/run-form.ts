import type { JsonObject } from '../../core/blueprint.js';
import type { Entity } from '../../core/entity.js';
import { inputOrder, isJqQuery, type ActionInput, type UserInputs } from '../../core/action.js';
import { unprocessable } from '../errors.js';
import { inputAjv, validatorFor, valueSchema } from './input-schema.js';

/** What jqQuery keys of a form are evaluated with (§5.2): the form so far, the entity, the user. */
export interface FormContext {
  form: JsonObject;
  entity: Entity | null;
  user: JsonObject;
}

/** Many jq programs over one input in one call; each answers its outputs or why it failed. */
export type EvaluateAll = (
  programs: string[],
  input: unknown,
) => Promise<Array<{ outputs: unknown[] } | { error: string }>>;

/** How a form's entity, user and team inputs are looked up (with the caller's visibility). */
export interface FormLookups {
  entity(blueprint: string, identifier: string, dataset: JsonObject | undefined): Promise<Entity | undefined>;
  people(kind: 'users' | 'teams', names: string[]): Promise<Set<string>>;
}

export interface ResolvedForm {
  /** The inputs as the run keeps them: given values, defaults filled, entity inputs as identifiers. */
  properties: JsonObject;
  /** The same for templates: entity inputs as the entities themselves (Port's `.inputs.x`). */
  inputs: JsonObject;
}

export const inputError = (name: string, message: string) =>
  unprocessable('invalid_inputs', `properties.${name} ${message}`, { field: `properties.${name}` });

/** Port's jq: the first output, null when there is none; a failing program is the input's error. */
async function evaluateFirst(
  evaluate: EvaluateAll,
  programs: Array<{ name: string; key: string; program: string }>,
  input: unknown,
): Promise<Map<string, unknown>> {
  const values = new Map<string, unknown>();
  if (!programs.length) return values;
  const results = await evaluate(
    programs.map((p) => p.program),
    input,
  );
  programs.forEach(({ name, key }, index) => {
    const result = results[index]!;
    if ('error' in result) throw inputError(name, `${key}: its jqQuery failed: ${result.error}`);
    values.set(`${name}\u0000${key}`, result.outputs[0] ?? null);
  });
  return values;
}

function dynamicPrograms(inputs: UserInputs, keys: readonly string[]) {
  const programs: Array<{ name: string; key: string; program: string }> = [];
  for (const [name, input] of Object.entries(inputs.properties))
    for (const key of keys) {
      const value = input[key];
      if (isJqQuery(value)) programs.push({ name, key, program: value.jqQuery });
    }
  return programs;
}

/**
 * Fills defaults (static or jqQuery, evaluated against what was given), then checks every input against its
 * schema with dynamic enums, required and visibility resolved against the filled form. Errors name the
 * input (422 invalid_inputs); nothing is written before this passes.
 */
export async function resolveForm(
  inputs: UserInputs,
  given: JsonObject,
  context: Omit<FormContext, 'form'>,
  evaluate: EvaluateAll,
  lookups: FormLookups,
): Promise<ResolvedForm> {
  for (const name of Object.keys(given))
    if (!Object.hasOwn(inputs.properties, name)) throw inputError(name, 'is not an input of this action');
  const defaults = await evaluateFirst(evaluate, dynamicPrograms(inputs, ['default']), {
    ...context,
    form: given,
  });
  const form: JsonObject = { ...given };
  for (const [name, input] of Object.entries(inputs.properties)) {
    if (form[name] !== undefined) continue;
    const value = isJqQuery(input.default) ? defaults.get(`${name}\u0000default`) : input.default;
    if (value !== undefined && value !== null) form[name] = value;
  }

  const dynamic = dynamicPrograms(inputs, ['enum', 'visible', 'disabled']);
  if (isJqQuery(inputs.required))
    dynamic.push({ name: '$required', key: 'required', program: inputs.required.jqQuery });
  const resolved = await evaluateFirst(evaluate, dynamic, { ...context, form });
  const valueOf = (name: string, key: string, fallback: unknown) =>
    resolved.has(`${name}\u0000${key}`) ? resolved.get(`${name}\u0000${key}`) : fallback;

  const required = valueOf('$required', 'required', inputs.required);
  if (!Array.isArray(required) || !required.every((n) => typeof n === 'string'))
    throw unprocessable('invalid_inputs', 'required: its jqQuery must give an array of input names', {
      field: 'required',
    });
  const properties: JsonObject = {};
  const templateInputs: JsonObject = {};
  for (const name of inputOrder(inputs)) {
    const input = inputs.properties[name]!;
    const visible = valueOf(name, 'visible', input.visible ?? true) !== false;
    const value = form[name];
    if (value === undefined) {
      if (visible && required.includes(name)) throw inputError(name, 'is required');
      continue;
    }
    const enumValues = valueOf(name, 'enum', undefined);
    if (enumValues !== undefined && !Array.isArray(enumValues))
      throw inputError(name, 'enum: its jqQuery must give an array');
    checkValue(name, input, value, enumValues as unknown[] | undefined);
    const looked = await lookUp(name, input, value, lookups);
    properties[name] = looked.stored;
    templateInputs[name] = looked.template;
  }
  return { properties, inputs: templateInputs };
}

function checkValue(name: string, input: ActionInput, value: unknown, enumValues: unknown[] | undefined) {
  // Entity inputs may be given as the entity object a client read (Port's UI sends those).
  const checked = entityIdentifiers(input, value) ?? value;
  const validate = validatorFor(valueSchema(input, enumValues));
  if (!validate(checked)) throw inputError(name, inputAjv.errorsText(validate.errors, { dataVar: 'value' }));
}

const identifierOf = (value: unknown) =>
  typeof value === 'object' && value !== null && typeof (value as Entity).identifier === 'string'
    ? (value as Entity).identifier
    : value;

function entityIdentifiers(input: ActionInput, value: unknown): unknown {
  if (input.format === 'entity') return identifierOf(value);
  if (
    input.type === 'array' &&
    (input.items as ActionInput | undefined)?.format === 'entity' &&
    Array.isArray(value)
  )
    return value.map(identifierOf);
  return undefined;
}

async function lookUp(name: string, input: ActionInput, value: unknown, lookups: FormLookups) {
  const items = input.items as ActionInput | undefined;
  const spec = input.format === 'entity' ? input : items?.format === 'entity' ? items : undefined;
  if (spec) {
    const identifiers = [entityIdentifiers(input, value)].flat() as string[];
    const entities: Entity[] = [];
    for (const identifier of identifiers) {
      const entity = await lookups.entity(spec.blueprint!, identifier, spec.dataset);
      if (!entity)
        throw inputError(
          name,
          `names "${identifier}", which is not an entity of "${spec.blueprint}" you may pick`,
        );
      entities.push(entity);
    }
    const many = input.type === 'array';
    return { stored: many ? identifiers : identifiers[0], template: many ? entities : entities[0] };
  }
  const peopleKind = [input.format, items?.format].includes('user')
    ? 'users'
    : [input.format, items?.format].includes('team')
      ? 'teams'
      : undefined;
  if (peopleKind) {
    const names = [value].flat().map(String);
    const found = await lookups.people(peopleKind, names);
    const missing = names.find((n) => !found.has(n));
    if (missing !== undefined)
      throw inputError(
        name,
        `names "${missing}", which is not a ${peopleKind === 'users' ? 'user' : 'team'}`,
      );
  }
  return { stored: value, template: value };
}
