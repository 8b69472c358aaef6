import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// A blueprint's definition keeps its keys in the order they were written (jsonb sorts them by length, so
// properties came back in an order nobody chose, and the portal showed them so). Nothing queries inside
// the definition; `json` stores the text as sent. Definitions stored before keep jsonb's order until
// their next write. SQLite stores text already.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`alter table blueprints alter column definition type json using definition::json`.execute(db);
}
