import { USER_BLUEPRINT } from '../../core/system-blueprints.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import type { UserRecord } from './actor.js';

/** A _user row's fields, as read (JSON columns are text on SQLite), made into the record actors come from. */
export function userRecordOf(
  dialect: Dialect,
  row: { identifier: string; team: unknown; properties: unknown },
): UserRecord {
  return {
    identifier: row.identifier,
    team: dialect.fromJson<string[]>(row.team),
    properties: dialect.fromJson<Record<string, unknown>>(row.properties),
  };
}

/** The row id of the _user `email`, which credentials, accounts and sessions hang on. */
export async function findUserRowId(db: Db, email: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('entities')
    .select('id')
    .where('blueprint', '=', USER_BLUEPRINT)
    .where('identifier', '=', email)
    .executeTakeFirst();
  return row && Number(row.id);
}
