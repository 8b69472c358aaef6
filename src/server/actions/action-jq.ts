import { isJqQuery } from '../../core/action.js';
import { unprocessable, type DomainError } from '../errors.js';
import type { ActionPermissionsChange } from './action-permissions.js';
import type { JqPool } from '../jq/jq-pool.js';
import { scanTemplate, TemplateSyntaxError } from '../jq/template-scanner.js';
import { actionError } from './action-fields.js';
import type { ActionDefinition } from './action.rules.js';

interface Program {
  field: string;
  program: string;
}

/** Every `{"jqQuery": ...}` under `value`, with the path of its field. */
function jqQueries(value: unknown, field: string, into: Program[]) {
  if (isJqQuery(value)) into.push({ field, program: value.jqQuery });
  else if (Array.isArray(value)) value.forEach((item, i) => jqQueries(item, `${field}.${i}`, into));
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) jqQueries(item, `${field}.${key}`, into);
}

/** Every `{{ jq }}` in the strings (values and keys) under `value`; a malformed template is a 422 here. */
function templates(value: unknown, field: string, into: Program[]) {
  const scan = (text: string, at: string) => {
    try {
      // A `{{ spreadValue() }}` key is a marker of Port's templates, not jq.
      if (/^\{\{\s*spreadValue\(\s*\)\s*\}\}$/.test(text)) return;
      for (const part of scanTemplate(text))
        if ('expression' in part) into.push({ field: at, program: part.expression });
    } catch (error) {
      if (error instanceof TemplateSyntaxError)
        throw actionError(at, `is not a valid template: ${error.message}`);
      throw error;
    }
  };
  if (typeof value === 'string') scan(value, field);
  else if (Array.isArray(value)) value.forEach((item, i) => templates(item, `${field}.${i}`, into));
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) {
      scan(key, `${field}.${key}`);
      templates(item, `${field}.${key}`, into);
    }
}

/**
 * An action's jq must compile: its inputs' jqQuery keys (an automation's condition expressions) and its
 * backend's `{{ }}` templates are compiled now (run once over null, with a short time limit), so a typo is a
 * 422 naming the field rather than a failed run later. Programs that only fail on null (`.form.x | length`)
 * are fine.
 */
export async function checkActionJq(jq: JqPool, definition: ActionDefinition) {
  const programs: Program[] = [];
  const { trigger } = definition;
  if (trigger.type === 'automation')
    trigger.condition?.expressions.forEach((program, i) =>
      programs.push({ field: `trigger.condition.expressions.${i}`, program }),
    );
  else jqQueries(trigger.userInputs, 'trigger.userInputs', programs);
  templates(definition.invocationMethod, 'invocationMethod', programs);
  await compileAll(jq, programs, actionError);
}

/** A permissions change's policies: their conditions and their queries' `{{ }}` values must compile. */
export async function checkPolicyJq(jq: JqPool, change: ActionPermissionsChange) {
  const programs: Program[] = [];
  for (const kind of ['execute', 'approve'] as const) {
    const policy = change[kind]?.policy;
    if (!policy) continue;
    policy.conditions.forEach((program, i) =>
      programs.push({ field: `${kind}.policy.conditions.${i}`, program }),
    );
    templates(policy.queries, `${kind}.policy.queries`, programs);
  }
  await compileAll(jq, programs, (field, message) =>
    unprocessable('invalid_permissions', `${field} ${message}`, { field }),
  );
}

async function compileAll(
  jq: JqPool,
  programs: Program[],
  fail: (field: string, message: string) => DomainError,
) {
  if (!programs.length) return;
  const results = await checkedOnNull(jq, programs, fail);
  results.forEach((result, index) => {
    if ('error' in result && (result.error as DomainError).details?.phase === 'compile')
      throw fail(programs[index]!.field, `has jq that does not compile: ${result.error.message}`);
  });
}

const timedOut = (error: unknown) => (error as DomainError | undefined)?.code === 'jq_timeout';

/**
 * Runs the programs once over null, together. When that runs out of time, each is run alone with a longer
 * limit: the one that runs away is the one named, and on a starved machine, where the first run's time
 * included waiting for a core, a sound definition is not refused for the machine's load.
 */
async function checkedOnNull(
  jq: JqPool,
  programs: Program[],
  fail: (field: string, message: string) => DomainError,
) {
  try {
    const results = await jq.evaluateAll(
      programs.map((p) => p.program),
      null,
      { timeoutMs: 1_000 },
    );
    if (!results.some((result) => 'error' in result && timedOut(result.error))) return results;
  } catch (error) {
    if (!timedOut(error))
      throw fail(programs[0]!.field, `holds jq that could not be checked: ${(error as Error).message}`);
  }
  const results = [];
  for (const { field, program } of programs) {
    try {
      results.push(...(await jq.evaluateAll([program], null, { timeoutMs: 5_000 })));
    } catch (error) {
      throw fail(field, `holds jq that could not be checked: ${(error as Error).message}`);
    }
  }
  return results;
}
