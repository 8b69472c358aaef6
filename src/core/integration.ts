/**
 * Port's integrations as its API answers them (docs/integrations.md): the server keeps and answers them, the
 * web app's Settings → Integrations shows them.
 */

/** The port-app-config mapping (port-model §8.2). */
export interface IntegrationConfig {
  resources?: Array<Record<string, unknown>>;
  deleteDependentEntities?: boolean;
  createMissingRelatedEntities?: boolean;
  enableMergeEntity?: boolean;
  /** The largest share of an integration's entities one resync may delete (Ocean: default 0.9). */
  entityDeletionThreshold?: number;
  [key: string]: unknown;
}

/**
 * An integration's stored fields, as Port's API and Ocean write them: those Portico reads are typed, the
 * others kept as given (Port's PATCH takes additional properties).
 */
export interface IntegrationFields {
  title?: string | null;
  installationAppType?: string;
  installationType?: string;
  version?: string;
  config?: IntegrationConfig | null;
  changelogDestination?: Record<string, unknown>;
  actionsProcessingEnabled?: boolean;
  incrementalSyncEnabled?: boolean;
  arePortResourcesInitialized?: boolean;
  /**
   * What Ocean last recorded of its resyncs (PATCH …/resync-state), stamped `updatedAt`: `status` (running,
   * completed, failed, aborted), `lastResyncStart`, `lastResyncEnd`, `nextResync`, and its interval as
   * `intervalInMinuets` (Ocean's spelling).
   */
  resyncState?: Record<string, unknown>;
  /** When a resync was last asked for (POST …/resync, and its creation). */
  resyncRequest?: { updatedAt: string };
  [key: string]: unknown;
}

/** An integration as Port's API answers it (`{integration: …}`), before the server adds its ingest URLs. */
export type Integration = IntegrationFields & {
  identifier: string;
  installationId: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
};

/**
 * One sync of an integration (GET …/syncsMetadata): its state as its newest metrics report says (null when
 * it reported none), when it began and was last heard of, and Portico's own counts of what its writes did.
 */
export interface IntegrationSync {
  eventId: string;
  syncState: string | null;
  createdAt: string;
  updatedAt: string;
  created: number;
  updated: number;
  deleted: number;
  failed: number;
  lastError: string | null;
}

/** One kind's metrics in one sync, as the integration last reported them (GET …/syncMetrics). */
export interface SyncKindMetrics {
  eventId: string;
  kindIdentifier: string;
  kind?: string;
  syncState?: string;
  /** Ocean's counts and durations, by phase: `{phase: {extract: {object_count_type: {…}}}}`. */
  metrics?: unknown;
  createdAt: string;
  updatedAt: string;
  [key: string]: unknown;
}

/** One of an integration's log lines (GET …/logs), its `level` in capitals. */
export interface IntegrationLogLine {
  id: number;
  timestamp: string;
  level: string;
  message: string;
  extra: unknown;
}
