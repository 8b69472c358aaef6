import { randomUUID } from 'node:crypto';
import type { ChangeChannel } from '../storage/change-channel.js';

/** A run changed, told on the change channel: which, and which process changed it. */
export interface RunChange {
  run: string;
  by?: string;
}

/** The run change a channel message tells of, if it tells of one. */
export function runChangeOf(payload: string): RunChange | undefined {
  if (!payload.startsWith('{"run":')) return undefined;
  try {
    const change = JSON.parse(payload) as { run?: unknown; by?: unknown };
    if (typeof change.run !== 'string') return undefined;
    return typeof change.by === 'string' ? { run: change.run, by: change.by } : { run: change.run };
  } catch {
    return undefined;
  }
}

/**
 * Tells run pages that a run changed (a status, a log line), whichever replica changed it: a short
 * message on the database's change channel, heard by every process, which wakes the streams of that run.
 */
export function createRunWatch(channel: ChangeChannel, onError: (error: Error) => void) {
  const listeners = new Map<string, Set<() => void>>();
  let subscription: Promise<() => void> | undefined;
  /** Names this process in the changes it tells of. */
  const self = randomUUID();

  function receive(payload: string) {
    const change = runChangeOf(payload);
    if (change) for (const listener of listeners.get(change.run) ?? []) listener();
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
    channel.send([JSON.stringify({ run: id, by: self } satisfies RunChange)]).catch(onError);
  }

  async function close() {
    if (subscription) (await subscription)();
    listeners.clear();
  }

  return { watch, changed, close, self };
}

export type RunWatch = ReturnType<typeof createRunWatch>;
