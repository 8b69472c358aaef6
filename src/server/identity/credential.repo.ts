import type { Db } from '../storage/database.js';

export async function findCredential(db: Db, clientId: string) {
  return db.selectFrom('credentials').selectAll().where('client_id', '=', clientId).executeTakeFirst();
}

export async function insertCredential(
  db: Db,
  row: { clientId: string; secretHash: string; label: string; role: string; createdAt: string },
) {
  await db
    .insertInto('credentials')
    .values({
      client_id: row.clientId,
      secret_hash: row.secretHash,
      label: row.label,
      role: row.role,
      created_at: row.createdAt,
      revoked_at: null,
    })
    .onConflict((oc) => oc.column('client_id').doNothing())
    .execute();
}

export async function countCredentials(db: Db): Promise<number> {
  const row = await db
    .selectFrom('credentials')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateCredentialSecret(db: Db, clientId: string, secretHash: string) {
  await db
    .updateTable('credentials')
    .set({ secret_hash: secretHash, revoked_at: null })
    .where('client_id', '=', clientId)
    .execute();
}
