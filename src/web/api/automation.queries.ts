import { queryOptions, type QueryClient } from '@tanstack/react-query';
import {
  isAutomation,
  type Action,
  type ActionRun,
  type AutomationTrigger,
  type RunLog,
} from '../../core/action';
import { api, ApiError, request, seg } from './client';

/** An automation as the API answers it: started by its events, never by a form. */
export type Automation = Action & { trigger: AutomationTrigger };

/** How many of an automation's latest firings its history shows. */
export const FIRING_LIMIT = 50;

/** Every automation (only Admins see them: anyone else gets none). */
export const automationListQuery = () =>
  queryOptions({
    queryKey: ['actions', 'automations'],
    queryFn: async () =>
      (await api.get<{ actions: Action[] }>('/v1/actions?trigger_type=automation')).actions.filter(
        (action): action is Automation => isAutomation(action),
      ),
  });

/** An automation's firings: its runs, newest first. Under ['runs', 'list'], so run changes refresh it. */
export const firingListQuery = (automation: string) =>
  queryOptions({
    queryKey: ['runs', 'list', { action: automation }],
    queryFn: async ({ signal }) => {
      const query = new URLSearchParams({ action: automation, limit: String(FIRING_LIMIT) });
      return (await api.get<{ runs: ActionRun[] }>(`/v1/actions/runs?${query}`, signal)).runs;
    },
  });

/**
 * A firing's first two log lines: what triggered it, and why its condition failed when it did. Both are
 * written with the run, in one transaction, and never change.
 */
export const firingLogQuery = (runId: string) =>
  queryOptions({
    queryKey: ['runs', 'one', runId, 'firing-log'],
    staleTime: Infinity,
    queryFn: async ({ signal }) =>
      (await api.get<{ runLogs: RunLog[] }>(`/v1/actions/runs/${seg(runId)}/logs?limit=2`, signal)).runLogs,
  });

/**
 * Publishes or disables an automation: its definition as it is now (read again, with its version), sent
 * back with `publish` set, only if still at that version (If-Match). A change made in between is never
 * overwritten: the read and write are tried again over it.
 */
export async function setPublished(queryClient: QueryClient, automation: Automation, publish: boolean) {
  const path = `/v1/actions/${seg(automation.identifier)}`;
  for (let attempt = 1; ; attempt++) {
    const current = await request<{ action: Action }>('GET', path);
    const version = current.headers.get('etag');
    try {
      const { action } = (
        await request<{ action: Action }>('PUT', path, {
          body: { ...current.body.action, publish },
          headers: version ? { 'if-match': version } : {},
        })
      ).body;
      queryClient.setQueryData(['actions', 'one', action.identifier], action);
      queryClient.setQueryData<Automation[]>(['actions', 'automations'], (list) =>
        list?.map((one) => (one.identifier === action.identifier ? (action as Automation) : one)),
      );
      return action as Automation;
    } catch (error) {
      if (attempt >= 3 || !(error instanceof ApiError) || error.status !== 412) throw error;
    }
  }
}
