import { TEAM_BLUEPRINT, USER_BLUEPRINT } from '../../core/system-blueprints.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import type { StoredPermissions } from './permissions.js';

export async function findStoredPermissions(
  db: Db,
  dialect: Dialect,
  blueprint: string,
): Promise<StoredPermissions | undefined> {
  const row = await db
    .selectFrom('blueprint_permissions')
    .select('permissions')
    .where('blueprint', '=', blueprint)
    .executeTakeFirst();
  return row && dialect.fromJson<StoredPermissions>(row.permissions);
}

/** The stored changes of every blueprint that has some, by blueprint. */
export async function allStoredPermissions(db: Db, dialect: Dialect) {
  const rows = await db.selectFrom('blueprint_permissions').select(['blueprint', 'permissions']).execute();
  return new Map(rows.map((row) => [row.blueprint, dialect.fromJson<StoredPermissions>(row.permissions)]));
}

export async function saveStoredPermissions(
  db: Db,
  dialect: Dialect,
  blueprint: string,
  permissions: StoredPermissions,
  actor: string,
  at: string,
) {
  const json = dialect.toJson(permissions);
  await db
    .insertInto('blueprint_permissions')
    .values({ blueprint, permissions: json, updated_at: at, updated_by: actor })
    .onConflict((oc) =>
      oc.column('blueprint').doUpdateSet({ permissions: json, updated_at: at, updated_by: actor }),
    )
    .execute();
}

/** Which of `identifiers` are users (or teams); a grant may only name people and teams that exist. */
export async function existingPeople(
  db: Db,
  kind: 'users' | 'teams',
  identifiers: string[],
): Promise<Set<string>> {
  if (!identifiers.length) return new Set();
  const rows = await db
    .selectFrom('entities')
    .select('identifier')
    .where('blueprint', '=', kind === 'users' ? USER_BLUEPRINT : TEAM_BLUEPRINT)
    .where('identifier', 'in', identifiers)
    .execute();
  return new Set(rows.map((r) => r.identifier));
}
