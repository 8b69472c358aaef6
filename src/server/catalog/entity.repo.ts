import { sql, type CompiledQuery, type Expression, type Selectable, type SqlBool } from 'kysely';
import type { BlueprintDefinition, JsonObject } from '../../core/blueprint.js';
import type { Entity } from '../../core/entity.js';
import type { Db } from '../storage/database.js';
import type { Dialect, GuardedQuery, InsertColumn, RelationByIdentifier } from '../storage/dialect/index.js';
import type { EntitiesTable } from '../storage/tables.js';

export type EntityRow = Selectable<EntitiesTable>;

/** The state of one entity as the write path computes it, before it has (or keeps) a row id. */
export interface EntityState {
  blueprint: string;
  identifier: string;
  title: string | null;
  icon: string | null;
  team: string[];
  properties: JsonObject;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /** Which client last wrote it, as it names itself (Port's `$datasource`); not part of its JSON. */
  datasource: string | null;
}

// Bound values per statement stay under SQLite's and PostgreSQL's limits (32,766 and 65,535).
const ROWS_PER_STATEMENT = 1000;

/**
 * The rows of `identifiers` of `blueprint`. With `lockOn` (in a transaction), PostgreSQL locks them until it
 * ends, so that what is checked of them holds until the transaction's own write; on SQLite a transaction
 * holds the only writer.
 */
export async function findEntityRows(
  db: Db,
  blueprint: string,
  identifiers: string[],
  lockOn?: Dialect,
): Promise<EntityRow[]> {
  const rows: EntityRow[] = [];
  for (const chunk of chunks([...new Set(identifiers)], ROWS_PER_STATEMENT)) {
    if (!chunk.length) continue;
    let query = db
      .selectFrom('entities')
      .selectAll()
      .where('blueprint', '=', blueprint)
      .where('identifier', 'in', chunk);
    // In the order of their ids, as every writer locks rows, so that two never wait for each other.
    if (lockOn?.name === 'postgres') query = query.orderBy('id').forUpdate();
    rows.push(...(await query.execute()));
  }
  return rows;
}

export async function findEntityRowsById(db: Db, ids: number[]): Promise<EntityRow[]> {
  const rows: EntityRow[] = [];
  for (const chunk of chunks(ids, ROWS_PER_STATEMENT))
    if (chunk.length)
      rows.push(...(await db.selectFrom('entities').selectAll().where('id', 'in', chunk).execute()));
  return rows;
}

/** Which entities an actor may read: all of some blueprints, and those owned by `teams` in others. */
export interface Visibility {
  all: readonly string[];
  owned: readonly string[];
  teams: readonly string[];
  /** Read policies: entities of `blueprint` matching `where` are visible too. */
  policies?: ReadonlyArray<{ blueprint: string; where: Expression<SqlBool> }>;
}

/** `visibility` as a condition on the entities table aliased `e`. */
export function visibleCondition(dialect: Dialect, visibility: Visibility): Expression<SqlBool> {
  const parts = [];
  if (visibility.all.length) parts.push(sql<SqlBool>`e.blueprint in (${sql.join([...visibility.all])})`);
  if (visibility.owned.length && visibility.teams.length)
    parts.push(
      sql<SqlBool>`(e.blueprint in (${sql.join([...visibility.owned])}) and ${dialect.jsonArrayContainsAny(sql.raw('e.team'), [...visibility.teams])})`,
    );
  for (const policy of visibility.policies ?? [])
    parts.push(sql<SqlBool>`(e.blueprint = ${policy.blueprint} and ${policy.where})`);
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` or `)})` : sql<SqlBool>`1 = 0`;
}

/** The entities (of any blueprint) that any of `teams` owns. */
export async function findEntityRowsOwnedBy(db: Db, dialect: Dialect, teams: readonly string[]) {
  if (!teams.length) return [];
  return db
    .selectFrom('entities as e')
    .selectAll('e')
    .where(dialect.jsonArrayContainsAny(sql.raw('e.team'), [...teams]) as Expression<SqlBool>)
    .execute();
}

/** Whether the entity of row id `id` meets `condition` (on the alias `e`). */
export async function entityMeets(db: Db, id: number, condition: Expression<SqlBool>): Promise<boolean> {
  const row = await db
    .selectFrom('entities as e')
    .select('e.id')
    .where('e.id', '=', id)
    .where(condition)
    .executeTakeFirst();
  return row !== undefined;
}

export async function countEntityRows(
  db: Db,
  dialect: Dialect,
  blueprint: string,
  visibility?: Visibility,
): Promise<number> {
  let query = db
    .selectFrom('entities as e')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('e.blueprint', '=', blueprint);
  if (visibility) query = query.where(visibleCondition(dialect, visibility));
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The id and title of each of entities `identifiers` of `blueprint` that exist. */
async function findByIdentifier(db: Db, blueprint: string, identifiers: readonly string[]) {
  const rows: Array<{ id: number; identifier: string; title: string | null }> = [];
  for (const chunk of chunks([...new Set(identifiers)], ROWS_PER_STATEMENT))
    if (chunk.length)
      rows.push(
        ...(await db
          .selectFrom('entities')
          .select(['id', 'identifier', 'title'])
          .where('blueprint', '=', blueprint)
          .where('identifier', 'in', chunk)
          .execute()),
      );
  return rows;
}

export async function findEntityIds(db: Db, blueprint: string, identifiers: string[]) {
  return new Map((await findByIdentifier(db, blueprint, identifiers)).map((row) => [row.identifier, row.id]));
}

/** The titles of entities `identifiers` of `blueprint` that exist, by identifier. */
export async function findEntityTitles(db: Db, blueprint: string, identifiers: readonly string[]) {
  return new Map(
    (await findByIdentifier(db, blueprint, identifiers)).map((row) => [row.identifier, row.title]),
  );
}

const ENTITY_COLUMNS: readonly InsertColumn[] = [
  { name: 'blueprint', type: 'text' },
  { name: 'identifier', type: 'text' },
  { name: 'title', type: 'text' },
  { name: 'icon', type: 'text' },
  { name: 'team', type: 'json' },
  { name: 'properties', type: 'json' },
  { name: 'created_at', type: 'text', key: 'createdAt' },
  { name: 'created_by', type: 'text', key: 'createdBy' },
  { name: 'updated_at', type: 'text', key: 'updatedAt' },
  { name: 'updated_by', type: 'text', key: 'updatedBy' },
  { name: 'datasource', type: 'text' },
];
const UPSERT_ENTITY = `on conflict (blueprint, identifier) do update set title = excluded.title, icon = excluded.icon, team = excluded.team, properties = excluded.properties, updated_at = excluded.updated_at, updated_by = excluded.updated_by, datasource = excluded.datasource, version = entities.version + 1`;
const INSERT_IF_ABSENT = `on conflict (blueprint, identifier) do nothing`;

/**
 * Statements inserting new entities or overwriting existing ones (by blueprint + identifier). With
 * `onConflict: 'fail'` an entity that exists by now (a concurrent create) makes the statement fail instead.
 */
export function entityUpsertQueries(
  dialect: Dialect,
  states: EntityState[],
  onConflict: 'update' | 'fail' | 'ignore' | 'stale' = 'update',
): GuardedQuery[] {
  const suffix = onConflict === 'update' ? UPSERT_ENTITY : onConflict === 'fail' ? '' : INSERT_IF_ABSENT;
  const queries = dialect.insertRows('entities', ENTITY_COLUMNS, states, suffix);
  if (onConflict !== 'stale') return queries;
  // Each statement must insert all its rows: SQLite's bind one value per column of each row, PostgreSQL's
  // one statement takes every row as one JSON parameter (see dialect.insertRows).
  return queries.map((query) => ({
    ...query,
    expectChanges:
      dialect.name === 'sqlite' ? query.parameters.length / ENTITY_COLUMNS.length : states.length,
  }));
}

/**
 * Guards of a read-modify-write: statements that fail its transaction (dialect.isStaleWrite) unless every
 * row in `read` is still at the version it was read at. On PostgreSQL they lock those rows until the
 * transaction ends (not FOR UPDATE: writes that only name them, existenceGuardQueries, need not wait).
 */
export function versionGuardQueries(
  db: Db,
  dialect: Dialect,
  read: ReadonlyArray<{ id: number; version: number }>,
): GuardedQuery[] {
  return guardQueries(db, dialect, read, 'version', 'noKeyUpdate');
}

/**
 * Guards that the entities a write names by their identifiers (its teams) still exist under those names:
 * a delete or rename of one meanwhile fails the transaction as a stale write. On PostgreSQL they hold a
 * key-share lock, as a foreign key does: a delete or rename waits for the write, then sees it.
 */
export function existenceGuardQueries(
  db: Db,
  dialect: Dialect,
  rows: ReadonlyArray<{ id: number; identifier: string }>,
): GuardedQuery[] {
  return guardQueries(db, dialect, rows, 'identifier', 'keyShare');
}

/** Rows locked in the order of their ids, so that two writers never wait for each other. */
function guardQueries<K extends 'version' | 'identifier'>(
  db: Db,
  dialect: Dialect,
  rows: ReadonlyArray<{ id: number } & Record<K, number | string>>,
  column: K,
  lock: 'noKeyUpdate' | 'keyShare',
): GuardedQuery[] {
  if (!rows.length) return [];
  const unique = [...new Map(rows.map((row) => [row.id, row])).values()].sort((a, b) => a.id - b.id);
  return chunks(unique, GUARDS_PER_STATEMENT).map((chunk) => {
    let query = db
      .selectFrom('entities')
      .select('id')
      .where((eb) =>
        eb.or(chunk.map((row) => eb.and([eb('id', '=', row.id), eb(column, '=', row[column] as never)]))),
      )
      .orderBy('id');
    if (dialect.name === 'postgres')
      query = lock === 'keyShare' ? query.forKeyShare() : query.forNoKeyUpdate();
    return { ...query.compile(), expectChanges: chunk.length };
  });
}
const GUARDS_PER_STATEMENT = 500;

/** The entities whose relations point at any of `ids`. */
export async function sourcesOf(db: Db, ids: readonly number[]): Promise<number[]> {
  const out = new Set<number>();
  for (const chunk of chunks([...ids], ROWS_PER_STATEMENT))
    if (chunk.length)
      for (const row of await db
        .selectFrom('entity_relations')
        .select('source_id')
        .distinct()
        .where('target_id', 'in', chunk)
        .execute())
        out.add(row.source_id);
  return [...out];
}

/**
 * Gives a new version to the entities whose relations point at `ids`: renamed or deleted, those targets
 * change how their relations read, and a client's If-Match must see it.
 */
export function bumpSourcesOfQuery(db: Db, ids: readonly number[]): CompiledQuery {
  return db
    .updateTable('entities')
    .set({ version: sql`version + 1` })
    .where(
      'id',
      'in',
      db
        .selectFrom('entity_relations')
        .select('source_id')
        .where('target_id', 'in', [...ids]),
    )
    .compile();
}

/** Marks `ids` written by `actor` at `at` (a change of their values by a person, not by Portico). */
export async function touchEntities(trx: Db, ids: readonly number[], at: string, actor: string) {
  for (const chunk of chunks([...ids], 1000))
    if (chunk.length)
      await trx
        .updateTable('entities')
        .set({ updated_at: at, updated_by: actor })
        .where('id', 'in', chunk)
        .execute();
}

export function renameEntityQuery(db: Db, id: number, identifier: string): CompiledQuery {
  return db.updateTable('entities').set({ identifier }).where('id', '=', id).compile();
}

/**
 * Statements replacing every relation row of the entities `identifiers` of `blueprint` with `rows`. Run
 * after the entities' own upsert: both sides are found by identifier, so the statements need no row id
 * from an earlier statement and run as one batch.
 */
export function relationReplaceQueries(
  dialect: Dialect,
  blueprint: string,
  identifiers: string[],
  rows: RelationByIdentifier[],
): CompiledQuery[] {
  return [dialect.deleteRelationsOf(blueprint, identifiers), ...dialect.insertRelationsByIdentifier(rows)];
}

/** relation name -> target identifiers in order, per source entity id. */
export type RelationsBySource = Map<number, Map<string, string[]>>;

/** With `readable` (dialect and visibility of a reader), targets the reader may not read are left out. */
export async function loadRelations(
  db: Db,
  sourceIds: number[],
  readable?: { dialect: Dialect; visibility: Visibility },
): Promise<RelationsBySource> {
  const out: RelationsBySource = new Map();
  for (const chunk of chunks([...new Set(sourceIds)], ROWS_PER_STATEMENT)) {
    if (!chunk.length) continue;
    let query = db
      .selectFrom('entity_relations as r')
      .innerJoin('entities as e', 'e.id', 'r.target_id')
      .select(['r.source_id', 'r.relation', 'e.identifier'])
      .where('r.source_id', 'in', chunk);
    if (readable) query = query.where(visibleCondition(readable.dialect, readable.visibility));
    const rows = await query.orderBy('r.source_id').orderBy('r.relation').orderBy('r.position').execute();
    for (const row of rows) {
      let bySource = out.get(row.source_id);
      if (!bySource) out.set(row.source_id, (bySource = new Map()));
      const list = bySource.get(row.relation) ?? [];
      list.push(row.identifier);
      bySource.set(row.relation, list);
    }
  }
  return out;
}

/** The ids among `ids` of entities that `visibility` lets a reader read. */
export async function visibleIdsAmong(
  db: Db,
  dialect: Dialect,
  ids: readonly number[],
  visibility: Visibility,
): Promise<Set<number>> {
  const out = new Set<number>();
  for (const chunk of chunks([...new Set(ids)], ROWS_PER_STATEMENT)) {
    if (!chunk.length) continue;
    const rows = await db
      .selectFrom('entities as e')
      .select('e.id')
      .where('e.id', 'in', chunk)
      .where(visibleCondition(dialect, visibility))
      .execute();
    rows.forEach((row) => out.add(row.id));
  }
  return out;
}

/** Which of `identifiers` of `blueprint` exist and are (`readable`) or are not visible to `visibility`. */
async function identifiersSeen(
  db: Db,
  dialect: Dialect,
  blueprint: string,
  identifiers: readonly string[],
  visibility: Visibility,
  readable: boolean,
): Promise<Set<string>> {
  const out = new Set<string>();
  const seen = sql<SqlBool>`coalesce(${visibleCondition(dialect, visibility)}, false)`;
  for (const chunk of chunks([...new Set(identifiers)], ROWS_PER_STATEMENT)) {
    if (!chunk.length) continue;
    const rows = await db
      .selectFrom('entities as e')
      .select('e.identifier')
      .where('e.blueprint', '=', blueprint)
      .where('e.identifier', 'in', chunk)
      .where(readable ? seen : sql<SqlBool>`not ${seen}`)
      .execute();
    rows.forEach((row) => out.add(row.identifier));
  }
  return out;
}

/** Which of `identifiers` of `blueprint` exist but are hidden from a reader with `visibility`. */
export const hiddenIdentifiers = (
  db: Db,
  dialect: Dialect,
  blueprint: string,
  identifiers: readonly string[],
  visibility: Visibility,
) => identifiersSeen(db, dialect, blueprint, identifiers, visibility, false);

/**
 * Of `identifiers` (targets named by past versions), those the reader may not read now: hidden ones, and
 * those that no longer exist under that name (deleted or renamed since), which cannot be judged.
 */
export async function unreadableIdentifiers(
  db: Db,
  dialect: Dialect,
  blueprint: string,
  identifiers: readonly string[],
  visibility: Visibility,
): Promise<Set<string>> {
  const readable = await identifiersSeen(db, dialect, blueprint, identifiers, visibility, true);
  return new Set(identifiers.filter((identifier) => !readable.has(identifier)));
}

/** Entities that point at one of `targetIds` through a relation (with its source blueprint, for `required`). */
export async function findDependents(db: Db, targetIds: number[]) {
  const out: Array<{
    id: number;
    blueprint: string;
    identifier: string;
    relation: string;
    targetId: number;
  }> = [];
  for (const chunk of chunks(targetIds, ROWS_PER_STATEMENT)) {
    if (!chunk.length) continue;
    out.push(
      ...(await db
        .selectFrom('entity_relations as r')
        .innerJoin('entities as s', 's.id', 'r.source_id')
        .select(['s.id', 's.blueprint', 's.identifier', 'r.relation', 'r.target_id as targetId'])
        .where('r.target_id', 'in', chunk)
        .execute()),
    );
  }
  return out;
}

export async function deleteEntityRows(db: Db, ids: number[]) {
  for (const chunk of chunks(ids, ROWS_PER_STATEMENT))
    if (chunk.length) await db.deleteFrom('entities').where('id', 'in', chunk).execute();
}

export async function listEntityRowsAfter(db: Db, blueprint: string, afterId: number, limit: number) {
  return db
    .selectFrom('entities')
    .selectAll()
    .where('blueprint', '=', blueprint)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export function rowToState(dialect: Dialect, row: EntityRow): EntityState {
  return {
    blueprint: row.blueprint,
    identifier: row.identifier,
    title: row.title,
    icon: row.icon,
    team: dialect.fromJson<string[]>(row.team),
    properties: dialect.fromJson<JsonObject>(row.properties),
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    datasource: row.datasource ?? null,
  };
}

/** The API shape: every relation of the blueprint is present (many: [], single: null when unset). */
export function toEntity(
  state: EntityState,
  blueprint: BlueprintDefinition,
  relations?: Map<string, string[]>,
): Entity {
  const rel: Entity['relations'] = {};
  for (const key in blueprint.relations) {
    const targets = relations?.get(key) ?? [];
    rel[key] = blueprint.relations[key]!.many ? targets : (targets[0] ?? null);
  }
  return {
    identifier: state.identifier,
    title: state.title,
    icon: state.icon,
    blueprint: state.blueprint,
    team: state.team,
    properties: state.properties,
    relations: rel,
    createdAt: state.createdAt,
    createdBy: state.createdBy,
    updatedAt: state.updatedAt,
    updatedBy: state.updatedBy,
  };
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length ? out : [[]];
}
