import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// SQLite: 0021's trigger copies an entity's state into its first version before the row first changes, and
// fired on any update of the row: writing its scorecard results (0033), which are not its state, copied the
// whole row into history on every entity's first evaluation. It now fires only when a state column is set.
const STATE = ['title', 'icon', 'team', 'properties', 'created_at', 'created_by', 'updated_at', 'updated_by'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect === 'postgres') return;
  const keep = `update entity_versions set ${STATE.map((c) => `${c} = old.${c}`).join(', ')} where entity_id = old.id and action = 'CREATE' and properties is null;`;
  await sql.raw(`drop trigger entity_versions_keep_on_update`).execute(db);
  await sql
    .raw(
      `create trigger entity_versions_keep_on_update after update of ${STATE.join(', ')} on entities begin ${keep} end`,
    )
    .execute(db);
}
