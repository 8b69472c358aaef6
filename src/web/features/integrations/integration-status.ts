import type { Integration } from '../../../core/integration';

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** A state's colour: green when done, red when it failed, blue while under way. */
export function stateColor(state: string | null | undefined) {
  const s = typeof state === 'string' ? state.toLowerCase() : undefined;
  if (s === 'completed' || s === 'success') return 'teal';
  if (s === 'failed' || s === 'failure') return 'red';
  if (s === 'aborted' || s === 'cancelled') return 'orange';
  if (s === 'running' || s === 'syncing' || s === 'pending') return 'blue';
  return 'gray';
}

/** Whether a sync in this state (as its metrics say) is over: its last report is when it ended. */
export const isOver = (state: string | null | undefined) =>
  typeof state === 'string' && ['completed', 'failed', 'aborted', 'cancelled'].includes(state.toLowerCase());

/**
 * What an integration last recorded of its resyncs (PATCH …/resync-state): its status, when it ended (or
 * began, while under way), the next one planned and its interval. Undefined when it never recorded any.
 */
export function resyncOf(integration: Pick<Integration, 'resyncState'>) {
  const state = integration.resyncState;
  const status = text(state?.status);
  if (!state || !status) return undefined;
  const start = text(state.lastResyncStart);
  const end = text(state.lastResyncEnd);
  const ended = status !== 'running' && end !== undefined;
  const interval = state.intervalInMinutes ?? state.intervalInMinuets;
  return {
    status,
    /** When it ended, or when the running (or unfinished) one began. */
    at: ended ? end : (start ?? text(state.updatedAt)),
    ended,
    next: text(state.nextResync),
    intervalMinutes: typeof interval === 'number' && interval > 0 ? interval : undefined,
  };
}

/** "every 60 minutes", "every 2 hours", "every 1 day". */
export function everyText(minutes: number) {
  if (minutes % 1440 === 0) return `every ${minutes / 1440} ${minutes === 1440 ? 'day' : 'days'}`;
  if (minutes % 60 === 0) return `every ${minutes / 60} ${minutes === 60 ? 'hour' : 'hours'}`;
  return `every ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}
