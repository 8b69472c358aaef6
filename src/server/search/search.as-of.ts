import { sql, type RawBuilder } from 'kysely';

/**
 * The catalog as it was at `at`: each entity's last version then, unless it was a deletion, with the
 * columns of the entities table and the relations the version holds (JSON: relation -> identifiers).
 */
export function entitiesAsOf(at: string, blueprint?: string): RawBuilder<unknown> {
  const only = blueprint !== undefined ? sql`and v.blueprint = ${blueprint}` : sql``;
  return sql`(select v.entity_id as id, v.blueprint, v.identifier, v.title, v.icon, v.team, v.properties, v.created_at, v.created_by, v.updated_at, v.updated_by, v.version, v.relations
    from entity_versions_full v
    where v.at <= ${at} ${only} and v.action <> 'DELETE'
      and v.id = (select max(w.id) from entity_versions w where w.entity_id = v.entity_id and w.at <= ${at}))`;
}
