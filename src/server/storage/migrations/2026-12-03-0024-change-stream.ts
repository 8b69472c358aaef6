import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// The audit log is the change stream (decision 0012): every committed write already inserts its record in
// its own transaction. On PostgreSQL ids are taken before commit, so a later id can commit first and a
// reader going by id would skip the earlier one: each record is stamped with its transaction's id, and
// readers take only records below the oldest transaction still running, in (xid, id) order. Records
// written before carry 0. SQLite's one writer commits in id order.
// Consumers (automations, timers) keep their place in event_cursors.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect === 'postgres') {
    // Two steps: a constant default adds the column without rewriting the table.
    await sql`alter table audit_log add column xid xid8 not null default '0'`.execute(db);
    await sql`alter table audit_log alter column xid set default pg_current_xact_id()`.execute(db);
    await sql`create index audit_log_stream on audit_log (xid, id)`.execute(db);
  }
  await db.schema
    .createTable('event_cursors')
    .addColumn('consumer', 'text', (c) => c.primaryKey())
    // The last event consumed: its transaction id (text, for xid8; '0' on SQLite) and its id.
    .addColumn('xid', 'text', (c) => c.notNull())
    .addColumn('position', sql.raw(dialect === 'postgres' ? 'bigint' : 'integer'), (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
