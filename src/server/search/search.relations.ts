import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { perBlueprint, uniqueName, type CompileContext } from './search.context.js';
import { FALSE, and, isBlueprint, type Condition } from './search.targets.js';
import { expectStringOrList, invalidRule, isPlainObject, type RulePath } from './search.values.js';
import { resolveContextValue } from './search.user-context.js';

/**
 * The identifiers a relation rule starts from, with `{"context": …}` and "My Teams" resolved for the
 * searcher: the teams' entities, say, with `{"context": "userTeams", "property": "$identifier"}`. A user
 * property without a value starts from no entity.
 */
export function contextualIdentifiers(value: unknown, ctx: CompileContext, path: RulePath): unknown {
  return resolveContextValue(value, ctx.scope.user, path) ?? [];
}

/**
 * Whether a query has relation rules (relatedTo, matchAny, or a condition on a relation's targets), which
 * need to know what the searcher may read (`scope.visibility`). Over-estimated on purpose: a value that
 * merely holds such a word costs a read of the searcher's visibility, never a leak.
 */
export const walksRelations = (query: unknown) =>
  /"relatedTo"|"matchAny"|"relation"\s*:/.test(JSON.stringify(query) ?? '');

const MAX_HOPS = 15;
const MAX_PATH_STEPS = 15;

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
  const through = [start];
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
    through.push(current);
  });
  ctx.graph.reach(through);
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
  const { graph } = ctx;
  let set = graph.named(final, ids, (t) => sql`${t}.id`);
  for (const step of [...steps].reverse()) {
    const sources = graph.sourcesOf(step.relation, set, uniqueName(ctx, 'r'));
    if (step.maxHops === 1) {
      set = sources;
      continue;
    }
    const hops = sql.raw(uniqueName(ctx, 'hops'));
    const further = graph.step(hops, 'downstream', { relation: step.relation, maxDepth: step.maxHops });
    set = sql`with recursive ${hops}(id, depth) as (select h.id, 1 from (${sources}) h union ${further}) select id from ${hops}`;
  }
  return set;
}
