import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from '../storage/dialect/index.js';
import { visibleCondition, type Visibility } from '../catalog/entity.repo.js';
import { ownersThenSql, type MovedTeamNames } from '../catalog/team-names.repo.js';
import type { DefinedThen } from '../catalog/defined-since.repo.js';

/** What a reader who does not read everything may see of the catalog as it was. */
export interface AsOfReader {
  dialect: Dialect;
  visibility: Visibility;
  moved: MovedTeamNames;
}

/**
 * The catalog as it was at `at`: each entity's last version then, unless it was a deletion, with the
 * columns of the entities table and the relations the version holds (JSON: relation -> identifiers).
 * With `reader`, only the versions it may read, judged as the entities were then: owned by the teams that
 * bore their team names then, named as those teams are today (as grants and read policies name them).
 */
export function entitiesAsOf(
  at: string,
  blueprint?: string,
  reader?: AsOfReader,
  defined?: DefinedThen,
): RawBuilder<unknown> {
  const only = blueprint !== undefined ? sql`and v.blueprint = ${blueprint}` : sql``;
  const team = reader ? ownersThenSql(reader.dialect, reader.moved, 'v.team', 'v.at') : sql.raw('v.team');
  // With `defined` (readers but an Admin): only what was defined then as it is now (defined-since.repo).
  const [properties, relations] = defined
    ? [defined.properties, defined.relations]
    : [sql.raw('v.properties'), sql.raw('v.relations')];
  const current = defined ? sql`and ${defined.condition}` : sql``;
  const versions = sql`(select v.entity_id as id, v.blueprint, v.identifier, v.title, v.icon, ${team} as team, v.team as team_then, ${properties} as properties, v.created_at, v.created_by, v.updated_at, v.updated_by, v.version, ${relations} as relations
    from entity_versions_full v
    where v.at <= ${at} ${only} ${current} and v.action <> 'DELETE'
      and v.id = (select max(w.id) from entity_versions w where w.entity_id = v.entity_id and w.at <= ${at}))`;
  const visible = reader ? visibleCondition(reader.dialect, reader.visibility) : sql`1 = 1`;
  // Shown, and searched, with the team names the version holds.
  return sql`(select e.id, e.blueprint, e.identifier, e.title, e.icon, e.team_then as team, e.properties, e.created_at, e.created_by, e.updated_at, e.updated_by, e.version, e.relations
    from ${versions} as e where ${visible})`;
}
