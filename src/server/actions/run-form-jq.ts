/** The jqQuery keys of an action's form, evaluated together in one call of jq (§5.2). */
import { isJqQuery, type UserInputs } from '../../core/action.js';
import type { JsonObject } from '../../core/blueprint.js';
import { unprocessable } from '../errors.js';

/** Many jq programs over one input in one call; each answers its outputs or why it failed. */
export type EvaluateAll = (
  programs: string[],
  input: unknown,
) => Promise<Array<{ outputs: unknown[] } | { error: string }>>;

/** One jqQuery of a form: where its value is kept, and the field a failure of it names. */
export interface FormProgram {
  id: string;
  program: string;
  /** `properties.<input>` for an input's keys (with `key` naming which), else the key's own path. */
  field: string;
  key?: string;
}

const programLabel = (p: FormProgram) => (p.key ? `${p.field}.${p.key}` : p.field);
const programError = (p: FormProgram, reason: string) =>
  unprocessable('invalid_inputs', `${p.key ? `${p.field} ${p.key}` : p.field}: ${reason}`, {
    field: p.field,
  });

/** Port's jq: the first output, null when there is none; a failing program is its field's error. */
export async function evaluateFirst(
  evaluate: EvaluateAll,
  programs: FormProgram[],
  input: unknown,
): Promise<Map<string, unknown>> {
  const values = new Map<string, unknown>();
  if (!programs.length) return values;
  let results: Awaited<ReturnType<EvaluateAll>>;
  try {
    results = await evaluate(
      programs.map((p) => p.program),
      input,
    );
  } catch (error) {
    // The whole call stopped (a runaway program): name the fields whose programs were in it.
    const [first, ...others] = programs;
    const reason = `its jqQuery was stopped: ${(error as Error).message}`;
    if (!others.length) throw programError(first!, reason);
    throw unprocessable('invalid_inputs', `one of ${programs.map(programLabel).join(', ')}: ${reason}`, {
      field: first!.field,
    });
  }
  programs.forEach((p, index) => {
    const result = results[index]!;
    if ('error' in result) throw programError(p, `its jqQuery failed: ${result.error}`);
    values.set(p.id, result.outputs[0] ?? null);
  });
  return values;
}

/** Where evaluateFirst keeps a value: an input's key, a step's or a title's `visible`, or `required`. */
export const inputProgramId = (name: string, key: string) => `${name}\u0000${key}`;
export const stepProgramId = (index: number) => `$steps\u0000${index}`;
export const titleProgramId = (name: string) => `$titles\u0000${name}`;
export const REQUIRED_ID = '$required';

export function dynamicPrograms(inputs: UserInputs, keys: readonly string[]): FormProgram[] {
  const programs: FormProgram[] = [];
  for (const [name, input] of Object.entries(inputs.properties))
    for (const key of keys) {
      const value = input[key];
      if (isJqQuery(value))
        programs.push({
          id: inputProgramId(name, key),
          program: value.jqQuery,
          field: `properties.${name}`,
          key,
        });
    }
  return programs;
}

/** The jqQuery keys outside the inputs: `required`, and the visibility of steps and titles. */
export function layoutPrograms(inputs: UserInputs): FormProgram[] {
  const programs: FormProgram[] = [];
  if (isJqQuery(inputs.required))
    programs.push({ id: REQUIRED_ID, program: inputs.required.jqQuery, field: 'required' });
  (inputs.steps ?? []).forEach(({ visible }, index) => {
    if (isJqQuery(visible))
      programs.push({
        id: stepProgramId(index),
        program: visible.jqQuery,
        field: `steps.${index}.visible`,
      });
  });
  for (const [name, { visible }] of Object.entries(inputs.titles ?? {}))
    if (isJqQuery(visible))
      programs.push({
        id: titleProgramId(name),
        program: visible.jqQuery,
        field: `titles.${name}.visible`,
      });
  return programs;
}

/** A dataset's rule values may be `{"jqQuery": ...}` over the form, entity and user: resolved here. */
export async function resolveDataset(
  evaluate: EvaluateAll,
  dataset: JsonObject,
  input: unknown,
): Promise<JsonObject> {
  const programs: string[] = [];
  const collect = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (isJqQuery(node)) programs.push(node.jqQuery);
    else if (typeof node === 'object' && node !== null) Object.values(node).forEach(collect);
  };
  collect(dataset);
  if (!programs.length) return dataset;
  const results = await evaluate(programs, input);
  let next = 0;
  const replace = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(replace);
    if (isJqQuery(node)) {
      const result = results[next++]!;
      return 'error' in result ? null : (result.outputs[0] ?? null);
    }
    if (typeof node === 'object' && node !== null)
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, replace(v)]));
    return node;
  };
  return replace(dataset) as JsonObject;
}
