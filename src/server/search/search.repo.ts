import { sql, type Expression, type Selectable, type SqlBool } from 'kysely';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import type { EntitiesTable } from '../storage/tables.js';
import { decodeCursor, encodeCursor, fingerprintOf, type SortValue } from './search.cursor.js';
import {
  CREATION_ORDER,
  compileSearchSort,
  cursorCondition,
  orderByTerms,
  type CompiledSort,
} from './search.sort.js';
import { isBlueprint } from './search.targets.js';

export type EntityRow = Selectable<EntitiesTable>;

export interface SearchRowsOptions {
  /** `compileSearchQuery(...).where`. */
  where: Expression<SqlBool>;
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
}

export interface SearchRowsPage {
  rows: EntityRow[];
  nextCursor?: string;
}

/** One page of entity rows (limit + 1 are read to know whether another page follows). */
export async function searchEntityRows(
  db: Db,
  dialect: Dialect,
  options: SearchRowsOptions,
): Promise<SearchRowsPage> {
  const sort = sortOf(dialect, options);
  const fingerprint = fingerprintOf([
    options.cursorScope ?? null,
    sort.fingerprint,
    options.blueprint ?? null,
  ]);
  let query = db
    .selectFrom('entities as e')
    .selectAll('e')
    .select((sort.key ?? sql<null>`null`).as('sort_key'))
    .where(options.where);
  if (options.blueprint !== undefined) query = query.where(isBlueprint(options.blueprint));
  if (options.cursor !== undefined)
    query = query.where(cursorCondition(sort, decodeCursor(options.cursor, fingerprint, sort.valueType)));
  for (const term of orderByTerms(sort)) query = query.orderBy(term);
  const found = await query.limit(options.limit + 1).execute();
  const rows = found.slice(0, options.limit).map(({ sort_key: _, ...row }) => row as EntityRow);
  const last = found.length > options.limit ? found[options.limit - 1] : undefined;
  if (!last) return { rows };
  const position = { value: (last.sort_key ?? null) as SortValue, id: Number(last.id) };
  return { rows, nextCursor: encodeCursor(position, fingerprint) };
}

function sortOf(dialect: Dialect, options: SearchRowsOptions): CompiledSort {
  if (options.sort === undefined || options.sort === null) return CREATION_ORDER;
  const scope = { dialect, blueprints: options.blueprints ?? new Map(), blueprint: options.blueprint };
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
