import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import { visibleCondition, type Visibility } from '../catalog/entity.repo.js';
import { ownersThenSql, type MovedTeamNames } from '../catalog/team-names.repo.js';
import type { DefinedThen } from '../catalog/defined-since.repo.js';
import { nameSince, type DefinedSince } from '../catalog/defined-since.js';
import { quoteLiteral, type Dialect } from '../storage/dialect/index.js';
import { andReadable, deeper, type Direction, type RelationGraph, type StepOptions } from './search.graph.js';
import type { AsOfScope } from './search.context.js';
import { blueprintLiteral } from './search.targets.js';

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

/** A subquery that a statement's condition reads by name, materialized once at the statement's head. */
export interface NamedQuery {
  name: string;
  query: RawBuilder<unknown>;
}

export interface AsOfGraph extends RelationGraph {
  /** What the graph's SQL reads, for the head of the statement; none when no relation rule walked it. */
  tables(): NamedQuery[];
}

// The entities (of the blueprints reached) with a version after the instant: changed, deleted or created
// since. Every other entity is as it was then, its relation rows too.
const CHANGED = sql.raw('asof_changed');
// Those of them that existed then, as they were (their last version then).
const THEN = sql.raw('asof_then');
// Their relations then (from their versions' JSON), each target found among the entities as they were.
const THEN_RELATIONS = sql.raw('asof_then_relations');

// Each step of a walk reads two sources of relation rows: today's rows of entities unchanged since (indexed,
// read for the rows reached) and the few rows of asof_then_relations. `arm` takes each row of the walk once
// for each, so that both planners read the first by its index (a union of the two would be scanned whole).
const ARMS = sql`cross join (select 1 as cur union all select 0 as cur) arm`;

/**
 * The relation graph as it was at `at` (an as_of search), without a copy of the catalog: today's entities
 * and relation rows where nothing changed since, and the versions then of the few that did.
 */
export function asOfGraph(
  dialect: Dialect,
  asOf: AsOfScope,
  blueprints: ReadonlyMap<string, BlueprintDefinition>,
  visibility: Visibility | undefined,
): AsOfGraph {
  const reached = new Set<string>();
  // Who may read an entity as it was is judged by the teams that owned it then (team-names.repo).
  const judged = visibility ? { moved: asOf.movedTeams ?? new Map() } : undefined;
  const unchanged = (id: RawBuilder<unknown>) => sql`${id} not in (select id from ${CHANGED})`;
  const readable = (id: RawBuilder<unknown>) => readableThen(dialect, visibility, id);

  function step(walk: RawBuilder<unknown>, direction: Direction, options: StepOptions) {
    const up = direction === 'upstream';
    const next = up ? sql`coalesce(r.target_id, d.target_id)` : sql`coalesce(r.source_id, d.source_id)`;
    const ofRelation = (alias: string) =>
      options.relation !== undefined ? sql` and ${sql.raw(alias)}.relation = ${options.relation}` : sql``;
    const today = up
      ? sql`r.source_id = w.id and ${unchanged(sql`w.id`)}${ofRelation('r')}`
      : sql`r.target_id = w.id${ofRelation('r')} and ${unchanged(sql`r.source_id`)}`;
    const then = up ? sql`d.source_id = w.id${ofRelation('d')}` : sql`d.target_id = w.id${ofRelation('d')}`;
    // A row of today's relations has its source among today's entities (read by its key: a join let
    // PostgreSQL hash them all); one of asof_then_relations names it.
    const source = sql`coalesce((select rs.blueprint from entities rs where rs.id = r.source_id), d.source_blueprint)`;
    const edges = options.edges
      ? sql` and ${options.edges(source, sql`coalesce(r.relation, d.relation)`)}`
      : sql``;
    return sql`select ${next}, w.depth + 1 from ${walk} w ${ARMS} left join entity_relations r on arm.cur = 1 and ${today} left join ${THEN_RELATIONS} d on arm.cur = 0 and ${then} where ${next} is not null${edges} and ${deeper(dialect, options.maxDepth, next)}${readable(next)}`;
  }

  return {
    named(blueprint, identifiers, columns) {
      reached.add(blueprint);
      const where = sql`s.blueprint = ${blueprint} and s.identifier in (${sql.join(identifiers)})`;
      return sql`select ${columns(sql`s`)} from entities s where ${where} and ${unchanged(sql`s.id`)}${readable(sql`s.id`)} union all select ${columns(sql`s`)} from ${THEN} s where ${where}${readable(sql`s.id`)}`;
    },
    step,
    sourcesOf(relation, targets, alias) {
      const [t, r, d] = [`${alias}_t`, alias, `${alias}_d`].map((a) => sql.raw(a));
      const id = sql`coalesce(${r}.source_id, ${d}.source_id)`;
      return sql`select ${id} as id from (${targets}) ${t} ${ARMS} left join entity_relations ${r} on arm.cur = 1 and ${r}.target_id = ${t}.id and ${r}.relation = ${relation} and ${unchanged(sql`${r}.source_id`)} left join ${THEN_RELATIONS} ${d} on arm.cur = 0 and ${d}.target_id = ${t}.id and ${d}.relation = ${relation} where ${id} is not null${readable(id)}`;
    },
    reach(names) {
      for (const name of names) reached.add(name);
    },
    tables: () => (reached.size ? thenTables(dialect, asOf, blueprints, reached, judged) : []),
  };
}

/**
 * ` and <id> may be read`, as of an instant: an entity the searcher may read now, under the same name,
 * and could read as it was then. Relation targets deleted or renamed since are hidden from the relations
 * of past versions (entity.service hydrateVersions), so a walk does not pass through them either.
 */
function readableThen(dialect: Dialect, visibility: Visibility | undefined, id: RawBuilder<unknown>) {
  if (!visibility) return sql``;
  const visible = visibleCondition(dialect, visibility);
  return sql`${andReadable(dialect, visibility, id)} and (${id} not in (select id from ${CHANGED}) or exists (select 1 from ${THEN} e where e.id = ${id} and ${visible} and exists (select 1 from entities c where c.id = e.id and c.identifier = e.identifier)))`;
}

/**
 * asof_changed, asof_then and asof_then_relations, for the entities of `reached` blueprints; `judged`: the
 * searcher's read permission is judged on them (not an Admin's).
 */
function thenTables(
  dialect: Dialect,
  { at, since }: AsOfScope,
  blueprints: ReadonlyMap<string, BlueprintDefinition>,
  reached: ReadonlySet<string>,
  judged: { moved: MovedTeamNames } | undefined,
): NamedQuery[] {
  const names = [...reached].filter((name) => blueprints.has(name)).sort();
  const list = names.length ? sql.join(names.map(blueprintLiteral)) : sql`null`;
  // O(versions of these blueprints), read from the (blueprint, identifier, at) index alone (PostgreSQL too,
  // rather than from the table, several times larger); then the few after the instant, by the same index.
  // SQLite checks the time limit as it goes. An entity may come more than once.
  const after = dialect.interruptible(sql<SqlBool>`w.at > ${at}`, sql`w.id`);
  const changed = sql`select v.entity_id as id from (select w.blueprint, w.identifier, w.at from entity_versions w where w.blueprint in (${list}) and ${after}) a join entity_versions v on v.blueprint = a.blueprint and v.identifier = a.identifier and v.at = a.at`;
  // What a walk reads of them; read policies may judge any column. Without the state (team, properties, …)
  // SQLite leaves out the view's join to the entities table.
  const state = judged
    ? sql`, v.title, v.icon, ${ownersThenSql(dialect, judged.moved, 'v.team', 'v.at')} as team, v.properties, v.created_at, v.created_by, v.updated_at, v.updated_by, v.version`
    : sql``;
  const then = sql`select v.entity_id as id, v.blueprint, v.identifier, v.relations${state}
    from entity_versions_full v
    where v.id in (select max(w.id) from entity_versions w where w.entity_id in (select id from ${CHANGED}) and w.at <= ${at} group by w.entity_id)
      and v.action <> 'DELETE'`;
  const listed = listedRelations(dialect, blueprints, since, at, names);
  // A target is the entity that bore its identifier then: one unchanged since, bearing it today, or the one
  // whose last version then bears it. Read by the indexes, row by row (a join with asof_then let PostgreSQL
  // scan it once per row). cast: a column SQLite compares with the walk's ids through an index.
  const today = sql`select c.id from entities c where c.blueprint = l.target_blueprint and c.identifier = l.target and c.id not in (select id from ${CHANGED})`;
  const bearer = sql`select x.entity_id from entity_versions x where x.blueprint = l.target_blueprint and x.identifier = l.target and x.at <= ${at} and x.action <> 'DELETE' and x.id = (select max(y.id) from entity_versions y where y.entity_id = x.entity_id and y.at <= ${at}) limit 1`;
  const resolved = sql`select l.source_id, l.source_blueprint, l.relation, cast(coalesce((${today}), (${bearer})) as bigint) as target_id from (${listed}) l`;
  const relations = sql`select * from (${resolved}) y where ${dialect.interruptible(sql<SqlBool>`y.target_id is not null`, sql`y.source_id`)}`;
  return [
    { name: 'asof_changed', query: changed },
    { name: 'asof_then', query: then },
    { name: 'asof_then_relations', query: relations },
  ];
}

/**
 * The relations then of the entities of asof_then (source, relation, target identifier and blueprint),
 * of the relations between blueprints of `names`: one select for each, under SQLite's limit of 500 in a
 * compound select.
 */
function listedRelations(
  dialect: Dialect,
  blueprints: ReadonlyMap<string, BlueprintDefinition>,
  since: ReadonlyMap<string, DefinedSince>,
  at: string,
  names: readonly string[],
): RawBuilder<unknown> {
  const within = new Set(names);
  // A relation defined since (created, renamed, given another target) was not this one then.
  const definedThen = (blueprint: string, relation: string) => {
    const from = since.get(blueprint);
    return from === undefined || nameSince(from, relation) <= at;
  };
  const selects = names.flatMap((name) =>
    Object.entries(blueprints.get(name)?.relations ?? {})
      .filter(([relation, spec]) => within.has(spec.target) && definedThen(name, relation))
      .map(
        ([relation, spec]) =>
          sql`select s.id as source_id, s.blueprint as source_blueprint, ${sql.raw(quoteLiteral(relation))} as relation, x.value as target, ${blueprintLiteral(spec.target)} as target_blueprint from ${THEN} s cross join ${dialect.relationTargets('s.relations', relation, 'x')} where s.blueprint = ${blueprintLiteral(name)}`,
      ),
  );
  if (!selects.length)
    return sql`select cast(null as bigint) as source_id, cast(null as text) as source_blueprint, cast(null as text) as relation, cast(null as text) as target, cast(null as text) as target_blueprint where 1 = 0`;
  const chunks = [];
  for (let i = 0; i < selects.length; i += 200)
    chunks.push(sql`select * from (${sql.join(selects.slice(i, i + 200), sql` union all `)}) c`);
  return sql.join(chunks, sql` union all `);
}
