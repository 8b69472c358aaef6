import { sql, type Expression, type SqlBool } from 'kysely';
import type { RuleResult } from '../../core/scorecard.js';
import { visibleCondition, type Visibility } from '../catalog/entity.repo.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';

/** A change of an entity's result under a scorecard, as the API answers it. */
export interface ResultChangeRow {
  at: string;
  scorecard: string;
  entity: string;
  team: string[];
  level: string | null;
  previousLevel: string | null;
  rules: RuleResult[] | null;
  flipped: Array<{ identifier: string; status: string | null; was: string | null }>;
  cause: string;
  actor: string;
}

/** The most changes one read of an entity's history answers. */
export const MAX_TIMELINE = 1_000;

/** Changes of the results of the entity that bears `entity` now (under one scorecard, when given), newest first. */
export async function entityTimeline(
  db: Db,
  dialect: Dialect,
  blueprint: string,
  entity: string,
  scorecard: string | undefined,
  limit: number,
): Promise<ResultChangeRow[]> {
  // The entity that bears the identifier now: one deleted before it under the same name is another's.
  let query = db
    .selectFrom('scorecard_changes')
    .selectAll()
    .where('blueprint', '=', blueprint)
    .where('entity', '=', entity)
    .where('entity_id', '=', (eb) =>
      eb
        .selectFrom('entities')
        .select('id')
        .where('blueprint', '=', blueprint)
        .where('identifier', '=', entity),
    );
  if (scorecard !== undefined) query = query.where('scorecard', '=', scorecard);
  const rows = await query.orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => {
    const rules = row.rules === null ? null : dialect.fromJson<RuleResult[]>(row.rules);
    return {
      at: row.at,
      scorecard: row.scorecard,
      entity: row.entity,
      team: dialect.fromJson<string[]>(row.team) ?? [],
      level: row.level,
      previousLevel: row.previous_level,
      rules,
      flipped: flippedOf(row.previous_level, rules, dialect.fromJson(row.flipped)),
      cause: row.cause,
      actor: row.actor,
    };
  });
}

/** A change's flipped rules: kept as none where the entity entered the scorecard, when all of them did. */
function flippedOf(
  previousLevel: string | null,
  rules: RuleResult[] | null,
  kept: ResultChangeRow['flipped'],
): ResultChangeRow['flipped'] {
  if (previousLevel !== null || rules === null || kept.length) return kept;
  return rules.map((rule) => ({ identifier: rule.identifier, status: rule.status, was: null }));
}

/** A change as the level distribution reads it: who, when, which level, owned by whom. */
export interface LevelChange {
  entityId: number;
  at: string;
  level: string | null;
  team: string[];
}

/** Entities `visibility` lets the reader read now, as a condition on a change's `entity_id`. */
const readableNow = (dialect: Dialect, visibility: Visibility | undefined): Expression<SqlBool> =>
  visibility
    ? sql<SqlBool>`entity_id in (select e.id from entities e where ${visibleCondition(dialect, visibility)})`
    : sql<SqlBool>`1 = 1`;

/** When the scorecard's results were first recorded (its first evaluation), if they were. */
export async function firstChangeAt(db: Db, scorecardId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('scorecard_changes')
    .select((eb) => eb.fn.min('at').as('at'))
    .where('scorecard_id', '=', scorecardId)
    .executeTakeFirst();
  return row?.at ?? undefined;
}

/** Changes one page of levelChanges holds: the distribution's memory grows with entities, not changes. */
const CHANGES_PAGE = 5_000;

/**
 * Every change of the scorecard's results up to `to`, in the order they were recorded, a page at a time;
 * with `visibility`, only those of entities the reader may read now.
 */
export async function* levelChanges(
  db: Db,
  dialect: Dialect,
  scorecardId: number,
  to: string,
  visibility?: Visibility,
  pageSize = CHANGES_PAGE,
): AsyncGenerator<LevelChange[]> {
  for (let after = 0; ;) {
    const rows = await db
      .selectFrom('scorecard_changes')
      .select(['id', 'entity_id', 'at', 'level', 'team'])
      .where('scorecard_id', '=', scorecardId)
      .where('at', '<=', to)
      .where('id', '>', after)
      .where(readableNow(dialect, visibility))
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (rows.length) {
      after = Number(rows.at(-1)!.id);
      yield rows.map((row) => ({
        entityId: Number(row.entity_id),
        at: row.at,
        level: row.level,
        team: dialect.fromJson<string[]>(row.team) ?? [],
      }));
    }
    if (rows.length < pageSize) return;
  }
}

/** Each entity of `blueprint` the scorecard evaluates now, with its level; with `visibility`, those readable. */
export async function currentLevels(
  db: Db,
  dialect: Dialect,
  blueprint: string,
  scorecard: string,
  visibility?: Visibility,
): Promise<Array<{ identifier: string; title: string | null; team: string[]; level: string }>> {
  const level = dialect.scorecardLevel('e.scorecards', scorecard);
  const rows = await db
    .selectFrom('entities as e')
    .select(['e.identifier', 'e.title', 'e.team', level.as('level')])
    .where('e.blueprint', '=', blueprint)
    .where(sql<SqlBool>`${level} is not null`)
    .where(visibility ? visibleCondition(dialect, visibility) : sql<SqlBool>`1 = 1`)
    .orderBy('e.identifier')
    .execute();
  return rows.map((row) => ({
    identifier: row.identifier,
    title: row.title,
    team: dialect.fromJson<string[]>(row.team) ?? [],
    level: row.level as string,
  }));
}

/** How many of `blueprint`'s entities (those `visibility` lets the reader read) pass and fail each rule now. */
export async function ruleCounts(
  db: Db,
  dialect: Dialect,
  blueprint: string,
  scorecard: string,
  rules: readonly string[],
  visibility?: Visibility,
): Promise<Array<{ identifier: string; passing: number; failing: number }>> {
  if (!rules.length) return [];
  const counted = (rule: string, status: string) =>
    sql<number>`sum(case when ${dialect.scorecardRuleStatus('e.scorecards', scorecard, rule)} = ${status} then 1 else 0 end)`;
  const row = (await db
    .selectFrom('entities as e')
    .select(
      rules.flatMap((rule, i) => [
        counted(rule, 'SUCCESS').as(`p${i}`),
        counted(rule, 'FAILURE').as(`f${i}`),
      ]),
    )
    .where('e.blueprint', '=', blueprint)
    .where(sql<SqlBool>`e.scorecards is not null`)
    .where(visibility ? visibleCondition(dialect, visibility) : sql<SqlBool>`1 = 1`)
    .executeTakeFirst()) as Record<string, unknown> | undefined;
  return rules.map((identifier, i) => ({
    identifier,
    passing: Number(row?.[`p${i}`] ?? 0),
    failing: Number(row?.[`f${i}`] ?? 0),
  }));
}
