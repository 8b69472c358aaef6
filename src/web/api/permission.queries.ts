import { queryOptions } from '@tanstack/react-query';
import { api, seg } from './client';

/** Who a permission is granted to (Port's grant). */
export interface Grant {
  roles: string[];
  users: string[];
  teams: string[];
  ownedByTeam: boolean;
  /** Port's read policy, on `read` only: kept as it is by this editor. */
  policy?: unknown;
}

export const ENTITY_ACTIONS = ['read', 'register', 'update', 'unregister'] as const;
export type EntityAction = (typeof ENTITY_ACTIONS)[number];

export interface BlueprintPermissions {
  entities: Record<EntityAction, Grant> & {
    updateProperties: Record<string, Grant>;
    updateRelations: Record<string, Grant>;
  };
}

/** A PATCH: each grant field given replaces that field; what is left out stays. */
export type PermissionsChange = {
  entities: Partial<Record<EntityAction, Partial<Grant>>> & {
    updateProperties?: Record<string, Partial<Grant>>;
    updateRelations?: Record<string, Partial<Grant>>;
  };
};

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
