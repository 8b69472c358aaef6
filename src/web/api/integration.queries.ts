import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type {
  Integration,
  IntegrationLogLine,
  IntegrationSync,
  SyncKindMetrics,
} from '../../core/integration';
import { api, seg } from './client';

export type { Integration, IntegrationLogLine, IntegrationSync, SyncKindMetrics };

/** How many log lines a page of an integration's log holds ("Load older" asks for the next). */
export const LOG_PAGE = 100;

const path = (identifier: string) => `/v1/integration/${seg(identifier)}`;

/** Every integration (Admins only: the server refuses anyone else). */
export const integrationListQuery = () =>
  queryOptions({
    queryKey: ['integrations', 'list'],
    queryFn: async ({ signal }) =>
      (await api.get<{ integrations: Integration[] }>('/v1/integration', signal)).integrations,
  });

export const integrationQuery = (identifier: string) =>
  queryOptions({
    queryKey: ['integrations', 'one', identifier],
    queryFn: async ({ signal }) =>
      (await api.get<{ integration: Integration }>(path(identifier), signal)).integration,
  });

/** Its syncs, newest first, with Portico's counts of what each wrote. */
export const integrationSyncsQuery = (identifier: string) =>
  queryOptions({
    queryKey: ['integrations', 'one', identifier, 'syncs'],
    queryFn: async ({ signal }) =>
      (await api.get<{ data: IntegrationSync[] }>(`${path(identifier)}/syncsMetadata`, signal)).data,
  });

/** One sync's metrics, a row per kind. */
export const syncMetricsQuery = (identifier: string, eventId: string) =>
  queryOptions({
    queryKey: ['integrations', 'one', identifier, 'metrics', eventId],
    queryFn: async ({ signal }) => {
      const query = new URLSearchParams({ resyncId: eventId });
      return (await api.get<{ data: SyncKindMetrics[] }>(`${path(identifier)}/syncMetrics?${query}`, signal))
        .data;
    },
  });

/** Its log lines of `levels` (every level when none), newest first, a page at a time: each page older. */
export const integrationLogsQuery = (identifier: string, levels: readonly string[]) =>
  infiniteQueryOptions({
    queryKey: ['integrations', 'one', identifier, 'logs', { levels }],
    initialPageParam: undefined as number | undefined,
    queryFn: async ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(LOG_PAGE) });
      for (const level of levels) query.append('level', level);
      if (pageParam !== undefined) query.set('log_id', String(pageParam));
      return (await api.get<{ logs: IntegrationLogLine[] }>(`${path(identifier)}/logs?${query}`, signal))
        .logs;
    },
    // A full page may have older lines behind it: the next page is those before its oldest.
    getNextPageParam: (page) => (page.length === LOG_PAGE ? page.at(-1)?.id : undefined),
  });

/** Asks the integration for a resync: it starts one the next time it asks Portico (Ocean's polling). */
export async function requestResync(identifier: string) {
  return (await api.post<{ integration: Integration }>(`${path(identifier)}/resync`)).integration;
}

/** Deletes the integration and what it reported (logs, metrics, syncs); its entities stay. */
export async function deleteIntegration(identifier: string) {
  await api.delete(path(identifier));
}
