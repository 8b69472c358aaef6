import type { JsonObject } from '../../core/blueprint.js';
import type { Entity } from '../../core/entity.js';
import { inputOrder, isJqQuery, type ActionInput, type UserInputs } from '../../core/action.js';
import { formSections } from '../../core/action-layout.js';
import { unprocessable } from '../errors.js';
import {
  dynamicPrograms,
  evaluateFirst,
  inputProgramId,
  layoutPrograms,
  REQUIRED_ID,
  resolveDataset,
  stepProgramId,
  titleProgramId,
  type EvaluateAll,
} from './run-form-jq.js';
import { inputAjv, validatorFor, valueSchema } from './input-schema.js';

/** What jqQuery keys of a form are evaluated with (§5.2): the form so far, the entity, the user. */
export interface FormContext {
  form: JsonObject;
  entity: Entity | null;
  user: JsonObject;
}

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

function fillDefaults(inputs: UserInputs, given: JsonObject, evaluated: Map<string, unknown>): JsonObject {
  const form: JsonObject = { ...given };
  for (const [name, input] of Object.entries(inputs.properties)) {
    if (Object.hasOwn(form, name) && form[name] !== undefined) continue;
    const value = isJqQuery(input.default) ? evaluated.get(inputProgramId(name, 'default')) : input.default;
    if (value !== undefined && value !== null) form[name] = value;
  }
  return form;
}

/** What a form shows now: defaults filled, and the jqQuery keys of its inputs, steps and titles resolved. */
export interface FormState {
  properties: JsonObject;
  /** `visible` is false when the input is hidden or sits in a hidden step. */
  inputs: Record<
    string,
    { visible: boolean; disabled: boolean; required: boolean; enum?: unknown[]; dataset?: JsonObject }
  >;
  /** One per step of `userInputs.steps`, in their order. */
  steps: Array<{ visible: boolean }>;
  /** One per decorative title; a title in a hidden step is hidden. */
  titles: Record<string, { visible: boolean }>;
}

/**
 * Fills defaults (static or jqQuery, evaluated against what was given), then resolves every input's enum,
 * visibility, disabled state, dataset, the required list and the visibility of steps and titles against the
 * filled form (§5.1, §5.2), all in one call of jq. A jqQuery that fails or gives the wrong kind of value is
 * a 422 naming the input (or `required`, `steps.<n>.visible`, `titles.<name>.visible`).
 */
export async function formState(
  inputs: UserInputs,
  given: JsonObject,
  context: Omit<FormContext, 'form'>,
  evaluate: EvaluateAll,
): Promise<FormState> {
  for (const name of Object.keys(given))
    if (!Object.hasOwn(inputs.properties, name)) throw inputError(name, 'is not an input of this action');
  // Defaults see what was given, then once more what the other defaults filled in (one may follow another).
  const defaultPrograms = dynamicPrograms(inputs, ['default']);
  let form = fillDefaults(
    inputs,
    given,
    await evaluateFirst(evaluate, defaultPrograms, { ...context, form: given }),
  );
  if (defaultPrograms.length)
    form = fillDefaults(inputs, given, await evaluateFirst(evaluate, defaultPrograms, { ...context, form }));

  const dynamic = [...dynamicPrograms(inputs, ['enum', 'visible', 'disabled']), ...layoutPrograms(inputs)];
  const filled = { ...context, form };
  const resolved = await evaluateFirst(evaluate, dynamic, filled);
  const valueOf = (id: string, fallback: unknown) => (resolved.has(id) ? resolved.get(id) : fallback);

  const required = valueOf(REQUIRED_ID, inputs.required);
  if (!Array.isArray(required) || !required.every((n) => typeof n === 'string'))
    throw unprocessable('invalid_inputs', 'required: its jqQuery must give an array of input names', {
      field: 'required',
    });
  const layout = layoutState(inputs, valueOf);
  const state: FormState = { properties: form, inputs: {}, steps: layout.steps, titles: layout.titles };
  for (const [name, input] of Object.entries(inputs.properties)) {
    const enumValues = valueOf(
      inputProgramId(name, 'enum'),
      Array.isArray(input.enum) ? input.enum : undefined,
    );
    if (enumValues !== undefined && !Array.isArray(enumValues))
      throw inputError(name, 'enum: its jqQuery must give an array');
    const spec = input.format === 'entity' ? input : (input.items as ActionInput | undefined);
    state.inputs[name] = {
      visible:
        shown(valueOf(inputProgramId(name, 'visible'), input.visible)) &&
        !layout.inHiddenStep.has(`input:${name}`),
      disabled: valueOf(inputProgramId(name, 'disabled'), input.disabled ?? false) === true,
      required: required.includes(name),
      ...(enumValues !== undefined ? { enum: enumValues as unknown[] } : {}),
      ...(spec?.dataset ? { dataset: await resolveDataset(evaluate, spec.dataset, filled) } : {}),
    };
  }
  return state;
}

/** Port's `visible`: only false hides (unset, null and any other answer show). */
const shown = (visible: unknown) => visible !== false;

/** Which steps and titles show, and which inputs and titles sit in a hidden step. */
function layoutState(inputs: UserInputs, valueOf: (id: string, fallback: unknown) => unknown) {
  const steps = (inputs.steps ?? []).map((step, index) => ({
    visible: shown(valueOf(stepProgramId(index), step.visible)),
  }));
  const inHiddenStep = new Set<string>();
  if (steps.length)
    formSections(inputs).forEach((section, index) => {
      if (!steps[index]!.visible)
        for (const item of section.items) inHiddenStep.add(`${item.kind}:${item.name}`);
    });
  const titles = Object.fromEntries(
    Object.entries(inputs.titles ?? {}).map(([name, title]) => [
      name,
      {
        visible: shown(valueOf(titleProgramId(name), title.visible)) && !inHiddenStep.has(`title:${name}`),
      },
    ]),
  );
  return { steps, titles, inHiddenStep };
}

/**
 * The form's state, then every value checked against its input's schema with the dynamic keys resolved,
 * and entity, user and team inputs looked up. Errors name the input (422 invalid_inputs); nothing is
 * written before this passes.
 */
export async function resolveForm(
  inputs: UserInputs,
  given: JsonObject,
  context: Omit<FormContext, 'form'>,
  evaluate: EvaluateAll,
  lookups: FormLookups,
): Promise<ResolvedForm> {
  const state = await formState(inputs, given, context, evaluate);
  const properties: JsonObject = {};
  const templateInputs: JsonObject = {};
  for (const name of inputOrder(inputs)) {
    const input = inputs.properties[name]!;
    const { visible, required, enum: enumValues, dataset } = state.inputs[name]!;
    // Own properties only: an input called `constructor` must not find Object's.
    const value = Object.hasOwn(state.properties, name) ? state.properties[name] : undefined;
    if (value === undefined) {
      if (visible && required) throw inputError(name, 'is required');
      continue;
    }
    checkValue(name, input, value, enumValues);
    const looked = await lookUp(name, input, value, lookups, dataset);
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

async function lookUp(
  name: string,
  input: ActionInput,
  value: unknown,
  lookups: FormLookups,
  dataset: JsonObject | undefined,
) {
  const items = input.items as ActionInput | undefined;
  const spec = input.format === 'entity' ? input : items?.format === 'entity' ? items : undefined;
  if (spec) {
    const identifiers = [entityIdentifiers(input, value)].flat() as string[];
    const entities: Entity[] = [];
    for (const identifier of identifiers) {
      const entity = await lookups.entity(spec.blueprint!, identifier, dataset);
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
