import { sql, type RawBuilder } from 'kysely';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import type { Dialect } from '../storage/dialect/index.js';

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

/**
 * The relation rows as they were at `at`, with the columns of entity_relations: each version's relations,
 * each target found among the entities as they were then (by the relation's target blueprint, as defined
 * now), so that a target deleted since still counts and one created since does not.
 */
export function relationsAsOf(
  dialect: Dialect,
  at: string,
  blueprints: ReadonlyMap<string, BlueprintDefinition>,
): RawBuilder<unknown> {
  const targets = [...blueprints.values()].flatMap((blueprint) =>
    Object.entries(blueprint.relations ?? {}).map(
      ([relation, spec]) =>
        sql`select ${blueprint.identifier} as blueprint, ${relation} as relation, ${spec.target} as target`,
    ),
  );
  if (!targets.length)
    return sql`(select 0 as source_id, '' as relation, 0 as target_id, 0 as position where 1 = 0)`;
  const rel = dialect.relationElements('s.relations', 'rel');
  return sql`(select s.id as source_id, ${sql.raw(rel.relation)} as relation, t.id as target_id, ${sql.raw(rel.position)} as position
    from ${entitiesAsOf(at)} as s cross join ${rel.from}
    join (${sql.join(targets, sql` union all `)}) as rt on rt.blueprint = s.blueprint and rt.relation = ${sql.raw(rel.relation)}
    join ${entitiesAsOf(at)} as t on t.blueprint = rt.target and t.identifier = ${sql.raw(rel.target)})`;
}
