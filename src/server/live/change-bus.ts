import { compactChanges, type CatalogChange } from '../catalog/catalog-changes.js';
import { MAX_CHANGE_PAYLOAD_BYTES, type ChangeChannel } from '../storage/change-channel.js';

export interface BusSubscriber {
  /** Changes committed by any process on the database, this one included, each heard once. */
  changes(changes: CatalogChange[]): void;
  /** Changes may have been lost (the database connection that hears them was lost and is back). */
  missed(): void;
}

/**
 * Carries committed changes to every process on the database. This process hears its own changes back
 * through the channel like any other's (NOTIFY on PostgreSQL), never directly, so it hears each once.
 */
export interface ChangeBus {
  /** The catalog's commit listener. Writes committed in one turn of the event loop go out together. */
  publish(changes: readonly CatalogChange[]): void;
  subscribe(subscriber: BusSubscriber): Promise<() => void>;
  /** Sends what is queued. */
  flush(): Promise<void>;
}

export function createChangeBus(channel: ChangeChannel, onError: (error: unknown) => void): ChangeBus {
  let queued: CatalogChange[] = [];
  let scheduled: NodeJS.Immediate | undefined;
  let sending = Promise.resolve();

  function send() {
    clearImmediate(scheduled);
    scheduled = undefined;
    const payloads = encodeChanges(compactChanges(queued));
    queued = [];
    // One after another, so that they arrive in the order they committed.
    sending = sending.then(() => channel.send(payloads)).catch(onError);
    return sending;
  }

  return {
    publish(changes) {
      queued.push(...changes);
      scheduled ??= setImmediate(send);
    },
    subscribe: (subscriber) =>
      channel.subscribe({
        receive(payload) {
          const changes = decodeChanges(payload);
          if (changes?.length) subscriber.changes(changes);
        },
        missed: () => subscriber.missed(),
      }),
    flush: () => (scheduled ? send() : sending),
  };
}

const VERSION = 1;
const ENVELOPE_BYTES = Buffer.byteLength(JSON.stringify({ v: VERSION, changes: [] }));

/** Changes as channel payloads, each small enough for NOTIFY: `{"v":1,"changes":[…]}`. */
export function encodeChanges(changes: readonly CatalogChange[]): string[] {
  const payloads: string[] = [];
  let batch: string[] = [];
  let bytes = ENVELOPE_BYTES;
  const close = () => {
    if (batch.length) payloads.push(`{"v":${VERSION},"changes":[${batch.join(',')}]}`);
    batch = [];
    bytes = ENVELOPE_BYTES;
  };
  for (const change of changes) {
    let json = JSON.stringify(change);
    // An entity whose identifier and owners alone fill a notification is told as a change of its blueprint's
    // entities (which names neither).
    if (ENVELOPE_BYTES + Buffer.byteLength(json) > MAX_CHANGE_PAYLOAD_BYTES)
      json = JSON.stringify({ kind: 'entities', blueprint: change.blueprint, action: 'changed' });
    const size = Buffer.byteLength(json) + 1;
    if (ENVELOPE_BYTES + size > MAX_CHANGE_PAYLOAD_BYTES) continue;
    if (bytes + size > MAX_CHANGE_PAYLOAD_BYTES) close();
    batch.push(json);
    bytes += size;
  }
  close();
  return payloads;
}

/** The changes of a payload; undefined for one this version does not understand. */
export function decodeChanges(payload: string): CatalogChange[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return undefined;
  }
  const message = parsed as { v?: unknown; changes?: unknown } | null;
  if (message?.v !== VERSION || !Array.isArray(message.changes)) return undefined;
  return message.changes.filter(isCatalogChange);
}

const ACTIONS: Record<CatalogChange['kind'], readonly string[]> = {
  entity: ['created', 'updated', 'deleted'],
  blueprint: ['created', 'updated', 'deleted'],
  entities: ['changed'],
};

function isCatalogChange(value: unknown): value is CatalogChange {
  const change = value as Record<string, unknown> | null;
  if (typeof change !== 'object' || change === null || typeof change.blueprint !== 'string') return false;
  const kind = String(change.kind);
  if (!Object.hasOwn(ACTIONS, kind)) return false;
  if (!ACTIONS[kind as CatalogChange['kind']].includes(String(change.action))) return false;
  if (change.kind !== 'entity') return true;
  return (
    typeof change.identifier === 'string' &&
    (change.teamsBefore === undefined ||
      (Array.isArray(change.teamsBefore) && change.teamsBefore.every((t) => typeof t === 'string')))
  );
}
