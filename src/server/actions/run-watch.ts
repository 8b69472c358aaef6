import type { ChangeChannel } from '../storage/change-channel.js';

/**
 * Tells run pages that a run changed (a status, a log line), whichever replica changed it: a short
 * message on the database's change channel, heard by every process, which wakes the streams of that run.
 */
export function createRunWatch(channel: ChangeChannel, onError: (error: Error) => void) {
  const listeners = new Map<string, Set<() => void>>();
  let subscription: Promise<() => void> | undefined;

  function receive(payload: string) {
    if (!payload.startsWith('{"run":')) return;
    let id: unknown;
    try {
      id = (JSON.parse(payload) as { run?: unknown }).run;
    } catch {
      return;
    }
    if (typeof id === 'string') for (const listener of listeners.get(id) ?? []) listener();
  }

  /** Calls `listener` whenever run `id` changes, until the function returned is called. */
  async function watch(id: string, listener: () => void): Promise<() => void> {
    subscription ??= channel.subscribe({
      receive,
      // Missed messages: wake every stream, which reads again.
      missed: () => listeners.forEach((set) => set.forEach((l) => l())),
    });
    await subscription;
    const set = listeners.get(id) ?? new Set();
    set.add(listener);
    listeners.set(id, set);
    return () => {
      set.delete(listener);
      if (!set.size) listeners.delete(id);
    };
  }

  function changed(id: string) {
    channel.send([JSON.stringify({ run: id })]).catch(onError);
  }

  async function close() {
    if (subscription) (await subscription)();
    listeners.clear();
  }

  return { watch, changed, close };
}

export type RunWatch = ReturnType<typeof createRunWatch>;
