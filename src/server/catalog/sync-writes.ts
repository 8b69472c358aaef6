import type { Actor } from '../identity/actor.js';
import type { Db } from '../storage/database.js';

/** What of a request tells the integration sync it belongs to: its User-Agent and `ocean_info_resync_id`. */
export interface SyncSource {
  userAgent: string | undefined;
  resyncId: unknown;
}

/**
 * What counts and guards the writes of an integration's sync (implemented by
 * integrations/integration-syncs.ts): the entity routes call it, and need nothing else of integrations.
 */
export interface SyncWrites {
  counted(
    actor: Actor,
    source: SyncSource,
    counts: { created: number; updated: number; failed: number; lastError?: string },
  ): Promise<void>;
  /** Runs `remove`, giving it a limit to call inside its transaction with how many it deletes. */
  deleting<T>(
    actor: Actor,
    source: SyncSource,
    remove: (limit?: (count: number, trx: Db) => Promise<void>) => Promise<T>,
  ): Promise<T>;
  refuseInSync(source: SyncSource): void;
}

/** No integrations: nothing counted, nothing guarded. */
export const NO_SYNCS: SyncWrites = {
  counted: async () => {},
  deleting: (_actor, _source, remove) => remove(),
  refuseInSync: () => {},
};
