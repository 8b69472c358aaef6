import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Credentials now belong to a user (its _user entity's row id) or, when user_id is null, to the
// installation (the admin credential from the environment). Deleting the user deletes its credentials; a
// user created again under the same email gets a new row id, so old credentials never come back to life.
// `generation` is signed into every token: rotating the secret bumps it, and older tokens stop at once.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const idRef = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .alterTable('credentials')
    .addColumn('user_id', sql.raw(idRef), (c) => c.references('entities.id').onDelete('cascade'))
    .execute();
  await db.schema
    .alterTable('credentials')
    .addColumn('generation', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('credentials').addColumn('updated_at', 'text').execute();
  await db.schema.createIndex('credentials_user').on('credentials').column('user_id').execute();
}
