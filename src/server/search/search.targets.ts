import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { scalarKindOf, type PropertySchema } from '../../core/blueprint.js';
import { DATASOURCE, type MetaProperty } from '../../core/search.js';
import { quoteLiteral, type Dialect } from '../storage/dialect/index.js';

export type Condition = RawBuilder<SqlBool>;
export type DateComparison = '<' | '<=' | '=' | '>=' | '>';
export type TargetKind = 'string' | 'number' | 'boolean' | 'date' | 'array' | 'object';

/** What a rule compares against: a column of `e` or one property of one blueprint. */
export interface Target {
  kind: TargetKind;
  /** For messages, e.g. `property "tier" of blueprint "service"`. */
  label: string;
  /** Text for strings and dates, a number for numbers, JSON for booleans, arrays and objects. */
  value: RawBuilder<unknown>;
  empty: Condition;
  compareDate?: (op: DateComparison, iso: string) => Condition;
  /** Arrays only: the array operators are defined for string items. */
  stringItems?: boolean;
}

export const TRUE: Condition = sql<SqlBool>`(1 = 1)`;
export const FALSE: Condition = sql<SqlBool>`(1 = 0)`;

export const not = (condition: Expression<SqlBool>): Condition =>
  sql<SqlBool>`(not coalesce(${condition}, false))`;
export const and = (parts: Expression<SqlBool>[]): Condition =>
  parts.length === 0 ? TRUE : balanced(parts, 'and');
export const or = (parts: Expression<SqlBool>[]): Condition =>
  parts.length === 0 ? FALSE : balanced(parts, 'or');

/** A balanced tree, since SQLite refuses expressions nested more than 1000 deep (a long flat chain is). */
function balanced(parts: Expression<SqlBool>[], operator: 'and' | 'or'): Condition {
  if (parts.length === 1) return sql<SqlBool>`${parts[0]}`;
  const middle = parts.length >> 1;
  return sql<SqlBool>`(${balanced(parts.slice(0, middle), operator)} ${sql.raw(operator)} ${balanced(parts.slice(middle), operator)})`;
}

/** Blueprint names are inlined so PostgreSQL and SQLite match the partial indexes `where blueprint = '<bp>'`. */
export const blueprintLiteral = (blueprint: string) => sql.raw(quoteLiteral(blueprint));
export const isBlueprint = (blueprint: string): Condition =>
  sql<SqlBool>`e.blueprint = ${blueprintLiteral(blueprint)}`;
export const isOneOfBlueprints = (blueprints: string[]): Condition =>
  blueprints.length === 1
    ? isBlueprint(blueprints[0]!)
    : blueprints.length === 0
      ? FALSE
      : sql<SqlBool>`e.blueprint in (${sql.join(blueprints.map(blueprintLiteral))})`;

const TEXT_COLUMNS: Partial<Record<MetaProperty | typeof DATASOURCE, string>> = {
  $identifier: 'e.identifier',
  $title: 'e.title',
  $icon: 'e.icon',
  $blueprint: 'e.blueprint',
  $createdBy: 'e.created_by',
  $updatedBy: 'e.updated_by',
  $datasource: 'e.datasource',
};
const DATE_COLUMNS: Partial<Record<MetaProperty, string>> = {
  $createdAt: 'e.created_at',
  $updatedAt: 'e.updated_at',
};

const textIsEmpty = (column: RawBuilder<unknown>): Condition =>
  sql<SqlBool>`(${column} is null or ${column} = '')`;

export function metaTarget(name: MetaProperty | typeof DATASOURCE, dialect: Dialect): Target {
  const label = `"${name}"`;
  if (name === '$team') {
    const team = sql.raw('e.team');
    return { kind: 'array', label, value: team, empty: dialect.jsonIsEmpty(team), stringItems: true };
  }
  const dateColumn = name === DATASOURCE ? undefined : DATE_COLUMNS[name];
  if (dateColumn) {
    const column = sql.raw(dateColumn);
    // Stored as canonical 'YYYY-MM-DDTHH:mm:ss.sssZ', so text order is time order and the indexes apply.
    const compareDate = (op: DateComparison, iso: string) => sql<SqlBool>`${column} ${sql.raw(op)} ${iso}`;
    return { kind: 'date', label, value: column, empty: textIsEmpty(column), compareDate };
  }
  const column = sql.raw(TEXT_COLUMNS[name]!);
  return { kind: 'string', label, value: column, empty: textIsEmpty(column) };
}

export function propertyTarget(
  dialect: Dialect,
  blueprint: string,
  key: string,
  schema: PropertySchema,
): Target {
  const label = `property "${key}" of blueprint "${blueprint}"`;
  const json = dialect.propertyJson('e.properties', key);
  const base = { label, empty: dialect.jsonIsEmpty(json) };
  const kind = scalarKindOf(schema);
  if (kind === 'string') return { ...base, kind, value: dialect.propertyText('e.properties', key) };
  if (kind === 'number') return { ...base, kind, value: dialect.propertyNumber('e.properties', key) };
  // The JSON value compared with bound JSON text ('true'/'false') works on both databases; better-sqlite3
  // cannot bind JavaScript booleans.
  if (kind === 'boolean') return { ...base, kind, value: json };
  if (kind === 'date') {
    const text = dialect.propertyText('e.properties', key);
    const guard = isBlueprint(blueprint);
    // The CASE keeps PostgreSQL from casting a same-named non-date property of another blueprint.
    const compareDate = (op: DateComparison, iso: string) =>
      sql<SqlBool>`(case when ${guard} then ${dialect.dateOf(text)} ${sql.raw(op)} ${dialect.dateOf(sql`${iso}`)} end)`;
    return { ...base, kind, value: text, compareDate };
  }
  if (schema.type === 'array') {
    const items = schema.items;
    const stringItems = !items || items.type === undefined || items.type === 'string';
    return { ...base, kind: 'array', value: json, stringItems };
  }
  return { ...base, kind: 'object', value: json };
}
