import { sql, type Expression, type SqlBool } from 'kysely';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import { searchQueryOf, type ScorecardQuery } from '../../core/scorecard.js';
import { compileSearchQuery } from '../search/search.compiler.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import type { StoredScorecard } from './scorecard.repo.js';

/** An entity as an evaluation reads it: what a result records, and each condition's outcome. */
export interface EvaluatedRow {
  id: number;
  identifier: string;
  title: string | null;
  team: unknown;
  /** The entity's results column as it is (null: none). */
  scorecards: unknown;
  /** 1 when the entity is in the scorecard's filter. */
  f: number;
  /** Each rule's outcome by its index, `r0`, `r1`…: 1 passed, 0 failed; absent when not evaluated. */
  [rule: `r${number}`]: number | undefined;
}

/** Which entities one read evaluates: some of the blueprint by identifier, or a slice in id order. */
export type Selection = { identifiers: readonly string[] } | { afterId: number; limit: number };

/** A scorecard's conditions as SQL on `entities as e`: its filter and each rule's query. */
export interface CompiledScorecard {
  scorecard: StoredScorecard;
  filter: Expression<SqlBool> | undefined;
  rules: Array<Expression<SqlBool>>;
  /** Some condition reads the time (a date preset): results change as time passes. */
  timeDependent: boolean;
}

/** Compiles a scorecard against the catalog `blueprints` (its definitions were checked when written). */
export function compileScorecard(
  scorecard: StoredScorecard,
  blueprints: ReadonlyMap<string, BlueprintDefinition>,
  dialect: Dialect,
  now = new Date(),
): CompiledScorecard {
  let timeDependent = false;
  const compile = (query: ScorecardQuery) => {
    const compiled = compileSearchQuery(searchQueryOf(query), {
      dialect,
      blueprints: new Map(blueprints),
      blueprint: scorecard.blueprint,
      now,
    });
    timeDependent ||= !compiled.timeless;
    return compiled.where;
  };
  const { definition } = scorecard;
  return {
    scorecard,
    filter: definition.filter ? compile(definition.filter) : undefined,
    rules: definition.rules.map((rule) => compile(rule.query)),
    timeDependent,
  };
}

const outcome = (condition: Expression<SqlBool>) => sql<number>`case when ${condition} then 1 else 0 end`;

/**
 * Reads the entities of `selection` with the outcome of the filter and of the rules `only` (every rule
 * when absent) of `compiled`. A slice is read in id order.
 */
export async function evaluateRows(
  db: Db,
  compiled: CompiledScorecard,
  selection: Selection,
  only?: readonly number[],
): Promise<EvaluatedRow[]> {
  const indexes = only ?? compiled.rules.map((_, i) => i);
  let query = db
    .selectFrom('entities as e')
    .select(['e.id', 'e.identifier', 'e.title', 'e.team', 'e.scorecards'])
    .select(compiled.filter ? outcome(compiled.filter).as('f') : sql<number>`1`.as('f'))
    .select(indexes.map((i) => outcome(compiled.rules[i]!).as(`r${i}`)))
    .where('e.blueprint', '=', compiled.scorecard.blueprint);
  if ('identifiers' in selection) {
    if (!selection.identifiers.length) return [];
    query = query.where('e.identifier', 'in', [...selection.identifiers]);
  } else query = query.where('e.id', '>', selection.afterId).orderBy('e.id').limit(selection.limit);
  const rows = await query.execute();
  return rows.map((row) => ({ ...row, id: Number(row.id) }) as EvaluatedRow);
}

/**
 * Reads the entities of `selection` once, with the outcome of the filter and every rule of each of
 * `scorecards` (all of one blueprint), and answers each scorecard's rows as evaluateRows would. Throws when
 * any condition cannot be evaluated on some entity: evaluateEach then finds where, scorecard by scorecard.
 */
export async function evaluateAll(
  db: Db,
  scorecards: readonly CompiledScorecard[],
  selection: Selection,
): Promise<EvaluatedRow[][]> {
  if (!scorecards.length) return [];
  if ('identifiers' in selection && !selection.identifiers.length) return scorecards.map(() => []);
  let query = db
    .selectFrom('entities as e')
    .select(['e.id', 'e.identifier', 'e.title', 'e.team', 'e.scorecards'])
    .where('e.blueprint', '=', scorecards[0]!.scorecard.blueprint);
  scorecards.forEach((compiled, s) => {
    query = query
      .select(compiled.filter ? outcome(compiled.filter).as(`f${s}`) : sql<number>`1`.as(`f${s}`))
      .select(compiled.rules.map((rule, i) => outcome(rule).as(`r${s}_${i}`)));
  });
  if ('identifiers' in selection) query = query.where('e.identifier', 'in', [...selection.identifiers]);
  else query = query.where('e.id', '>', selection.afterId).orderBy('e.id').limit(selection.limit);
  const rows = (await query.execute()) as unknown as Array<Record<string, unknown>>;
  return scorecards.map((compiled, s) =>
    rows.map((row) => {
      const one: EvaluatedRow = {
        id: Number(row.id),
        identifier: row.identifier as string,
        title: row.title as string | null,
        team: row.team,
        scorecards: row.scorecards,
        f: row[`f${s}`] as number,
      };
      for (let i = 0; i < compiled.rules.length; i++) one[`r${i}`] = row[`r${s}_${i}`] as number;
      return one;
    }),
  );
}

/** Entities a rule that fails on a batch is tried on one at a time; past it, the rest fail with the batch. */
const ONE_BY_ONE = 100;

/** Why a rule could not be evaluated on an entity, by `<row id>:<rule index>`. */
export type Reasons = Map<string, string>;

/**
 * evaluateRows, where a condition that the database cannot evaluate on some entity (a value it cannot
 * compare, a time limit) fails only there: the rules are then read one at a time, a rule that fails on the
 * batch one entity at a time, and each failure is kept with its reason. An entity whose filter cannot be
 * evaluated is left out of the scorecard.
 */
export async function evaluateEach(
  db: Db,
  compiled: CompiledScorecard,
  selection: Selection,
): Promise<{ rows: EvaluatedRow[]; reasons: Reasons }> {
  const reasons: Reasons = new Map();
  try {
    return { rows: await evaluateRows(db, compiled, selection), reasons };
  } catch {
    // Read on below, part by part.
  }
  let rows: EvaluatedRow[];
  try {
    rows = await evaluateRows(db, compiled, selection, []);
  } catch {
    const bare = { ...compiled, filter: undefined };
    rows = await evaluateRows(db, bare, selection, []);
    for (const row of rows)
      row.f = await evaluateRows(db, compiled, { identifiers: [row.identifier] }, [])
        .then(([one]) => one?.f ?? 0)
        .catch(() => 0);
  }
  const identifiers = rows.map((row) => row.identifier);
  for (let i = 0; i < compiled.rules.length; i++) {
    const key = `r${i}` as const;
    try {
      const ruled = new Map(
        (await evaluateRows(db, compiled, { identifiers }, [i])).map((r) => [r.id, r[key]]),
      );
      for (const row of rows) row[key] = ruled.get(row.id) ?? 0;
    } catch (batch) {
      for (const [n, row] of rows.entries()) {
        row[key] = 0;
        if (n >= ONE_BY_ONE) {
          reasons.set(`${row.id}:${i}`, (batch as Error).message);
          continue;
        }
        try {
          const [one] = await evaluateRows(db, compiled, { identifiers: [row.identifier] }, [i]);
          row[key] = one?.[key] ?? 0;
        } catch (error) {
          reasons.set(`${row.id}:${i}`, (error as Error).message);
        }
      }
    }
  }
  return { rows, reasons };
}

/** The last recorded result of an entity under a scorecard: its row id then, its level, rules and team. */
export interface RecordedResult {
  entity: string;
  entityId: number;
  level: string | null;
  rules: unknown;
  team: unknown;
}

/**
 * The last recorded result under the scorecard of each entity that bore one of `entities` (each row id:
 * an identifier deleted and created again was borne by several), for entities gone since.
 */
export async function lastRecorded(
  db: Db,
  dialect: Dialect,
  scorecardId: number,
  blueprint: string,
  entities: readonly string[],
): Promise<RecordedResult[]> {
  if (!entities.length) return [];
  // Each row id's last record in one pass over the identifiers' history (a correlated max per record
  // walked back over every later entity of the identifier: quadratic in how often it was taken again).
  const rows = await db
    .selectFrom('scorecard_changes')
    .select(['entity', 'entity_id', 'level', 'rules', 'team'])
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('scorecard_changes')
        .select((l) => l.fn.max('id').as('id'))
        .where('blueprint', '=', blueprint)
        .where('entity', 'in', [...entities])
        .where('scorecard_id', '=', scorecardId)
        .groupBy(['entity', 'entity_id']),
    )
    .execute();
  return rows.map((row) => ({
    entity: row.entity,
    entityId: Number(row.entity_id),
    level: row.level,
    rules: row.rules === null ? null : dialect.fromJson(row.rules),
    team: dialect.fromJson(row.team),
  }));
}

/** The entities of a blueprint, for an evaluation's total. */
export async function countOf(db: Db, blueprint: string): Promise<number> {
  const row = await db
    .selectFrom('entities')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('blueprint', '=', blueprint)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
