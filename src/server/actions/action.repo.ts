import type { Selectable } from 'kysely';
import { isUniqueViolation } from '../storage/database-errors.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import type { ActionsTable } from '../storage/tables.js';

export type ActionRow = Selectable<ActionsTable>;

export interface ActionFilter {
  identifiers?: string[];
  blueprints?: string[];
  operations?: string[];
  /** Automations started by these events (an automation keeps its event type as its operation). */
  events?: string[];
  /** `self-service` or `automation`; both when absent. */
  triggerType?: string;
}

export async function listActionRows(db: Db, filter: ActionFilter): Promise<ActionRow[]> {
  let query = db.selectFrom('actions').selectAll().orderBy('identifier');
  if (filter.identifiers?.length) query = query.where('identifier', 'in', filter.identifiers);
  if (filter.blueprints?.length) query = query.where('blueprint', 'in', filter.blueprints);
  if (filter.operations?.length) query = query.where('operation', 'in', filter.operations);
  if (filter.events?.length)
    query = query.where('trigger_type', '=', 'automation').where('operation', 'in', filter.events);
  if (filter.triggerType) query = query.where('trigger_type', '=', filter.triggerType);
  return query.execute();
}

/** An action as stored; with `lock`, in a transaction on PostgreSQL, its row stays locked until it ends. */
export async function findActionRow(
  db: Db,
  dialect: Dialect,
  identifier: string,
  lock = false,
): Promise<ActionRow | undefined> {
  let query = db.selectFrom('actions').selectAll().where('identifier', '=', identifier);
  if (lock && dialect.name === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

/**
 * Whether the action with this row id still exists, in the caller's transaction; on PostgreSQL its row is
 * then share-locked until the transaction ends, so that a deletion under way (which locks it for update)
 * is waited for, and one that comes later waits for the caller.
 */
export async function actionStillExists(db: Db, dialect: Dialect, id: string): Promise<boolean> {
  let query = db.selectFrom('actions').select('id').where('id', '=', id);
  if (dialect.name === 'postgres') query = query.forShare();
  return (await query.executeTakeFirst()) !== undefined;
}

/** False when the identifier is taken. */
export async function insertActionRow(db: Db, row: ActionRow): Promise<boolean> {
  try {
    await db.insertInto('actions').values(row).execute();
    return true;
  } catch (error) {
    if (isUniqueViolation((error as { code?: unknown } | null)?.code)) return false;
    throw error;
  }
}

/** Writes a new state of the action read at `version`; false when another write came first. */
export async function updateActionRow(
  db: Db,
  identifier: string,
  version: number,
  changes: Partial<Omit<ActionRow, 'id' | 'identifier' | 'created_at' | 'created_by'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('actions')
    .set({ ...changes, version: version + 1 })
    .where('identifier', '=', identifier)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteActionRow(db: Db, identifier: string): Promise<boolean> {
  const result = await db.deleteFrom('actions').where('identifier', '=', identifier).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
