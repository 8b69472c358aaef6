import { projectEntity } from '../../core/projection.js';
import type { Entity } from '../../core/entity.js';
import { visibilityOf } from '../catalog/access.js';
import type { CatalogContext } from '../catalog/catalog-context.js';
import type { EntityService } from '../catalog/entity.service.js';
import type { Actor } from '../identity/actor.js';
import { compileSearchQuery } from './search.compiler.js';
import { walksRelations } from './search.relations.js';
import { searchEntityRows } from './search.repo.js';
import { userContextOf } from './search.user-context.repo.js';
import { limitQueries } from '../storage/query-limit.js';
import { withoutComputed } from '../../core/computed-properties.js';
import { instant } from '../catalog/entity-history.service.js';
import { unprocessable } from '../errors.js';
import { withRelationTitles } from '../catalog/relation-titles.js';

export interface SearchRequest {
  query?: unknown;
  include?: string[];
  exclude?: string[];
  limit?: number;
  from?: string;
  sort?: { property: string; order: 'ASC' | 'DESC' };
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

export const SEARCH_DEFAULT_LIMIT = 200;
export const GLOBAL_SEARCH_DEFAULT_LIMIT = 10_000;

const EMPTY_QUERY = { combinator: 'and', rules: [] };

const mentionsTheUser = (query: unknown) => /"context"|"My Teams"/.test(JSON.stringify(query));

export function createSearchService(ctx: CatalogContext, entities: EntityService) {
  const { dialect } = ctx.database;

  async function run(
    actor: Actor,
    blueprint: string | undefined,
    request: SearchRequest,
    defaultLimit: number,
  ) {
    // Every read below runs under PORTICO_QUERY_TIMEOUT_MS and stops when the client goes.
    const db = limitQueries(ctx.database.db, { signal: request.signal });
    // The compiler answers 404 for a scope blueprint that is not in the map.
    const blueprints = await entities.blueprintMap(db);
    const query = request.query ?? EMPTY_QUERY;
    // Contextual rules ({"context": "user"}, "My Teams") need who is searching; only then is it read.
    const user = mentionsTheUser(query) ? await userContextOf(db, dialect, actor) : undefined;
    // Relation rules start from and walk through only what the searcher may read.
    const asOf = request.asOf !== undefined ? instant(request.asOf, 'as_of') : undefined;
    if (asOf !== undefined && walksRelations(query))
      throw unprocessable(
        'invalid_search_query',
        'as_of: a search of the catalog as it was cannot use relation rules (relatedTo, matchAny) yet; search without them',
      );
    const readable = walksRelations(query) ? await entities.readableBy(actor, blueprints) : undefined;
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
      ...(user ? { user } : {}),
      ...(readable ? { visibility: readable } : {}),
    });
    const searched = compiled.blueprints.map((b) => blueprints.get(b)!);
    const visibility = visibilityOf(await ctx.access.gates(actor, searched));
    const page = await searchEntityRows(db, dialect, {
      where: compiled.where,
      limit: request.limit ?? defaultLimit,
      blueprint,
      sort: request.sort,
      cursor: request.from,
      cursorScope: compiled.fingerprint,
      blueprints,
      matchingBlueprints: compiled.blueprints,
      hiddenComputed,
      ...(visibility ? { visibility } : {}),
      ...(asOf !== undefined ? { asOf } : {}),
    });
    const hydrated =
      asOf !== undefined
        ? await entities.hydrateVersions(db, page.rows, blueprints, actor)
        : await entities.hydrate(db, page.rows, blueprints, actor);
    const shown = request.attachTitleToRelation
      ? await withRelationTitles(db, hydrated, blueprints)
      : hydrated;
    const projected = shown.map((e: Entity) =>
      projectEntity(
        request.excludeComputed ? withoutComputed(e, blueprints) : e,
        request.include,
        request.exclude,
      ),
    );
    return { entities: projected, next: page.nextCursor, matchingBlueprints: compiled.blueprints };
  }

  /** POST /v1/blueprints/{bp}/entities/search and GET …/entities: one page and the cursor to the next. */
  async function searchBlueprint(actor: Actor, blueprint: string, request: SearchRequest) {
    const { entities: found, next } = await run(actor, blueprint, request, SEARCH_DEFAULT_LIMIT);
    return { entities: found, ...(next ? { next } : {}) };
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

  return { searchBlueprint, searchAll };
}
