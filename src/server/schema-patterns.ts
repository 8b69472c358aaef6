import safeRegex from 'safe-regex2';

/** Keywords whose values are data, not schema: a `pattern` key inside them is no regular expression. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The path of the first regular expression in a JSON Schema (`pattern`, `patternProperties` keys, at any
 * depth) whose matching can take exponential time (nested quantifiers such as `(a+)+`): Ajv runs it on
 * every value a caller sends, on the server's only thread. Undefined when all are safe.
 */
export function unsafePatternAt(schema: unknown, path: string): string | undefined {
  if (Array.isArray(schema)) {
    for (const [index, item] of schema.entries()) {
      const found = unsafePatternAt(item, `${path}.${index}`);
      if (found) return found;
    }
    return undefined;
  }
  if (!isObject(schema)) return undefined;
  for (const [key, value] of Object.entries(schema)) {
    if (DATA_KEYWORDS.has(key)) continue;
    if (key === 'pattern' && typeof value === 'string' && !safeRegex(value)) return `${path}.pattern`;
    if (key === 'patternProperties' && isObject(value))
      for (const source of Object.keys(value))
        if (!safeRegex(source)) return `${path}.patternProperties.${source}`;
    const found = unsafePatternAt(value, `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

export const UNSAFE_PATTERN_MESSAGE =
  'is a regular expression that can take exponential time (nested or too many quantifiers, such as (a+)+): ' +
  'write it without a quantifier inside a quantified group';
