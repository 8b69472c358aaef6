import { queryOptions } from '@tanstack/react-query';
import type { BlueprintPermissions, PermissionsChange } from '../../core/permissions';
import { api, seg } from './client';

export type { PermissionsChange };

export { ENTITY_ACTIONS } from '../../core/permissions';
export type { BlueprintPermissions, EntityAction, Grant } from '../../core/permissions';

/** Admins and the blueprint's moderators only: anyone else is refused (403). */
export const permissionsQuery = (blueprint: string) =>
  queryOptions({
    queryKey: ['permissions', blueprint],
    queryFn: async ({ signal }) =>
      (
        await api.get<{ permissions: BlueprintPermissions }>(
          `/v1/blueprints/${seg(blueprint)}/permissions`,
          signal,
        )
      ).permissions,
  });

export async function changePermissions(blueprint: string, change: PermissionsChange) {
  return (
    await api.patch<{ permissions: BlueprintPermissions }>(
      `/v1/blueprints/${seg(blueprint)}/permissions`,
      change,
    )
  ).permissions;
}
