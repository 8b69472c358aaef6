import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

/** One change the server's stream announces (GET /v1/stream, `event: change`). */
export interface ChangeEvent {
  kind: 'entity' | 'blueprint';
  blueprint: string;
  identifier?: string;
  action: 'created' | 'updated' | 'deleted';
}

/** Marks what a change makes stale; open pages refetch it, closed ones when they next open. */
export function applyChange(queryClient: QueryClient, change: ChangeEvent) {
  if (change.kind === 'blueprint') {
    void queryClient.invalidateQueries({ queryKey: ['blueprints'] });
    void queryClient.invalidateQueries({ queryKey: ['access', change.blueprint] });
    void queryClient.invalidateQueries({ queryKey: ['entities', 'list', change.blueprint] });
    return;
  }
  void queryClient.invalidateQueries({ queryKey: ['entities', 'list', change.blueprint] });
  void queryClient.invalidateQueries({ queryKey: ['entities', 'count', change.blueprint] });
  void queryClient.invalidateQueries({ queryKey: ['entities', 'incoming'] });
  void queryClient.invalidateQueries({ queryKey: ['entities', 'related'] });
  void queryClient.invalidateQueries({ queryKey: ['audit'] });
  if (change.identifier !== undefined)
    void queryClient.invalidateQueries({
      queryKey: ['entities', 'one', change.blueprint, change.identifier],
    });
}

/**
 * The tab's one EventSource, open while someone is signed in. The browser reconnects by itself; after a
 * reconnect every change may have been missed, so everything shown is refetched.
 */
export function useLiveUpdates() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const source = new EventSource('/v1/stream', { withCredentials: true });
    let opened = false;
    source.addEventListener('open', () => {
      if (opened) void queryClient.invalidateQueries();
      opened = true;
    });
    source.addEventListener('change', (message) => {
      const data = JSON.parse((message as MessageEvent<string>).data) as ChangeEvent | ChangeEvent[];
      for (const change of ([] as ChangeEvent[]).concat(data)) applyChange(queryClient, change);
    });
    return () => source.close();
  }, [queryClient]);
}
