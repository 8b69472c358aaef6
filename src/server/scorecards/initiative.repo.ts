import type { Selectable } from 'kysely';
import { isUniqueViolation } from '../storage/database-errors.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import type { InitiativesTable } from '../storage/tables.js';

export type InitiativeRow = Selectable<InitiativesTable>;

export async function listInitiatives(db: Db): Promise<InitiativeRow[]> {
  return db.selectFrom('initiatives').selectAll().orderBy('identifier').execute();
}

/** With `lock`, in a transaction on PostgreSQL, the row stays locked until it ends (changes merge in turn). */
export async function findInitiative(db: Db, dialect: Dialect, identifier: string, lock = false) {
  let query = db.selectFrom('initiatives').selectAll().where('identifier', '=', identifier);
  if (lock && dialect.name === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Inserts the row; false when its identifier is taken (also by a concurrent insert). */
export async function insertInitiative(
  db: Db,
  dialect: Dialect,
  identifier: string,
  definition: object,
  at: string,
  by: string,
): Promise<boolean> {
  try {
    await db
      .insertInto('initiatives')
      .values({
        identifier,
        definition: dialect.toJson(definition),
        created_at: at,
        created_by: by,
        updated_at: at,
        updated_by: by,
      })
      .execute();
    return true;
  } catch (error) {
    if (isUniqueViolation((error as { code?: unknown } | null)?.code)) return false;
    throw error;
  }
}

export async function updateInitiative(
  db: Db,
  dialect: Dialect,
  identifier: string,
  definition: object,
  at: string,
  by: string,
) {
  await db
    .updateTable('initiatives')
    .set((eb) => ({
      definition: dialect.toJson(definition),
      updated_at: at,
      updated_by: by,
      version: eb('version', '+', 1),
    }))
    .where('identifier', '=', identifier)
    .execute();
}

export async function deleteInitiative(db: Db, identifier: string): Promise<boolean> {
  const deleted = await db.deleteFrom('initiatives').where('identifier', '=', identifier).executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}

/** Deletes the initiatives on a blueprint's scorecards (on `scorecard` only, when given); their identifiers. */
export async function deleteInitiativesOn(
  db: Db,
  dialect: Dialect,
  blueprint: string,
  scorecard?: string,
): Promise<string[]> {
  const gone = (await listInitiatives(db))
    .filter((row) => {
      const definition = dialect.fromJson<{ blueprint: string; scorecard: string }>(row.definition);
      return (
        definition.blueprint === blueprint && (scorecard === undefined || definition.scorecard === scorecard)
      );
    })
    .map((row) => row.identifier);
  if (gone.length) await db.deleteFrom('initiatives').where('identifier', 'in', gone).execute();
  return gone;
}
