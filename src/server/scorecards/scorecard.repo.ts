import { sql, type Selectable } from 'kysely';
import type { ScorecardDefinition } from '../../core/scorecard.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import { deleteInitiativesOn } from './initiative.repo.js';
import { countOf } from './scorecard-evaluation.repo.js';
import type { ScorecardEvaluationsTable, ScorecardsTable } from '../storage/tables.js';

type ScorecardRow = Selectable<ScorecardsTable>;

/** A scorecard as stored: its definition, its row id and version, who made it and when. */
export interface StoredScorecard {
  id: number;
  blueprint: string;
  version: number;
  definition: ScorecardDefinition;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export type EvaluationRow = Selectable<ScorecardEvaluationsTable>;

const stored = (dialect: Dialect, row: ScorecardRow): StoredScorecard => ({
  id: Number(row.id),
  blueprint: row.blueprint,
  version: row.version,
  definition: dialect.fromJson<ScorecardDefinition>(row.definition),
  createdAt: row.created_at,
  createdBy: row.created_by,
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
});

/** Every scorecard (of `blueprint`, when given), by blueprint, then in the order they were created. */
export async function listScorecards(
  db: Db,
  dialect: Dialect,
  blueprint?: string,
): Promise<StoredScorecard[]> {
  let query = db.selectFrom('scorecards').selectAll();
  if (blueprint !== undefined) query = query.where('blueprint', '=', blueprint);
  const rows = await query.orderBy('blueprint').orderBy('id').execute();
  return rows.map((row) => stored(dialect, row));
}

export async function insertScorecard(
  db: Db,
  dialect: Dialect,
  blueprint: string,
  definition: ScorecardDefinition,
  at: string,
  by: string,
): Promise<StoredScorecard> {
  const row = await db
    .insertInto('scorecards')
    .values({
      blueprint,
      identifier: definition.identifier,
      definition: dialect.toJson(definition),
      created_at: at,
      created_by: by,
      updated_at: at,
      updated_by: by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return stored(dialect, row);
}

export async function updateScorecard(
  db: Db,
  dialect: Dialect,
  id: number,
  definition: ScorecardDefinition,
  at: string,
  by: string,
): Promise<StoredScorecard> {
  const row = await db
    .updateTable('scorecards')
    .set((eb) => ({
      definition: dialect.toJson(definition),
      updated_at: at,
      updated_by: by,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return stored(dialect, row);
}

/**
 * Deletes the scorecard, its evaluation and its history, and takes its results off its blueprint's
 * entities, in the caller's transaction.
 */
export async function deleteScorecard(db: Db, dialect: Dialect, scorecard: StoredScorecard): Promise<void> {
  await deleteInitiativesOn(db, dialect, scorecard.blueprint, scorecard.definition.identifier);
  await db.deleteFrom('scorecards').where('id', '=', scorecard.id).execute();
  await db.deleteFrom('scorecard_evaluations').where('scorecard_id', '=', scorecard.id).execute();
  await db.deleteFrom('scorecard_changes').where('scorecard_id', '=', scorecard.id).execute();
  await sql`update entities set scorecards = ${dialect.resultsWithout(sql.raw('scorecards'), scorecard.definition.identifier)} where blueprint = ${scorecard.blueprint} and scorecards is not null`.execute(
    db,
  );
}

/** Every entity of the scorecard's blueprint is to be evaluated (again) under its current version. */
export async function startEvaluation(db: Db, scorecard: StoredScorecard, at: string): Promise<void> {
  const row = {
    version: scorecard.version,
    after_id: 0,
    evaluated: 0,
    total: await countOf(db, scorecard.blueprint),
    started_at: at,
    finished_at: null,
  };
  await db
    .insertInto('scorecard_evaluations')
    .values({ scorecard_id: scorecard.id, ...row })
    .onConflict((oc) => oc.column('scorecard_id').doUpdateSet(row))
    .execute();
}

export async function evaluationsOf(db: Db, ids: readonly number[]): Promise<Map<number, EvaluationRow>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('scorecard_evaluations')
    .selectAll()
    .where('scorecard_id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [Number(row.scorecard_id), row]));
}

/** The evaluations not yet finished, oldest first. */
export async function pendingEvaluations(db: Db): Promise<EvaluationRow[]> {
  return db
    .selectFrom('scorecard_evaluations')
    .selectAll()
    .where('finished_at', 'is', null)
    .orderBy('started_at')
    .execute();
}

/**
 * Moves an evaluation on from `from` to `to` (entity row ids) by `count` entities, finished or not: only
 * while it is where it was read (no other process moved it, and no change of the scorecard restarted it).
 */
export function evaluationProgressQuery(
  db: Db,
  evaluation: EvaluationRow,
  to: number,
  count: number,
  finishedAt: string | null,
) {
  const query = db
    .updateTable('scorecard_evaluations')
    .set((eb) => ({ after_id: to, evaluated: eb('evaluated', '+', count), finished_at: finishedAt }))
    .where('scorecard_id', '=', evaluation.scorecard_id)
    .where('version', '=', evaluation.version)
    .where('after_id', '=', evaluation.after_id)
    .compile();
  return { ...query, expectChanges: 1 };
}

/** The scorecards of a blueprint go with it (a hook of the blueprint's deletion, in its transaction). */
export async function deleteScorecardsOf(db: Db, dialect: Dialect, blueprint: string): Promise<void> {
  await deleteInitiativesOn(db, dialect, blueprint);
  const ids = (
    await db.selectFrom('scorecards').select('id').where('blueprint', '=', blueprint).execute()
  ).map((row) => row.id);
  if (!ids.length) return;
  await db.deleteFrom('scorecards').where('id', 'in', ids).execute();
  await db.deleteFrom('scorecard_evaluations').where('scorecard_id', 'in', ids).execute();
  await db.deleteFrom('scorecard_changes').where('scorecard_id', 'in', ids).execute();
}

/**
 * Starts the evaluation of a scorecard's blueprint again at the same version (its rules read the time),
 * only while it is the evaluation that finished at `finishedAt`.
 */
export function restartEvaluationQuery(db: Db, evaluation: EvaluationRow, total: number, at: string) {
  const query = db
    .updateTable('scorecard_evaluations')
    .set({ after_id: 0, evaluated: 0, total, started_at: at, finished_at: null })
    .where('scorecard_id', '=', evaluation.scorecard_id)
    .where('version', '=', evaluation.version)
    .where('finished_at', '=', evaluation.finished_at)
    .compile();
  return { ...query, expectChanges: 1 };
}

/**
 * A guard (expectChanges 1) that the scorecard is still at `version`: results computed from a definition
 * since changed or deleted are not written. On PostgreSQL it holds a share lock, so that a change or
 * deletion of the scorecard waits for the write, and its own clean-up sees what the write wrote.
 */
export function scorecardStillAtQuery(db: Db, dialect: Dialect, id: number, version: number) {
  let query = db.selectFrom('scorecards').select('id').where('id', '=', id).where('version', '=', version);
  if (dialect.name === 'postgres') query = query.forShare();
  return { ...query.compile(), expectChanges: 1 };
}
