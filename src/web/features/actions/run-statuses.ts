import { RUN_STATUSES, type RunStatus } from '../../../core/action';

/** How each status reads and its colour. */
export const RUN_STATUS_VIEW: Record<RunStatus, { label: string; color: string }> = {
  IN_PROGRESS: { label: 'In progress', color: 'blue' },
  SUCCESS: { label: 'Success', color: 'green' },
  FAILURE: { label: 'Failure', color: 'red' },
  WAITING_FOR_APPROVAL: { label: 'Waiting for approval', color: 'yellow' },
  DECLINED: { label: 'Declined', color: 'orange' },
};

export type RunFilter = 'all' | 'active' | RunStatus;

interface RunFilterView {
  label: string;
  /** What the API filters by itself (`active`); the status is then matched here. */
  active?: boolean;
  matches: (status: RunStatus) => boolean;
}

const ACTIVE: readonly RunStatus[] = ['IN_PROGRESS', 'WAITING_FOR_APPROVAL'];

/** The status filters of the runs list, in the order they are offered. */
export const RUN_FILTERS: Record<RunFilter, RunFilterView> = {
  all: { label: 'All', matches: () => true },
  active: { label: 'Under way', active: true, matches: () => true },
  ...(Object.fromEntries(
    RUN_STATUSES.map((status) => [
      status,
      {
        label: RUN_STATUS_VIEW[status].label,
        active: ACTIVE.includes(status),
        matches: (s: RunStatus) => s === status,
      },
    ]),
  ) as Record<RunStatus, RunFilterView>),
};

export type RunFilterName = Exclude<RunFilter, 'all'>;

/** The filter a URL names, or none (all runs) for anything else. */
export function parseRunFilter(value: unknown): Exclude<RunFilter, 'all'> | undefined {
  return typeof value === 'string' && value !== 'all' && Object.hasOwn(RUN_FILTERS, value)
    ? (value as Exclude<RunFilter, 'all'>)
    : undefined;
}
