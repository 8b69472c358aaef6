import type {
  PropertyRule,
  ScorecardRule,
  ScorecardSort,
  SearchRule,
  SearchSort,
} from '../../../core/search';
import { SCORECARD_COLUMN } from './columns';
import type { EntitySearch } from '../../api/entity.queries';

/** A blueprint table's view, all of it in the URL: filters, quick text, sort, columns, grouping. */
export interface TableSearch {
  q?: string;
  /** Port's rules, joined by `and`. */
  rules?: SearchRule[];
  /** A column id, `-` first for descending. */
  sort?: string;
  columns?: string[];
  group?: string;
  /** The saved view this one started from. */
  view?: string;
}

const MAX_RULES = 50;
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown, max = 1000) =>
  typeof value === 'string' && value !== '' && value.length <= max ? value : undefined;

/** Whatever the URL holds, a view the table can show: parts it cannot use fall back to the defaults. */
export function parseTableSearch(search: Record<string, unknown>): TableSearch {
  const rules = Array.isArray(search.rules)
    ? (search.rules.filter(isObject).slice(0, MAX_RULES) as unknown as SearchRule[])
    : undefined;
  const columns = Array.isArray(search.columns)
    ? search.columns.filter((c): c is string => typeof c === 'string').slice(0, 200)
    : undefined;
  return {
    q: text(search.q),
    rules: rules?.length ? rules : undefined,
    sort: text(search.sort, 200),
    columns: columns?.length ? columns : undefined,
    group: text(search.group, 200),
    view: text(search.view, 100),
  };
}

/** A column's sort as the search sends it: a scorecard's column sorts by level (`{"scorecard", "order"}`). */
export function sortOf(sort: string | undefined): SearchSort | ScorecardSort | undefined {
  if (!sort) return undefined;
  const order = sort.startsWith('-') ? 'DESC' : 'ASC';
  const column = order === 'DESC' ? sort.slice(1) : sort;
  return column.startsWith(SCORECARD_COLUMN)
    ? { scorecard: column.slice(SCORECARD_COLUMN.length), order }
    : { property: column, order };
}

/**
 * The server-side search behind the table. Grouping sorts by the grouped property, so that each group's
 * rows arrive together, page after page.
 */
export function entitySearchOf(blueprint: string, search: TableSearch): EntitySearch {
  const rules: SearchRule[] = [...(search.rules ?? [])];
  if (search.q)
    rules.push({
      combinator: 'or',
      rules: [
        { property: '$title', operator: 'contains', value: search.q },
        { property: '$identifier', operator: 'contains', value: search.q },
      ],
    });
  const sort = sortOf(search.group ?? search.sort);
  // Without a sort the server pages in its own order, which needs no sort of the whole blueprint.
  return { blueprint, rules, ...(sort ? { sort } : {}) };
}

export const isPropertyRule = (rule: SearchRule): rule is PropertyRule =>
  'property' in rule && typeof rule.property === 'string';

/** A rule on a scorecard's level (not on one of its rules' results). */
export const isLevelRule = (rule: SearchRule): rule is ScorecardRule =>
  'scorecard' in rule &&
  typeof rule.scorecard === 'string' &&
  !('property' in rule) &&
  (rule as ScorecardRule).scorecardRule === undefined;
