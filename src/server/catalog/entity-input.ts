import type { BlueprintDefinition, JsonObject } from '../../core/blueprint.js';
import type { QueryValue } from '../../core/entity.js';
import { isIdentifierOf } from '../../core/identifiers.js';
import { DomainError, unprocessable } from '../errors.js';

/** One item of a write, checked for shape against its blueprint; values are not validated yet. */
export interface ParsedEntityInput {
  identifier: string | QueryValue;
  /** For PATCH/PUT: the new identifier when the body renames the entity. */
  rename?: string;
  title?: string | null;
  icon?: string | null;
  team?: string[] | QueryValue;
  properties?: JsonObject;
  relations?: Record<string, string[] | null | QueryValue>;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (message: string) => unprocessable('invalid_entity', message);

export function isQueryValue(value: unknown): value is QueryValue {
  return (
    isObject(value) && (value.combinator === 'and' || value.combinator === 'or') && Array.isArray(value.rules)
  );
}

/** Whether a relations object gives any relation as a search query. */
export function hasQueryValue(relations: Record<string, unknown>): boolean {
  for (const key in relations) if (isQueryValue(relations[key])) return true;
  return false;
}

/** An identifier of an entity of `blueprint` (team names for `_team`, which follow Port's team names). */
function checkIdentifier(field: string, value: unknown, blueprint: string): string {
  if (!isIdentifierOf(blueprint, value))
    throw fail(
      blueprint === '_team'
        ? `${field} must be a team name: up to 200 characters, none of ;#/? and no space at either end (got ${JSON.stringify(value)})`
        : `${field} must be 1 to 1000 characters of letters, digits and @_.+:\\/=- (got ${JSON.stringify(value)})`,
    );
  return value;
}

/**
 * Shape checks for one entity body. `pathIdentifier` is set for PUT/PATCH on /entities/{id}: the body's
 * identifier may then rename the entity.
 */
export function parseEntityInput(
  raw: unknown,
  blueprint: BlueprintDefinition,
  pathIdentifier?: string,
): ParsedEntityInput {
  if (!isObject(raw)) throw fail('the entity must be a JSON object');
  if (raw.blueprint !== undefined && raw.blueprint !== blueprint.identifier)
    throw fail(
      `blueprint "${String(raw.blueprint)}" does not match the blueprint in the path ("${blueprint.identifier}")`,
    );
  const parsed: ParsedEntityInput = { identifier: pathIdentifier ?? '' };
  if (pathIdentifier === undefined) {
    if (raw.identifier === undefined) throw fail('identifier is required');
    parsed.identifier = isQueryValue(raw.identifier)
      ? raw.identifier
      : checkIdentifier('identifier', raw.identifier, blueprint.identifier);
  } else if (raw.identifier !== undefined && raw.identifier !== pathIdentifier) {
    parsed.rename = checkIdentifier('identifier', raw.identifier, blueprint.identifier);
  }
  if (raw.title !== undefined) {
    if (raw.title !== null && typeof raw.title !== 'string') throw fail('title must be a string');
    parsed.title = raw.title as string | null;
  }
  if (raw.icon !== undefined) {
    if (raw.icon !== null && typeof raw.icon !== 'string') throw fail('icon must be a string');
    parsed.icon = raw.icon as string | null;
  }
  if (raw.team !== undefined) parsed.team = parseTeam(raw.team);
  if (raw.properties !== undefined) {
    if (!isObject(raw.properties)) throw fail('properties must be an object');
    // A copy: checking fills in defaults, and a write computed again (its blueprint changed) starts from
    // what the client sent, not from the defaults of the definition before.
    parsed.properties = { ...raw.properties };
  }
  if (raw.relations !== undefined) parsed.relations = parseRelations(raw.relations, blueprint);
  return parsed;
}

function parseTeam(team: unknown): string[] | QueryValue {
  if (team === null) return [];
  if (isQueryValue(team)) return team;
  const list = Array.isArray(team) ? team : [team];
  for (const [i, value] of list.entries())
    if (typeof value !== 'string' || value === '' || value.length > 100)
      throw fail(`team${Array.isArray(team) ? `[${i}]` : ''} must be a team identifier`);
  return [...new Set(list as string[])];
}

function parseRelations(relations: unknown, blueprint: BlueprintDefinition) {
  if (!isObject(relations)) throw fail('relations must be an object');
  const out: Record<string, string[] | null | QueryValue> = {};
  for (const [key, value] of Object.entries(relations)) {
    const definition = Object.hasOwn(blueprint.relations, key) ? blueprint.relations[key] : undefined;
    if (!definition) throw fail(`relations.${key} is not a relation of blueprint "${blueprint.identifier}"`);
    if (value === null) out[key] = null;
    else if (isQueryValue(value)) out[key] = value;
    else if (typeof value === 'string')
      out[key] = [checkIdentifier(`relations.${key}`, value, definition.target)];
    else if (Array.isArray(value)) {
      if (!definition.many && value.length > 1)
        throw fail(`relations.${key} is a single relation: give one identifier, not ${value.length}`);
      value.forEach((v, i) => checkIdentifier(`relations.${key}[${i}]`, v, definition.target));
      out[key] = value.length > 1 ? [...new Set(value as string[])] : (value as string[]);
    } else
      throw fail(`relations.${key} must be an identifier, a list of identifiers, null or a search query`);
  }
  return out;
}

/** Drops null-valued properties: in Portico, as in Port, null means "not set". `properties` when none is. */
export function withoutNulls(properties: JsonObject): JsonObject {
  let hasNull = false;
  for (const key in properties) if (properties[key] === null) hasNull = true;
  if (!hasNull) return properties;
  const out: JsonObject = {};
  for (const key in properties) if (properties[key] !== null) out[key] = properties[key]!;
  return out;
}

export function errorOf(error: unknown): DomainError | undefined {
  return error instanceof DomainError ? error : undefined;
}
