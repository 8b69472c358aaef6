import type { Selectable } from 'kysely';
import { isForeignKeyViolation, isUniqueViolation } from '../storage/database-errors.js';
import type { Db } from '../storage/database.js';
import type { TableViewsTable } from '../storage/tables.js';

export type ViewRow = Selectable<TableViewsTable>;

/** Why a write of a view row did not happen: its name is taken, or its blueprint is gone. */
export type ViewWriteRefusal = 'name_taken' | 'blueprint_gone';

/** The views of `blueprint` that `owner` sees: its own and those shared by anyone. */
export async function listVisibleViews(db: Db, blueprint: string, owner: string): Promise<ViewRow[]> {
  return db
    .selectFrom('table_views')
    .selectAll()
    .where('blueprint', '=', blueprint)
    .where((eb) => eb.or([eb('owner', '=', owner), eb('shared', '=', 1)]))
    .execute();
}

export async function findView(db: Db, blueprint: string, id: string): Promise<ViewRow | undefined> {
  return db
    .selectFrom('table_views')
    .selectAll()
    .where('id', '=', id)
    .where('blueprint', '=', blueprint)
    .executeTakeFirst();
}

export async function insertView(db: Db, row: ViewRow): Promise<ViewWriteRefusal | undefined> {
  return refusalOf(() => db.insertInto('table_views').values(row).execute());
}

/** Changes a view; false when it is gone (deleted meanwhile), a refusal when its new name is taken. */
export async function updateView(
  db: Db,
  id: string,
  changes: Partial<Pick<ViewRow, 'name' | 'shared' | 'state' | 'updated_at'>>,
): Promise<ViewWriteRefusal | boolean> {
  let changed = false;
  const refusal = await refusalOf(async () => {
    const result = await db.updateTable('table_views').set(changes).where('id', '=', id).executeTakeFirst();
    changed = Number(result.numUpdatedRows) > 0;
  });
  return refusal ?? changed;
}

export async function deleteView(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('table_views').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** A unique name taken or a blueprint deleted by a concurrent request, as the client's to act on. */
async function refusalOf(write: () => Promise<unknown>): Promise<ViewWriteRefusal | undefined> {
  try {
    await write();
    return undefined;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (isUniqueViolation(code)) return 'name_taken';
    if (isForeignKeyViolation(code)) return 'blueprint_gone';
    throw error;
  }
}
