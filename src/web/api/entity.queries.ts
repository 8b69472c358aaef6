import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { Entity, EntityInput } from '../../core/entity';
import type { ScorecardSort, SearchQuery, SearchRule, SearchSort } from '../../core/search';
import { api, request, seg } from './client';

export const PAGE_SIZE = 200;

export interface EntitySearch {
  blueprint: string;
  rules: SearchRule[];
  sort?: SearchSort | ScorecardSort;
}

interface SearchPage {
  entities: Entity[];
  next?: string;
}

export function searchBody(search: EntitySearch, from?: string, limit = PAGE_SIZE) {
  const query: SearchQuery = { combinator: 'and', rules: search.rules };
  return {
    query,
    limit,
    ...(search.sort ? { sort: search.sort } : {}),
    ...(from ? { from } : {}),
  };
}

export async function searchPage(search: EntitySearch, from?: string, limit?: number, signal?: AbortSignal) {
  const { body } = await request<SearchPage>(
    'POST',
    `/v1/blueprints/${seg(search.blueprint)}/entities/search`,
    {
      body: searchBody(search, from, limit),
      signal,
    },
  );
  return body;
}

/** A blueprint's table: pages of server-side search, fetched as the user scrolls. */
export const entityListQuery = (search: EntitySearch) =>
  infiniteQueryOptions({
    queryKey: ['entities', 'list', search.blueprint, search],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => searchPage(search, pageParam, PAGE_SIZE, signal),
    getNextPageParam: (page) => page.next,
  });

export const entityQuery = (blueprint: string, identifier: string) =>
  queryOptions({
    queryKey: ['entities', 'one', blueprint, identifier],
    queryFn: async ({ signal }) =>
      (
        await api.get<{ entity: Entity }>(
          `/v1/blueprints/${seg(blueprint)}/entities/${seg(identifier)}`,
          signal,
        )
      ).entity,
  });

/** The entities of `blueprint` whose relation `relation` points at `target`. */
export const incomingQuery = (blueprint: string, relation: string, target: string) =>
  queryOptions({
    queryKey: ['entities', 'incoming', blueprint, relation, target],
    queryFn: ({ signal }) =>
      searchPage(
        {
          blueprint,
          rules: [{ property: { path: [relation] }, operator: 'matchAny', value: target } as SearchRule],
          sort: { property: '$title', order: 'ASC' },
        },
        undefined,
        100,
        signal,
      ),
  });

export async function createEntity(blueprint: string, input: EntityInput) {
  return (await api.post<{ entity: Entity }>(`/v1/blueprints/${seg(blueprint)}/entities`, input)).entity;
}

/** Writes only over the version the form was filled from: a change made meanwhile answers 412. */
export async function updateEntity(
  blueprint: string,
  identifier: string,
  input: EntityInput,
  version?: string,
) {
  const path = `/v1/blueprints/${seg(blueprint)}/entities/${seg(identifier)}`;
  return (await api.patch<{ entity: Entity }>(path, input, version ? { 'if-match': `"${version}"` } : {}))
    .entity;
}

export async function deleteEntity(blueprint: string, identifier: string) {
  await api.delete(`/v1/blueprints/${seg(blueprint)}/entities/${seg(identifier)}`);
}
