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
  const own = (from: Record<string, unknown>) =>
    Object.hasOwn(from, reference.property) ? from[reference.property] : undefined;
  if (reference.context === 'user') return own(context.user) ?? null;
  return flat(context.teams.map(own));
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

const TEXT_TESTS = {
  contains: (actual: string, expected: string) => actual.includes(expected),
  beginsWith: (actual: string, expected: string) => actual.startsWith(expected),
  endsWith: (actual: string, expected: string) => actual.endsWith(expected),
};
const NEGATED_TEXT_TESTS = {
  doesNotContains: 'contains',
  doesNotBeginsWith: 'beginsWith',
  doesNotEndsWith: 'endsWith',
} as const;
const COMPARISONS = {
  '>': (a: number, b: number) => a > b,
  '>=': (a: number, b: number) => a >= b,
  '<': (a: number, b: number) => a < b,
  '<=': (a: number, b: number) => a <= b,
};

const OPERATORS_ON_THE_USER = [
  '=',
  '!=',
  'in',
  'notIn',
  'containsAny',
  'isEmpty',
  'isNotEmpty',
  ...(Object.keys(TEXT_TESTS) as Array<keyof typeof TEXT_TESTS>),
  ...(Object.keys(NEGATED_TEXT_TESTS) as Array<keyof typeof NEGATED_TEXT_TESTS>),
  ...(Object.keys(COMPARISONS) as Array<keyof typeof COMPARISONS>),
] as const;

/** A number, or an ISO date as its instant, so that a user's dates compare as the search compares dates. */
function comparable(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  const instant = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(instant) ? undefined : instant;
}

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
  // Text tests ignore case, as the search's LIKE does; a list matches when any of its values does.
  const negatedText = NEGATED_TEXT_TESTS[operator as keyof typeof NEGATED_TEXT_TESTS];
  const textTest = TEXT_TESTS[(negatedText ?? operator) as keyof typeof TEXT_TESTS];
  if (textTest) {
    if (typeof expected !== 'string')
      throw invalidRule(path, `"${operator}" on the user's "${reference.property}" takes a string value`);
    const needle = expected.toLowerCase();
    const found = actuals.some((a) => textTest(a.toLowerCase(), needle));
    return negatedText ? empty || !found : !empty && found;
  }
  const compare = COMPARISONS[operator as keyof typeof COMPARISONS];
  if (compare) {
    const bound = comparable(expected);
    if (bound === undefined)
      throw invalidRule(
        path,
        `"${operator}" on the user's "${reference.property}" takes a number or a date (got ${JSON.stringify(expected)})`,
      );
    const value = Array.isArray(actual) ? undefined : comparable(actual);
    return value !== undefined && compare(value, bound);
  }
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
