import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import { uniqueName, type CompileContext } from './search.context.js';
import type { Direction, EdgeFilter } from './search.graph.js';
import { contextualIdentifiers } from './search.relations.js';
import type { WalkBack } from './search.walk-back.js';
import { FALSE, type Condition } from './search.targets.js';
import { expectString, expectStringOrList, invalidRule, type RulePath } from './search.values.js';

/** How far `relatedTo` follows relations, like Port's graph search. */
export const MAX_RELATION_DEPTH = 15;

/**
 * Entities related to the given ones through any chain of relations: upstream = what they point to
 * (transitively), downstream = what points to them; both when no direction is given.
 */
export function compileRelatedTo(
  rule: Record<string, unknown>,
  path: RulePath,
  ctx: CompileContext,
): Condition {
  const walk = relatedToWalk(rule, path, ctx);
  return walk ? sql<SqlBool>`e.id in (${walk.ids})` : FALSE;
}

/**
 * The select of the ids (`id`) a relatedTo rule's walk reaches, and, when it may be walked back
 * (search.walk-back.ts: every relation followed, the catalog as it is), whom it starts from and which ways
 * it goes; undefined when it can reach none.
 */
export function relatedToWalk(
  rule: Record<string, unknown>,
  path: RulePath,
  ctx: CompileContext,
): { ids: RawBuilder<unknown>; back?: WalkBack } | undefined {
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
  if (ids.length === 0 || edges === null) return undefined;

  const { graph } = ctx;
  const { blueprints, asOf } = ctx.scope;
  const walk = { blueprint, ids, edges, required: required === true };
  const asked: Direction[] = direction ? [direction] : ['upstream', 'downstream'];
  // A direction no relation of the blueprint leads in finds nothing in the catalog as it is (one walk, not
  // two, and no union of them); the catalog as it was may hold relations defined no more.
  const directions = asOf ? asked : asked.filter((d) => stepsFrom(blueprints, blueprint, d, walk.required));
  if (directions.length === 0) return undefined;
  for (const d of directions) graph.reach(reachable(blueprints, blueprint, d, walk.required));
  const reached = walkFrom(ctx, walk, directions);
  const simple = !required && !asOf && !ctx.scope.visibility;
  if (!simple) return { ids: reached };
  const relations = directions.map((d) => relationsToward(blueprints, blueprint, d));
  return { ids: reached, back: { blueprint, identifiers: ids, directions, relations } };
}

/**
 * The relations a walk back toward `start`'s entities may take against `direction` (one leading only to
 * blueprints from which `start` cannot be reached is left out); undefined when that leaves none out. Names
 * are per blueprint: a name is kept if any blueprint's relation of that name may lead there.
 */
function relationsToward(
  blueprints: ReadonlyMap<string, BlueprintDefinition>,
  start: string,
  direction: Direction,
): string[] | undefined {
  const leading = reachable(blueprints, start, direction, false);
  const all = new Set<string>();
  const kept = new Set<string>();
  for (const [name, definition] of blueprints)
    for (const [relation, spec] of Object.entries(definition.relations ?? {})) {
      all.add(relation);
      // Walking back against downstream goes to what an entity points to, against upstream to what points to it.
      if (leading.has(direction === 'downstream' ? spec.target : name)) kept.add(relation);
    }
  return kept.size === all.size ? undefined : [...kept].sort();
}

interface Walk {
  blueprint: string;
  ids: readonly unknown[];
  edges: EdgeFilter | undefined;
  required: boolean;
}

/** The ids the walk from the rule's entities reaches. */
function walkFrom(ctx: CompileContext, walk: Walk, directions: Direction[]): RawBuilder<unknown> {
  const { graph } = ctx;
  const start = graph.named(walk.blueprint, walk.ids, (s) => sql`${s}.id, 0`);
  const names = directions.map((d) => sql.raw(uniqueName(ctx, `rel_${d}`)));
  const ctes = names.map(
    (name, i) =>
      sql`${name}(id, depth) as (${start} union ${graph.step(name, directions[i]!, { ...(walk.edges ? { edges: walk.edges } : {}), maxDepth: MAX_RELATION_DEPTH })})`,
  );
  const reached = names.map((name) => sql`select id from ${name} where depth > 0`);
  return sql`with recursive ${sql.join(ctes, sql`, `)} ${sql.join(reached, sql` union `)}`;
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
