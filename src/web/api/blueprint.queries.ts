import { queryOptions } from '@tanstack/react-query';
import type { Blueprint, BlueprintDefinition, JsonObject } from '../../core/blueprint';
import type { CallerAccess } from '../../core/permissions';
import { api, request, seg } from './client';

// Small answers, asked without an abort signal: a page that mounts again while one is in flight (the
// router may render a route twice as it settles) shares the request instead of cancelling and repeating it.
export const blueprintListQuery = () =>
  queryOptions({
    queryKey: ['blueprints', 'list'],
    staleTime: 30_000,
    queryFn: async () => (await api.get<{ blueprints: Blueprint[] }>('/v1/blueprints')).blueprints,
  });

export const blueprintQuery = (identifier: string) =>
  queryOptions({
    queryKey: ['blueprints', 'one', identifier],
    staleTime: 30_000,
    queryFn: async () =>
      (await api.get<{ blueprint: Blueprint }>(`/v1/blueprints/${seg(identifier)}`)).blueprint,
  });

export const entityCountQuery = (blueprint: string) =>
  queryOptions({
    queryKey: ['entities', 'count', blueprint],
    queryFn: async () =>
      (await api.get<{ count: number }>(`/v1/blueprints/${seg(blueprint)}/entities-count`)).count,
  });

export async function createBlueprint(definition: Partial<BlueprintDefinition>) {
  return (await api.post<{ blueprint: Blueprint }>('/v1/blueprints', definition)).blueprint;
}

export async function updateBlueprint(identifier: string, definition: Partial<BlueprintDefinition>) {
  return (await api.put<{ blueprint: Blueprint }>(`/v1/blueprints/${seg(identifier)}`, definition)).blueprint;
}

export async function deleteBlueprint(identifier: string) {
  await api.delete(`/v1/blueprints/${seg(identifier)}`);
}

export type Access = CallerAccess;

export const accessQuery = (blueprint: string, entity?: string) =>
  queryOptions({
    queryKey: ['access', blueprint, entity ?? null],
    staleTime: 30_000,
    queryFn: async () =>
      (
        await api.get<{ access: Access }>(
          `/v1/blueprints/${seg(blueprint)}/access${entity === undefined ? '' : `?entity=${seg(entity)}`}`,
        )
      ).access,
  });

/** Replaces a blueprint's definition over `version` (If-Match): a change made meanwhile answers 412. */
export async function replaceBlueprint(identifier: string, definition: JsonObject, version?: string) {
  const path = `/v1/blueprints/${seg(identifier)}`;
  const headers: Record<string, string> = version ? { 'if-match': `"${version}"` } : {};
  return (await request<{ blueprint: Blueprint }>('PUT', path, { body: definition, headers })).body.blueprint;
}

/** Deletes a blueprint and every entity of it (refused while another blueprint's relation points to it). */
export async function deleteBlueprintWithEntities(identifier: string) {
  await api.delete(`/v1/blueprints/${seg(identifier)}?delete_entities=true`);
}
