import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { perBlueprint, uniqueName, type CompileContext } from './search.context.js';
import { FALSE, and, isBlueprint, type Condition } from './search.targets.js';
import {
  expectString,
  expectStringOrList,
  invalidRule,
  isPlainObject,
  type RulePath,
} from './search.values.js';
import { resolveContextValue } from './search.user-context.js';
import { visibleCondition } from '../catalog/entity.repo.js';

/**
 * The identifiers a relation rule starts from, with `{"context": …}` and "My Teams" resolved for the
 * searcher: the teams' entities, say, with `{"context": "userTeams", "property": "$identifier"}`. A user
 * property without a value starts from no entity.
 */
function contextualIdentifiers(value: unknown, ctx: CompileContext, path: RulePath): unknown {
  return resolveContextValue(value, ctx.scope.user, path) ?? [];
}

/** Whether a query has relation rules, which need to know what the searcher may read (`scope.visibility`). */
export const walksRelations = (query: unknown) => /"relatedTo"|"matchAny"/.test(JSON.stringify(query) ?? '');

/** How far `relatedTo` follows relations, like Port's graph search. */
export const MAX_RELATION_DEPTH = 15;
const MAX_HOPS = 15;
const MAX_PATH_STEPS = 15;

type Direction = 'upstream' | 'downstream';

/**
 * Entities related to the given ones through any chain of relations: upstream = what they point to
 * (transitively), downstream = what points to them; both when no direction is given.
 */
export function compileRelatedTo(
  rule: Record<string, unknown>,
  path: RulePath,
  ctx: CompileContext,
): Condition {
  const blueprint = expectString(rule.blueprint, path, 'relatedTo needs "blueprint", which');
  if (!ctx.scope.blueprints.has(blueprint))
    throw invalidRule(path, `relatedTo names unknown blueprint "${blueprint}"`);
  const ids = expectStringOrList(contextualIdentifiers(rule.value, ctx, path), path, 'value');
  const { direction, required } = rule;
  if (direction !== undefined && direction !== 'upstream' && direction !== 'downstream')
    throw invalidRule(path, 'direction must be "upstream" or "downstream"');
  if (required !== undefined && typeof required !== 'boolean')
    throw invalidRule(path, 'required must be true or false');
  const edgeJoin = required ? requiredEdgeJoin(ctx) : sql``;
  if (ids.length === 0 || edgeJoin === undefined) return FALSE;

  const start = sql`select s.id, 0 from entities s where s.blueprint = ${blueprint} and s.identifier in (${sql.join(ids)})${andReadable(ctx, sql`s.id`)}`;
  const directions: Direction[] = direction ? [direction] : ['upstream', 'downstream'];
  const walks = directions.map((d) => ({ name: sql.raw(uniqueName(ctx, `rel_${d}`)), direction: d }));
  const ctes = walks.map(({ name, direction: d }) => walk(name, d, start, edgeJoin, ctx));
  const reached = walks.map(({ name }) => sql`select id from ${name} where depth > 0`);
  return sql<SqlBool>`e.id in (with recursive ${sql.join(ctes, sql`, `)} ${sql.join(reached, sql` union `)})`;
}

/**
 * ` and <id> is an entity the searcher may read`, or nothing when it reads everything: relation rules
 * start from, walk through and end on readable entities only, so that they tell nothing of the others.
 */
function andReadable(ctx: CompileContext, id: RawBuilder<unknown>): RawBuilder<unknown> {
  const visibility = ctx.scope.visibility;
  if (!visibility) return sql``;
  // `e` here is the inner entity, whatever the rule's own query calls `e`.
  return sql` and exists (select 1 from entities e where e.id = ${id} and ${visibleCondition(ctx.dialect, visibility)})`;
}

function walk(
  name: RawBuilder<unknown>,
  direction: Direction,
  start: RawBuilder<unknown>,
  edgeJoin: RawBuilder<unknown>,
  ctx: CompileContext,
) {
  const [from, to] = direction === 'upstream' ? ['source_id', 'target_id'] : ['target_id', 'source_id'];
  const next = sql.raw(`r.${to}`);
  // Each step may revisit much of the graph: SQLite checks the time limit as it goes (decision 0006).
  const deeper = ctx.dialect.interruptible(sql<SqlBool>`w.depth < ${sql.lit(MAX_RELATION_DEPTH)}`, next);
  return sql`${name}(id, depth) as (${start} union select ${next}, w.depth + 1 from ${name} w join entity_relations r on r.${sql.raw(from)} = w.id ${edgeJoin} where ${deeper}${andReadable(ctx, next)})`;
}

/** Relation names are per source blueprint, so "required" is a (source blueprint, relation) pair. */
function requiredEdgeJoin(ctx: CompileContext): RawBuilder<unknown> | undefined {
  const pairs: Condition[] = [];
  for (const [blueprint, definition] of ctx.scope.blueprints) {
    for (const [relation, spec] of Object.entries(definition.relations ?? {})) {
      if (spec.required) pairs.push(sql<SqlBool>`(rs.blueprint = ${blueprint} and r.relation = ${relation})`);
    }
  }
  if (pairs.length === 0) return undefined;
  return sql`join entities rs on rs.id = r.source_id and (${sql.join(pairs, sql` or `)})`;
}

interface PathStep {
  relation: string;
  maxHops: number;
}

/** `{property: {path, fromBlueprint?}, operator: 'matchAny', value}`: the entity at the end of the path is one of value. */
export function compileMatchAny(
  rule: Record<string, unknown>,
  path: RulePath,
  ctx: CompileContext,
): Condition {
  const property = rule.property;
  if (!isPlainObject(property) || !Array.isArray(property.path) || property.path.length === 0)
    throw invalidRule(
      path,
      'matchAny needs property: {"path": [<relation>, …], "fromBlueprint"?: <blueprint>}',
    );
  if (property.path.length > MAX_PATH_STEPS)
    throw invalidRule(path, `property.path has more than ${MAX_PATH_STEPS} steps`);
  const ids = expectStringOrList(contextualIdentifiers(rule.value, ctx, path), path, 'value');
  const steps = parseSteps(property.path, path);
  const from = property.fromBlueprint;
  if (from !== undefined && (typeof from !== 'string' || !ctx.scope.blueprints.has(from)))
    throw invalidRule(path, `property.fromBlueprint names unknown blueprint "${String(from)}"`);
  const compileFor = (blueprint: string) => {
    const final = followPath(ctx, blueprint, steps, path);
    return ids.length === 0 ? FALSE : sql<SqlBool>`e.id in (${reverseChain(ctx, steps, final, ids)})`;
  };
  if (from === undefined) return perBlueprint(ctx, ctx.candidates, compileFor);
  const condition = compileFor(from);
  return ctx.filtered && ctx.candidates.length === 1 && ctx.candidates[0] === from
    ? condition
    : and([isBlueprint(from), condition]);
}

function parseSteps(raw: unknown[], path: RulePath): PathStep[] {
  const steps = raw.map((step, i): PathStep => {
    if (typeof step === 'string') return { relation: step, maxHops: 1 };
    const ok =
      isPlainObject(step) &&
      typeof step.relation === 'string' &&
      Number.isInteger(step.maxHops) &&
      (step.maxHops as number) >= 1 &&
      (step.maxHops as number) <= MAX_HOPS;
    if (!ok)
      throw invalidRule(
        path,
        `property.path[${i}] must be a relation name or {"relation", "maxHops": 1-${MAX_HOPS}}`,
      );
    return { relation: step.relation as string, maxHops: step.maxHops as number };
  });
  if (raw.filter((step) => typeof step !== 'string').length > 1)
    throw invalidRule(path, 'property.path may have only one {"relation", "maxHops"} step');
  return steps;
}

/** Checks every step against the blueprints and returns the blueprint the path ends on. */
function followPath(ctx: CompileContext, start: string, steps: PathStep[], path: RulePath): string {
  let current = start;
  steps.forEach((step, i) => {
    const relations = ctx.scope.blueprints.get(current)?.relations ?? {};
    const relation = Object.hasOwn(relations, step.relation) ? relations[step.relation] : undefined;
    if (!relation)
      throw invalidRule(
        path,
        `property.path[${i}]: blueprint "${current}" has no relation "${step.relation}"`,
      );
    if (step.maxHops > 1 && relation.target !== current)
      throw invalidRule(path, `property.path[${i}]: maxHops needs a relation of "${current}" to itself`);
    current = relation.target;
  });
  return current;
}

/**
 * The ids of entities with the path ending in one of `ids`, built backwards from the targets so the
 * subquery is uncorrelated and starts from the few given entities.
 */
function reverseChain(
  ctx: CompileContext,
  steps: PathStep[],
  final: string,
  ids: string[],
): RawBuilder<unknown> {
  let set = sql`select t.id from entities t where t.blueprint = ${final} and t.identifier in (${sql.join(ids)})${andReadable(ctx, sql`t.id`)}`;
  for (const step of [...steps].reverse()) {
    const r = sql.raw(uniqueName(ctx, 'r'));
    const readable = andReadable(ctx, sql`${r}.source_id`);
    if (step.maxHops === 1) {
      set = sql`select ${r}.source_id from entity_relations ${r} where ${r}.relation = ${step.relation} and ${r}.target_id in (${set})${readable}`;
      continue;
    }
    const hops = sql.raw(uniqueName(ctx, 'hops'));
    const deeper = ctx.dialect.interruptible(
      sql<SqlBool>`w.depth < ${sql.lit(step.maxHops)}`,
      sql`${r}.source_id`,
    );
    set = sql`with recursive ${hops}(id, depth) as (select ${r}.source_id, 1 from entity_relations ${r} where ${r}.relation = ${step.relation} and ${r}.target_id in (${set})${readable} union select ${r}.source_id, w.depth + 1 from entity_relations ${r} join ${hops} w on ${r}.target_id = w.id where ${r}.relation = ${step.relation} and ${deeper}${readable}) select id from ${hops}`;
  }
  return set;
}
