import { asksForWhole, projectEntity } from '../../core/projection.js';
import type { Entity } from '../../core/entity.js';
import { visibilityOf } from '../catalog/access.js';
import type { CatalogContext } from '../catalog/catalog-context.js';
import type { EntityService } from '../catalog/entity.service.js';
import { isAdmin, type Actor } from '../identity/actor.js';
import { definedThenSql } from '../catalog/defined-since.repo.js';
import { compileSearchQuery, type TopWalk } from './search.compiler.js';
import { walksRelations } from './search.relations.js';
import { matchesInCreationOrder } from './search.probes.js';
import { searchEntityIds, searchEntityRows, type TopWalkRead } from './search.repo.js';
import { walkMemo } from './search.walk-memo.js';
import { pageCache, pageKey } from './search.page-cache.js';
import { WALK_BACK_ROWS } from './search.walk-back.js';
import { entitiesJsonOf, entitiesJsonQuery } from '../catalog/entity-json.repo.js';
import { blueprintModelOf, modelCache, type ModelSnapshot } from '../catalog/model-cache.js';
import type { Db } from '../storage/database.js';
import { movedTeamNames } from '../catalog/team-names.repo.js';
import { userContextOf } from './search.user-context.repo.js';
import { limitQueries } from '../storage/query-limit.js';
import { withoutComputed } from '../../core/computed-properties.js';
import { instant } from '../catalog/entity-history.service.js';
import { withRelationTitles } from '../catalog/relation-titles.js';

export interface SearchRequest {
  query?: unknown;
  include?: string[];
  exclude?: string[];
  limit?: number;
  from?: string;
  sort?: { property: string; order?: 'ASC' | 'DESC' } | { scorecard: string; order?: 'ASC' | 'DESC' };
  /** An instant: search the catalog as it was then (each entity's version in force at that time). */
  asOf?: string;
  /** Port's exclude_calculated_properties: mirror, calculation and aggregation values left out. */
  excludeComputed?: boolean;
  /** Port's attach_title_to_relation: relation targets as `{identifier, title}`. */
  attachTitleToRelation?: boolean;
  /** Aborted when the client has gone: the search's statements are cancelled (decision 0006). */
  signal?: AbortSignal;
}

export type SearchService = ReturnType<typeof createSearchService>;

/** One page of a search: its entities as JSON texts the database wrote, or as objects. */
export type SearchPage = { next?: string; matchingBlueprints: string[] } & (
  { texts: string[] } | { entities: Array<Partial<Entity>> }
);

export const SEARCH_DEFAULT_LIMIT = 200;
export const GLOBAL_SEARCH_DEFAULT_LIMIT = 10_000;
/** Entities read at a time when every one is answered. */
const STREAM_PAGE = 1_000;

const EMPTY_QUERY = { combinator: 'and', rules: [] };

const mentionsTheUser = (query: unknown) => /"context"|"My Teams"/.test(JSON.stringify(query));

/** `read`, called at most once. */
const once = <T>(read: () => Promise<T>) => {
  let result: Promise<T> | undefined;
  return () => (result ??= read());
};

export function createSearchService(
  ctx: CatalogContext,
  entities: EntityService,
  settings: { walkBackRows?: number; pageCacheBytes?: number } = {},
) {
  const { dialect } = ctx.database;
  const models = modelCache(ctx.database);
  const pages = pageCache(ctx.database, settings.pageCacheBytes ?? 0);

  /**
   * A search made ready once (its definitions, grants and compiled query) to read page after page: each
   * page reads rows after cursor `from`.
   */
  async function prepare(
    actor: Actor,
    blueprint: string | undefined,
    request: SearchRequest,
    known?: ModelSnapshot,
  ) {
    // Every read below runs under PORTICO_QUERY_TIMEOUT_MS and stops when the client goes.
    const db = limitQueries(ctx.database.db, { signal: request.signal });
    // The compiler answers 404 for a scope blueprint that is not in the map.
    // The model as it is now (a search reads outside any transaction): one snapshot for the whole search,
    // so that its statements are compiled against one model and it is checked against the counter once.
    const model = known ?? (await models.snapshot());
    const { definitions: blueprints, since } = blueprintModelOf(model);
    const query = request.query ?? EMPTY_QUERY;
    // Contextual rules ({"context": "user"}, "My Teams") need who is searching; only then is it read.
    const user = mentionsTheUser(query) ? await userContextOf(db, dialect, actor) : undefined;
    // Relation rules start from and walk through only what the searcher may read.
    const asOf = request.asOf !== undefined ? instant(request.asOf, 'as_of') : undefined;
    const readable = walksRelations(query) ? await entities.readableBy(actor, blueprints, model) : undefined;
    // The past is judged by who owned it then: team names that passed to another team are mapped.
    const moved = asOf !== undefined ? once(() => movedTeamNames(db)) : undefined;
    // Computed values the searcher does not see can be neither filtered nor sorted on.
    const hiddenComputed = await entities.hiddenComputedFor(
      actor,
      blueprints,
      blueprint !== undefined ? [blueprint] : blueprints.keys(),
    );
    const compiled = compileSearchQuery(query, {
      dialect,
      blueprints,
      blueprint,
      hiddenComputed,
      scorecards: model.scorecards,
      ...(asOf !== undefined
        ? { asOf: { at: asOf, since, ...(readable && moved ? { movedTeams: await moved() } : {}) } }
        : {}),
      ...(user ? { user } : {}),
      ...(readable ? { visibility: readable } : {}),
    });
    const searched = compiled.blueprints.map((b) => blueprints.get(b)!);
    const visibility = visibilityOf(await ctx.access.gates(actor, searched, model));
    const movedTeams = visibility && moved ? await moved() : undefined;
    // A page in creation order of a relatedTo rule's walk: kept while no relation changes, or walked back.
    const walk = compiled.walk && request.sort === undefined ? await walkRead(db, compiled.walk) : undefined;
    // And by the model as it is: no values under names defined anew since, nor of earlier blueprints.
    const definedThen =
      asOf !== undefined && !isAdmin(actor)
        ? definedThenSql(dialect, compiled.blueprints, since, blueprints)
        : undefined;
    /** What reads the rows after cursor `from` (and the cursor after them). */
    const rowsOptions = (from: string | undefined, limit: number) => ({
      where: compiled.where,
      matchesInOrder: matchesInCreationOrder(query),
      limit,
      blueprint,
      sort: request.sort,
      cursor: from,
      cursorScope: compiled.fingerprint,
      blueprints,
      matchingBlueprints: compiled.blueprints,
      hiddenComputed,
      scorecards: model.scorecards,
      ...(visibility ? { visibility } : {}),
      ...(asOf !== undefined ? { asOf } : {}),
      ...(movedTeams ? { movedTeams } : {}),
      ...(definedThen ? { definedThen } : {}),
      tables: compiled.tables,
      ...(walk ? { walk } : {}),
    });
    /** The rows after cursor `from`, and the cursor after them. */
    const rowsAfter = (from: string | undefined, limit: number) =>
      searchEntityRows(db, dialect, rowsOptions(from, limit));
    /** Rows as the API answers them: with their relations, projected. */
    const entitiesOf = async (found: Awaited<ReturnType<typeof rowsAfter>>['rows']) => {
      // Entities of a blueprint created since the search was prepared (a listing reads its pages for a
      // while) are left out, as entityJsonSql leaves them: their definition was not read.
      const rows = found.filter((row) => blueprints.has(row.blueprint));
      const hydrated =
        asOf !== undefined
          ? await entities.hydrateVersions(db, rows, blueprints, actor)
          : await entities.hydrate(db, rows, blueprints, actor);
      const shown = request.attachTitleToRelation
        ? await withRelationTitles(db, hydrated, blueprints)
        : hydrated;
      return shown.map((e: Entity) =>
        projectEntity(
          request.excludeComputed ? withoutComputed(e, blueprints) : e,
          request.include,
          request.exclude,
        ),
      );
    };
    // Entities as they are, whole: the database writes their JSON text, relations included.
    const json = asksForWhole({ ...request, asOf })
      ? await entities.entityJsonFor(actor, blueprints, compiled.blueprints, hiddenComputed)
      : undefined;
    // An Admin's text statement for one blueprint is the same for every search: compiled once per model.
    const only = compiled.blueprints.length === 1 ? blueprints.get(compiled.blueprints[0]!) : undefined;
    const textsOf =
      json && only && !visibility && isAdmin(actor)
        ? model.derived('entities json query', only, () => ({
            run: entitiesJsonQuery(dialect, json.sql),
          })).run
        : (from: Db, ids: readonly number[]) => entitiesJsonOf(from, dialect, json!.sql, ids, visibility);
    /**
     * The page after cursor `from`: the cursor after it, read first, and then, when asked, its JSON text
     * (its entities, comma-separated, without brackets), so that the next page's rows can be found while
     * this one's text is still being read.
     */
    const pageAfter = async (from: string | undefined, limit: number) => {
      if (json) {
        const { ids, nextCursor } = await searchEntityIds(db, dialect, rowsOptions(from, limit));
        const text = () => textsOf(db, ids);
        return { nextCursor, text };
      }
      const page = await rowsAfter(from, limit);
      const text = async () => [JSON.stringify(await entitiesOf(page.rows)).slice(1, -1)];
      return { nextCursor: page.nextCursor, text };
    };
    return {
      rowsAfter,
      entitiesOf,
      pageAfter,
      whole: json !== undefined,
      matchingBlueprints: compiled.blueprints,
      timeless: compiled.timeless,
    };
  }

  /**
   * The page kept for `key`, if pages may be kept for `actor`: not while any blueprint has a read policy
   * and the actor is not an Admin (a policy may read the time, or anything a query can: the page it let
   * through is not the page of a later request, with no write between).
   */
  async function keptPage(actor: Actor, key: string) {
    // Asked in one turn: the counters of both come from one read.
    const [lookup, model] = await Promise.all([pages.lookup(key), models.snapshot()]);
    const policed = model.derived('read policies', model.permissions, () => ({
      any: [...model.permissions.values()].some((stored) => stored.entities?.read?.policy != null),
    })).any;
    return { model, ...(policed && !isAdmin(actor) ? {} : { lookup }) };
  }

  async function walkRead(db: Db, walk: TopWalk): Promise<TopWalkRead> {
    const found = await walkMemo(ctx.database).lookup(db, walk.ids);
    return {
      where: walk.rest,
      ...(found.kept ? { kept: found.kept } : {}),
      read: found.read,
      ...(walk.back
        ? {
            back: {
              walk: walk.back,
              version: found.version,
              rows: settings.walkBackRows ?? WALK_BACK_ROWS,
            },
          }
        : {}),
    };
  }

  async function run(
    actor: Actor,
    blueprint: string | undefined,
    request: SearchRequest,
    defaultLimit: number,
  ) {
    return objectsPage(await prepare(actor, blueprint, request), request.from, request.limit ?? defaultLimit);
  }

  /** A page of `search` after cursor `from`, its entities read as objects. */
  async function objectsPage(
    search: Awaited<ReturnType<typeof prepare>>,
    from: string | undefined,
    limit: number,
  ) {
    const page = await search.rowsAfter(from, limit);
    return {
      entities: await search.entitiesOf(page.rows),
      next: page.nextCursor,
      matchingBlueprints: search.matchingBlueprints,
    };
  }

  /** POST /v1/blueprints/{bp}/entities/search and GET …/entities: one page and the cursor to the next. */
  async function searchBlueprint(actor: Actor, blueprint: string, request: SearchRequest) {
    const { entities: found, next } = await run(actor, blueprint, request, SEARCH_DEFAULT_LIMIT);
    return { entities: found, ...(next ? { next } : {}) };
  }

  /**
   * One page as searchBlueprint (or, without `blueprint`, searchAll) finds it, its entities as JSON text
   * the database writes (comma-separated parts, as entitiesJsonOf answers them) when they are asked for
   * whole; otherwise (a projection, the past, computed values hidden from the searcher) as objects.
   */
  async function searchPage(
    actor: Actor,
    blueprint: string | undefined,
    request: SearchRequest,
  ): Promise<SearchPage> {
    const limit =
      request.limit ?? (blueprint !== undefined ? SEARCH_DEFAULT_LIMIT : GLOBAL_SEARCH_DEFAULT_LIMIT);
    // The catalog as it is now may have been read for the same request, unchanged since: the page kept then.
    const { signal: _signal, ...asked } = request;
    const kept =
      request.asOf === undefined
        ? await keptPage(actor, pageKey(actor, blueprint, { ...asked, limit }))
        : undefined;
    const lookup = kept?.lookup;
    if (lookup?.kept) return lookup.kept;
    // The model the lookup read is as new as this request: the search is compiled against it.
    const search = await prepare(actor, blueprint, request, kept?.model);
    const { matchingBlueprints } = search;
    if (search.whole) {
      const page = await search.pageAfter(request.from, limit);
      const texts = await page.text();
      const answer = { texts, matchingBlueprints, ...(page.nextCursor ? { next: page.nextCursor } : {}) };
      if (search.timeless) lookup?.keep(answer);
      return answer;
    }
    const { entities, next } = await objectsPage(search, request.from, limit);
    return { entities, matchingBlueprints, ...(next ? { next } : {}) };
  }

  /**
   * Every entity a search finds, as Port answers a list or a search without a limit: page after page
   * (each read under the query time limit, keyset-paged so that none comes twice), for the route to
   * stream. The first page is read before this returns, so that a bad request still gets its 4xx.
   */
  async function searchEverything(actor: Actor, blueprint: string | undefined, request: SearchRequest) {
    const search = await prepare(actor, blueprint, request);
    const first = await search.pageAfter(request.from, STREAM_PAGE);
    /** A page's text, being read; if the client leaves first, its failure must not go unhandled. */
    const reading = (page: typeof first) => {
      const text = page.text();
      text.catch(() => undefined);
      return text;
    };
    const ahead = [reading(first)];
    let cursor = first.nextCursor;
    // Each later page is read as a page asked for then would be: by the data model and the permissions as
    // they are then. A listing may be read for minutes; what its reader may see (a mirror added through a
    // blueprint it may not read, a read permission taken away) must not be decided at its start.
    const pageAfter = async (from: string) =>
      (await prepare(actor, blueprint, request)).pageAfter(from, STREAM_PAGE);
    // A pipeline: while one page is written out, the next are read (their rows one after another, each
    // starting at the cursor of the one before; their texts at once, as many as the database reads at
    // once), so that the database, this thread and the client's connection work together.
    async function* pages(): AsyncGenerator<string> {
      for (;;) {
        const next = ahead.shift();
        if (!next) return;
        while (cursor && ahead.length < dialect.readsAtOnce) {
          const page = await pageAfter(cursor);
          cursor = page.nextCursor;
          ahead.push(reading(page));
        }
        yield* await next;
      }
    }
    return { matchingBlueprints: search.matchingBlueprints, pages: pages() };
  }

  /** POST /v1/entities/search across blueprints; pages too, with a generous default. */
  async function searchAll(actor: Actor, request: SearchRequest) {
    const {
      entities: found,
      next,
      matchingBlueprints,
    } = await run(actor, undefined, request, GLOBAL_SEARCH_DEFAULT_LIMIT);
    return {
      matchingBlueprints,
      failedBlueprints: [] as string[],
      entities: found,
      ...(next ? { next } : {}),
    };
  }

  return { searchBlueprint, searchAll, searchPage, searchEverything, keptPageBytes: pages.bytes };
}
