/** One field that differs between a record's `before` and `after`. */
export interface FieldChange {
  /** Dotted, e.g. `properties.tier`; empty for a value that is not an object (the whole record). */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const MAX_DEPTH = 12;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isAbsent = (value: unknown) => value === undefined || value === null;

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((value, i) => sameValue(value, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key]))
    );
  }
  return false;
}

/**
 * The fields that differ from `before` to `after`, by dotted path, objects walked into and arrays compared
 * whole. A side that is missing (a create or a delete) lists every field of the other as added or removed.
 *
 * @example diffChanges({properties: {tier: 'gold'}}, {properties: {tier: 'silver'}})
 *   // [{path: 'properties.tier', kind: 'changed', before: 'gold', after: 'silver'}]
 */
export function diffChanges(before: unknown, after: unknown, path = '', depth = 0): FieldChange[] {
  if (sameValue(before, after)) return [];
  if (depth < MAX_DEPTH) {
    if (isObject(before) && isObject(after)) {
      const keys = [
        ...Object.keys(after),
        ...Object.keys(before).filter((key) => !Object.hasOwn(after, key)),
      ];
      return keys.flatMap((key) => diffChanges(before[key], after[key], join(path, key), depth + 1));
    }
    if (isObject(after) && isAbsent(before))
      return Object.keys(after).flatMap((key) =>
        diffChanges(undefined, after[key], join(path, key), depth + 1),
      );
    if (isObject(before) && isAbsent(after))
      return Object.keys(before).flatMap((key) =>
        diffChanges(before[key], undefined, join(path, key), depth + 1),
      );
  }
  if (isAbsent(before)) return isEmpty(after) ? [] : [{ path, kind: 'added', after }];
  if (isAbsent(after)) return isEmpty(before) ? [] : [{ path, kind: 'removed', before }];
  return [{ path, kind: 'changed', before, after }];
}

/** Nothing worth a line: an empty list or text is as good as no value when a field appears or goes. */
const isEmpty = (value: unknown) =>
  isAbsent(value) || value === '' || (Array.isArray(value) && value.length === 0);

/** What a list gained and lost, for lists of plain values (a user's teams, an enum's values). */
export function listChange(before: unknown, after: unknown) {
  const plain = (value: unknown): value is Array<string | number | boolean> =>
    Array.isArray(value) && value.every((v) => ['string', 'number', 'boolean'].includes(typeof v));
  const from = isAbsent(before) ? [] : before;
  const to = isAbsent(after) ? [] : after;
  if (!plain(from) || !plain(to)) return undefined;
  return {
    added: to.filter((value) => !from.includes(value)),
    removed: from.filter((value) => !to.includes(value)),
  };
}

/** A value as a person reads it: text as it is, lists with commas, anything else as compact JSON. */
export function plainValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null))
    return value.map((v) => (v === null ? 'null' : String(v))).join(', ');
  return JSON.stringify(value);
}
