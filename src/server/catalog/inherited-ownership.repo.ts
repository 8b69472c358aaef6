import { sql, type CompiledQuery, type RawBuilder } from 'kysely';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';

/** A blueprint whose entities' owners are those of the entities its ownership path reaches (§9.3). */
export interface InheritedOwnership {
  blueprint: string;
  /** Each hop: the relation followed and the blueprint it reaches. */
  hops: Array<{ relation: string; target: string }>;
}

/** The blueprints with Inherited ownership, with their paths resolved hop by hop. */
export function inheritedOwnerships(
  blueprints: ReadonlyMap<string, BlueprintDefinition>,
): InheritedOwnership[] {
  const out: InheritedOwnership[] = [];
  for (const blueprint of blueprints.values()) {
    if (blueprint.ownership?.type !== 'Inherited') continue;
    const hops: InheritedOwnership['hops'] = [];
    let at: BlueprintDefinition | undefined = blueprint;
    for (const relation of blueprint.ownership.path.split('.')) {
      const target: string | undefined = at?.relations[relation]?.target;
      if (!target) break; // blueprint rules keep paths valid; a broken one owns nothing
      hops.push({ relation, target });
      at = blueprints.get(target);
    }
    out.push({ blueprint: blueprint.identifier, hops });
  }
  return out;
}

/** `h1 … h<count>`: the relation rows of the path's first `count` hops, from source `h1.source_id`. */
function hopJoins(hops: InheritedOwnership['hops'], count: number): RawBuilder<unknown> {
  const joins = hops
    .slice(1, count)
    .map(
      (hop, i) =>
        sql`join entity_relations as ${sql.raw(`h${i + 2}`)} on ${sql.raw(`h${i + 2}`)}.source_id = ${sql.raw(`h${i + 1}`)}.target_id and ${sql.raw(`h${i + 2}`)}.relation = ${hop.relation}`,
    );
  return sql`entity_relations as h1 ${sql.join(joins, sql` `)}`;
}

/** The sorted, distinct teams of the entities `owner`'s path reaches from the row `entities`. */
function inheritedTeams(dialect: Dialect, owner: InheritedOwnership): RawBuilder<unknown> {
  const last = sql.raw(`h${owner.hops.length}`);
  const rows = sql`select distinct tv.value as v from ${hopJoins(owner.hops, owner.hops.length)}
    join entities as t on t.id = ${last}.target_id
    cross join ${dialect.jsonArrayElements('t.team', 'tv')}
    where h1.source_id = entities.id and h1.relation = ${owner.hops[0]!.relation}`;
  return dialect.jsonArrayOfSorted(rows);
}

/**
 * Ids of `owner`'s entities whose path passes through the entities picked by `through` (a condition on
 * the alias `w`, the entity reached): a change to those changes their owners.
 */
function reachingThrough(owner: InheritedOwnership, throughBlueprint: string, through: RawBuilder<unknown>) {
  const selects: RawBuilder<unknown>[] = [];
  owner.hops.forEach((hop, index) => {
    if (hop.target !== throughBlueprint) return;
    const at = sql.raw(`h${index + 1}`);
    selects.push(sql`select h1.source_id from ${hopJoins(owner.hops, index + 1)}
      join entities as w on w.id = ${at}.target_id
      where h1.relation = ${owner.hops[0]!.relation} and ${through}`);
  });
  return selects;
}

/** Sets the team of `owner`'s entities picked by `ids` (a subquery of row ids) to what they inherit. */
/** Who recomputes owners, and when: each entity whose team it changes gets a version (history). */
export interface Recorded {
  at: string;
  actor: string;
}

function recompute(
  db: Db,
  dialect: Dialect,
  owner: InheritedOwnership,
  ids?: RawBuilder<unknown>[],
  recorded?: Recorded,
): { update: CompiledQuery; versions: CompiledQuery[] } | undefined {
  if (!owner.hops.length || (ids && !ids.length)) return undefined;
  const within = ids ? sql.join(ids, sql` union `) : undefined;
  const update = sql`update entities set team = ${inheritedTeams(dialect, owner)}, version = version + 1
    where blueprint = ${owner.blueprint} ${within ? sql`and id in (${within})` : sql``}`.compile(db);
  // Each entity of the scope at a version no version holds yet: its relations are its last version's.
  const versions = recorded
    ? [
        sql`insert into entity_versions (entity_id, blueprint, identifier, version, at, actor, action, title, icon, team, properties, relations, created_at, created_by, updated_at, updated_by)
          select e.id, e.blueprint, e.identifier, e.version, ${recorded.at}, ${recorded.actor}, 'UPDATE', e.title, e.icon, e.team, e.properties,
            (select p.relations from entity_versions p where p.entity_id = e.id order by p.version desc limit 1),
            e.created_at, e.created_by, e.updated_at, e.updated_by
          from entities e where e.blueprint = ${owner.blueprint} ${within ? sql`and e.id in (${within})` : sql``}
            and exists (select 1 from entity_versions p where p.entity_id = e.id)
            and not exists (select 1 from entity_versions p where p.entity_id = e.id and p.version = e.version)`.compile(
          db,
        ),
      ]
    : [];
  return { update, versions };
}

/**
 * After entities of `blueprint` named `identifiers` were written (their teams or relations may have
 * changed), the statements that bring the owners of every entity inheriting through them up to date.
 */
export function inheritedTeamsAfterWrite(
  db: Db,
  dialect: Dialect,
  owners: readonly InheritedOwnership[],
  blueprint: string,
  identifiers: readonly string[],
  recorded?: Recorded,
): { updates: CompiledQuery[]; versions: CompiledQuery[] } {
  const out = { updates: [] as CompiledQuery[], versions: [] as CompiledQuery[] };
  if (!identifiers.length) return out;
  const named = sql`w.blueprint = ${blueprint} and w.identifier in (${sql.join([...identifiers])})`;
  for (const owner of owners) {
    const ids = reachingThrough(owner, blueprint, named);
    if (owner.blueprint === blueprint) ids.push(sql`select w.id from entities as w where ${named}`);
    const queries = recompute(db, dialect, owner, ids, recorded);
    if (!queries) continue;
    out.updates.push(queries.update);
    out.versions.push(...queries.versions);
  }
  return out;
}

/** Every entity of `owner`, e.g. when its ownership path is set or changed. */
export function recomputeAllInheritedTeams(
  db: Db,
  dialect: Dialect,
  owner: InheritedOwnership,
  recorded?: Recorded,
) {
  const queries = recompute(db, dialect, owner, undefined, recorded);
  return queries && [queries.update, ...queries.versions];
}

/** Before entities are deleted: the ids (per owner blueprint) of entities that inherit through them. */
export async function inheritingThrough(
  db: Db,
  owners: readonly InheritedOwnership[],
  doomed: ReadonlyArray<{ id: number; blueprint: string }>,
): Promise<Map<InheritedOwnership, number[]>> {
  const affected = new Map<InheritedOwnership, number[]>();
  for (const owner of owners) {
    const ids: number[] = [];
    for (const target of new Set(owner.hops.map((h) => h.target))) {
      const picked = doomed.filter((d) => d.blueprint === target).map((d) => d.id);
      if (!picked.length) continue;
      for (const select of reachingThrough(owner, target, sql`w.id in (${sql.join(picked)})`))
        ids.push(
          ...(await select.execute(db)).rows.map((r) => Number((r as { source_id: number }).source_id)),
        );
    }
    if (ids.length) affected.set(owner, [...new Set(ids)]);
  }
  return affected;
}

/** After a delete: the owners of the entities that inherited through what was deleted. */
export function recomputeInheritedTeamsOf(
  db: Db,
  dialect: Dialect,
  owner: InheritedOwnership,
  ids: number[],
  recorded?: Recorded,
) {
  const queries = recompute(
    db,
    dialect,
    owner,
    [sql`select w.id from entities as w where w.id in (${sql.join(ids)})`],
    recorded,
  );
  return queries && [queries.update, ...queries.versions];
}

/**
 * The teams each of `starts` (entities of the path's first hop target, by identifier) passes on along the
 * rest of `owner`'s path: what a new entity pointing at them will inherit.
 */
export async function teamsPassedOnBy(
  db: Db,
  dialect: Dialect,
  owner: InheritedOwnership,
  starts: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!owner.hops.length || !starts.length) return out;
  const rest = owner.hops.slice(1);
  const joins = rest.map((hop, i) => {
    const alias = sql.raw(`p${i + 1}`);
    const from = i === 0 ? sql.raw('w.id') : sql.raw(`p${i}.target_id`);
    return sql`join entity_relations as ${alias} on ${alias}.source_id = ${from} and ${alias}.relation = ${hop.relation}`;
  });
  const reached = rest.length ? sql.raw(`p${rest.length}.target_id`) : sql.raw('w.id');
  const rows = await sql<{
    start: string;
    team: string;
  }>`select distinct w.identifier as start, tv.value as team
    from entities as w ${sql.join(joins, sql` `)}
    join entities as t on t.id = ${reached}
    cross join ${dialect.jsonArrayElements('t.team', 'tv')}
    where w.blueprint = ${owner.hops[0]!.target} and w.identifier in (${sql.join([...starts])})`.execute(db);
  for (const row of rows.rows) out.set(row.start, [...(out.get(row.start) ?? []), String(row.team)]);
  return out;
}
