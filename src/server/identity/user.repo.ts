import { sql, type Expression, type SqlBool } from 'kysely';
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

/** Whom a grant names: by Port's role names, by email, by team, or (`anyTeam`) everyone in a team. */
export interface PeopleNamed {
  roles: readonly string[];
  users: readonly string[];
  teams: readonly string[];
  anyTeam: boolean;
}

const MODERATOR = '-moderator';

/**
 * The _user rows that `named` may match, read without the others: those with a role it names (`Admin`,
 * `Member`, `<blueprint>-moderator`), its users, members of its teams. Disabled users are among them: the
 * caller makes actors of them and decides (actorForUser).
 */
export async function findUsersNamed(db: Db, dialect: Dialect, named: PeopleNamed): Promise<UserRecord[]> {
  const role = dialect.propertyText('properties', 'port_role');
  const parts: Array<Expression<SqlBool>> = [];
  if (named.roles.includes('Admin')) parts.push(sql<SqlBool>`${role} = 'Admin'`);
  if (named.roles.includes('Member')) parts.push(sql<SqlBool>`coalesce(${role}, '') <> 'Admin'`);
  const moderated = named.roles
    .filter((name) => name.endsWith(MODERATOR))
    .map((name) => name.slice(0, -MODERATOR.length));
  if (moderated.length)
    parts.push(
      dialect.jsonArrayContainsAny(dialect.propertyJson('properties', 'moderated_blueprints'), moderated),
    );
  if (named.users.length) parts.push(sql<SqlBool>`identifier in (${sql.join([...named.users])})`);
  if (named.anyTeam) parts.push(sql<SqlBool>`not ${dialect.jsonIsEmpty(sql.raw('team'))}`);
  else if (named.teams.length) parts.push(dialect.jsonArrayContainsAny(sql.raw('team'), [...named.teams]));
  if (!parts.length) return [];
  const rows = await db
    .selectFrom('entities')
    .select(['identifier', 'team', 'properties'])
    .where('blueprint', '=', USER_BLUEPRINT)
    .where(sql<SqlBool>`(${sql.join(parts, sql` or `)})`)
    .execute();
  return rows.map((row) => userRecordOf(dialect, row));
}
