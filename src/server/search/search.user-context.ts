import { invalidRule, isPlainObject, type RulePath } from './search.values.js';

/**
 * Who is searching, for Port's contextual rules: `{"context": "user", "property": P}` is P of the
 * searcher's _user entity, `{"context": "userTeams", "property": P}` the values of P over their teams, and
 * the value "My Teams" their team names. Meta-properties ($identifier, $title, $team) work as P too.
 */
export interface UserContext {
  user: Record<string, unknown>;
  teams: Array<Record<string, unknown>>;
  teamNames: readonly string[];
}

interface ContextReference {
  context: 'user' | 'userTeams';
  property: string;
}

function contextReference(value: unknown, path: RulePath, field: string): ContextReference | undefined {
  if (!isPlainObject(value) || !('context' in value)) return undefined;
  if ((value.context !== 'user' && value.context !== 'userTeams') || typeof value.property !== 'string')
    throw invalidRule(
      path,
      `${field} {"context": "user" | "userTeams", "property": "<name>"} names a property of the user or their teams`,
    );
  return value as unknown as ContextReference;
}

const flat = (values: unknown[]) =>
  [...new Set(values.flatMap((v) => (Array.isArray(v) ? v : [v])))].filter(
    (v) => v !== undefined && v !== null,
  );

function valueOf(reference: ContextReference, context: UserContext): unknown {
  if (reference.context === 'user') return context.user[reference.property] ?? null;
  return flat(context.teams.map((team) => team[reference.property]));
}

/** A rule's value with contextual references resolved; without a searcher they are refused. */
export function resolveContextValue(
  value: unknown,
  context: UserContext | undefined,
  path: RulePath,
): unknown {
  const reference = contextReference(value, path, 'value');
  const myTeams = Array.isArray(value) ? value.includes('My Teams') : value === 'My Teams';
  if (!reference && !myTeams) return value;
  if (!context)
    throw invalidRule(
      path,
      'contextual values ({"context": …} or "My Teams") need a signed-in user or a user\'s credentials',
    );
  if (reference) return valueOf(reference, context);
  if (!Array.isArray(value)) return [...context.teamNames];
  return [...new Set(value.flatMap((v) => (v === 'My Teams' ? context.teamNames : [v])))];
}

const OPERATORS_ON_THE_USER = ['=', '!=', 'in', 'notIn', 'containsAny', 'isEmpty', 'isNotEmpty'] as const;

/**
 * A rule whose property is the user's (`{"context": "user", "property": P}`) says something about the
 * searcher, not the entity: it is true or false for the whole search. Undefined for an entity's rule.
 */
export function ruleOnTheUser(
  rule: Record<string, unknown>,
  context: UserContext | undefined,
  path: RulePath,
): boolean | undefined {
  const reference = contextReference(rule.property, path, 'property');
  if (!reference) return undefined;
  if (!context)
    throw invalidRule(
      path,
      'contextual properties ({"context": …}) need a signed-in user or a user\'s credentials',
    );
  const operator = rule.operator as (typeof OPERATORS_ON_THE_USER)[number];
  if (!OPERATORS_ON_THE_USER.includes(operator))
    throw invalidRule(
      path,
      `a rule on the user's "${reference.property}" takes ${OPERATORS_ON_THE_USER.join(', ')}`,
    );
  const actual = valueOf(reference, context);
  const actuals = (Array.isArray(actual) ? actual : [actual]).map(String);
  const expected = resolveContextValue(rule.value, context, path);
  const expecteds = (Array.isArray(expected) ? expected : [expected]).map(String);
  const empty = actual === null || actual === '' || (Array.isArray(actual) && actual.length === 0);
  switch (operator) {
    case '=':
      return !empty && String(actual) === String(expected);
    case '!=':
      return empty || String(actual) !== String(expected);
    case 'in':
    case 'containsAny':
      return actuals.some((a) => expecteds.includes(a));
    case 'notIn':
      return !actuals.some((a) => expecteds.includes(a));
    case 'isEmpty':
      return empty;
    case 'isNotEmpty':
      return !empty;
  }
}
