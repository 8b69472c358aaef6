import { isJqQuery, type ActionInput, type UserInputs } from '../../../core/action';
import type { JsonObject } from '../../../core/blueprint';
import type { FormState, InputState } from '../../api/action.queries';
import { fieldKind } from '../catalog/field-kind';

/** What the API shows in place of a secret input's value. */
export const SECRET_MASK = '********';

export const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** Only the values a person gave: defaults are the server's to fill, so they follow what is typed. */
function givenProperties(given: Record<string, unknown>): JsonObject {
  return Object.fromEntries(Object.entries(given).filter(([, value]) => !isEmpty(value)));
}

/**
 * What the form sends, to be resolved and to run: what was given, and false for a switch left untouched
 * that has no default. A switch that is off means false, as in Port's form; the API keeps a missing
 * required boolean a refusal, so it is the form that says false.
 */
export function sentProperties(inputs: UserInputs, given: Record<string, unknown>): JsonObject {
  const untouched = Object.entries(inputs.properties)
    .filter(
      ([name, input]) => isOffSwitch(input) && isEmpty(Object.hasOwn(given, name) ? given[name] : undefined),
    )
    .map(([name]) => [name, false]);
  return Object.fromEntries([...untouched, ...Object.entries(givenProperties(given))]);
}

const isOffSwitch = (input: ActionInput) =>
  input.default === undefined && fieldKind(input, undefined).control === 'boolean';

/**
 * What the form shows before the server has resolved it (and while it cannot): fixed defaults, enums,
 * flags and required list; a jqQuery counts as not set (visible, enabled, not required).
 */
export function staticFormState(inputs: UserInputs, given: JsonObject): FormState {
  const required = Array.isArray(inputs.required) ? inputs.required : [];
  const properties: JsonObject = { ...given };
  const states: Record<string, InputState> = {};
  for (const [name, input] of Object.entries(inputs.properties)) {
    if (properties[name] === undefined && input.default !== undefined && !isJqQuery(input.default))
      properties[name] = input.default;
    states[name] = {
      visible: input.visible !== false,
      disabled: input.disabled === true,
      required: required.includes(name),
      ...(Array.isArray(input.enum) ? { enum: input.enum } : {}),
    };
  }
  const shown = (item: { visible?: unknown }) => ({ visible: item.visible !== false });
  return {
    properties,
    inputs: states,
    steps: (inputs.steps ?? []).map(shown),
    titles: Object.fromEntries(
      Object.entries(inputs.titles ?? {}).map(([name, title]) => [name, shown(title)]),
    ),
  };
}

/** The value shown in each input: what the person gave, else what the server filled. */
export function shownValue(name: string, given: Record<string, unknown>, state: FormState): unknown {
  return Object.hasOwn(given, name) ? given[name] : state.properties[name];
}

/** The inputs an input waits for (`dependsOn`) that have no value yet. */
export function missingDependencies(
  input: ActionInput,
  given: Record<string, unknown>,
  state: FormState,
): string[] {
  return (input.dependsOn ?? []).filter((name) => isEmpty(shownValue(name, given, state)));
}

/**
 * A past run's inputs as a new form's values: secret inputs (masked by the API, never stored readable) and
 * names the action no longer has are left out.
 */
export function rerunValues(inputs: UserInputs, properties: JsonObject): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(properties)) {
    const input = Object.hasOwn(inputs.properties, name) ? inputs.properties[name] : undefined;
    if (!input || input.encryption !== undefined || value === SECRET_MASK) continue;
    values[name] = value;
  }
  return values;
}

/** The input a refusal names (`details.field` = `properties.<name>`), when it is one of the form's. */
export function refusedInput(field: string | undefined, inputs: UserInputs): string | undefined {
  if (!field?.startsWith('properties.')) return undefined;
  const name = field.slice('properties.'.length);
  return Object.hasOwn(inputs.properties, name) ? name : undefined;
}
