import { sql, type SqlBool } from 'kysely';
import { likePattern, type Dialect } from '../storage/dialect/index.js';
import { parseDateRange, parseDateValue, type DateSpan } from './search.dates.js';
import { FALSE, and, not, type Condition, type Target } from './search.targets.js';
import {
  expectBoolean,
  expectNumber,
  expectNumberList,
  expectString,
  expectStringList,
  invalidRule,
  isPlainObject,
  type RulePath,
} from './search.values.js';

export { PROPERTY_OPERATORS } from '../../core/search-operators.js';

export interface OperatorContext {
  dialect: Dialect;
  now: Date;
  path: RulePath;
}

// Maps, not object literals: operator names come from the client, and `toString` or `constructor` must not
// find something on Object.prototype.
const LIKE_MODES = new Map<string, 'contains' | 'begins' | 'ends'>([
  ['contains', 'contains'],
  ['beginsWith', 'begins'],
  ['endsWith', 'ends'],
]);
/** Operators whose work on one row grows with the length of its text (LIKE). */
export const TEXT_MATCH_OPERATORS: ReadonlySet<string> = new Set([
  ...LIKE_MODES.keys(),
  'doesNotContains',
  'doesNotBeginsWith',
  'doesNotEndsWith',
]);
export const NEGATED_OPERATORS: ReadonlyMap<string, string> = new Map<string, string>([
  ['!=', '='],
  ['doesNotContains', 'contains'],
  ['doesNotBeginsWith', 'beginsWith'],
  ['doesNotEndsWith', 'endsWith'],
  ['notIn', 'in'],
  ['notBetween', 'between'],
]);

/**
 * The longest value of contains / beginsWith / endsWith (and their negations): SQLite refuses LIKE
 * patterns over 50,000 bytes, and 10,000 UTF-16 code units stay under that even as 3-byte UTF-8 with escapes.
 */
export const MAX_TEXT_OPERATOR_LENGTH = 10_000;

function expectNeedle(value: unknown, ctx: OperatorContext, what: string): string {
  const needle = expectString(value, ctx.path, what);
  if (needle.length > MAX_TEXT_OPERATOR_LENGTH)
    throw invalidRule(
      ctx.path,
      `${what} is ${needle.length} characters long; the most is ${MAX_TEXT_OPERATOR_LENGTH}`,
    );
  return needle;
}

/** Negative operators also match entities where the value is empty, as "not equal to x" reads. */
export function compileOperator(
  target: Target,
  operator: string,
  value: unknown,
  ctx: OperatorContext,
): Condition {
  // Port's rule value may be null: `= null` asks for an empty value, `!= null` for any other.
  if (operator === 'isEmpty' || (operator === '=' && value === null)) return target.empty;
  if (operator === 'isNotEmpty' || (operator === '!=' && value === null)) return not(target.empty);
  const positive = NEGATED_OPERATORS.get(operator);
  if (positive) return not(compilePositive(target, positive, value, ctx, operator));
  return compilePositive(target, operator, value, ctx, operator);
}

function compilePositive(target: Target, op: string, value: unknown, ctx: OperatorContext, asked: string) {
  switch (target.kind) {
    case 'string':
      return stringOperator(target, op, value, ctx, asked);
    case 'number':
      return numberOperator(target, op, value, ctx, asked);
    case 'boolean':
      return booleanOperator(target, op, value, ctx, asked);
    case 'date':
      return dateOperator(target, op, value, ctx, asked);
    case 'array':
      return arrayOperator(target, op, value, ctx, asked);
    case 'object':
      throw unsupported(target, asked, ctx.path);
  }
}

function unsupported(target: Target, operator: string, path: RulePath) {
  return invalidRule(path, `operator "${operator}" does not apply to ${target.kind} ${target.label}`);
}

const what = (target: Target, operator: string) => `value of "${operator}" on ${target.label}`;

function stringOperator(target: Target, op: string, value: unknown, ctx: OperatorContext, asked: string) {
  if (op === '=')
    return sql<SqlBool>`${target.value} = ${expectString(value, ctx.path, what(target, asked))}`;
  if (op === 'in' || op === 'containsAny')
    return inList(target, expectStringList(value, ctx.path, what(target, asked)));
  const mode = LIKE_MODES.get(op);
  if (mode) {
    const needle = expectNeedle(value, ctx, what(target, asked));
    return ctx.dialect.ilike(target.value, likePattern(needle, mode));
  }
  throw unsupported(target, asked, ctx.path);
}

function inList(target: Target, values: unknown[]): Condition {
  return values.length === 0 ? FALSE : sql<SqlBool>`${target.value} in (${sql.join(values)})`;
}

const COMPARISONS = new Set(['>', '>=', '<', '<=']);

function numberOperator(target: Target, op: string, value: unknown, ctx: OperatorContext, asked: string) {
  if (op === '=' || COMPARISONS.has(op)) {
    const n = expectNumber(value, ctx.path, what(target, asked));
    return sql<SqlBool>`${target.value} ${sql.raw(op)} ${n}`;
  }
  if (op === 'in') return inList(target, expectNumberList(value, ctx.path, what(target, asked)));
  throw unsupported(target, asked, ctx.path);
}

function booleanOperator(target: Target, op: string, value: unknown, ctx: OperatorContext, asked: string) {
  if (op !== '=') throw unsupported(target, asked, ctx.path);
  const flag = expectBoolean(value, ctx.path, what(target, asked));
  return sql<SqlBool>`${target.value} = ${JSON.stringify(flag)}`;
}

function dateOperator(target: Target, op: string, value: unknown, ctx: OperatorContext, asked: string) {
  const compare = target.compareDate!;
  if (asked === 'isExpired') return compare('<', ctx.now.toISOString());
  if (asked === 'isNotExpired') return compare('>=', ctx.now.toISOString());
  if (op === 'between') return within(compare, parseDateRange(value, ctx.path, ctx.now));
  // Port's date rule takes `=` with a range (`{preset}` or `{from, to}`) as well as with one date.
  if (op === '=')
    return within(
      compare,
      isPlainObject(value)
        ? parseDateRange(value, ctx.path, ctx.now)
        : parseDateValue(value, ctx.path, what(target, asked)),
    );
  if (COMPARISONS.has(op))
    return compareWithSpan(compare, op, parseDateValue(value, ctx.path, what(target, asked)));
  if (op === 'in' || LIKE_MODES.has(op)) return stringOperator(target, op, value, ctx, asked);
  throw unsupported(target, asked, ctx.path);
}

type Compare = NonNullable<Target['compareDate']>;

function within(compare: Compare, span: DateSpan): Condition {
  if (span.toInclusive && span.from === span.to) return compare('=', span.from);
  return and([compare('>=', span.from), compare(span.toInclusive ? '<=' : '<', span.to)]);
}

/** A date-only value is a whole day: `> 2024-05-01` starts the next day, `<= 2024-05-01` includes it. */
function compareWithSpan(compare: Compare, op: string, span: DateSpan): Condition {
  if (op === '>') return compare(span.toInclusive ? '>' : '>=', span.to);
  if (op === '>=') return compare('>=', span.from);
  if (op === '<') return compare('<', span.from);
  return compare(span.toInclusive ? '<=' : '<', span.to);
}

function arrayOperator(target: Target, op: string, value: unknown, ctx: OperatorContext, asked: string) {
  if (!target.stringItems)
    throw invalidRule(
      ctx.path,
      `operator "${asked}" is only supported on arrays of strings, not on ${target.label}`,
    );
  const { dialect } = ctx;
  if (op === '=')
    return dialect.jsonArrayContainsAny(target.value, [expectString(value, ctx.path, what(target, asked))]);
  if (op === 'in' || op === 'containsAny') {
    const values = expectStringList(value, ctx.path, what(target, asked));
    return values.length === 0 ? FALSE : dialect.jsonArrayContainsAny(target.value, values);
  }
  if (op === 'contains')
    return dialect.jsonArrayHasSubstring(target.value, expectNeedle(value, ctx, what(target, asked)));
  throw unsupported(target, asked, ctx.path);
}
