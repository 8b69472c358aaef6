import type { JqResult } from './jq-batches.js';

/**
 * Programs that only follow object keys, such as `.run.id` or `.inputs.service` (most of Port's payload
 * templates), answered in this thread instead of a worker's run of jq. A run of jq costs a message to a
 * worker and back and about a millisecond of jq compiling its builtins; a key walk costs microseconds.
 * The walk reads the input as jq does, from its JSON text, and answers only where the answer is sure to be
 * jq's: every step is an object or null. Anything else (an array, a string: jq's errors) goes to jq.
 */

const KEY = '[A-Za-z_][A-Za-z0-9_]*';
const PLAIN_PATH = new RegExp(`^\\s*((?:\\.${KEY})+)\\s*$`);
// Words that jq's grammar may read as something other than a key after a dot.
const KEYWORDS = new Set([
  'if',
  'then',
  'elif',
  'else',
  'end',
  'as',
  'def',
  'reduce',
  'foreach',
  'try',
  'catch',
  'label',
  'import',
  'include',
  'and',
  'or',
  'not',
  '__loc__',
]);

/** The keys `program` follows, or undefined when it is anything but a plain walk of keys. */
export function plainPath(program: string): string[] | undefined {
  const match = PLAIN_PATH.exec(program);
  if (!match) return undefined;
  const keys = match[1]!.slice(1).split('.');
  return keys.some((key) => KEYWORDS.has(key)) ? undefined : keys;
}

// jq refuses an input with a lone surrogate, which JSON.stringify writes as an escape (a pair as itself).
const ESCAPED_LONE_SURROGATE = /\\ud[89a-f]/i;

/**
 * The input as jq would read it (its JSON text), for walks, or undefined when jq must read it itself: jq
 * would refuse it, or it is so large that an answer could break the output limit.
 */
export function walkableInput(text: string, maxOutputBytes: number): { value: unknown } | undefined {
  // An answer is part of the input, and jq writes at most 3 bytes of UTF-8 per UTF-16 unit.
  if (text.length * 3 > maxOutputBytes || ESCAPED_LONE_SURROGATE.test(text)) return undefined;
  return { value: JSON.parse(text) as unknown };
}

/** What jq answers for `keys` over `input` (read by walkableInput), or undefined when jq must run. */
export function followPath(input: unknown, keys: readonly string[]): JqResult | undefined {
  let value = input;
  for (const key of keys) {
    if (value === null) return { outputs: [null] };
    if (typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : null;
  }
  return { outputs: [value] };
}
