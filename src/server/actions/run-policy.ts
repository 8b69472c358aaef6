import type { JsonObject } from '../../core/blueprint.js';
import type { ActionGrant } from '../../core/action.js';
import { systemActor } from '../identity/actor.js';
import type { SearchService } from '../search/search.service.js';
import type { EvaluateAll } from './run-form-jq.js';

/** Port's template rendering ({{ jq }} in strings and keys) over a context. */
export type RenderTemplate = (template: unknown, context: unknown) => Promise<unknown>;

/** At most this many entities answer each of a policy's queries (Port's limit). */
export const POLICY_QUERY_LIMIT = 1000;

/**
 * Runs a permission policy (§5.8): each query, its `{{ }}` values rendered over the context, is searched
 * across the catalog (failing queries are left out, as in Port); then every condition is evaluated over
 * the context with `.results.<query>.entities`. Execute policies answer true when any condition is true;
 * approve policies answer the approvers' emails the conditions list.
 */
export async function runPolicy(
  policy: NonNullable<ActionGrant['policy']>,
  context: JsonObject,
  tools: { evaluate: EvaluateAll; render: RenderTemplate; search: SearchService },
): Promise<unknown[]> {
  const results: JsonObject = {};
  for (const [name, template] of Object.entries(policy.queries)) {
    try {
      const query = await tools.render(template, context);
      const found = await tools.search.searchAll(systemActor('policy'), { query, limit: POLICY_QUERY_LIMIT });
      results[name] = { entities: found.entities };
    } catch {
      // Port ignores a query that fails; its conditions see no results for it.
    }
  }
  const evaluated = await tools.evaluate(policy.conditions, { ...context, results });
  return evaluated.map((result) => ('error' in result ? null : (result.outputs[0] ?? null)));
}

export async function policyAllowsExecution(
  policy: NonNullable<ActionGrant['policy']>,
  context: JsonObject,
  tools: { evaluate: EvaluateAll; render: RenderTemplate; search: SearchService },
): Promise<boolean> {
  return (await runPolicy(policy, context, tools)).some((verdict) => verdict === true);
}

export async function policyApprovers(
  policy: NonNullable<ActionGrant['policy']>,
  context: JsonObject,
  tools: { evaluate: EvaluateAll; render: RenderTemplate; search: SearchService },
): Promise<string[]> {
  const lists = await runPolicy(policy, context, tools);
  return [
    ...new Set(
      lists.flatMap((list) => (Array.isArray(list) ? list.filter((e) => typeof e === 'string') : [])),
    ),
  ];
}
