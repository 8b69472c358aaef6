import { propertySchemaOf } from '../../core/computed-properties.js';
import { propertyIndexKind, propertyIndexName } from '../storage/property-indexes.js';
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { scalarKindOf, type ScalarKind } from '../../core/blueprint.js';
import { parseDateTime } from '../../core/date-time.js';
import { isMetaProperty } from '../../core/search.js';
import { unprocessable } from '../errors.js';
import type { Dialect } from '../storage/dialect/index.js';
import type { SearchScope } from './search.context.js';
import { invalidCursor, type CursorPosition, type SortValueType } from './search.cursor.js';
import { clip, isPlainObject } from './search.values.js';

export interface CompiledSort {
  /** The raw value a cursor keeps; absent for the default creation order. */
  key?: RawBuilder<unknown>;
  /** What rows are ordered by (the key itself, or its instant for dates). */
  ordered?: RawBuilder<unknown>;
  /** Turns a cursor's key back into something comparable with `ordered`. */
  bind?: (value: unknown) => RawBuilder<unknown>;
  direction: 'asc' | 'desc';
  valueType: SortValueType;
  fingerprint: string;
  /** The property's own index, when the sort is within one blueprint and the property has one. */
  indexName?: string;
}

/** Creation order: ids only grow, so paging by id visits each entity once even while others are written. */
export const CREATION_ORDER: CompiledSort = { direction: 'asc', valueType: 'id', fingerprint: 'e.id:asc' };

const META_SORT_COLUMNS: Record<string, string> = {
  $identifier: 'e.identifier',
  $title: 'e.title',
  $icon: 'e.icon',
  $blueprint: 'e.blueprint',
  $createdAt: 'e.created_at',
  $updatedAt: 'e.updated_at',
  $createdBy: 'e.created_by',
  $updatedBy: 'e.updated_by',
};

const invalidSort = (message: string) => unprocessable('invalid_search_sort', clip(`sort: ${message}`));
const plain = (value: unknown) => sql`${value}`;

/**
 * `{property, order: 'ASC' | 'DESC'}` over a property or meta-property; ties go by id and empty values
 * come last in both directions. `blueprints` are those the search can match (all when omitted).
 */
export function compileSearchSort(sort: unknown, scope: SearchScope, blueprints?: string[]): CompiledSort {
  if (sort === undefined || sort === null) return CREATION_ORDER;
  if (isPlainObject(sort) && typeof sort.scorecard === 'string' && sort.property === undefined)
    return scorecardSort(sort.scorecard, directionOf(sort), scope, blueprints ?? candidatesOf(scope));
  if (!isPlainObject(sort) || typeof sort.property !== 'string')
    throw invalidSort(
      'must be {"property": <name>, "order": "ASC" | "DESC"} or {"scorecard": <identifier>, "order": …}',
    );
  const direction = directionOf(sort);
  const fingerprint = `${sort.property}:${direction}`;
  const column = Object.hasOwn(META_SORT_COLUMNS, sort.property)
    ? META_SORT_COLUMNS[sort.property]
    : undefined;
  if (column) {
    const key = sql.raw(column);
    return { key, ordered: key, bind: plain, direction, valueType: 'string', fingerprint };
  }
  if (isMetaProperty(sort.property)) throw invalidSort(`cannot sort by "${sort.property}"`);
  const kind = propertyKind(sort.property, scope, blueprints ?? candidatesOf(scope));
  const definition = scope.blueprint !== undefined ? scope.blueprints.get(scope.blueprint) : undefined;
  const schema = definition && propertySchemaOf(definition, sort.property, scope.blueprints);
  const indexed = schema && propertyIndexKind(scope.dialect, schema) !== undefined;
  return {
    ...propertySort(scope.dialect, sort.property, kind),
    direction,
    fingerprint,
    ...(indexed ? { indexName: propertyIndexName(scope.blueprint!, sort.property) } : {}),
  };
}

function directionOf(sort: Record<string, unknown>): 'asc' | 'desc' {
  const order = sort.order === undefined ? 'ASC' : String(sort.order).toUpperCase();
  if (order !== 'ASC' && order !== 'DESC') throw invalidSort('order must be "ASC" or "DESC"');
  return order === 'ASC' ? 'asc' : 'desc';
}

/**
 * By the level an entity reached under a scorecard, in the scorecard's order of levels (entities it does
 * not evaluate last); the blueprints that have the scorecard must agree on that order.
 */
function scorecardSort(
  identifier: string,
  direction: 'asc' | 'desc',
  scope: SearchScope,
  blueprints: string[],
): CompiledSort {
  const found = blueprints.flatMap(
    (bp) => scope.scorecards?.get(bp)?.filter((s) => s.identifier === identifier) ?? [],
  );
  if (!found.length) throw invalidSort(`unknown scorecard "${identifier}" on ${describe(blueprints)}`);
  const titles = found[0]!.levels.map((level) => level.title);
  if (found.some((s) => s.levels.map((l) => l.title).join('\n') !== titles.join('\n')))
    throw invalidSort(`scorecard "${identifier}" has different levels on the searched blueprints`);
  const level = scope.dialect.scorecardLevel('e.scorecards', identifier);
  const rank = sql`(case ${level} ${sql.join(
    titles.map((title, i) => sql`when ${title} then ${sql.lit(i)}`),
    sql` `,
  )} end)`;
  return {
    key: rank,
    ordered: rank,
    bind: plain,
    direction,
    valueType: 'number',
    fingerprint: `scorecard:${identifier}:${direction}`,
  };
}

const candidatesOf = (scope: SearchScope) =>
  scope.blueprint !== undefined ? [scope.blueprint] : [...scope.blueprints.keys()];

function propertyKind(name: string, scope: SearchScope, blueprints: string[]): ScalarKind {
  const kinds = new Map<ScalarKind | undefined, string>();
  for (const blueprint of blueprints) {
    const definition = scope.blueprints.get(blueprint);
    const hidden = scope.hiddenComputed?.get(blueprint)?.has(name);
    const schema = definition && !hidden && propertySchemaOf(definition, name, scope.blueprints);
    if (schema) kinds.set(scalarKindOf(schema), blueprint);
  }
  if (kinds.size === 0) throw invalidSort(`unknown property "${name}" on ${describe(blueprints)}`);
  if (kinds.has(undefined)) throw invalidSort(`cannot sort by "${name}": arrays and objects have no order`);
  if (kinds.size > 1)
    throw invalidSort(
      `"${name}" has different types on blueprints ${[...kinds.values()].map((b) => `"${b}"`).join(', ')}`,
    );
  return [...kinds.keys()][0]!;
}

const describe = (blueprints: string[]) =>
  blueprints.length === 1 ? `blueprint "${blueprints[0]}"` : `any of ${blueprints.length} blueprints`;

function propertySort(dialect: Dialect, key: string, kind: ScalarKind) {
  if (kind === 'number') {
    const value = dialect.propertyNumber('e.properties', key);
    return { key: value, ordered: value, bind: plain, valueType: 'number' as const };
  }
  if (kind === 'boolean') {
    const value = dialect.propertyBoolean('e.properties', key);
    return { key: value, ordered: value, bind: plain, valueType: 'boolean' as const };
  }
  const text = dialect.propertyText('e.properties', key);
  if (kind === 'string') return { key: text, ordered: text, bind: plain, valueType: 'string' as const };
  // The cursor keeps the stored text: a driver's Date would lose PostgreSQL's microseconds. Cursors are not
  // signed, so a value that is not a date-time the databases compare is refused before it is cast.
  const bind = (value: unknown) => {
    if (typeof value !== 'string' || !parseDateTime(value).ok)
      throw invalidCursor('it is damaged; pass the "next" value of the previous page unchanged');
    return dialect.dateOf(sql`${value}`);
  };
  return { key: text, ordered: dialect.dateOf(text), bind, valueType: 'string' as const };
}

/** ORDER BY terms for a sort. */
export function orderByTerms(sort: CompiledSort): RawBuilder<unknown>[] {
  const direction = sql.raw(sort.direction);
  const byId = sql`e.id ${direction}`;
  return sort.ordered ? [sql`${sort.ordered} ${direction} nulls last`, byId] : [byId];
}

/**
 * Rows strictly after `position` in the sort's order (empty values last); `withEmpty: false` leaves out the
 * empty values that follow, for a scan that only reads non-empty ones.
 */
export function cursorCondition(
  sort: CompiledSort,
  position: CursorPosition,
  withEmpty = true,
): Expression<SqlBool> {
  const after = sql.raw(sort.direction === 'asc' ? '>' : '<');
  const idAfter = sql<SqlBool>`e.id ${after} ${position.id}`;
  if (!sort.ordered || !sort.bind) return idAfter;
  const v = sort.ordered;
  if (position.value === null) return sql<SqlBool>`(${v} is null and ${idAfter})`;
  const c = sort.bind(position.value);
  const empty = withEmpty ? sql` or ${v} is null` : sql``;
  return sql<SqlBool>`(${v} ${after} ${c} or (${v} = ${c} and ${idAfter})${empty})`;
}
