import type { BlueprintDefinition, JsonObject } from '../../core/blueprint.js';
import { isEntityIdentifier } from '../../core/identifiers.js';
import {
  DEFAULT_LEVELS,
  LEVEL_COLORS,
  SCORECARD_META_FIELDS,
  searchQueryOf,
  type ScorecardDefinition,
  type ScorecardLevel,
  type ScorecardQuery,
  type ScorecardRule,
} from '../../core/scorecard.js';
import { DomainError, unprocessable } from '../errors.js';
import { compileSearchQuery } from '../search/search.compiler.js';
import type { Dialect } from '../storage/dialect/index.js';

/** Port's pattern of rule identifiers (and of the keys of a scorecard's `properties`). */
const RULE_IDENTIFIER = /^[A-Za-z0-9@_=-]+$/;
const MAX_IDENTIFIER = 100;
/**
 * Rules of one scorecard (each is a column of its evaluation's statement), conditions of one query, and
 * text matches in all of a scorecard: each entity written is evaluated under every one of them, and SQLite
 * runs one statement at a time (a scorecard of 100 rules of 200 conditions took 48 s for 4 entities).
 */
export const MAX_RULES = 50;
export const MAX_CONDITIONS = 20;
const MAX_TEXT_MATCHES = 20;
const TEXT_MATCH = /^(doesNot)?(Contains|BeginsWith|EndsWith)$|^(contains|beginsWith|endsWith)$/;
const MAX_DESCRIPTION = 2_000;
const MAX_LEVELS = 20;
const FIELDS = new Set(['identifier', 'title', 'filter', 'levels', 'rules', 'properties']);
const RULE_FIELDS = new Set(['identifier', 'title', 'description', 'level', 'query']);
const COLORS: ReadonlySet<string> = new Set(LEVEL_COLORS);

/**
 * Names an object already has (`__proto__`, `constructor`, `toString`…): scorecards, rules and levels are
 * keys of entities' results and of counts, where such a name would read or set the object's own machinery.
 */
const RESERVED: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));
const notReserved = (name: string, field: string) => {
  if (RESERVED.has(name)) throw invalid(field, `"${name}" is a reserved name`);
  return name;
};

const invalid = (field: string, message: string) =>
  unprocessable('invalid_scorecard', `${field}: ${message}`, { field });

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: unknown, field: string, max = 1_000): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(field, 'must be a non-empty string');
  if (value.length > max) throw invalid(field, `must be at most ${max} characters`);
  return value;
}

/**
 * A scorecard as a client wrote it (Port's JSON), checked field by field, with Port's levels when it names
 * none; 422 naming the field at fault. The fields of an answer (id, blueprint, createdAt…) are passed over,
 * so that a scorecard read from one portal can be written to another.
 */
export function normalizeScorecard(input: unknown, at = ''): ScorecardDefinition {
  const field = (name: string) => (at ? `${at}.${name}` : name);
  if (!isObject(input)) throw invalid(at || 'body', 'a scorecard must be an object');
  for (const key of Object.keys(input))
    if (!FIELDS.has(key) && !SCORECARD_META_FIELDS.includes(key))
      throw invalid(field(key), 'is not a field of a scorecard');
  const identifier = notReserved(
    text(input.identifier, field('identifier'), MAX_IDENTIFIER),
    field('identifier'),
  );
  // Quotes and backslashes would need escaping in the JSON paths that search results by scorecard.
  if (!isEntityIdentifier(identifier) || /["\\]/.test(identifier))
    throw invalid(field('identifier'), 'may hold letters, digits and @_.+:/=- only');
  const title = text(input.title, field('title'));
  const levels =
    input.levels === undefined
      ? DEFAULT_LEVELS.map((l) => ({ ...l }))
      : checkLevels(input.levels, field('levels'));
  if (!Array.isArray(input.rules)) throw invalid(field('rules'), 'must be an array of rules');
  if (input.rules.length > MAX_RULES)
    throw invalid(field('rules'), `a scorecard has at most ${MAX_RULES} rules`);
  const seen = new Set<string>();
  const rules = input.rules.map((rule, i) => {
    const checked = checkRule(rule, `${field('rules')}[${i}]`, levels);
    if (seen.has(checked.identifier))
      throw invalid(`${field('rules')}[${i}].identifier`, `"${checked.identifier}" names two rules`);
    seen.add(checked.identifier);
    return checked;
  });
  const definition: ScorecardDefinition = { identifier, title, levels, rules };
  if (input.filter !== undefined && input.filter !== null)
    definition.filter = checkQuery(input.filter, field('filter'));
  const conditions = [definition.filter, ...rules.map((r) => r.query)].flatMap((q) => q?.conditions ?? []);
  if (conditions.filter((c) => TEXT_MATCH.test(String(c.operator))).length > MAX_TEXT_MATCHES)
    throw invalid(
      field('rules'),
      `a scorecard has at most ${MAX_TEXT_MATCHES} contains, beginsWith and endsWith conditions (and their negations)`,
    );
  if (input.properties !== undefined) {
    if (!isObject(input.properties)) throw invalid(field('properties'), 'must be an object');
    for (const key of Object.keys(input.properties))
      if (!RULE_IDENTIFIER.test(key))
        throw invalid(`${field('properties')}.${key}`, 'is not a valid property name');
    definition.properties = input.properties as JsonObject;
  }
  return definition;
}

function checkLevels(value: unknown, field: string): ScorecardLevel[] {
  if (!Array.isArray(value) || value.length === 0)
    throw invalid(field, 'must be a non-empty array of levels');
  if (value.length > MAX_LEVELS) throw invalid(field, `a scorecard has at most ${MAX_LEVELS} levels`);
  const titles = new Set<string>();
  return value.map((level, i) => {
    const at = `${field}[${i}]`;
    if (!isObject(level)) throw invalid(at, 'a level must be an object with title and color');
    for (const key of Object.keys(level))
      if (key !== 'title' && key !== 'color') throw invalid(`${at}.${key}`, 'is not a field of a level');
    const title = notReserved(text(level.title, `${at}.title`, 100), `${at}.title`);
    if (titles.has(title)) throw invalid(`${at}.title`, `"${title}" names two levels`);
    titles.add(title);
    if (typeof level.color !== 'string' || !COLORS.has(level.color))
      throw invalid(`${at}.color`, `must be one of ${LEVEL_COLORS.join(', ')}`);
    return { title, color: level.color as ScorecardLevel['color'] };
  });
}

function checkRule(value: unknown, at: string, levels: readonly ScorecardLevel[]): ScorecardRule {
  if (!isObject(value)) throw invalid(at, 'a rule must be an object');
  for (const key of Object.keys(value))
    if (!RULE_FIELDS.has(key)) throw invalid(`${at}.${key}`, 'is not a field of a rule');
  const identifier = notReserved(
    text(value.identifier, `${at}.identifier`, MAX_IDENTIFIER),
    `${at}.identifier`,
  );
  if (!RULE_IDENTIFIER.test(identifier))
    throw invalid(`${at}.identifier`, 'may hold letters, digits and @_=- only');
  const title = text(value.title, `${at}.title`);
  const level = text(value.level, `${at}.level`, 100);
  const index = levels.findIndex((l) => l.title === level);
  if (index < 0)
    throw invalid(
      `${at}.level`,
      `"${level}" is not a level of the scorecard (${levels.map((l) => l.title).join(', ')})`,
    );
  if (index === 0)
    throw invalid(
      `${at}.level`,
      `"${level}" is the first level, which every entity starts at: it cannot have rules`,
    );
  const query = checkQuery(value.query, `${at}.query`);
  const description = value.description ?? undefined;
  if (description !== undefined && (typeof description !== 'string' || description.length > MAX_DESCRIPTION))
    throw invalid(`${at}.description`, `must be a string of at most ${MAX_DESCRIPTION} characters`);
  // Port's order of keys, description only when given.
  return { identifier, title, ...(description !== undefined ? { description } : {}), level, query };
}

function checkQuery(value: unknown, at: string): ScorecardQuery {
  if (!isObject(value)) throw invalid(at, 'must be an object with combinator and conditions');
  for (const key of Object.keys(value))
    if (key !== 'combinator' && key !== 'conditions')
      throw invalid(`${at}.${key}`, 'is not a field of a query');
  if (value.combinator !== 'and' && value.combinator !== 'or')
    throw invalid(`${at}.combinator`, 'must be "and" or "or"');
  if (!Array.isArray(value.conditions) || value.conditions.length === 0)
    throw invalid(`${at}.conditions`, 'must be a non-empty array of conditions');
  if (value.conditions.length > MAX_CONDITIONS)
    throw invalid(`${at}.conditions`, `a query has at most ${MAX_CONDITIONS} conditions`);
  value.conditions.forEach((condition, i) => {
    if (!isObject(condition)) throw invalid(`${at}.conditions[${i}]`, 'a condition must be an object');
    if (condition.not !== undefined && typeof condition.not !== 'boolean')
      throw invalid(`${at}.conditions[${i}].not`, 'must be a boolean');
    if (condition.not === true && condition.operator !== 'isEmpty' && condition.operator !== 'isNotEmpty')
      throw invalid(`${at}.conditions[${i}].not`, 'applies to isEmpty and isNotEmpty only');
  });
  return { combinator: value.combinator, conditions: value.conditions as JsonObject[] };
}

/**
 * Checks the filter and every rule against the blueprint as the catalog `blueprints` defines it: a
 * condition on a property, relation or scorecard it lacks, or an operator that does not fit the value,
 * is refused naming the rule and condition.
 */
export function checkScorecardAgainst(
  definition: ScorecardDefinition,
  blueprint: string,
  blueprints: ReadonlyMap<string, BlueprintDefinition>,
  dialect: Dialect,
  at = '',
): void {
  const field = (name: string) => (at ? `${at}.${name}` : name);
  const compile = (query: ScorecardQuery, where: string) => {
    try {
      compileSearchQuery(searchQueryOf(query), { dialect, blueprints: new Map(blueprints), blueprint });
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'unprocessable') throw error;
      const rule = String(error.details?.rule ?? '');
      const message = error.message.slice(rule.length + 2) || error.message;
      throw invalid(`${where}${rule.replace(/^rules/, '.conditions')}`, message);
    }
  };
  if (definition.filter) compile(definition.filter, field('filter'));
  definition.rules.forEach((rule, i) => compile(rule.query, `${field('rules')}[${i}].query`));
}

/** The rules (by index) of `definition` that no longer hold against the catalog `blueprints`. */
export function brokenRules(
  definition: ScorecardDefinition,
  blueprint: string,
  blueprints: ReadonlyMap<string, BlueprintDefinition>,
  dialect: Dialect,
): { filter: string | undefined; rules: Array<{ identifier: string; problem: string }> } {
  const problemOf = (query: ScorecardQuery) => {
    try {
      compileSearchQuery(searchQueryOf(query), { dialect, blueprints: new Map(blueprints), blueprint });
      return undefined;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return error.message;
    }
  };
  return {
    filter: definition.filter ? problemOf(definition.filter) : undefined,
    rules: definition.rules.flatMap((rule) => {
      const problem = problemOf(rule.query);
      return problem ? [{ identifier: rule.identifier, problem }] : [];
    }),
  };
}

/** The scorecard with a renamed property, mirror or relation renamed in its conditions too. */
export function renamedIn(
  definition: ScorecardDefinition,
  renamed: { kind: 'property' | 'mirror' | 'relation'; from: string; to: string },
): ScorecardDefinition {
  const field = renamed.kind === 'relation' ? 'relation' : 'property';
  let changed = false;
  const rename = (query: ScorecardQuery): ScorecardQuery => ({
    ...query,
    conditions: query.conditions.map((condition) => {
      if (condition[field] !== renamed.from) return condition;
      changed = true;
      return { ...condition, [field]: renamed.to };
    }),
  });
  const next: ScorecardDefinition = {
    ...definition,
    ...(definition.filter ? { filter: rename(definition.filter) } : {}),
    rules: definition.rules.map((rule) => ({ ...rule, query: rename(rule.query) })),
  };
  return changed ? next : definition;
}
