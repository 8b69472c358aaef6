import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import { uniqueName, type CompileContext } from './search.context.js';
import type { Direction, EdgeFilter } from './search.graph.js';
import { contextualIdentifiers } from './search.relations.js';
import { FALSE, type Condition } from './search.targets.js';
import { expectString, expectStringOrList, invalidRule, type RulePath } from './search.values.js';

/** How far `relatedTo` follows relations, like Port's graph search. */
export const MAX_RELATION_DEPTH = 15;

/**
 * A probe judges a few entities in order (search.probes.ts): when the walk from the rule's entities passes
 * this many rows, each entity is judged by a walk from it back to them instead of by the whole walk.
 */
const WALK_BACK_AFTER_ROWS = 2000;

const opposite = (d: Direction): Direction => (d === 'upstream' ? 'downstream' : 'upstream');

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
  const edges = required ? requiredEdges(ctx) : undefined;
  if (ids.length === 0 || edges === null) return FALSE;

  const { graph } = ctx;
  const { blueprints, asOf } = ctx.scope;
  const walk = { blueprint, ids, edges, required: required === true };
  const asked: Direction[] = direction ? [direction] : ['upstream', 'downstream'];
  // A direction no relation of the blueprint leads in finds nothing in the catalog as it is (one walk, not
  // two, and no union of them); the catalog as it was may hold relations defined no more.
  const directions = asOf ? asked : asked.filter((d) => stepsFrom(blueprints, blueprint, d, walk.required));
  if (directions.length === 0) return FALSE;
  for (const d of directions) graph.reach(reachable(blueprints, blueprint, d, walk.required));
  const forward = walkFrom(ctx, walk, directions);
  if (!ctx.probe || asOf) return sql<SqlBool>`e.id in (${forward.reached})`;
  // The walk from the rule's entities, read once, answers for every entity; a walk back from one entity
  // answers for that one: for a page of a few thousand entities judged in order, the cheaper when the walk
  // from the rule's entities is long (a team's services and what depends on them, a million entities).
  const back = directions.map((d) => walkBack(ctx, walk, d));
  const limit = sql.lit(ctx.scope.walkBackAfterRows ?? WALK_BACK_AFTER_ROWS);
  const short = sql<SqlBool>`(select count(*) from (${forward.rows} limit ${limit}) w) < ${limit}`;
  return sql<SqlBool>`(case when ${short} then e.id in (${forward.reached}) else (${sql.join(back, sql` or `)}) end)`;
}

interface Walk {
  blueprint: string;
  ids: readonly unknown[];
  edges: EdgeFilter | undefined;
  required: boolean;
}

/** The walk from the rule's entities: the ids it reaches, and its rows (for how long it is). */
function walkFrom(ctx: CompileContext, walk: Walk, directions: Direction[]) {
  const { graph } = ctx;
  const start = graph.named(walk.blueprint, walk.ids, (s) => sql`${s}.id, 0`);
  const names = directions.map((d) => ({ name: sql.raw(uniqueName(ctx, `rel_${d}`)), direction: d }));
  const ctes = names.map(
    ({ name, direction }) =>
      sql`${name}(id, depth) as (${start} union ${graph.step(name, direction, { ...(walk.edges ? { edges: walk.edges } : {}), maxDepth: MAX_RELATION_DEPTH })})`,
  );
  const head = sql`with recursive ${sql.join(ctes, sql`, `)}`;
  const each = (select: (name: RawBuilder<unknown>) => RawBuilder<unknown>, joiner: RawBuilder<unknown>) =>
    sql.join(
      names.map(({ name }) => select(name)),
      joiner,
    );
  return {
    reached: sql`${head} ${each((name) => sql`select id from ${name} where depth > 0`, sql` union `)}`,
    rows: sql`${head} ${each((name) => sql`select 1 from ${name}`, sql` union all `)}`,
  };
}

/**
 * Whether `e` is related in `direction`: the walk from `e` the other way, through what may lead to the
 * rule's blueprint, meets one of its entities within MAX_RELATION_DEPTH. The same paths as the walk from
 * them, read from the other end, each entity on them readable by the searcher.
 */
function walkBack(ctx: CompileContext, walk: Walk, direction: Direction): Condition {
  const { graph } = ctx;
  const name = sql.raw(uniqueName(ctx, `back_${direction}`));
  const relations = relationsToward(ctx.scope.blueprints, walk.blueprint, direction, walk.required);
  const step = graph.step(name, opposite(direction), {
    ...(walk.edges ? { edges: walk.edges } : {}),
    ...(relations ? { relations } : {}),
    maxDepth: MAX_RELATION_DEPTH,
  });
  const targets = graph.named(walk.blueprint, walk.ids, (s) => sql`${s}.id`);
  return sql<SqlBool>`exists (with recursive ${name}(id, depth) as (select e.id, 0 union ${step}) select 1 from ${name} where depth > 0 and id in (${targets}))`;
}

/**
 * The relations a walk back toward `start`'s entities may take (a relation leading only to blueprints from
 * which `start` cannot be reached is left out); undefined when that leaves none out. Names are per
 * blueprint: a name is kept if any blueprint's relation of that name may lead there.
 */
function relationsToward(
  blueprints: ReadonlyMap<string, BlueprintDefinition>,
  start: string,
  direction: Direction,
  required: boolean,
): string[] | undefined {
  const leading = reachable(blueprints, start, direction, required);
  const all = new Set<string>();
  const kept = new Set<string>();
  for (const [name, definition] of blueprints)
    for (const [relation, spec] of Object.entries(definition.relations ?? {})) {
      if (required && !spec.required) continue;
      all.add(relation);
      // Walking back against `direction`: downstream's way back is upstream, to the relation's target.
      if (leading.has(direction === 'downstream' ? spec.target : name)) kept.add(relation);
    }
  return kept.size === all.size ? undefined : [...kept].sort();
}

/**
 * Relation names are per source blueprint, so "required" is a (source blueprint, relation) pair: the
 * filter on those pairs, or null when no relation is required (nothing to follow).
 */
function requiredEdges(ctx: CompileContext): EdgeFilter | null {
  const required: Array<[string, string[]]> = [];
  for (const [blueprint, definition] of ctx.scope.blueprints) {
    const names = Object.entries(definition.relations ?? {}).filter(([, spec]) => spec.required);
    if (names.length) required.push([blueprint, names.map(([name]) => name)]);
  }
  if (required.length === 0) return null;
  const all = [...new Set(required.flatMap(([, names]) => names))];
  // The source's blueprint is named once (it may be a subquery); the names alone let an index find the rows.
  return (source, relation) => {
    const cases = required.map(
      ([blueprint, names]) => sql`when ${blueprint} then ${relation} in (${sql.join(names)})`,
    );
    return sql<SqlBool>`(${relation} in (${sql.join(all)}) and case ${source} ${sql.join(cases, sql` `)} else false end)`;
  };
}

/** Whether a relation leads from `start`'s entities in `direction` (only required ones with `required`). */
function stepsFrom(
  blueprints: ReadonlyMap<string, BlueprintDefinition>,
  start: string,
  direction: Direction,
  required: boolean,
): boolean {
  for (const [name, definition] of blueprints)
    for (const spec of Object.values(definition.relations ?? {}))
      if ((!required || spec.required) && (direction === 'upstream' ? name : spec.target) === start)
        return true;
  return false;
}

/**
 * The blueprints a walk from `start` may reach through the relations the blueprints define: upstream
 * what they point to, downstream what points to them, transitively (only required relations with
 * `required`).
 */
function reachable(
  blueprints: ReadonlyMap<string, BlueprintDefinition>,
  start: string,
  direction: Direction,
  required: boolean,
): Set<string> {
  const seen = new Set([start]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [name, definition] of blueprints)
      for (const spec of Object.values(definition.relations ?? {})) {
        if (required && !spec.required) continue;
        const [from, to] = direction === 'upstream' ? [name, spec.target] : [spec.target, name];
        if (seen.has(from) && !seen.has(to)) {
          seen.add(to);
          grew = true;
        }
      }
  }
  return seen;
}
