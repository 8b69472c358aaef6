import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

/** One change the server's stream announces (GET /v1/stream, docs/architecture.md "Live updates"). */
export type Change =
  | { kind: 'entity'; blueprint: string; identifier: string; action: 'created' | 'updated' | 'deleted' }
  | { kind: 'blueprint'; blueprint: string; action: 'created' | 'updated' | 'deleted' }
  | { kind: 'entities'; blueprint: string; action: 'changed' };

/** How long changes gather before the queries they touch are refetched, once. */
const FLUSH_MS = 300;

const stale = (queryClient: QueryClient, queryKey: unknown[]) =>
  void queryClient.invalidateQueries({ queryKey });

/** Marks what a change makes stale: open pages refetch it now, closed ones when they next open. */
export function applyChange(queryClient: QueryClient, change: Change) {
  if (change.kind === 'blueprint') {
    stale(queryClient, ['blueprints']);
    stale(queryClient, ['access', change.blueprint]);
    stale(queryClient, ['entities']);
    // A change of its scorecards is announced as one of the blueprint.
    stale(queryClient, ['scorecards']);
    stale(queryClient, ['initiatives']);
    return;
  }
  stale(queryClient, ['entities', 'list', change.blueprint]);
  stale(queryClient, ['entities', 'count', change.blueprint]);
  stale(queryClient, ['entities', 'incoming']);
  stale(queryClient, ['entities', 'related']);
  stale(queryClient, ['audit']);
  if (change.kind === 'entities') stale(queryClient, ['entities', 'one', change.blueprint]);
  else stale(queryClient, ['entities', 'one', change.blueprint, change.identifier]);
  // A change of an entity's scorecard results is announced as a change of the entity (about a second after
  // the write that led to it): what shows results, history and levels is refetched with it.
  const scorecards = queryClient.getQueryData<unknown[]>(['scorecards', 'list', change.blueprint]);
  if (scorecards?.length) staleScorecardResults(queryClient, change);
}

/** What a change of an entity's scorecard results changes. */
function staleScorecardResults(queryClient: QueryClient, change: Change) {
  stale(queryClient, ['entities', 'list', change.blueprint]);
  stale(
    queryClient,
    change.kind === 'entity'
      ? ['entities', 'one', change.blueprint, change.identifier]
      : ['entities', 'one', change.blueprint],
  );
  stale(
    queryClient,
    change.kind === 'entity'
      ? ['entities', 'scorecard-history', change.blueprint, change.identifier]
      : ['entities', 'scorecard-history', change.blueprint],
  );
  stale(queryClient, ['scorecards', 'levels', change.blueprint]);
  stale(queryClient, ['scorecards', 'one', change.blueprint]);
  stale(queryClient, ['initiatives', 'progress']);
}

/**
 * The tab's one EventSource, open while someone is signed in. The browser reconnects by itself; nothing is
 * replayed, so after a reconnect (a second `ready`) or a `reset` everything shown is refetched.
 */
export function useLiveUpdates() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const source = new EventSource('/v1/stream', { withCredentials: true });
    let ready = false;
    source.addEventListener('ready', () => {
      if (ready) void queryClient.invalidateQueries();
      ready = true;
    });
    source.addEventListener('reset', () => void queryClient.invalidateQueries());
    // Many writes in a row must not refetch an open table once each: changes wait a moment and
    // each affected query is refetched once for all of them.
    let pending = new Map<string, Change>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      const changes = [...pending.values()];
      pending = new Map();
      timer = undefined;
      for (const change of changes) applyChange(queryClient, change);
    };
    source.addEventListener('change', (message) => {
      const { changes } = JSON.parse((message as MessageEvent<string>).data) as { changes: Change[] };
      for (const change of changes)
        pending.set(
          JSON.stringify([change.kind, change.blueprint, 'identifier' in change ? change.identifier : null]),
          change,
        );
      timer ??= setTimeout(flush, FLUSH_MS);
    });
    return () => {
      source.close();
      clearTimeout(timer);
    };
  }, [queryClient]);
}
