import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// SQLite: an entity's first version (CREATE) need not copy its row while the row is as it was then, which
// on ingest is almost always: history then costs a small row per entity, not a second copy of it. Such a
// version holds its who, when and relations, and null state (properties null marks it); the triggers below
// write the row's state into it before the row first changes or goes, whatever changes it. Every read of
// versions goes through entity_versions_full, which gives such a version the row's state. PostgreSQL, whose
// history costs less than its budget, keeps copying: its view is the table.
const STATE = ['title', 'icon', 'team', 'properties', 'created_at', 'created_by', 'updated_at', 'updated_by'];
const OTHER = ['id', 'entity_id', 'blueprint', 'identifier', 'version', 'at', 'actor', 'action', 'relations'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against an untyped schema
export async function up(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect === 'postgres') {
    await sql
      .raw(
        `create view entity_versions_full as select ${[...OTHER, ...STATE].join(', ')} from entity_versions`,
      )
      .execute(db);
    return;
  }
  const inPlace = `v.action = 'CREATE' and v.properties is null`;
  await sql
    .raw(
      `create view entity_versions_full as select ${OTHER.map((c) => `v.${c}`).join(', ')}, ${STATE.map(
        (c) => `case when ${inPlace} then e.${c} else v.${c} end as ${c}`,
      ).join(', ')} from entity_versions v left join entities e on ${inPlace} and e.id = v.entity_id`,
    )
    .execute(db);
  const keep = `update entity_versions set ${STATE.map((c) => `${c} = old.${c}`).join(', ')} where entity_id = old.id and action = 'CREATE' and properties is null;`;
  await sql
    .raw(`create trigger entity_versions_keep_on_update after update on entities begin ${keep} end`)
    .execute(db);
  await sql
    .raw(`create trigger entity_versions_keep_on_delete after delete on entities begin ${keep} end`)
    .execute(db);
}
