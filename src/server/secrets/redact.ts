import { createSecretMatcher, type SecretMatcher } from './secret-matcher.js';

export { createSecretMatcher, SECRET_MASK, type SecretMatcher } from './secret-matcher.js';

// A matcher is built once per collection of values: callers redacting many things pass the same one.
const matchers = new WeakMap<object, SecretMatcher>();

function matcherOf(secrets: Iterable<string> | SecretMatcher): SecretMatcher {
  if (isMatcher(secrets)) return secrets;
  let matcher = matchers.get(secrets);
  if (!matcher) {
    matcher = createSecretMatcher(secrets);
    matchers.set(secrets, matcher);
  }
  return matcher;
}

const isMatcher = (value: object): value is SecretMatcher =>
  typeof (value as Partial<SecretMatcher>).maskText === 'function';

/**
 * A copy of `value` in which every occurrence of any of `secretValues` inside a string, an object key, or
 * the digits of a number is replaced by `****` (a number so masked becomes that string). For run views,
 * logs and error messages: `redactSecrets(run, Object.values(await secrets.valuesForTemplates()))`.
 * Strings, arrays, plain objects and errors (their message and stack) are walked; other objects are kept
 * as they are. Matching is linear in the text whatever the number of secrets; the matcher built from a
 * given array (or Set) is cached for as long as that array lives, or pass createSecretMatcher's.
 *
 * @example redactSecrets({ url: 'https://x/?t=s3cr3t' }, ['s3cr3t']) // { url: 'https://x/?t=****' }
 */
export function redactSecrets<T>(value: T, secretValues: Iterable<string> | SecretMatcher): T {
  return redactWith(value, matcherOf(secretValues), new Map()) as T;
}

function redactWith(value: unknown, matcher: SecretMatcher, copies: Map<object, unknown>): unknown {
  if (typeof value === 'string') return matcher.maskText(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    const text = String(value);
    const masked = matcher.maskText(text);
    return masked === text ? value : masked;
  }
  if (typeof value !== 'object' || value === null) return value;
  // Shared and circular references stay shared and circular in the copy.
  if (copies.has(value)) return copies.get(value);
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    copies.set(value, copy);
    for (const item of value) copy.push(redactWith(item, matcher, copies));
    return copy;
  }
  if (value instanceof Error) return redactError(value, matcher, copies);
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy = Object.create(prototype) as Record<string, unknown>;
  copies.set(value, copy);
  for (const [key, item] of Object.entries(value))
    define(copy, matcher.maskText(key), redactWith(item, matcher, copies));
  return copy;
}

function redactError(error: Error, matcher: SecretMatcher, copies: Map<object, unknown>): Error {
  const copy = new Error(matcher.maskText(error.message));
  copies.set(error, copy);
  copy.name = matcher.maskText(error.name);
  copy.stack = error.stack === undefined ? undefined : matcher.maskText(error.stack);
  if (error.cause !== undefined) copy.cause = redactWith(error.cause, matcher, copies);
  for (const [key, item] of Object.entries(error))
    define(copy, matcher.maskText(key), redactWith(item, matcher, copies));
  return copy;
}

/** A plain own property even for a key such as `__proto__`. */
function define(target: object, key: string, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
