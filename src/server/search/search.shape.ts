import { isSearchableMeta } from '../../core/search.js';
import { PROPERTY_OPERATORS } from '../../core/search-operators.js';
import { childPath, invalidRule, isPlainObject, type RulePath } from './search.values.js';

export const MAX_QUERY_DEPTH = 20;

const RULE_OPERATORS: ReadonlySet<string> = new Set([...PROPERTY_OPERATORS, 'relatedTo', 'matchAny']);

/** A query node must be `{"combinator": "and" | "or", "rules": [...]}`, nested at most MAX_QUERY_DEPTH deep. */
export function checkQueryNode(
  node: unknown,
  path: RulePath,
  depth: number,
): asserts node is { combinator: 'and' | 'or'; rules: unknown[] } {
  if (!isPlainObject(node)) throw invalidRule(path, 'a query must be an object {"combinator", "rules"}');
  if (depth > MAX_QUERY_DEPTH) throw invalidRule(path, `queries nest at most ${MAX_QUERY_DEPTH} levels deep`);
  if (node.combinator !== 'and' && node.combinator !== 'or')
    throw invalidRule(
      path,
      `combinator must be "and" or "or", got ${JSON.stringify(node.combinator) ?? 'nothing'}`,
    );
  if (!Array.isArray(node.rules)) throw invalidRule(path, 'rules must be an array');
}

/** A `{{ jq }}` template stands for a value known only once it is rendered. */
const templated = (value: unknown) =>
  (typeof value === 'string' && value.includes('{{')) ||
  (isPlainObject(value) && Object.keys(value).some((key) => key.includes('{{')));

/**
 * The shape of a query that is stored now and searched later (an action policy's query): combinators,
 * rules, operators and property names, but neither values nor blueprints, which may change or be rendered
 * from `{{ }}` templates first (a templated part is left to the search). 422 `invalid_search_query` naming
 * the rule, as the compiler answers.
 */
export function checkSearchQueryShape(query: unknown, path: RulePath = '', depth = 1): void {
  if (templated(query)) return;
  if (!isPlainObject(query)) return checkQueryNode(query, path, depth);
  const { combinator, rules } = query;
  checkQueryNode(
    { combinator: templated(combinator) ? 'and' : combinator, rules: templated(rules) ? [] : rules },
    path,
    depth,
  );
  if (Array.isArray(rules)) rules.forEach((rule, i) => checkRuleShape(rule, childPath(path, i), depth));
}

function checkRuleShape(rule: unknown, path: RulePath, depth: number) {
  if (templated(rule)) return;
  if (!isPlainObject(rule)) throw invalidRule(path, 'a rule must be an object');
  if ('combinator' in rule || 'rules' in rule) return checkSearchQueryShape(rule, path, depth + 1);
  const { property, operator } = rule;
  if (templated(operator)) return;
  if (typeof operator !== 'string' || !RULE_OPERATORS.has(operator))
    throw invalidRule(path, `unknown operator ${JSON.stringify(operator) ?? '(missing)'}`);
  if (operator === 'relatedTo' || operator === 'matchAny' || 'propertySchema' in rule) return;
  if (templated(property)) return;
  if (typeof property !== 'string' || property === '')
    throw invalidRule(path, 'property must be a non-empty string');
  if (property.startsWith('$') && !isSearchableMeta(property))
    throw invalidRule(path, `unknown meta-property "${property}"`);
}
