import type { CompiledQuery } from 'kysely';
import { USER_BLUEPRINT } from '../../core/system-blueprints.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import type { UserRecord } from './actor.js';
import { userRecordOf } from './user.repo.js';

export interface CredentialRecord {
  clientId: string;
  secretHash: string;
  label: string;
  role: string;
  createdAt: string;
  updatedAt: string | null;
  revokedAt: string | null;
  generation: number;
  userId: number | null;
}

/** A credential with its user as the _user entity stands now (null for installation credentials). */
export type CredentialWithUser = CredentialRecord & { user: UserRecord | null };

function credentialsWithUsers(db: Db) {
  return db
    .selectFrom('credentials as c')
    .leftJoin('entities as e', (join) =>
      join.onRef('e.id', '=', 'c.user_id').on('e.blueprint', '=', USER_BLUEPRINT),
    )
    .select([
      'c.client_id',
      'c.secret_hash',
      'c.label',
      'c.role',
      'c.created_at',
      'c.updated_at',
      'c.revoked_at',
      'c.generation',
      'c.user_id',
      'e.identifier as user_identifier',
      'e.team as user_team',
      'e.properties as user_properties',
    ]);
}

type JoinedRow = Awaited<ReturnType<ReturnType<typeof credentialsWithUsers>['execute']>>[number];

function toCredential(dialect: Dialect, row: JoinedRow): CredentialWithUser {
  return {
    clientId: row.client_id,
    secretHash: row.secret_hash,
    label: row.label,
    role: row.role,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    revokedAt: row.revoked_at,
    generation: Number(row.generation),
    userId: row.user_id === null ? null : Number(row.user_id),
    user:
      row.user_identifier === null
        ? null
        : userRecordOf(dialect, {
            identifier: row.user_identifier,
            team: row.user_team,
            properties: row.user_properties,
          }),
  };
}

/** A credential and its user, in one read: every authenticated request makes it. */
export async function findCredential(
  db: Db,
  dialect: Dialect,
  clientId: string,
): Promise<CredentialWithUser | undefined> {
  const row = await credentialsWithUsers(db).where('c.client_id', '=', clientId).executeTakeFirst();
  return row && toCredential(dialect, row);
}

/** The credentials with these client ids, by client id (those that exist). */
export async function findCredentials(
  db: Db,
  dialect: Dialect,
  clientIds: readonly string[],
): Promise<Map<string, CredentialWithUser>> {
  const rows = await credentialsWithUsers(db).where('c.client_id', 'in', clientIds).execute();
  return new Map(rows.map((row) => [row.client_id, toCredential(dialect, row)]));
}

/** Credentials of one user (by its row id), or of everyone; newest first. */
export async function listCredentials(
  db: Db,
  dialect: Dialect,
  userId?: number,
): Promise<CredentialWithUser[]> {
  let query = credentialsWithUsers(db).where('c.revoked_at', 'is', null);
  if (userId !== undefined) query = query.where('c.user_id', '=', userId);
  const rows = await query.orderBy('c.created_at', 'desc').orderBy('c.client_id').execute();
  return rows.map((row) => toCredential(dialect, row));
}

export async function insertCredential(
  db: Db,
  row: {
    clientId: string;
    secretHash: string;
    label: string;
    role: string;
    createdAt: string;
    userId?: number;
  },
) {
  await db
    .insertInto('credentials')
    .values({
      client_id: row.clientId,
      secret_hash: row.secretHash,
      label: row.label,
      role: row.role,
      created_at: row.createdAt,
      updated_at: row.createdAt,
      revoked_at: null,
      user_id: row.userId ?? null,
    })
    .onConflict((oc) => oc.column('client_id').doNothing())
    .execute();
}

/**
 * A credential for the _user `email`, as a statement that finds the user's row id itself: it runs in the
 * same transaction that creates the user.
 */
export function insertCredentialForNewUserQuery(
  db: Db,
  row: { clientId: string; secretHash: string; label: string; createdAt: string },
  email: string,
): CompiledQuery {
  return db
    .insertInto('credentials')
    .columns(['client_id', 'secret_hash', 'label', 'role', 'created_at', 'updated_at', 'user_id'])
    .expression((eb) =>
      eb
        .selectFrom('entities')
        .select((s) => [
          s.val(row.clientId).as('client_id'),
          s.val(row.secretHash).as('secret_hash'),
          s.val(row.label).as('label'),
          s.val('member').as('role'),
          s.val(row.createdAt).as('created_at'),
          s.val(row.createdAt).as('updated_at'),
          'id',
        ])
        .where('blueprint', '=', USER_BLUEPRINT)
        .where('identifier', '=', email),
    )
    .compile();
}

export async function countCredentials(db: Db): Promise<number> {
  const row = await db
    .selectFrom('credentials')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A new secret; tokens signed for the old generation stop working. */
export async function replaceSecret(db: Db, clientId: string, secretHash: string, at: string) {
  await db
    .updateTable('credentials')
    .set((eb) => ({
      secret_hash: secretHash,
      revoked_at: null,
      updated_at: at,
      generation: eb('generation', '+', 1),
    }))
    .where('client_id', '=', clientId)
    .execute();
}

export async function renameCredential(db: Db, clientId: string, label: string, at: string) {
  await db
    .updateTable('credentials')
    .set({ label, updated_at: at })
    .where('client_id', '=', clientId)
    .execute();
}

export async function deleteCredential(db: Db, clientId: string): Promise<boolean> {
  const result = await db.deleteFrom('credentials').where('client_id', '=', clientId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
