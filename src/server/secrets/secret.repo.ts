import type { Selectable, Updateable } from 'kysely';
import { isUniqueViolation } from '../storage/database-errors.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import type { OrganizationSecretsTable } from '../storage/tables.js';

export type SecretRow = Selectable<OrganizationSecretsTable>;
export type SecretChanges = Updateable<Omit<OrganizationSecretsTable, 'name' | 'version'>>;

const METADATA = ['name', 'description', 'created_at', 'created_by', 'updated_at', 'updated_by'] as const;
export type SecretMetadataRow = Pick<SecretRow, (typeof METADATA)[number]>;

/** Names, descriptions and dates, by name: no encrypted parts leave the database for a listing. */
export async function listSecretMetadata(db: Db): Promise<SecretMetadataRow[]> {
  return db.selectFrom('organization_secrets').select(METADATA).orderBy('name').execute();
}

/**
 * A secret as stored. With `lock`, in a transaction on PostgreSQL, its row stays locked until the
 * transaction ends, so concurrent changes of one secret run one after another. SQLite needs no lock: a
 * transaction holds its only writer.
 */
export async function findSecret(
  db: Db,
  dialect: Dialect,
  name: string,
  lock = false,
): Promise<SecretRow | undefined> {
  let query = db.selectFrom('organization_secrets').selectAll().where('name', '=', name);
  if (lock && dialect.name === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The secrets named (all of them without `names`), encrypted parts included. */
export async function findSecrets(db: Db, names?: readonly string[]): Promise<SecretRow[]> {
  if (names && names.length === 0) return [];
  let query = db.selectFrom('organization_secrets').selectAll();
  if (names) query = query.where('name', 'in', [...new Set(names)]);
  return query.orderBy('name').execute();
}

/** Inserts the row; false when its name is taken (also by a concurrent insert). */
export async function insertSecret(db: Db, row: Omit<SecretRow, 'version'>): Promise<boolean> {
  try {
    await db.insertInto('organization_secrets').values(row).execute();
    return true;
  } catch (error) {
    if (isUniqueViolation((error as { code?: unknown } | null)?.code)) return false;
    throw error;
  }
}

/** Writes only the columns in `changes` and counts the write. */
export async function updateSecret(db: Db, name: string, changes: SecretChanges): Promise<void> {
  await db
    .updateTable('organization_secrets')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('name', '=', name)
    .execute();
}

export async function deleteSecret(db: Db, name: string): Promise<boolean> {
  const result = await db.deleteFrom('organization_secrets').where('name', '=', name).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
