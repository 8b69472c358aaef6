/**
 * Text that neither database can store or compare: PostgreSQL refuses a NUL character in text and jsonb,
 * and a lone UTF-16 surrogate has no UTF-8 form. Both are refused on both databases alike.
 */
export type TextProblem = 'nul' | 'lone_surrogate';

/** True when `text` has no unpaired surrogate (String.prototype.isWellFormed, Node 20 and later). */
const isWellFormedText = (text: string): boolean =>
  (text as unknown as { isWellFormed(): boolean }).isWellFormed();

/**
 * What is wrong with `text` for storage, or undefined when nothing is.
 * @example textProblemOf('a\u0000b') // 'nul'
 */
export function textProblemOf(text: string): TextProblem | undefined {
  if (text.includes('\u0000')) return 'nul';
  return isWellFormedText(text) ? undefined : 'lone_surrogate';
}

/** The end of a sentence naming the field, e.g. `title ${describeTextProblem('nul')}`. */
export function describeTextProblem(problem: TextProblem): string {
  return problem === 'nul'
    ? 'must not contain a NUL character (\\u0000)'
    : 'must not contain an unpaired surrogate (\\ud800-\\udfff alone): it is not valid Unicode';
}

/**
 * `text` as both databases store it: each NUL character and unpaired surrogate replaced by U+FFFD. For what
 * Portico records rather than accepts (a jq error's message, a backend's answer), which it cannot refuse.
 * @example storableText('a\u0000b') // 'a\ufffdb'
 */
export function storableText(text: string): string {
  if (textProblemOf(text) === undefined) return text;
  return (text.replaceAll('\u0000', '\ufffd') as unknown as { toWellFormed(): string }).toWellFormed();
}

/** `value` with every string in it, keys too, made storable (storableText): JSON that jsonb takes. */
export function storableJson(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storableJson);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [storableText(key), storableJson(item)]),
  );
}
