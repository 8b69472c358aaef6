import { unprocessable } from '../errors.js';
import { isAdmin, type Actor } from '../identity/actor.js';
import type { SyncSource, SyncWrites } from '../catalog/sync-writes.js';
import type { Database, Db } from '../storage/database.js';
import type { IntegrationFields } from './integration-rules.js';
import * as repo from './integration.repo.js';

/** A request's place in an integration's sync: which integration, which sync, and what it owns. */
interface SyncOfRequest {
  integration: string;
  eventId: string;
  /** Its entities' `$datasource` begins with this… */
  prefix: string;
  /** …and ends with this. */
  suffix: string;
}

/** Ocean's default share of an integration's entities one sync may delete (port_app_config/models.py). */
export const DEFAULT_DELETION_THRESHOLD = 0.9;

/**
 * The sync a request belongs to: Ocean names its integration in its User-Agent
 * (`port-ocean/<type>/<version>/<identifier>/<exporter|gitops>`) and the sync in `ocean_info_resync_id`.
 */
export function syncOf(userAgent: string | undefined, resyncId: unknown): SyncOfRequest | undefined {
  if (typeof resyncId !== 'string' || resyncId === '' || resyncId.length > 200 || !userAgent)
    return undefined;
  const [product, type, , identifier, agent] = userAgent.split('/');
  if (product !== 'port-ocean' || !type || !identifier) return undefined;
  return {
    integration: identifier,
    eventId: resyncId,
    prefix: `port-ocean/${type}/`,
    suffix: agent ? `/${identifier}/${agent}` : `/${identifier}`,
  };
}

/**
 * Each sync of an integration as Portico counts it from the writes it sends, and the guard Port's users ask
 * for: a sync deletes no more than its mapping's `entityDeletionThreshold` of the entities the integration
 * owned when its deletions began, so a broken sync cannot empty the catalog. Only an Admin's writes count
 * (integrations run with an Admin's credentials): a Member naming itself an integration changes nothing.
 */
export function createSyncLedger(
  { db, dialect }: Pick<Database, 'db' | 'dialect'>,
  now = () => new Date().toISOString(),
): SyncWrites {
  /** Syncs this process has counted writes of lately: a sync new to it prunes the integration's old ones. */
  const seen = new Set<string>();
  async function counted(actor: Actor, source: SyncSource, counts: repo.SyncCounts) {
    const sync = syncOf(source.userAgent, source.resyncId);
    if (!sync || !isAdmin(actor)) return;
    if (!counts.created && !counts.updated && !counts.failed) return;
    await repo.addSyncCounts(db, sync.integration, sync.eventId, counts, now());
    const key = JSON.stringify([sync.integration, sync.eventId]);
    if (seen.has(key)) return;
    if (seen.size >= 1_000) seen.delete(seen.values().next().value!);
    seen.add(key);
    await repo.pruneSyncs(db, sync.integration);
  }

  /**
   * Runs `remove` within the sync's deletion threshold. `remove` calls the limit it is given inside its
   * transaction with how many entities it removes, dependents included: counted there against the share
   * of what the integration owned when the sync's deletions began, or refused (422, nothing deleted). The
   * count commits or rolls back with the delete.
   */
  async function deleting<T>(
    actor: Actor,
    source: SyncSource,
    remove: (limit?: (count: number, trx: Db) => Promise<void>) => Promise<T>,
  ): Promise<T> {
    const sync = syncOf(source.userAgent, source.resyncId);
    if (!sync || !isAdmin(actor)) return remove();
    const row = await repo.findIntegration(db, dialect, sync.integration);
    if (!row) return remove();
    const fields = dialect.fromJson<IntegrationFields>(row.fields);
    const threshold = fields.config?.entityDeletionThreshold ?? DEFAULT_DELETION_THRESHOLD;
    const at = now();
    // What it owns is counted once per sync, before its first deletion.
    if ((await repo.findSync(db, sync.integration, sync.eventId))?.owned == null)
      await repo.recordOwned(
        db,
        sync.integration,
        sync.eventId,
        await repo.countOwned(db, sync.prefix, sync.suffix),
        at,
      );
    return remove(async (count, trx) => {
      if (await repo.reserveDeletions(trx, sync.integration, sync.eventId, count, threshold, at)) return;
      const counted = await repo.findSync(trx, sync.integration, sync.eventId);
      throw unprocessable(
        'deletion_threshold',
        `entities: this sync of integration "${sync.integration}" would delete ${(counted?.deleted ?? 0) + count} of the ${counted?.owned ?? 0} entities it owned when its deletions began (dependents included), more than its entityDeletionThreshold of ${threshold}; nothing was deleted (raise config.entityDeletionThreshold to allow it)`,
        { field: 'entities', threshold, owned: counted?.owned ?? 0, deleted: counted?.deleted ?? 0 },
      );
    });
  }

  /** A sync deletes by identifier, within its threshold: deleting a whole blueprint is not for it. */
  function refuseInSync(source: SyncSource) {
    const sync = syncOf(source.userAgent, source.resyncId);
    if (sync)
      throw unprocessable(
        'deletion_threshold',
        `a sync of integration "${sync.integration}" deletes entities by identifier, within its entityDeletionThreshold; it cannot delete every entity of a blueprint`,
      );
  }

  return { counted, deleting, refuseInSync };
}
