import { sql, type CompiledQuery, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import type { CursorPosition } from './search.cursor.js';
import type { SearchRowsOptions, TopWalkRead } from './search.repo.js';
import { firstStepsOf, firstStepsSql, reachedAmong, startsOf } from './search.walk-back.js';
import { columnsOf, type FoundRow } from './search.row-columns.js';
import { cursorCondition, type CompiledSort } from './search.sort.js';
import { isBlueprint } from './search.targets.js';
import { isPlainObject } from './search.values.js';

// How many rows, in sort order, a probe reads before giving up on a sparse filter.
const PROBE_ROWS = 2000;
// The most rows a second probe reads, when the first found some matches but not a page.
const MAX_PROBE_ROWS = 20_000;

/**
 * Planners filter with a property index, then sort everything that matched, blind to the LIMIT. For a
 * property sort within one blueprint, first read the next PROBE_ROWS non-empty values in index order and
 * filter those: when that yields a full page it is exactly the page (every match outside the prefix, and
 * every empty value, sorts after it); otherwise fall back to filtering first.
 */
export async function probeInSortOrder(
  db: Db,
  dialect: Dialect,
  options: SearchRowsOptions,
  sort: CompiledSort,
  position: CursorPosition | undefined,
): Promise<FoundRow[] | undefined> {
  const indexable = sort.key !== undefined && sort.ordered === sort.key;
  if (options.asOf !== undefined) return undefined;
  if (options.blueprint === undefined || !indexable || position?.value === null) return undefined;
  const direction = sql.raw(sort.direction);
  return probeAdaptively(options, async (rows) => {
    let prefix = db
      .selectFrom('entities as e')
      .selectAll('e')
      .select(sort.key!.as('sort_key'))
      .where(isBlueprint(options.blueprint!))
      .where(sql<SqlBool>`${sort.key} is not null`);
    if (position) prefix = prefix.where(cursorCondition(sort, position, false));
    const scanned = prefix
      .orderBy(sql`${sort.key} ${direction}`)
      .orderBy(sql`e.id ${direction}`)
      .limit(rows);
    const query = columnsOf(db.selectFrom(scanned.as('e')) as never, options.idsOnly)
      .select(sql`e.sort_key`.as('sort_key'))
      .where(options.where as Expression<SqlBool>)
      .orderBy(sql`e.sort_key ${direction}`)
      .orderBy(sql`e.id ${direction}`)
      .limit(options.limit + 1);
    return (await inSortIndex(db, dialect, query.compile(), sort.indexName)) as FoundRow[];
  });
}

/**
 * In creation order SQLite's planner goes the same way: a rule's property index first (6,000 entities for
 * `score < 6` among 100,000), then a sort, where reading the entities in order stops after the 1,400 that
 * hold a page (20 ms against 5, issue 16). So read the next table rows in order first, whatever their
 * blueprint (the primary key's range, so no index of the blueprint's can be chosen instead), and filter
 * those. PostgreSQL's planner weighs the LIMIT itself.
 */
export async function probeInCreationOrder(
  db: Db,
  dialect: Dialect,
  options: SearchRowsOptions,
  sort: CompiledSort,
  position: CursorPosition | undefined,
): Promise<FoundRow[] | undefined> {
  if (sort.key !== undefined || sort.direction !== 'asc') return undefined;
  if (dialect.name !== 'sqlite' || options.matchesInOrder) return undefined;
  if (options.asOf !== undefined || options.blueprint === undefined) return undefined;
  return probeAdaptively(options, async (rows) => {
    let prefix = db.selectFrom('entities as e').selectAll('e');
    if (position) prefix = prefix.where(cursorCondition(sort, position));
    const scanned = prefix.orderBy('e.id').limit(rows);
    const query = columnsOf(db.selectFrom(scanned.as('e')) as never, options.idsOnly)
      .select(sql<null>`null`.as('sort_key'))
      .where(isBlueprint(options.blueprint!))
      .where(options.where as Expression<SqlBool>)
      .orderBy('e.id')
      .limit(options.limit + 1);
    return (await query.execute()) as FoundRow[];
  });
}

/** The first ids of a walk a probe reads; each further read takes 4× as many. */
const WALK_PROBE_FIRST = 500;
/** The most ids of a walk a probe reads before leaving the page to the query as written. */
const WALK_PROBE_MAX = 50_000;
/**
 * Table rows read in id order at first, per entity of the page, for the entities to judge by walking back
 * from them; each further read takes 4× as many, WALK_BACK_ROUNDS reads at most before reading the walk.
 */
const WALK_BACK_SCAN_PER_ROW = 8;
const WALK_BACK_ROUNDS = 3;

/**
 * In creation order, a query whose top-level `and` holds a relatedTo rule (SearchRowsOptions.walk): from
 * the walk's ids if they are kept (search.walk-memo.ts); else, when the walk may be walked back, the next
 * entities the rest of the query matches, each judged by walking back from it (search.walk-back.ts);
 * else, or when that reads too much, from the walk's ids read now. Undefined when the walk's ids hold no
 * page within WALK_PROBE_MAX of them (the rest of the query matches few): the query as written answers.
 */
export async function probeInWalkOrder(
  db: Db,
  dialect: Dialect,
  options: SearchRowsOptions,
  sort: CompiledSort,
  position: CursorPosition | undefined,
): Promise<FoundRow[] | undefined> {
  const { walk } = options;
  if (!walk || sort.key !== undefined || sort.direction !== 'asc' || options.asOf !== undefined)
    return undefined;
  if (!walk.kept && walk.back) {
    const page = await walkedBack(db, dialect, options, walk.where, walk.back, position);
    if (page) return page;
  }
  return fromWalkIds(db, dialect, options, walk.where, walk.kept ?? (await walk.read()), position);
}

/** A page of the walk's ids after the cursor, a few at a time in order, each read filtered by `where`. */
async function fromWalkIds(
  db: Db,
  dialect: Dialect,
  options: SearchRowsOptions,
  where: Expression<SqlBool>,
  walked: Float64Array,
  position: CursorPosition | undefined,
): Promise<FoundRow[] | undefined> {
  const wanted = options.limit + 1;
  const found: FoundRow[] = [];
  let from = position ? firstAfter(walked, position.id) : 0;
  for (let size = WALK_PROBE_FIRST, read = 0; found.length < wanted && from < walked.length; size *= 4) {
    if (read >= WALK_PROBE_MAX) return undefined;
    const ids = Array.from(walked.subarray(from, from + Math.min(size, WALK_PROBE_MAX - read)));
    found.push(...(await rowsOf(db, dialect, options, ids, where, wanted - found.length)));
    from += ids.length;
    read += ids.length;
  }
  return found;
}

/**
 * A page of the entities after the cursor that `where` matches, found among the next table rows in id
 * order (8 per entity of the page, then 4× as many each time) and judged by walking back from them;
 * undefined when a walk back reads too much, WALK_BACK_ROUNDS reads find no page, or a relation changed
 * while the walk back read them (its statements would not agree).
 */
async function walkedBack(
  db: Db,
  dialect: Dialect,
  options: SearchRowsOptions,
  where: Expression<SqlBool>,
  back: NonNullable<TopWalkRead['back']>,
  position: CursorPosition | undefined,
): Promise<FoundRow[] | undefined> {
  const wanted = options.limit + 1;
  const found: number[] = [];
  let after = position?.id;
  // Read while the first rows are (on PostgreSQL, on another connection).
  const starting = startsOf(db, back.walk);
  starting.catch(() => undefined);
  for (let round = 0, size = wanted * WALK_BACK_SCAN_PER_ROW; ; round++, size *= 4) {
    if (round === WALK_BACK_ROUNDS) return undefined;
    const scan = await scanAfter(db, dialect, options, where, after, size, back);
    const starts = await starting;
    const reached = await reachedAmong(
      db,
      dialect,
      back.walk,
      starts,
      scan.matching,
      back.version,
      back.rows,
      scan.firstSteps,
    );
    if (!reached) return undefined;
    for (const id of scan.matching) if (reached.has(id) && found.length < wanted) found.push(id);
    if (found.length === wanted || scan.read < size) break;
    after = scan.last;
  }
  if (options.idsOnly) return found.map((id) => ({ id, sort_key: null }) as unknown as FoundRow);
  return found.length ? rowsOf(db, dialect, options, found, sql<SqlBool>`true`, wanted) : [];
}

/**
 * The next `size` rows of the table after `after`, in id order (the primary key's range: SQLite's planner
 * would take the blueprint's index and sort all its entities), and those of them `where` matches (and the
 * blueprint searched): one row of text, not a row each. On PostgreSQL the next `size` rows that match,
 * with the first step of the walk back from them (a statement is a round trip and a plan there).
 */
async function scanAfter(
  db: Db,
  dialect: Dialect,
  options: SearchRowsOptions,
  where: Expression<SqlBool>,
  after: number | undefined,
  size: number,
  back: NonNullable<TopWalkRead['back']>,
) {
  let prefix = db.selectFrom('entities as e').selectAll('e');
  if (after !== undefined) prefix = prefix.where('e.id', '>', after);
  const blueprint = options.blueprint !== undefined ? isBlueprint(options.blueprint) : sql<SqlBool>`true`;
  // PostgreSQL's planner weighs the LIMIT itself: the next matches, read in id order, are the rows read.
  const filtered = dialect.name === 'postgres';
  if (filtered) prefix = prefix.where(blueprint).where(where);
  const matching = filtered
    ? sql`cast(e.id as text)`
    : sql`case when ${blueprint} and ${where} then cast(e.id as text) end`;
  const steps = filtered ? firstStepsSql(back.walk, dialect, 'scanned', back.rows + 1) : undefined;
  // PostgreSQL keeps the scanned rows (named twice): only their ids are needed there.
  const scanned = filtered ? prefix.clearSelect().select('e.id') : prefix;
  let scanning = db.with('scanned', () => scanned.orderBy('e.id').limit(size));
  for (const cte of steps?.ctes ?? [])
    scanning = scanning.with(cte.name, () => cte.sql as never) as unknown as typeof scanning;
  const row = (await scanning
    .selectFrom('scanned as e')
    .select([
      sql<string | null>`${dialect.joinedText(matching, 'e.id')}`.as('ids'),
      sql<string | number | null>`max(e.id)`.as('last'),
      sql<string | number>`count(*)`.as('read'),
      ...(steps?.columns ?? []),
    ])
    .executeTakeFirstOrThrow()) as Record<string, unknown> & {
    ids: string | null;
    last: unknown;
    read: unknown;
  };
  return {
    matching: row.ids ? row.ids.split(',').map(Number) : [],
    last: Number(row.last),
    read: Number(row.read),
    ...(filtered ? { firstSteps: firstStepsOf(back.walk, row) } : {}),
  };
}

/** The entities of `ids` that `where` matches (and the blueprint searched), in id order, at most `limit`. */
async function rowsOf(
  db: Db,
  dialect: Dialect,
  options: SearchRowsOptions,
  ids: readonly number[],
  where: Expression<SqlBool>,
  limit: number,
): Promise<FoundRow[]> {
  let query = columnsOf(db.selectFrom('entities as e'), options.idsOnly)
    .select(sql<null>`null`.as('sort_key'))
    .where(dialect.idIn(sql`e.id`, ids))
    .where(where);
  if (options.blueprint !== undefined) query = query.where(isBlueprint(options.blueprint));
  return (await query.orderBy('e.id').limit(limit).execute()) as FoundRow[];
}

/** The index of the first of `ids` (ascending) above `id`. */
function firstAfter(ids: Float64Array, id: number): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ids[middle]! <= id) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * A page from the first `PROBE_ROWS` rows a probe reads, or from as many more as the share that matched
 * says a page needs (with a margin) while that stays a short read; undefined when neither holds a page.
 */
async function probeAdaptively(
  options: Pick<SearchRowsOptions, 'limit'>,
  probe: (rows: number) => Promise<FoundRow[]>,
): Promise<FoundRow[] | undefined> {
  const wanted = options.limit + 1;
  const found = await probe(PROBE_ROWS);
  if (found.length === wanted || found.length === 0) return found.length === wanted ? found : undefined;
  const rows = Math.ceil(((PROBE_ROWS * wanted) / found.length) * 1.5);
  if (rows > MAX_PROBE_ROWS) return undefined;
  const more = await probe(rows);
  return more.length === wanted ? more : undefined;
}

/**
 * Runs the probe; on SQLite, reading the sort property's own index: its planner, counting the rows of the
 * blueprint's other indexes as fewer than the property's, would scan one of those and sort it all. An
 * index that does not exist (a blueprint saved before it had one) leaves the probe to the other way.
 */
async function inSortIndex(db: Db, dialect: Dialect, compiled: CompiledQuery, indexName: string | undefined) {
  if (dialect.name !== 'sqlite' || indexName === undefined) return (await db.executeQuery(compiled)).rows;
  const from = 'from "entities" as "e"';
  if (!compiled.sql.includes(from)) return (await db.executeQuery(compiled)).rows;
  const text = compiled.sql.replace(from, `${from} indexed by "${indexName}"`);
  try {
    // The select's own node kept, only its text changed: it stays a read (the reader's thread, the query
    // time limit, cancelled when the client goes), which a raw statement would not be.
    return (await db.executeQuery({ ...compiled, sql: text })).rows;
  } catch (error) {
    if (/no such index/.test((error as Error).message)) return [];
    throw error;
  }
}

/**
 * Whether a query's matches come in creation order from an index: an `=` rule under its top-level `and`
 * (a property's index holds its entities by value, then id; an identifier is unique). SQLite's planner
 * takes that index and stops at a page (50 µs), which a probe would only slow (250 µs).
 */
export function matchesInCreationOrder(query: unknown): boolean {
  if (!isPlainObject(query) || query.combinator !== 'and' || !Array.isArray(query.rules)) return false;
  return query.rules.some(
    (rule) => isPlainObject(rule) && rule.operator === '=' && typeof rule.property === 'string',
  );
}
