import { isSafePattern } from 'redos-detector';

/** Keywords whose values are data, not schema: a `pattern` key inside them is no regular expression. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * How long one pattern's check may take, and all of one schema's: a pattern not proven safe by then is not.
 * The work is bounded by redos-detector's budget of steps (20,000, a few tens of milliseconds); the time
 * is a backstop only, wide enough that a loaded machine does not refuse a safe pattern (200 ms did, once,
 * in a full run beside other work).
 */
const PATTERN_CHECK_MS = 2_000;
const SCHEMA_CHECK_MS = 5_000;

/**
 * Whether matching `source` (as Ajv compiles it, with the `u` flag) takes at most polynomial time, by
 * redos-detector's search for inputs that make it backtrack without end. It proves `^(\d+\.){3}\d+$` safe,
 * which a star-height rule refused, and finds `(a|a)*`, which such a rule let through. A pattern it cannot
 * parse, or not decide by `deadline`, counts as unsafe.
 */
function isSafe(source: string, deadline: number): boolean {
  const timeout = Math.min(PATTERN_CHECK_MS, deadline - Date.now());
  if (timeout <= 0) return false;
  try {
    return isSafePattern(source, { unicode: true, timeout }).safe;
  } catch {
    return false;
  }
}

/**
 * The path of the first regular expression in a JSON Schema (`pattern`, `patternProperties` keys, at any
 * depth) whose matching can take exponential time (nested quantifiers such as `(a+)+`): Ajv runs it on
 * every value a caller sends, on the server's only thread. Undefined when all are safe.
 */
export function unsafePatternAt(
  schema: unknown,
  path: string,
  deadline = Date.now() + SCHEMA_CHECK_MS,
): string | undefined {
  if (Array.isArray(schema)) {
    for (const [index, item] of schema.entries()) {
      const found = unsafePatternAt(item, `${path}.${index}`, deadline);
      if (found) return found;
    }
    return undefined;
  }
  if (!isObject(schema)) return undefined;
  for (const [key, value] of Object.entries(schema)) {
    if (DATA_KEYWORDS.has(key)) continue;
    if (key === 'pattern' && typeof value === 'string' && !isSafe(value, deadline)) return `${path}.pattern`;
    if (key === 'patternProperties' && isObject(value))
      for (const source of Object.keys(value))
        if (!isSafe(source, deadline)) return `${path}.patternProperties.${source}`;
    const found = unsafePatternAt(value, `${path}.${key}`, deadline);
    if (found) return found;
  }
  return undefined;
}

export const UNSAFE_PATTERN_MESSAGE =
  'is a regular expression that can take exponential time on some inputs (such as (a+)+ or (a|a)*), or one ' +
  'too complex to prove otherwise: write it so that each character can be matched in only one way';
