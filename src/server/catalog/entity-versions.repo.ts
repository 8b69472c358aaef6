import { sql, type Expression, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import type { Entity } from '../../core/entity.js';
import type { Db } from '../storage/database.js';
import type { Dialect, EntityVersionInput } from '../storage/dialect/index.js';
import type { EntityVersionsTable } from '../storage/tables.js';
import { chunks } from './entity.repo.js';
import { ownersThenSql, type MovedTeamNames } from './team-names.repo.js';

export type EntityVersionRow = Selectable<EntityVersionsTable>;

/** The actor of versions Portico writes itself (computed values). */
export const SYSTEM_ACTOR = 'portico';

/** In a deletion's transaction, before the rows go: a last version of each that says it was deleted. */
export async function recordDeletions(trx: Db, ids: readonly number[], at: string, actor: string) {
  for (const chunk of chunks([...ids], 1000)) {
    if (!chunk.length) continue;
    await trx
      .insertInto('entity_versions')
      .columns(['entity_id', 'blueprint', 'identifier', 'version', 'at', 'actor', 'action'])
      .expression(
        trx
          .selectFrom('entities')
          .select([
            'id',
            'blueprint',
            'identifier',
            sql<number>`version + 1`.as('version'),
            sql<string>`${at}`.as('at'),
            sql<string>`${actor}`.as('actor'),
            sql<string>`'DELETE'`.as('action'),
          ])
          .where('id', 'in', chunk),
      )
      .execute();
  }
}

/** The relations (JSON) of the latest version of entity `e.id`. */
export const PREVIOUS_RELATIONS =
  '(select p.relations from entity_versions p where p.entity_id = e.id order by p.version desc limit 1)';

/**
 * A version of each of `ids` as its row is now, after a change of its properties alone (computed values,
 * by Portico; a type change or a blueprint change, by who made it): its relations are those of its
 * previous version, or `relations` of them (PREVIOUS_RELATIONS) when the change renamed or removed one.
 */
export async function recordComputedVersions(
  trx: Db,
  ids: readonly number[],
  at: string,
  actor: string = SYSTEM_ACTOR,
  relations: RawBuilder<unknown> = sql.raw(PREVIOUS_RELATIONS),
) {
  for (const chunk of chunks([...ids], 1000)) {
    if (!chunk.length) continue;
    await trx
      .insertInto('entity_versions')
      .columns([
        'entity_id',
        'blueprint',
        'identifier',
        'version',
        'at',
        'actor',
        'action',
        'title',
        'icon',
        'team',
        'properties',
        'relations',
        'created_at',
        'created_by',
        'updated_at',
        'updated_by',
      ])
      .expression(
        trx
          .selectFrom('entities as e')
          .select([
            'e.id',
            'e.blueprint',
            'e.identifier',
            'e.version',
            sql<string>`${at}`.as('at'),
            sql<string>`${actor}`.as('actor'),
            sql<string>`'UPDATE'`.as('action'),
            'e.title',
            'e.icon',
            'e.team',
            'e.properties',
            relations.as('relations'),
            'e.created_at',
            'e.created_by',
            'e.updated_at',
            'e.updated_by',
          ])
          .where('e.id', 'in', chunk),
      )
      .execute();
  }
}

/**
 * Whether version `id` (a row of entity_versions) meets `condition`, written on the entities table as `e`
 * (a read policy): its `team` there names the teams that owned it then by their names today, and its
 * properties hold nothing under the names `hidden` (defined anew since it was written).
 */
export async function versionMeets(
  db: Db,
  dialect: Dialect,
  id: number,
  condition: Expression<SqlBool>,
  moved: MovedTeamNames,
  hidden: readonly string[] = [],
): Promise<boolean> {
  const team = ownersThenSql(dialect, moved, 'v.team', 'v.at');
  const properties = hidden.length
    ? dialect.removeJsonKeys(sql.raw('v.properties'), hidden)
    : sql.raw('v.properties');
  const row = await db
    .selectFrom(
      sql`(select v.entity_id as id, v.blueprint, v.identifier, v.title, v.icon, ${team} as team, ${properties} as properties, v.created_at, v.created_by, v.updated_at, v.updated_by, v.version from entity_versions_full v where v.id = ${id})`.as(
        'e',
      ),
    )
    .select(sql`1`.as('one'))
    .where(condition)
    .executeTakeFirst();
  return row !== undefined;
}

/** The row id the versions of entity `identifier` of `blueprint` are kept under (the latest one to hold it). */
export async function versionedEntityId(db: Db, blueprint: string, identifier: string) {
  const current = await db
    .selectFrom('entities')
    .select('id')
    .where('blueprint', '=', blueprint)
    .where('identifier', '=', identifier)
    .executeTakeFirst();
  if (current) return current.id;
  const last = await db
    .selectFrom('entity_versions')
    .select('entity_id')
    .where('blueprint', '=', blueprint)
    .where('identifier', '=', identifier)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last?.entity_id;
}

/** Versions of one entity, newest first, below `beforeVersion`; one more than `limit` tells of a next page. */
export async function listVersions(db: Db, entityId: number, limit: number, beforeVersion?: number) {
  let query = db.selectFrom('entity_versions_full').selectAll().where('entity_id', '=', entityId);
  if (beforeVersion !== undefined) query = query.where('version', '<', beforeVersion);
  return query.orderBy('version', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** The version of `entityId` just before `version` (for a page's last diff). */
export async function versionBefore(db: Db, entityId: number, version: number) {
  return db
    .selectFrom('entity_versions_full')
    .selectAll()
    .where('entity_id', '=', entityId)
    .where('version', '<', version)
    .orderBy('version', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Entity `identifier` of `blueprint` as it was at `at`: its last version then (a deletion, or none). */
export async function versionAt(db: Db, blueprint: string, identifier: string, at: string) {
  return db
    .selectFrom('entity_versions_full')
    .selectAll()
    .where('blueprint', '=', blueprint)
    .where('identifier', '=', identifier)
    .where('at', '<=', at)
    .orderBy('at', 'desc')
    .orderBy('version', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * The versions of an entity from the last one before `from` to the last one at or before `to`, in their
 * order, `chunk` at a time: a busy entity's versions (up to 1 MiB of properties each) are never all held.
 */
export async function* versionsBetween(db: Db, entityId: number, from: string, to: string, chunk = 100) {
  const before = await db
    .selectFrom('entity_versions_full')
    .selectAll()
    .where('entity_id', '=', entityId)
    .where('at', '<', from)
    .orderBy('at', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .execute();
  if (before.length) yield before;
  let after: { at: string; version: number } | undefined;
  for (;;) {
    let query = db
      .selectFrom('entity_versions_full')
      .selectAll()
      .where('entity_id', '=', entityId)
      .where('at', '>=', from)
      .where('at', '<=', to);
    if (after) {
      const { at, version } = after;
      query = query.where((eb) =>
        eb.or([eb('at', '>', at), eb.and([eb('at', '=', at), eb('version', '>', version)])]),
      );
    }
    const rows = await query.orderBy('at').orderBy('version').limit(chunk).execute();
    if (rows.length) yield rows;
    if (rows.length < chunk) return;
    const last = rows[rows.length - 1]!;
    after = { at: last.at, version: last.version };
  }
}

/**
 * Versions of `entities` as their rows are once the transaction has changed them (their team, say), for
 * dialect.insertEntityVersions; their relations, unchanged, as `entities` hold them.
 */
export function versionsOf(entities: readonly Entity[], at: string, actor: string): EntityVersionInput[] {
  return entities.map((entity) => ({
    blueprint: entity.blueprint,
    identifier: entity.identifier,
    at,
    actor,
    action: 'UPDATE',
    relations: Object.fromEntries(
      Object.entries(entity.relations).map(([relation, value]) => [
        relation,
        value === null ? [] : [value].flat().filter((v): v is string => typeof v === 'string'),
      ]),
    ),
  }));
}
