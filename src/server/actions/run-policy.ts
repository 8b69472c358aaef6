import type { JsonObject } from '../../core/blueprint.js';
import type { ActionGrant } from '../../core/action.js';
import { DomainError } from '../errors.js';
import { systemActor } from '../identity/actor.js';
import type { SearchService } from '../search/search.service.js';
import type { EvaluateAll } from './run-form-jq.js';

/** Port's template rendering ({{ jq }} in strings and keys) over a context. */
export type RenderTemplate = (template: unknown, context: unknown) => Promise<unknown>;

/** At most this many entities answer each of a policy's queries (Port's limit). */
export const POLICY_QUERY_LIMIT = 1000;

type PolicyTools = { evaluate: EvaluateAll; render: RenderTemplate; search: SearchService };

/** A query of the policy that could not run (its rendered values are malformed, or its search failed). */
export interface FailedPolicyQuery {
  query: string;
  /** Where in the query, when the search named a rule (e.g. `rules[0]`). */
  rule?: string;
}

/**
 * Runs a permission policy (§5.8): each query, its `{{ }}` values rendered over the context, is searched
 * across the catalog; then every condition is evaluated over the context with `.results.<query>.entities`.
 * A query that fails stops the policy: unlike Port, which leaves it out, its conditions would otherwise
 * read "no results" (`length == 0`), and a caller could pass by making the search fail with its inputs.
 */
async function runPolicy(
  policy: NonNullable<ActionGrant['policy']>,
  context: JsonObject,
  tools: PolicyTools,
): Promise<{ verdicts: unknown[] } | { failed: FailedPolicyQuery }> {
  const results: JsonObject = {};
  for (const [name, template] of Object.entries(policy.queries)) {
    try {
      const query = await tools.render(template, context);
      const found = await tools.search.searchAll(systemActor('policy'), { query, limit: POLICY_QUERY_LIMIT });
      results[name] = { entities: found.entities };
    } catch (error) {
      const rule = error instanceof DomainError ? error.details?.rule : undefined;
      return { failed: { query: name, ...(typeof rule === 'string' ? { rule } : {}) } };
    }
  }
  const evaluated = await tools.evaluate(policy.conditions, { ...context, results });
  return { verdicts: evaluated.map((result) => ('error' in result ? null : (result.outputs[0] ?? null))) };
}

/** An execute policy's answer: a denial names the query that failed, if one did. */
export type PolicyVerdict = { allowed: true } | { allowed: false; failed?: FailedPolicyQuery };

/** Execute policies allow when any condition is true; a failed query denies, and is named. */
export async function policyAllowsExecution(
  policy: NonNullable<ActionGrant['policy']>,
  context: JsonObject,
  tools: PolicyTools,
): Promise<PolicyVerdict> {
  const ran = await runPolicy(policy, context, tools);
  if ('failed' in ran) return { allowed: false, failed: ran.failed };
  return ran.verdicts.some((verdict) => verdict === true) ? { allowed: true } : { allowed: false };
}

/** Approve policies list the emails of their conditions' arrays; with a failed query they list nobody. */
export async function policyApprovers(
  policy: NonNullable<ActionGrant['policy']>,
  context: JsonObject,
  tools: PolicyTools,
): Promise<string[]> {
  const ran = await runPolicy(policy, context, tools);
  if ('failed' in ran) return [];
  return [
    ...new Set(
      ran.verdicts.flatMap((list) => (Array.isArray(list) ? list.filter((e) => typeof e === 'string') : [])),
    ),
  ];
}
