import { compactChanges, type CatalogChange } from '../catalog/catalog-changes.js';
import type { CatalogContext } from '../catalog/catalog-context.js';
import { createChangeVisibility } from '../catalog/change-visibility.js';
import { DomainError, unavailable } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import type { ChangeChannel } from '../storage/change-channel.js';
import { createChangeBus } from './change-bus.js';
import { LiveStream, type StreamOutput } from './live-stream.js';

export interface LiveOptions {
  /** Changes heard within this window go to each stream as one event. */
  windowMs: number;
  heartbeatMs: number;
  retryMs: number;
  /** Open streams per caller (user or client) in one process. */
  streamsPerActor: number;
}

export const DEFAULT_LIVE_OPTIONS: LiveOptions = {
  windowMs: 100,
  heartbeatMs: 20_000,
  retryMs: 3_000,
  streamsPerActor: 20,
};

export interface LiveLog {
  warn(details: object, message: string): void;
}

/** A change as a browser hears of it: what changed, never who could read it before. */
export type PublicChange =
  | { kind: 'entity'; blueprint: string; identifier: string; action: 'created' | 'updated' | 'deleted' }
  | { kind: 'blueprint'; blueprint: string; action: 'created' | 'updated' | 'deleted' }
  | { kind: 'entities'; blueprint: string; action: 'changed' };

export type LiveService = ReturnType<typeof createLiveService>;

/**
 * Live updates: the streams open in this process, and the changes the bus brings them. Changes are
 * gathered over a short window, then judged once per window for every reader (catalog/change-visibility),
 * so the database is asked a few questions per window, not one per change and stream.
 */
export function createLiveService(
  channel: ChangeChannel,
  catalog: CatalogContext,
  log: LiveLog,
  options: Partial<LiveOptions> = {},
) {
  const settings = { ...DEFAULT_LIVE_OPTIONS, ...options };
  const bus = createChangeBus(channel, (error) =>
    log.warn({ err: (error as Error).message }, 'live updates could not send changes'),
  );
  const visibility = createChangeVisibility(catalog);
  const streams = new Set<LiveStream>();
  const perActor = new Map<string, number>();
  let subscription: Promise<() => void> | undefined;
  let pending: CatalogChange[] = [];
  let window: NodeJS.Timeout | undefined;
  let delivering = Promise.resolve();
  let closed = false;

  function hear(changes: CatalogChange[]) {
    if (!streams.size) return;
    pending.push(...changes);
    window ??= setTimeout(endWindow, settings.windowMs);
  }

  function endWindow() {
    window = undefined;
    const changes = compactChanges(pending);
    pending = [];
    delivering = delivering.then(() => deliver(changes));
  }

  async function deliver(changes: CatalogChange[]) {
    const readers = [...streams];
    if (!readers.length || !changes.length) return;
    let judge;
    try {
      judge = await visibility.prepare(changes);
    } catch (error) {
      return resetAfter(error, readers);
    }
    const seen = new Map<string, Promise<CatalogChange[]>>();
    const judged = readers.map((stream) => {
      const key = readerKey(stream.actor);
      if (!seen.has(key)) seen.set(key, judge.visibleTo(stream.actor));
      return seen.get(key)!;
    });
    await Promise.all(
      readers.map(async (stream, i) => {
        try {
          const visible = await judged[i]!;
          if (visible.length) stream.send('change', { changes: visible.map(toPublic) });
        } catch (error) {
          resetAfter(error, [stream]);
        }
      }),
    );
  }

  /** Streams whose changes could not be judged are told to reload, never told unjudged changes. */
  function resetAfter(error: unknown, readers: readonly LiveStream[]) {
    log.warn({ err: (error as Error).message }, 'live updates could not judge changes: streams reset');
    readers.forEach((stream) => stream.send('reset', {}));
  }

  function subscribe() {
    subscription ??= bus
      .subscribe({
        changes: hear,
        missed: () => streams.forEach((stream) => stream.send('reset', {})),
      })
      .catch((error: unknown) => {
        subscription = undefined;
        log.warn({ err: (error as Error).message }, 'live updates cannot listen for changes');
        throw unavailable('live updates cannot reach the database now: connect again in a moment');
      });
    return subscription;
  }

  function release(actor: Actor) {
    const left = (perActor.get(actor.id) ?? 1) - 1;
    if (left > 0) perActor.set(actor.id, left);
    else perActor.delete(actor.id);
  }

  /**
   * Opens a stream for `actor` once changes are heard; `connect` then starts the response. 429 past the
   * limit of streams per caller.
   */
  async function open(
    actor: Actor,
    recheck: () => Promise<Actor>,
    connect: () => StreamOutput,
  ): Promise<LiveStream> {
    if (closed) throw unavailable('the server is shutting down: connect again in a moment');
    const count = perActor.get(actor.id) ?? 0;
    if (count >= settings.streamsPerActor)
      throw new DomainError(
        'too_many_requests',
        'too_many_streams',
        `At most ${settings.streamsPerActor} live update streams (GET /v1/stream) may be open at once per caller: close one (another browser tab) first`,
        { limit: settings.streamsPerActor, retryAfterSeconds: 10 },
      );
    perActor.set(actor.id, count + 1);
    const owner = actor;
    try {
      await subscribe();
      if (closed) throw unavailable('the server is shutting down: connect again in a moment');
    } catch (error) {
      release(owner);
      throw error;
    }
    const stream: LiveStream = new LiveStream(actor, connect(), {
      heartbeatMs: settings.heartbeatMs,
      retryMs: settings.retryMs,
      recheck: (): Promise<Actor | undefined> =>
        recheck().catch((error: unknown) => signedOut(error, stream.actor)),
      onClose: (ended) => {
        streams.delete(ended);
        release(owner);
      },
    });
    streams.add(stream);
    return stream;
  }

  /** Ends every stream and stops listening (the app is closing). */
  async function close() {
    closed = true;
    clearTimeout(window);
    [...streams].forEach((stream) => stream.close());
    await delivering;
    const stop = await subscription?.catch(() => undefined);
    stop?.();
    await bus.flush();
  }

  return {
    open,
    close,
    /** The catalog's commit listener (see CatalogContext.onCommitted). */
    publish: bus.publish,
    openStreams: () => streams.size,
  };
}

/** A credential that no longer signs the caller in ends its stream; any other failure keeps it as it was. */
function signedOut(error: unknown, actor: Actor): Actor | undefined {
  if (error instanceof DomainError && (error.kind === 'unauthenticated' || error.kind === 'forbidden'))
    return undefined;
  return actor;
}

/** Readers alike in everything permissions look at hear the same changes. */
const readerKey = (actor: Actor) =>
  JSON.stringify([actor.id, actor.kind, actor.role, actor.moderates, actor.teams]);

function toPublic(change: CatalogChange): PublicChange {
  if (change.kind !== 'entity') return change;
  const { kind, blueprint, identifier, action } = change;
  return { kind, blueprint, identifier, action };
}
