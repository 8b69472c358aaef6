import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { ActionRun, RunLog, RunStatus } from '../../core/action';
import { api, seg } from './client';

export interface RunApprover {
  userId: string;
  state: 'APPROVED' | 'DECLINED' | 'PENDING';
  description: string | null;
}

export interface RunEntity {
  blueprint: string;
  identifier: string;
  action: string;
  at: string;
}

export interface RunListFilter {
  /** Only the runs this person started; all one may see without it. */
  userEmail?: string;
  /** Only runs not yet ended (true), or only ended ones (false). */
  active?: boolean;
  /** Only runs that wait for this user's decision (Portico's awaiting_my_approval). */
  awaitingMyApproval?: boolean;
}

/** How many of one's own runs the list shows. */
export const RUN_LIST_LIMIT = 200;
export const LOG_PAGE = 50;

export const runQuery = (id: string) =>
  queryOptions({
    queryKey: ['runs', 'one', id],
    queryFn: async () => (await api.get<{ run: ActionRun }>(`/v1/actions/runs/${seg(id)}`)).run,
  });

export const runListQuery = (filter: RunListFilter) =>
  queryOptions({
    queryKey: ['runs', 'list', filter],
    queryFn: async ({ signal }) => {
      const query = new URLSearchParams({ limit: String(RUN_LIST_LIMIT) });
      if (filter.userEmail !== undefined) query.set('user_email', filter.userEmail);
      if (filter.active !== undefined) query.set('active', String(filter.active));
      if (filter.awaitingMyApproval) query.set('awaiting_my_approval', 'true');
      return (await api.get<{ runs: ActionRun[] }>(`/v1/actions/runs?${query}`, signal)).runs;
    },
  });

export const runApproversQuery = (id: string) =>
  queryOptions({
    queryKey: ['runs', 'one', id, 'approvers'],
    queryFn: async () =>
      (
        await api.get<{ approvers: RunApprover[] }>(
          `/v1/actions/runs/${seg(id)}/approvers?include_pending_approvers=true`,
        )
      ).approvers,
  });

export const runEntitiesQuery = (id: string) =>
  queryOptions({
    queryKey: ['runs', 'one', id, 'entities'],
    queryFn: async () =>
      (await api.get<{ entities: RunEntity[] }>(`/v1/actions/runs/${seg(id)}/entities`)).entities,
  });

/** The log lines after `after` (all from the start without it), one page. */
export async function runLogsAfter(id: string, after: string | undefined, signal?: AbortSignal) {
  const query = new URLSearchParams({ limit: String(LOG_PAGE) });
  if (after) query.set('after', after);
  return (await api.get<{ runLogs: RunLog[] }>(`/v1/actions/runs/${seg(id)}/logs?${query}`, signal)).runLogs;
}

export async function decideApproval(id: string, status: 'APPROVE' | 'DECLINE', description: string) {
  return (
    await api.patch<{ run: ActionRun }>(`/v1/actions/runs/${seg(id)}/approval`, {
      status,
      ...(description.trim() ? { description: description.trim() } : {}),
    })
  ).run;
}

/** Port's cancel: the creator ends a run that still waits for approval as failed. */
export async function cancelRun(id: string) {
  return (
    await api.patch<{ run: ActionRun }>(`/v1/actions/runs/${seg(id)}`, {
      status: 'FAILURE',
      statusLabel: 'Cancelled',
    })
  ).run;
}

/** A run's new state, shown at once; a new status also asks again for what follows from it. */
export function applyRun(queryClient: QueryClient, run: ActionRun) {
  const previous = queryClient.getQueryData<ActionRun>(['runs', 'one', run.id]);
  queryClient.setQueryData(['runs', 'one', run.id], run);
  const approvers = () => queryClient.invalidateQueries({ queryKey: ['runs', 'one', run.id, 'approvers'] });
  // While it waits, a change is a decision of one of several approvers (ALL).
  if (previous?.status === run.status) {
    if (run.status === 'WAITING_FOR_APPROVAL' && previous.updatedAt !== run.updatedAt) void approvers();
    return;
  }
  void approvers();
  void queryClient.invalidateQueries({ queryKey: ['runs', 'one', run.id, 'entities'] });
  void queryClient.invalidateQueries({ queryKey: ['runs', 'list'] });
}

export const isActive = (status: RunStatus) => status === 'IN_PROGRESS' || status === 'WAITING_FOR_APPROVAL';
