import { DomainError } from '../errors.js';
import type { ItemFailure } from './entity-write.js';

const TOP_LEVEL = /^(identifier|title|icon|team)(?=$|[\s:.[])/;
const KEYED = /^(properties|relations)(?=$|[\s:.[])/;
// Blueprint keys follow PROPERTY_IDENTIFIER_PATTERN; a key the input gave may be anything.
const BLUEPRINT_KEY = /^[A-Za-z0-9@_=-]+(?=$|[\s:.[])/;
const ends = (text: string, at: number) => at === text.length || /[\s:.[]/.test(text[at]!);

/**
 * The input field a refused entity write names: every message of the write path starts with it
 * (`properties.tier must be <= 3`, `relations.system: entity "x" … was not found`, `team: "x" is not a
 * team`). `properties.<key>` and `relations.<key>` name the top-level key, matched against the keys the
 * item gave so that a key holding a dot or a space is named whole.
 */
export function inputFieldOf(error: DomainError, input: unknown): string | undefined {
  if (error.code === 'entity_exists') return 'identifier';
  const message = error.message;
  const top = TOP_LEVEL.exec(message);
  if (top) return top[1];
  const keyed = KEYED.exec(message);
  if (!keyed) return undefined;
  const kind = keyed[1] as 'properties' | 'relations';
  if (message[kind.length] !== '.') return kind;
  const rest = message.slice(kind.length + 1);
  const given = keysOf((input as Record<string, unknown> | null)?.[kind])
    .filter((key) => rest.startsWith(key) && ends(rest, key.length))
    .sort((a, b) => b.length - a.length)[0];
  const key = given ?? BLUEPRINT_KEY.exec(rest)?.[0];
  return key === undefined ? kind : `${kind}.${key}`;
}

const keysOf = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : [];

/** `failure` with `details.field` naming the input field at fault, when its message names one. */
export function withInputField(failure: ItemFailure, input: unknown): ItemFailure {
  const { error } = failure;
  const field = error.details?.field === undefined ? inputFieldOf(error, input) : undefined;
  if (field === undefined) return failure;
  const named = new DomainError(error.kind, error.code, error.message, { ...error.details, field });
  return { ...failure, error: named };
}
