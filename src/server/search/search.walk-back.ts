import { sql, type AliasedRawBuilder, type RawBuilder } from 'kysely';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import type { Direction } from './search.graph.js';
import { MAX_RELATION_DEPTH } from './search.related-to.js';

/** A relatedTo rule's walk as a walk back needs it: whom it starts from, and which ways it goes. */
export interface WalkBack {
  blueprint: string;
  identifiers: readonly string[];
  directions: readonly Direction[];
  /** For each of `directions`, the relations that may lead back to the rule's entities (undefined: all). */
  relations: ReadonlyArray<readonly string[] | undefined>;
}

/** The relation rows a walk back reads at most, per direction, before leaving the entities to the walk. */
export const WALK_BACK_ROWS = 20_000;

/**
 * Which of `candidates` the walk of `back` from `starts` (startsOf) reaches (1 to MAX_RELATION_DEPTH relations from its entities,
 * through every relation, as relatedTo's walk goes), found from the candidates' end: the relation rows
 * within MAX_RELATION_DEPTH of them, read a step at a time, each entity's once, and then the walk from the
 * rule's entities through those rows alone. Every path of the walk to a candidate lies within them, and
 * every path through them is one of the walk's. Undefined when more than `limit` rows would be read
 * in a direction: counted as read, however the relations spread (a hub's dependents are all read at once).
 * Undefined too when a step saw the relations changed since the counter `relations` read `version`: the
 * steps are statements of their own, each seeing the database as it is then.
 */
export async function reachedAmong(
  db: Db,
  dialect: Dialect,
  back: WalkBack,
  starts: readonly number[],
  candidates: readonly number[],
  version: number,
  limit = WALK_BACK_ROWS,
  firstSteps?: FirstSteps,
): Promise<Set<number> | undefined> {
  const reached = new Set<number>();
  if (!starts.length || !candidates.length) return reached;
  const wanted = new Set(candidates);
  for (const [i, direction] of back.directions.entries()) {
    const relations = back.relations[i];
    // The walk's steps, in its direction, that end within MAX_RELATION_DEPTH of a candidate.
    const steps = new Map<number, number[]>();
    const seen = new Set(candidates);
    let frontier: number[] = [...candidates];
    let read = 0;
    for (let depth = 0; depth < MAX_RELATION_DEPTH && frontier.length; depth++) {
      const step =
        firstSteps?.[i]?.[depth] ??
        (await stepsBack(db, dialect, direction, relations, frontier, limit - read + 1));
      // Each step is a statement of its own: they agree when each saw the relations as counted at `version`.
      if (step.version !== version) return undefined;
      const { pairs } = step;
      read += pairs.length / 2;
      if (read > limit) return undefined;
      const next: number[] = [];
      for (let i = 0; i < pairs.length; i += 2) {
        const [to, from] = [pairs[i]!, pairs[i + 1]!];
        const out = steps.get(from);
        if (out) out.push(to);
        else steps.set(from, [to]);
        if (!seen.has(from)) {
          seen.add(from);
          next.push(from);
        }
      }
      frontier = next;
    }
    // The walk from the rule's entities through those steps: each entity reached at depth 1 or more.
    let walk: readonly number[] = starts;
    const walked = new Set<number>();
    for (let depth = 0; depth < MAX_RELATION_DEPTH && walk.length; depth++) {
      const next: number[] = [];
      for (const from of walk)
        for (const to of steps.get(from) ?? [])
          if (!walked.has(to)) {
            walked.add(to);
            next.push(to);
          }
      walk = next;
    }
    for (const id of walked) if (wanted.has(id)) reached.add(id);
  }
  return reached;
}

/** The ids of the rule's entities (`starts` of reachedAmong). */
export async function startsOf(db: Db, back: WalkBack): Promise<number[]> {
  const rows = await db
    .selectFrom('entities')
    .select('id')
    .where('blueprint', '=', back.blueprint)
    .where('identifier', 'in', back.identifiers)
    .execute();
  return rows.map((row) => Number(row.id));
}

/** The first steps back of each of a walk's directions (by depth), read with the candidates (firstStepsSql). */
export type FirstSteps = ReadonlyArray<ReadonlyArray<{ pairs: number[]; version: number }>>;

/** How many steps back firstStepsSql reads with the candidates. */
const FIRST_STEPS = 2;

/**
 * The first FIRST_STEPS steps back of each of `back`'s directions from the ids of the common table
 * `candidates`, at most `limit` rows each: common tables to add to the statement (`ctes`), and `columns`
 * to select beside the candidates (`step_<direction>_<depth>`, and `steps_version`, the counter
 * `relations`). On PostgreSQL a statement is a round trip and a plan, and these steps need no more than
 * the candidates' ids. Each step starts from what the one before reached that is not a candidate, as
 * reachedAmong's frontier does. Read back by firstStepsOf.
 */
export function firstStepsSql(back: WalkBack, dialect: Dialect, candidates: string, limit: number) {
  const ctes: Array<{ name: string; sql: RawBuilder<unknown> }> = [];
  const columns: Array<AliasedRawBuilder<unknown, string>> = [];
  const ids = sql`select id from ${sql.table(candidates)}`;
  back.directions.forEach((direction, i) => {
    for (let depth = 0; depth < FIRST_STEPS; depth++) {
      const name = `step_${i}_${depth}`;
      const from =
        depth === 0
          ? ids
          : sql`select s.far from ${sql.table(`step_${i}_${depth - 1}`)} s where s.far not in (${ids})`;
      // A common table's select in brackets: Kysely writes a raw one as it is.
      const rows = stepRows(direction, back.relations[i], (at) => sql`${at} in (${from})`, limit);
      ctes.push({ name, sql: sql`(${rows})` });
      columns.push(pairsText(dialect, sql.table(name)).as(name));
    }
  });
  columns.push(RELATIONS_VERSION.as('steps_version'));
  return { ctes, columns };
}

/** The columns of firstStepsSql, read. */
export function firstStepsOf(back: WalkBack, row: Record<string, unknown>): FirstSteps {
  return back.directions.map((_, i) =>
    Array.from({ length: FIRST_STEPS }, (_, depth) => ({
      pairs: pairsOf(row[`step_${i}_${depth}`] as string | null),
      version: Number(row.steps_version),
    })),
  );
}

const RELATIONS_VERSION = sql<
  string | number
>`(select version from change_counters where name = 'relations')`;

const pairsOf = (text: string | null) => (text ? text.split(',').map(Number) : []);

/**
 * The rows of one step back from the ids `idsAt` matches against `direction` through `relations` (all when
 * undefined), as columns `near` (the id) and `far` (the entity a step back): downstream (what points to
 * them) is walked back to what they point to, upstream the other way. At most `limit` rows.
 */
function stepRows(
  direction: Direction,
  relations: readonly string[] | undefined,
  idsAt: (column: RawBuilder<unknown>) => RawBuilder<unknown>,
  limit: number,
) {
  const [near, far] = direction === 'downstream' ? ['source_id', 'target_id'] : ['target_id', 'source_id'];
  const named = relations
    ? sql` and r.relation in (${sql.join(relations.length ? relations : [''])})`
    : sql``;
  return sql`select r.${sql.raw(near)} as near, r.${sql.raw(far)} as far from entity_relations r where ${idsAt(sql`r.${sql.raw(near)}`)}${named} limit ${limit}`;
}

/** The text of pairs `near,far` of the step rows `rows` (a table or a subquery), ordered by `near`. */
function pairsText(dialect: Dialect, rows: RawBuilder<unknown>) {
  const pair = sql`cast(r.near as text) || ',' || cast(r.far as text)`;
  return sql<string | null>`(select ${dialect.joinedText(pair, 'r.near')} from ${rows} as r)`;
}

/** One step back (stepRows) as the text of its pairs. */
function stepSql(
  dialect: Dialect,
  direction: Direction,
  relations: readonly string[] | undefined,
  idsAt: (column: RawBuilder<unknown>) => RawBuilder<unknown>,
  limit: number,
) {
  return pairsText(dialect, sql`(${stepRows(direction, relations, idsAt, limit)})`);
}

/** stepSql from `ids`, with the counter `relations` the statement saw. */
async function stepsBack(
  db: Db,
  dialect: Dialect,
  direction: Direction,
  relations: readonly string[] | undefined,
  ids: readonly number[],
  limit: number,
): Promise<{ pairs: number[]; version: number }> {
  // A select of Kysely's: a read (the reader's thread on SQLite, the time limit). One text, not a row each.
  const row = await db
    .selectNoFrom([
      stepSql(dialect, direction, relations, (at) => dialect.idIn(at, ids), limit).as('pairs'),
      RELATIONS_VERSION.as('version'),
    ])
    .executeTakeFirstOrThrow();
  return { pairs: pairsOf(row.pairs), version: Number(row.version) };
}
