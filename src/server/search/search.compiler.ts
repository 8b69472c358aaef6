import { propertySchemaOf } from '../../core/computed-properties.js';
import { resolveContextValue, ruleOnTheUser } from './search.user-context.js';
import { sql, type Expression, type SqlBool } from 'kysely';
import { DATASOURCE, isSearchableMeta } from '../../core/search.js';
import { notFound } from '../errors.js';
import {
  clockAt,
  operatorContextOf,
  perBlueprint,
  type CompileContext,
  type SearchScope,
} from './search.context.js';
import { fingerprintOf } from './search.cursor.js';
import { PROPERTY_OPERATORS, TEXT_MATCH_OPERATORS, compileOperator } from './search.operators.js';
import { compileMatchAny } from './search.relations.js';
import { compileRelationRule } from './search.relation-rule.js';
import { compileScorecardRule } from './search.scorecard-rule.js';
import { compileRelatedTo, relatedToWalk } from './search.related-to.js';
import type { RawBuilder } from 'kysely';
import type { WalkBack } from './search.walk-back.js';
import { asOfGraph, type NamedQuery } from './search.as-of.js';
import { currentGraph } from './search.graph.js';
import { compilePropertySchemaRule } from './search.schema-rule.js';
import { checkQueryNode } from './search.shape.js';
import {
  FALSE,
  TRUE,
  and,
  isOneOfBlueprints,
  metaTarget,
  or,
  propertyTarget,
  type Condition,
} from './search.targets.js';
import {
  childPath,
  expectString,
  expectStringList,
  invalidRule,
  isPlainObject,
  type RulePath,
} from './search.values.js';

export type { SearchScope } from './search.context.js';

export interface CompiledSearch {
  /** A condition on the entities table aliased `e`. */
  where: Expression<SqlBool>;
  /** The blueprints the query can match, e.g. the scope's blueprint or those named by `$blueprint` rules. */
  blueprints: string[];
  /** Identifies the query for cursors: equal queries (whatever their key order) share it. */
  fingerprint: string;
  /** Subqueries `where` reads by name (relation rules over the catalog as it was), for the statement's head. */
  tables: NamedQuery[];
  /** A relatedTo rule under the top-level `and` that a walk kept between requests may answer (walkAtTop). */
  walk?: TopWalk;
  /** No rule read the time (date presets, isExpired): the query means the same at any time. */
  timeless: boolean;
}

/** `where` as a relatedTo rule's walk and the rest: `where` = `e.id in (ids) and rest`. */
export interface TopWalk {
  /** The select of the ids (`id`) the walk reaches, which depends on the relation rows alone. */
  ids: RawBuilder<unknown>;
  /** Whom the walk starts from and which ways it goes, when it may be walked back (search.walk-back.ts). */
  back?: WalkBack;
  rest: Expression<SqlBool>;
}

export { MAX_QUERY_DEPTH } from './search.shape.js';
/**
 * PostgreSQL reads a property afresh for each rule (the entity's whole properties document, up to
 * MAX_PROPERTIES_CHARACTERS), so the rules of a query bound the memory one row's evaluation takes: a
 * thousand rules over a 2 MB document took 5.6 GB. An `in` rule takes up to 1,000 values instead.
 */
export const MAX_QUERY_RULES = 200;
/** contains / beginsWith / endsWith and their negations: each one's work grows with the text's length. */
export const MAX_TEXT_MATCH_RULES = 20;
/**
 * relatedTo and matchAny rules walk the relation graph, most of them recursively: a thousand of them kept
 * PostgreSQL busy for minutes. Port's own examples use one or two.
 */
export const MAX_RELATION_RULES = 10;

const OPERATORS: ReadonlySet<string> = new Set(PROPERTY_OPERATORS);

/**
 * Compiles Port's search query (untrusted JSON) to a condition on `entities as e`; 422 naming the rule
 * when it is malformed or does not fit the blueprints.
 */
export function compileSearchQuery(query: unknown, scope: SearchScope): CompiledSearch {
  if (scope.blueprint !== undefined && !scope.blueprints.has(scope.blueprint))
    throw notFound(`Blueprint "${scope.blueprint}" was not found`);
  const narrowed = scope.blueprint !== undefined ? [scope.blueprint] : blueprintsNamedAtTop(query, scope);
  const candidates = narrowed ?? [...scope.blueprints.keys()].sort();
  const past =
    scope.asOf !== undefined
      ? asOfGraph(scope.dialect, scope.asOf, scope.blueprints, scope.visibility)
      : undefined;
  const graph = past ?? currentGraph(scope.dialect, scope.visibility);
  const ctx: CompileContext = {
    scope,
    dialect: scope.dialect,
    clock: clockAt(scope.now ?? new Date()),
    graph,
    candidates,
    filtered: narrowed !== undefined,
    rules: 0,
    relationRules: 0,
    textMatchRules: 0,
    names: 0,
  };
  const condition = compileQuery(query, '', 1, ctx);
  const narrowing = (c: Condition) => (narrowed ? and([isOneOfBlueprints(candidates), c]) : c);
  const walk = past ? undefined : walkAtTop(query, { ...ctx, graph });
  return {
    where: narrowing(condition),
    blueprints: candidates,
    fingerprint: fingerprintOf([query, scope.blueprint ?? null]),
    tables: past?.tables() ?? [],
    ...(walk ? { walk: { ...walk, rest: narrowing(walk.rest) } } : {}),
    timeless: !ctx.clock.read,
  };
}

/**
 * The first relatedTo rule directly under a (valid) query's top-level `and`, as its walk and the rest of
 * the query (when that has no relation rule of its own), when the walk depends on the relation rows alone: not for a searcher who may not read every
 * entity (the walk passes only through what they may read, which changes with any entity's owners).
 */
function walkAtTop(
  query: unknown,
  ctx: CompileContext,
): { ids: RawBuilder<unknown>; rest: Condition } | undefined {
  if (ctx.scope.visibility !== undefined || ctx.scope.asOf !== undefined) return undefined;
  if (!isPlainObject(query) || query.combinator !== 'and' || !Array.isArray(query.rules)) return undefined;
  const at = query.rules.findIndex(
    (rule) => isPlainObject(rule) && rule.operator === 'relatedTo' && !('rules' in rule),
  );
  if (at < 0) return undefined;
  const fresh: CompileContext = { ...ctx, rules: 0, relationRules: 0, textMatchRules: 0, names: 0 };
  const walk = relatedToWalk(query.rules[at] as Record<string, unknown>, childPath('', at), fresh);
  if (!walk) return undefined;
  const others = query.rules.filter((_, i) => i !== at);
  const rest = compileQuery({ ...query, rules: others }, '', 1, fresh);
  // A page from the walk judges the rest of the query several times over (each read of rows or ids, each
  // a statement under the time limit): only while it holds no walk of its own, whose cost would multiply.
  if (fresh.relationRules > 0) return undefined;
  return { ...walk, rest };
}

/** `$blueprint` `=`/`in` rules directly under a top-level `and` limit the blueprints searched. */
function blueprintsNamedAtTop(query: unknown, scope: SearchScope): string[] | undefined {
  if (!isPlainObject(query) || query.combinator !== 'and' || !Array.isArray(query.rules)) return undefined;
  let names: string[] | undefined;
  query.rules.slice(0, MAX_QUERY_RULES).forEach((rule: unknown, i) => {
    if (
      !isPlainObject(rule) ||
      rule.property !== '$blueprint' ||
      (rule.operator !== '=' && rule.operator !== 'in')
    )
      return;
    const path = childPath('', i);
    const value = resolveContextValue(rule.value, scope.user, path);
    const named =
      rule.operator === '=' ? [expectString(value, path, 'value')] : expectStringList(value, path, 'value');
    const unknown = named.find((name) => !scope.blueprints.has(name));
    if (unknown !== undefined) throw invalidRule(path, `unknown blueprint "${unknown}"`);
    names = names ? names.filter((name) => named.includes(name)) : [...new Set(named)].sort();
  });
  return names;
}

function compileQuery(node: unknown, path: RulePath, depth: number, ctx: CompileContext): Condition {
  checkQueryNode(node, path, depth);
  const parts = node.rules.map((rule: unknown, i) => ({
    condition: compileRule(rule, childPath(path, i), depth, ctx),
    cost: ruleCost(rule, ctx),
  }));
  // An empty rule list filters nothing, whatever the combinator.
  if (parts.length === 0) return TRUE;
  // Cheap rules first: both databases evaluate AND and OR left to right and stop at the first operand that
  // decides, so a row that a comparison settles never runs an array's json_each or a relation walk. (Order
  // is all that changes: the result is the same.)
  const ordered = parts.sort((a, b) => a.cost - b.cost).map((part) => part.condition);
  return node.combinator === 'and' ? and(ordered) : or(ordered);
}

/**
 * How much a (valid) rule costs a row, roughly: 1 a comparison of one value, 2 a rule that reads every
 * element of an array or matches text, 3 a relation walk; a group, its dearest rule.
 */
function ruleCost(rule: unknown, ctx: CompileContext): number {
  if (!isPlainObject(rule)) return 1;
  if (Array.isArray(rule.rules)) return Math.max(1, ...rule.rules.map((child) => ruleCost(child, ctx)));
  if (rule.operator === 'relatedTo' || rule.operator === 'matchAny') return 3;
  if (TEXT_MATCH_OPERATORS.has(rule.operator as string) || 'propertySchema' in rule) return 2;
  const name = rule.property;
  if (typeof name !== 'string') return 1;
  const isArray = ctx.candidates.some((bp) => {
    const definition = ctx.scope.blueprints.get(bp);
    return definition && propertySchemaOf(definition, name, ctx.scope.blueprints)?.type === 'array';
  });
  return isArray ? 2 : 1;
}

function compileRule(rule: unknown, path: RulePath, depth: number, ctx: CompileContext): Condition {
  const condition = compileOneRule(rule, path, depth, ctx);
  // SQLite checks the time limit as rules are evaluated; a text match may be slow on one long value, so it
  // is checked on every row, other rules on a sample of rows.
  const nested = isPlainObject(rule) && ('combinator' in rule || 'rules' in rule);
  if (nested) return condition;
  const textMatch = isPlainObject(rule) && TEXT_MATCH_OPERATORS.has(rule.operator as string);
  return ctx.dialect.interruptible(condition, sql`e.id`, textMatch);
}

function compileOneRule(rule: unknown, path: RulePath, depth: number, ctx: CompileContext): Condition {
  ctx.rules += 1;
  if (ctx.rules > MAX_QUERY_RULES) throw invalidRule(path, `a query has at most ${MAX_QUERY_RULES} rules`);
  if (!isPlainObject(rule)) throw invalidRule(path, 'a rule must be an object');
  if ('combinator' in rule || 'rules' in rule) return compileQuery(rule, path, depth + 1, ctx);
  if (rule.operator === 'relatedTo' || rule.operator === 'matchAny') {
    ctx.relationRules += 1;
    if (ctx.relationRules > MAX_RELATION_RULES)
      throw invalidRule(path, `a query has at most ${MAX_RELATION_RULES} relatedTo and matchAny rules`);
    return rule.operator === 'relatedTo'
      ? compileRelatedTo(rule, path, ctx)
      : compileMatchAny(rule, path, ctx);
  }
  if (TEXT_MATCH_OPERATORS.has(rule.operator as string)) {
    ctx.textMatchRules += 1;
    if (ctx.textMatchRules > MAX_TEXT_MATCH_RULES)
      throw invalidRule(
        path,
        `a query has at most ${MAX_TEXT_MATCH_RULES} contains, beginsWith and endsWith rules (and their negations)`,
      );
  }
  if ('propertySchema' in rule) return compilePropertySchemaRule(rule, path, ctx);
  if (!('property' in rule) && 'relation' in rule) return compileRelationRule(rule, path, ctx);
  if (!('property' in rule) && 'scorecard' in rule) return compileScorecardRule(rule, path, ctx);
  return compilePropertyRule(rule, path, ctx);
}

function compilePropertyRule(given: Record<string, unknown>, path: RulePath, ctx: CompileContext): Condition {
  const onTheUser = ruleOnTheUser(given, ctx.scope.user, path);
  if (onTheUser !== undefined) return onTheUser ? TRUE : FALSE;
  const rule: Record<string, unknown> = {
    ...given,
    value: resolveContextValue(given.value, ctx.scope.user, path),
  };
  const { property: name, operator } = rule;
  if (typeof name !== 'string' || name === '') throw invalidRule(path, 'property must be a non-empty string');
  if (typeof operator !== 'string' || !OPERATORS.has(operator))
    throw invalidRule(path, `unknown operator ${JSON.stringify(operator) ?? '(missing)'} on "${name}"`);
  const operatorContext = operatorContextOf(ctx, path);
  if (name.startsWith('$')) {
    if (!isSearchableMeta(name)) throw invalidRule(path, `unknown meta-property "${name}"`);
    if (name === DATASOURCE && ctx.scope.asOf !== undefined)
      throw invalidRule(path, `"${name}" is not kept in history: it cannot be searched as of an instant`);
    return compileOperator(metaTarget(name, ctx.dialect), operator, rule.value, operatorContext);
  }
  if (ctx.candidates.length === 0) return FALSE;
  // Mirror, calculation and aggregation values are kept in the properties: they search like the others.
  const schemaOf = (bp: string) =>
    ctx.scope.hiddenComputed?.get(bp)?.has(name)
      ? undefined
      : propertySchemaOf(ctx.scope.blueprints.get(bp)!, name, ctx.scope.blueprints);
  const holders = ctx.candidates.filter((bp) => schemaOf(bp) !== undefined);
  if (holders.length === 0) throw unknownProperty(name, path, ctx);
  return perBlueprint(ctx, holders, (blueprint) => {
    const schema = schemaOf(blueprint)!;
    return compileOperator(
      propertyTarget(ctx.dialect, blueprint, name, schema),
      operator,
      rule.value,
      operatorContext,
    );
  });
}

const COMPUTED_KINDS = [['relations', 'a relation; search it with relatedTo or matchAny']] as const;

function unknownProperty(name: string, path: RulePath, ctx: CompileContext) {
  for (const blueprint of ctx.candidates) {
    const definition = ctx.scope.blueprints.get(blueprint)!;
    for (const [field, what] of COMPUTED_KINDS) {
      if (Object.hasOwn(definition[field] ?? {}, name))
        return invalidRule(path, `"${name}" is ${what} (blueprint "${blueprint}")`);
    }
  }
  if (ctx.candidates.length === 1)
    return invalidRule(path, `unknown property "${name}" on blueprint "${ctx.candidates[0]}"`);
  const shown = ctx.candidates.slice(0, 5).map((bp) => `"${bp}"`);
  const more = ctx.candidates.length > 5 ? ` and ${ctx.candidates.length - 5} more` : '';
  return invalidRule(
    path,
    `unknown property "${name}": none of the blueprints ${shown.join(', ')}${more} has it`,
  );
}
