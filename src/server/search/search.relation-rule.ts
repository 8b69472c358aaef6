import { sql, type SqlBool } from 'kysely';
import {
  operatorContextOf,
  perBlueprint,
  uniqueName,
  type CompileContext,
  unknownOnCandidates,
} from './search.context.js';
import { andReadable } from './search.graph.js';
import { compileOperator, NEGATED_OPERATORS } from './search.operators.js';
import { FALSE, not, type Condition, type Target } from './search.targets.js';
import { invalidRule, type RulePath } from './search.values.js';
import { resolveContextValue } from './search.user-context.js';

/**
 * Port's relation condition (search V2 and scorecard rules): `{"relation", "operator", "value"}` compares
 * the identifiers of the entities the relation points to. A positive operator holds when some target
 * meets it; its negation (`!=`, `doesNotContains`…) when none does; isEmpty when the relation points
 * nowhere. Only targets the searcher may read count.
 */
export function compileRelationRule(
  rule: Record<string, unknown>,
  path: RulePath,
  ctx: CompileContext,
): Condition {
  const name = rule.relation;
  const operator = rule.operator;
  if (typeof name !== 'string' || name === '') throw invalidRule(path, 'relation must be a non-empty string');
  if (typeof operator !== 'string') throw invalidRule(path, `operator is missing on relation "${name}"`);
  if (ctx.scope.asOf !== undefined)
    throw invalidRule(path, 'relation conditions cannot be searched as of an instant; use relatedTo');
  const holders = ctx.candidates.filter((bp) =>
    Object.hasOwn(ctx.scope.blueprints.get(bp)?.relations ?? {}, name),
  );
  if (holders.length === 0) throw unknownOnCandidates(ctx, path, 'relation', name);
  const value = resolveContextValue(rule.value, ctx.scope.user, path);
  const alias = sql.raw(uniqueName(ctx, 'rt'));
  const row = sql.raw(uniqueName(ctx, 'rr'));
  const target: Target = {
    kind: 'string',
    label: `relation "${name}"`,
    value: sql`${alias}.identifier`,
    empty: FALSE,
  };
  const targets = (meets: Condition) =>
    sql<SqlBool>`exists (select 1 from entity_relations ${row} join entities ${alias} on ${alias}.id = ${row}.target_id where ${row}.source_id = e.id and ${row}.relation = ${name}${andReadable(ctx.dialect, ctx.scope.visibility, sql`${alias}.id`)} and ${meets})`;
  const empty = operator === 'isEmpty' || (operator === '=' && value === null);
  const full = operator === 'isNotEmpty' || (operator === '!=' && value === null);
  const positive = NEGATED_OPERATORS.get(operator);
  const compile = () => {
    if (empty) return not(targets(sql<SqlBool>`1 = 1`));
    if (full) return targets(sql<SqlBool>`1 = 1`);
    const meets = compileOperator(target, positive ?? operator, value, operatorContextOf(ctx, path));
    return positive ? not(targets(meets)) : targets(meets);
  };
  return perBlueprint(ctx, holders, compile);
}
