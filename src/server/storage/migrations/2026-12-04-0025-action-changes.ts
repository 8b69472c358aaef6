import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// The automations' reader judges each event by the automations as they were when it happened: for every
// batch it looks past the batch's end for the changes of actions committed later (stream.repo
// actionChangesAfter). An index of the action records alone, in stream order, finds them without reading
// the rest of the stream after the batch; only an action's writes add entries to it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const columns = dialect === 'postgres' ? '(xid, id)' : '(id)';
  await sql
    .raw(`create index audit_log_action_changes on audit_log ${columns} where resource_type = 'action'`)
    .execute(db);
}
