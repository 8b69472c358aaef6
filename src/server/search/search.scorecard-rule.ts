import { sql, type SqlBool } from 'kysely';
import { levelIndexOf, type ScorecardDefinition } from '../../core/scorecard.js';
import { perBlueprint, type CompileContext, unknownOnCandidates } from './search.context.js';
import { FALSE, not, or, type Condition } from './search.targets.js';
import { expectString, expectStringList, invalidRule, type RulePath } from './search.values.js';

const LEVEL_OPERATORS = new Set(['=', '!=', 'in', 'notIn', '>', '>=', '<', '<=']);
const RULE_STATUSES = new Map<unknown, string>([
  ['SUCCESS', 'SUCCESS'],
  ['FAILURE', 'FAILURE'],
  [true, 'SUCCESS'],
  [false, 'FAILURE'],
]);

/**
 * Port's scorecard rules (search V2): `{"scorecard", "operator", "value": <level>}` on the level an entity
 * reached (`>`, `>=`… compare levels in their order), and with `"scorecardRule"` on one rule's result
 * (`SUCCESS`/`FAILURE`, or true/false). An entity the scorecard does not evaluate (outside its filter)
 * meets neither a rule nor its negation.
 */
export function compileScorecardRule(
  rule: Record<string, unknown>,
  path: RulePath,
  ctx: CompileContext,
): Condition {
  const identifier = expectString(rule.scorecard, path, 'scorecard');
  const operator = rule.operator;
  if (ctx.scope.asOf !== undefined)
    throw invalidRule(path, 'scorecard results cannot be searched as of an instant');
  const holders = ctx.candidates.filter((bp) => scorecardOf(ctx, bp, identifier) !== undefined);
  if (holders.length === 0) throw unknownOnCandidates(ctx, path, 'scorecard', identifier);
  if (rule.scorecardRule !== undefined) {
    const ruleId = expectString(rule.scorecardRule, path, 'scorecardRule');
    if (operator !== '=' && operator !== '!=')
      throw invalidRule(
        path,
        `operator of a scorecardRule rule must be "=" or "!=", not ${JSON.stringify(operator)}`,
      );
    const status = RULE_STATUSES.get(rule.value);
    if (!status) throw invalidRule(path, 'value of a scorecardRule rule must be "SUCCESS" or "FAILURE"');
    return perBlueprint(ctx, holders, (blueprint) => {
      const scorecard = scorecardOf(ctx, blueprint, identifier)!;
      if (!scorecard.rules.some((r) => r.identifier === ruleId))
        throw invalidRule(path, `scorecard "${identifier}" has no rule "${ruleId}"`);
      const actual = ctx.dialect.scorecardRuleStatus('e.scorecards', identifier, ruleId);
      const wanted = operator === '=' ? status : status === 'SUCCESS' ? 'FAILURE' : 'SUCCESS';
      return sql<SqlBool>`${actual} = ${wanted}`;
    });
  }
  if (typeof operator !== 'string' || !LEVEL_OPERATORS.has(operator))
    throw invalidRule(
      path,
      `operator of a scorecard rule must be one of ${[...LEVEL_OPERATORS].join(', ')}, not ${JSON.stringify(operator)}`,
    );
  return perBlueprint(ctx, holders, (blueprint) => {
    const { levels } = scorecardOf(ctx, blueprint, identifier)!;
    const level = ctx.dialect.scorecardLevel('e.scorecards', identifier);
    const indexOf = (title: string) => {
      const index = levelIndexOf(levels, title);
      if (index < 0) throw invalidRule(path, `scorecard "${identifier}" has no level "${title}"`);
      return index;
    };
    if (operator === 'in' || operator === 'notIn') {
      const titles = expectStringList(rule.value, path, 'value');
      titles.forEach(indexOf);
      const within = titles.length ? sql<SqlBool>`${level} in (${sql.join(titles)})` : FALSE;
      return operator === 'in' ? within : sql<SqlBool>`(${level} is not null and ${not(within)})`;
    }
    const title = expectString(rule.value, path, 'value');
    const at = indexOf(title);
    if (operator === '=') return sql<SqlBool>`${level} = ${title}`;
    if (operator === '!=') return sql<SqlBool>`${level} <> ${title}`;
    const wanted = levels
      .map((l, i) => ({ title: l.title, i }))
      .filter(({ i }) =>
        operator === '>' ? i > at : operator === '>=' ? i >= at : operator === '<' ? i < at : i <= at,
      )
      .map((l) => l.title);
    return wanted.length ? or(wanted.map((t) => sql<SqlBool>`${level} = ${t}`)) : FALSE;
  });
}

function scorecardOf(
  ctx: CompileContext,
  blueprint: string,
  identifier: string,
): ScorecardDefinition | undefined {
  return ctx.scope.scorecards?.get(blueprint)?.find((s) => s.identifier === identifier);
}
