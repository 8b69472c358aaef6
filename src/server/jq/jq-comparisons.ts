import { plainPath } from './jq-paths.js';

/**
 * Programs that compare a plain key path with a literal, such as `.diff.after.properties.status == "down"`
 * (most of Port's automation conditions), answered in this thread instead of a worker's run of jq: a
 * message to a worker and back per batch of events was most of what a condition cost. Answered only where
 * the answer is sure to be jq's (see compare); anything else goes to jq.
 */
export interface Comparison {
  keys: string[];
  operator: '==' | '!=' | '<' | '<=' | '>' | '>=';
  literal: null | boolean | number | string;
}

const COMPARISON = /^\s*(\.[^=!<>]*?)\s*(==|!=|<=|>=|<|>)\s*(.+?)\s*$/;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
// A jq string literal that JSON reads the same: no interpolation, JSON's escapes only.
// eslint-disable-next-line no-control-regex -- control characters are what a JSON string may not hold raw
const STRING = /^"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"$/;

export function simpleComparison(program: string): Comparison | undefined {
  const match = COMPARISON.exec(program);
  if (!match) return undefined;
  const keys = plainPath(match[1]!);
  const literal = literalOf(match[3]!);
  if (!keys || literal === undefined) return undefined;
  return { keys, operator: match[2] as Comparison['operator'], literal: literal.value };
}

function literalOf(text: string): { value: Comparison['literal'] } | undefined {
  if (text === 'null') return { value: null };
  if (text === 'true') return { value: true };
  if (text === 'false') return { value: false };
  if (NUMBER.test(text)) {
    const value = Number(text);
    return Number.isFinite(value) ? { value } : undefined;
  }
  if (STRING.test(text)) return { value: JSON.parse(text) as string };
  return undefined;
}

/** jq's order of kinds: null < false < true < numbers < strings (arrays and objects go to jq). */
function rank(value: unknown): number | undefined {
  if (value === null) return 0;
  if (value === false) return 1;
  if (value === true) return 2;
  if (typeof value === 'number') return 3;
  if (typeof value === 'string') return 4;
  return undefined;
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range, controls included
const ASCII = /^[\x00-\x7f]*$/;

/**
 * The comparison over a JSON value, as jq answers it; undefined where jq must run: a step that is neither
 * an object nor null (jq's error), an array or object compared, strings ordered beyond ASCII (jq orders by
 * code point, JavaScript by UTF-16 unit).
 */
export function compare(input: unknown, comparison: Comparison): boolean | undefined {
  let value = input;
  for (const key of comparison.keys) {
    if (value === null) break;
    if (typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : null;
  }
  if (value === undefined) value = null;
  const { operator, literal } = comparison;
  const left = rank(value);
  const right = rank(literal)!;
  if (left === undefined) return undefined;
  if (operator === '==' || operator === '!=') return (value === literal) === (operator === '==');
  let order: number;
  if (left !== right) order = left - right;
  else if (typeof value === 'number') order = value - (literal as number);
  else if (typeof value === 'string') {
    if (!ASCII.test(value) || !ASCII.test(literal as string)) return undefined;
    order = value < (literal as string) ? -1 : value > (literal as string) ? 1 : 0;
  } else order = 0;
  if (operator === '<') return order < 0;
  if (operator === '<=') return order <= 0;
  if (operator === '>') return order > 0;
  return order >= 0;
}
