import { createHash } from 'node:crypto';
import { textProblemOf } from '../../core/text.js';
import { badInput } from '../errors.js';
import { invalidRule } from './search.values.js';

export type SortValue = string | number | boolean | null;

/** The last row of a page: its sort value (null for no value) and id. */
export interface CursorPosition {
  value: SortValue;
  id: number;
}

export type SortValueType = 'id' | 'string' | 'number' | 'boolean';

const MAX_CANONICAL_DEPTH = 64;

/** A short hash of any JSON value, independent of object key order. */
export function fingerprintOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value, 0)).digest('base64url').slice(0, 22);
}

function canonicalJson(value: unknown, depth: number): string {
  if (depth > MAX_CANONICAL_DEPTH)
    throw invalidRule('', `the query is nested more than ${MAX_CANONICAL_DEPTH} levels deep`);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item, depth + 1)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v, depth + 1)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** An opaque `next`/`from` token. */
export function encodeCursor(position: CursorPosition, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ v: position.value, i: position.id, h: fingerprint })).toString(
    'base64url',
  );
}

/** The position in `from`; 400 when it is not a cursor of this same query and sort. */
export function decodeCursor(from: unknown, fingerprint: string, valueType: SortValueType): CursorPosition {
  const parsed = parseToken(from);
  if (parsed.h !== fingerprint)
    throw invalidCursor('it was issued for a different query, sort or blueprint; start again without "from"');
  const { v: value, i: id } = parsed;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0 || !fitsType(value, valueType))
    throw invalidCursor('it is damaged; pass the "next" value of the previous page unchanged');
  return { value: (value ?? null) as SortValue, id };
}

function parseToken(from: unknown): Record<string, unknown> {
  if (typeof from !== 'string' || from.length === 0 || from.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(from))
    throw invalidCursor('it is not a cursor returned by this API');
  try {
    const parsed: unknown = JSON.parse(Buffer.from(from, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // falls through to the error below
  }
  throw invalidCursor('it is not a cursor returned by this API');
}

function fitsType(value: unknown, valueType: SortValueType): boolean {
  if (value === null || value === undefined) return true;
  if (valueType === 'id') return false;
  if (valueType === 'boolean') return typeof value === 'boolean' || value === 0 || value === 1;
  if (valueType === 'number') return typeof value === 'number' && Number.isFinite(value);
  // Cursors are not signed: a forged value reaches the database, which cannot hold a NUL character.
  return typeof value === 'string' && textProblemOf(value) === undefined;
}

export function invalidCursor(reason: string) {
  return badInput('invalid_cursor', `from: invalid cursor: ${reason}`);
}
