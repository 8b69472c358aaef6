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

/** Emails compare ignoring the case of ASCII letters, as identity providers do (and both databases can). */
export const foldEmail = (email: string) => email.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

/**
 * A _user by email ignoring case, with its password hash if it has a local account. The user stored with
 * exactly this email wins; else the one that matches ignoring case (none when several do: rows stored
 * before case was folded may differ only in case, and then only the exact email is theirs).
 */
export async function findUserAccount(
  db: Db,
  dialect: Dialect,
  email: string,
): Promise<UserAccount | undefined> {
  const rows = await db
    .selectFrom('entities as e')
    .leftJoin('local_accounts as a', 'a.user_id', 'e.id')
    .select([...userColumns, 'a.password_hash'])
    .where('e.blueprint', '=', USER_BLUEPRINT)
    .where((eb) =>
      eb.or([eb('e.identifier', '=', email), eb(eb.fn('lower', ['e.identifier']), '=', foldEmail(email))]),
    )
    .execute();
  const row = rows.find((r) => r.identifier === email) ?? (rows.length === 1 ? rows[0] : undefined);
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

/**
 * Sets the password from the reset token `tokenHash` and clears the token, only if the account still holds
 * that unexpired token: true for the one caller that consumed it.
 */
export async function consumeResetToken(
  db: Db,
  userId: number,
  tokenHash: string,
  passwordHash: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('local_accounts')
    .set({ password_hash: passwordHash, reset_token_hash: null, reset_expires_at: null, updated_at: at })
    .where('user_id', '=', userId)
    .where('reset_token_hash', '=', tokenHash)
    .where('reset_expires_at', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
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
