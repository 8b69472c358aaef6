import type { ScorecardDefinition } from '../../core/scorecard.js';
import { sql, type Expression, type QueryCreator, type SqlBool } from 'kysely';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import { visibleCondition, type Visibility } from '../catalog/entity.repo.js';
import type { Tables } from '../storage/tables.js';
import {
  decodeCursor,
  encodeCursor,
  fingerprintOf,
  type CursorPosition,
  type SortValue,
} from './search.cursor.js';
import {
  CREATION_ORDER,
  compileSearchSort,
  cursorCondition,
  orderByTerms,
  type CompiledSort,
} from './search.sort.js';
import { isBlueprint } from './search.targets.js';
import { entitiesAsOf, type NamedQuery } from './search.as-of.js';
import { probeInCreationOrder, probeInSortOrder, probeInWalkOrder } from './search.probes.js';
import { columnsOf, type EntityRow, type FoundRow } from './search.row-columns.js';

export type { EntityRow } from './search.row-columns.js';
import type { MovedTeamNames } from '../catalog/team-names.repo.js';
import type { DefinedThen } from '../catalog/defined-since.repo.js';
import type { WalkBack } from './search.walk-back.js';

export interface SearchRowsOptions {
  /** `compileSearchQuery(...).where`. */
  where: Expression<SqlBool>;
  /** An index reads the matches in creation order (search.probes.ts matchesInCreationOrder). */
  matchesInOrder?: boolean;
  limit: number;
  /** The blueprint of `/v1/blueprints/{bp}/entities/search`. */
  blueprint?: string;
  /** Port's `{property, order}`; creation order when absent. */
  sort?: unknown;
  /** The blueprints a `sort` property is looked up in; required with `sort`. */
  blueprints?: Map<string, BlueprintDefinition>;
  /** `compileSearchQuery(...).blueprints`: narrows the sort property's type check to what can match. */
  matchingBlueprints?: string[];
  /** The `from` token of the request, as returned in `nextCursor`. */
  cursor?: string;
  /** What identifies the search (e.g. the query); a cursor only continues the search it came from. */
  cursorScope?: string;
  /** What the actor may read, when not everything. */
  visibility?: Visibility;
  /** Computed properties the searcher does not see, by blueprint: a sort on one is refused. */
  hiddenComputed?: ReadonlyMap<string, ReadonlySet<string>>;
  /** The scorecards of each blueprint, for a sort by level. */
  scorecards?: ReadonlyMap<string, readonly ScorecardDefinition[]>;
  /** Search the catalog as it was at this instant (canonical ISO): each entity's version then. */
  asOf?: string;
  /** With `asOf` and `visibility`: the team names that passed from one team to another (team-names.repo). */
  movedTeams?: MovedTeamNames;
  /** With `asOf`, for a reader other than an Admin: what versions show of names defined anew since. */
  definedThen?: DefinedThen;
  /** `compileSearchQuery(...).tables`: what `where` reads by name. */
  tables?: readonly NamedQuery[];
  /** Rows of the id alone, instead of the table's columns. */
  idsOnly?: boolean;
  /**
   * `where` as the walk of a relatedTo rule under its top-level `and` and the rest of it (`where` here): a
   * page in creation order is read from the walk's ids (search.probes.ts probeInWalkOrder).
   */
  walk?: TopWalkRead;
}

/** A relatedTo rule's walk as a page reads it (search.walk-memo.ts, search.walk-back.ts). */
export interface TopWalkRead {
  /** The rest of the query. */
  where: Expression<SqlBool>;
  /** The walk's ids, ascending, kept from an earlier request. */
  kept?: Float64Array;
  /** Reads the walk's ids now (and keeps them). */
  read(): Promise<Float64Array>;
  /**
   * When the walk may be walked back: whom from and which ways, the relations counter as the request read
   * it, and the relation rows a walk back may read in a direction (WALK_BACK_ROWS).
   */
  back?: { walk: WalkBack; version: number; rows: number };
}

export interface SearchRowsPage {
  rows: EntityRow[];
  nextCursor?: string;
}

/** One page of entity rows (limit + 1 are read to know whether another page follows). */
export async function searchEntityRows(
  db: Db,
  dialect: Dialect,
  requested: SearchRowsOptions,
): Promise<SearchRowsPage> {
  // SQLite checks the time limit in each rule the compiler wrote, read policies' included (decision 0006).
  // The catalog as it was is judged as it was (search.as-of.ts).
  const readable = (where: Expression<SqlBool>) =>
    requested.visibility && requested.asOf === undefined
      ? bothOf(where, visibleCondition(dialect, requested.visibility))
      : where;
  const { walk } = requested;
  const options = {
    ...requested,
    where: readable(requested.where),
    ...(walk ? { walk: { ...walk, where: readable(walk.where) } } : {}),
  };
  const sort = sortOf(dialect, options);
  const fingerprint = fingerprintOf([
    options.cursorScope ?? null,
    sort.fingerprint,
    options.blueprint ?? null,
  ]);
  const position =
    options.cursor !== undefined ? decodeCursor(options.cursor, fingerprint, sort.valueType) : undefined;
  const found =
    (await probeInWalkOrder(db, dialect, options, sort, position)) ??
    (await probeInSortOrder(db, dialect, options, sort, position)) ??
    (await probeInCreationOrder(db, dialect, options, sort, position)) ??
    (await filterThenSort(db, dialect, options, sort, position));
  const rows = found.slice(0, options.limit).map(({ sort_key: _, ...row }) => row as unknown as EntityRow);
  const last = found.length > options.limit ? found[options.limit - 1] : undefined;
  if (!last) return { rows };
  const next = { value: (last.sort_key ?? null) as SortValue, id: Number(last.id) };
  return { rows, nextCursor: encodeCursor(next, fingerprint) };
}

/** One page as searchEntityRows reads it, of the entities' ids alone. */
export async function searchEntityIds(
  db: Db,
  dialect: Dialect,
  options: SearchRowsOptions,
): Promise<{ ids: number[]; nextCursor?: string }> {
  const page = await searchEntityRows(db, dialect, { ...options, idsOnly: true });
  return {
    ids: page.rows.map((row) => Number(row.id)),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

/**
 * The entities table, or with `asOf` the catalog as it was then: each entity's last version at that time
 * unless it was a deletion, with the columns of the table (and its relations as the version holds them).
 */
function entitiesOf(
  dialect: Dialect,
  options: Pick<SearchRowsOptions, 'asOf' | 'blueprint' | 'visibility' | 'movedTeams' | 'definedThen'>,
) {
  if (options.asOf === undefined) return 'entities as e' as const;
  const reader = options.visibility
    ? { dialect, visibility: options.visibility, moved: options.movedTeams ?? new Map() }
    : undefined;
  return entitiesAsOf(options.asOf, options.blueprint, reader, options.definedThen).as(
    'e',
  ) as unknown as 'entities as e';
}

const bothOf = (a: Expression<SqlBool>, b: Expression<SqlBool>) => sql<SqlBool>`(${a}) and (${b})`;

/** `db`, its statements headed by `tables`, each computed once (materialized) however often it is read. */
function withTables(db: Db, tables: readonly NamedQuery[] = []): QueryCreator<Tables> {
  let creator: QueryCreator<Tables> = db;
  for (const { name, query } of tables)
    creator = creator.with(
      (cte) => cte(name).materialized(),
      () => sql`(${query})` as never,
    ) as unknown as QueryCreator<Tables>;
  return creator;
}

async function filterThenSort(
  db: Db,
  dialect: Dialect,
  options: SearchRowsOptions,
  sort: CompiledSort,
  position: CursorPosition | undefined,
): Promise<FoundRow[]> {
  let query = columnsOf(
    withTables(db, options.tables).selectFrom(entitiesOf(dialect, options)),
    options.idsOnly,
  )
    .select((sort.key ?? sql<null>`null`).as('sort_key'))
    .where(options.where);
  if (options.blueprint !== undefined) query = query.where(isBlueprint(options.blueprint));
  if (position) query = query.where(cursorCondition(sort, position));
  for (const term of orderByTerms(sort)) query = query.orderBy(term);
  return (await query.limit(options.limit + 1).execute()) as FoundRow[];
}

function sortOf(dialect: Dialect, options: SearchRowsOptions): CompiledSort {
  if (options.sort === undefined || options.sort === null) return CREATION_ORDER;
  const scope = {
    dialect,
    blueprints: options.blueprints ?? new Map(),
    blueprint: options.blueprint,
    ...(options.hiddenComputed ? { hiddenComputed: options.hiddenComputed } : {}),
    ...(options.scorecards ? { scorecards: options.scorecards } : {}),
  };
  return compileSearchSort(options.sort, scope, options.matchingBlueprints);
}

/** How many entities match. */
export async function countEntityRows(
  db: Db,
  options: { where: Expression<SqlBool>; blueprint?: string },
): Promise<number> {
  let query = db
    .selectFrom('entities as e')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where(options.where);
  if (options.blueprint !== undefined) query = query.where(isBlueprint(options.blueprint));
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}
