import { queryOptions } from '@tanstack/react-query';
import type { PortApp } from '../../core/credentials';
import { api, seg } from './client';

export type { PortApp };

/** Your credentials; an Admin's list holds everyone's. */
export const credentialListQuery = () =>
  queryOptions({
    queryKey: ['credentials'],
    queryFn: async ({ signal }) => (await api.get<{ apps: PortApp[] }>('/v1/apps', signal)).apps,
  });

/** New credentials for you, or (Admin) for `user`. */
export async function createCredentials(input: { name: string; user?: string }) {
  return (await api.post<{ app: PortApp }>('/v1/apps', input)).app;
}

export async function renameCredentials(id: string, name: string) {
  return (await api.put<{ app: PortApp }>(`/v1/apps/${seg(id)}`, { name })).app;
}

/** A new secret; the old one and its tokens stop at once. */
export async function rotateCredentials(id: string) {
  return (await api.post<{ app: PortApp }>(`/v1/apps/${seg(id)}/rotate-secret`)).app;
}

export async function revokeCredentials(id: string) {
  await api.delete(`/v1/apps/${seg(id)}`);
}
