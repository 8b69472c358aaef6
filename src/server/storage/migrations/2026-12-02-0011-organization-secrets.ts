import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// Organisation secrets (Port's /v1/organization/secrets), by name (case-sensitive, Port's pattern). A value
// is kept only encrypted with AES-256-GCM under the installation's master key: its random IV, ciphertext
// and tag, each base64 text on both databases. The name is the cipher's associated data, so a row's
// value cannot be moved to another name. `version` counts the row's writes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organization_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('description', 'text')
    .addColumn('iv', 'text', (c) => c.notNull())
    .addColumn('ciphertext', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
}
