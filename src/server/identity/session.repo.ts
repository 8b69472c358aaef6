import { USER_BLUEPRINT } from '../../core/system-blueprints.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import type { UserRecord } from './actor.js';
import { userRecordOf } from './user.repo.js';

export interface UserAccount {
  userId: number;
  user: UserRecord;
  passwordHash: string | null;
}

const userColumns = ['e.id as user_id', 'e.identifier', 'e.team', 'e.properties'] as const;

/** A _user by email, with its password hash if it has a local account. */
export async function findUserAccount(
  db: Db,
  dialect: Dialect,
  email: string,
): Promise<UserAccount | undefined> {
  const row = await db
    .selectFrom('entities as e')
    .leftJoin('local_accounts as a', 'a.user_id', 'e.id')
    .select([...userColumns, 'a.password_hash'])
    .where('e.blueprint', '=', USER_BLUEPRINT)
    .where('e.identifier', '=', email)
    .executeTakeFirst();
  return (
    row && { userId: Number(row.user_id), user: userRecordOf(dialect, row), passwordHash: row.password_hash }
  );
}

export async function findUserByResetToken(db: Db, dialect: Dialect, tokenHash: string) {
  const row = await db
    .selectFrom('local_accounts as a')
    .innerJoin('entities as e', 'e.id', 'a.user_id')
    .select([...userColumns, 'a.reset_expires_at'])
    .where('a.reset_token_hash', '=', tokenHash)
    .executeTakeFirst();
  return (
    row && { userId: Number(row.user_id), user: userRecordOf(dialect, row), expiresAt: row.reset_expires_at }
  );
}

export async function setPassword(db: Db, userId: number, passwordHash: string, at: string) {
  await db
    .insertInto('local_accounts')
    .values({
      user_id: userId,
      password_hash: passwordHash,
      reset_token_hash: null,
      reset_expires_at: null,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        password_hash: passwordHash,
        reset_token_hash: null,
        reset_expires_at: null,
        updated_at: at,
      }),
    )
    .execute();
}

export async function setResetToken(
  db: Db,
  userId: number,
  tokenHash: string,
  expiresAt: string,
  at: string,
) {
  await db
    .insertInto('local_accounts')
    .values({
      user_id: userId,
      password_hash: null,
      reset_token_hash: tokenHash,
      reset_expires_at: expiresAt,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({ reset_token_hash: tokenHash, reset_expires_at: expiresAt, updated_at: at }),
    )
    .execute();
}

export async function countLocalAccounts(db: Db): Promise<number> {
  const row = await db
    .selectFrom('local_accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('password_hash', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertSession(
  db: Db,
  row: {
    tokenHash: string;
    userId: number;
    csrfToken: string;
    at: string;
    expiresAt: string;
    method: string;
  },
) {
  await db
    .insertInto('sessions')
    .values({
      token_hash: row.tokenHash,
      user_id: row.userId,
      csrf_token: row.csrfToken,
      created_at: row.at,
      last_seen_at: row.at,
      expires_at: row.expiresAt,
      method: row.method,
    })
    .execute();
}

/** A session and its user as the user is now, in one read: every cookie-authenticated request makes it. */
export async function findSession(db: Db, dialect: Dialect, tokenHash: string) {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('entities as e', 'e.id', 's.user_id')
    .select([...userColumns, 's.csrf_token', 's.last_seen_at', 's.expires_at', 's.method'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return (
    row && {
      userId: Number(row.user_id),
      user: userRecordOf(dialect, row),
      csrfToken: row.csrf_token,
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
      method: row.method,
    }
  );
}

export async function touchSession(db: Db, tokenHash: string, at: string) {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Every session of a user (a password change or reset signs the user out everywhere else). */
export async function deleteSessionsOf(db: Db, userId: number, except?: string) {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (except) query = query.where('token_hash', '<>', except);
  await query.execute();
}

export async function deleteExpiredSessions(db: Db, now: string) {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}
