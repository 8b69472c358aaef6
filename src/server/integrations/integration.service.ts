import { changeRecord, insertAuditRecords, type AuditRecord } from '../audit/audit.repo.js';
import { conflict, forbidden, notFound, tooLarge, unprocessable } from '../errors.js';
import { isAdmin, type Actor } from '../identity/actor.js';
import type { Database } from '../storage/database.js';
import { checkIntegrationFields, type IntegrationFields } from './integration-rules.js';
import type { Integration, IntegrationSync } from '../../core/integration.js';
import * as repo from './integration.repo.js';

export type IntegrationService = ReturnType<typeof createIntegrationService>;

export type { Integration };

/** What Ocean's start-up compares with what it runs (initialize.py): stored, so that it PATCHes only on change. */
const DEFAULTS: IntegrationFields = {
  installationType: 'OnPrem',
  changelogDestination: {},
  actionsProcessingEnabled: false,
  incrementalSyncEnabled: false,
};

const missing = (identifier: string) => notFound(`integration "${identifier}" was not found`);

function requireAdmin(actor: Actor, doing: string) {
  if (!isAdmin(actor)) throw forbidden(`Only an Admin can ${doing} integrations`);
}

/** What an integration keeps of its fields (its mapping and resync state included), as JSON text. */
export const MAX_FIELDS_CHARS = 1_000_000;

/**
 * Refuses fields past MAX_FIELDS_CHARS (413, naming `field`, what the request changes): PATCHes merge into
 * them, so without a bound each could add its body's worth, and every report would read them all.
 */
function checkSize(identifier: string, fields: IntegrationFields, field: string) {
  const size = JSON.stringify(fields).length;
  if (size > MAX_FIELDS_CHARS)
    throw tooLarge(
      `${field}: integration "${identifier}" would keep ${size} characters of fields (its mapping and resync state included), more than ${MAX_FIELDS_CHARS}; nothing was changed`,
    );
}

/**
 * Integrations as Port keeps them for its Ocean framework (docs/integrations.md): each one's fields, its
 * mapping (`config`), its resync state and what it reports (logs, metrics per sync and kind, examples of
 * its raw data per kind). Admins only: an integration's credentials are an Admin's.
 */
export function createIntegrationService(
  { db, dialect }: Pick<Database, 'db' | 'dialect'>,
  now = () => new Date().toISOString(),
) {
  const toIntegration = (
    row: Omit<repo.IntegrationRow, 'fields' | 'version'>,
    fields = dialect.fromJson<IntegrationFields>((row as repo.IntegrationRow).fields),
  ): Integration => ({
    ...DEFAULTS,
    ...fields,
    identifier: row.identifier,
    installationId: row.identifier,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  });

  const audit = (
    actor: Actor,
    at: string,
    action: AuditRecord['action'],
    identifier: string,
    before: Integration | null,
    after: Integration | null,
  ) =>
    changeRecord(
      actor,
      at,
      { resourceType: 'integration', action, identifier, context: { integration: identifier } },
      before,
      after,
    );

  async function list(actor: Actor): Promise<Integration[]> {
    requireAdmin(actor, 'read');
    return (await repo.listIntegrations(db)).map((row) => toIntegration(row));
  }

  async function get(actor: Actor, identifier: string): Promise<Integration> {
    requireAdmin(actor, 'read');
    const row = await repo.findIntegration(db, dialect, identifier);
    if (!row) throw missing(identifier);
    return toIntegration(row);
  }

  /** POST /v1/integration: Ocean's first start, with its `installationId` as the identifier. */
  async function create(actor: Actor, body: Record<string, unknown>): Promise<Integration> {
    requireAdmin(actor, 'create');
    const { installationId, identifier: _identifier, ...given } = body;
    if (
      typeof installationId !== 'string' ||
      !/^[A-Za-z0-9@_.+:=-]{1,200}$/.test(installationId) ||
      RESERVED.has(installationId)
    )
      throw unprocessable(
        'invalid_integration',
        'installationId must be 1 to 200 letters, digits or @_.+:=-, and not provision-enabled, metadata, . or ..',
        { field: 'installationId' },
      );
    const fields = checkIntegrationFields(given);
    const at = now();
    // A new integration asks for its first resync (GET …/resync-request).
    const stored = { ...fields, resyncRequest: { updatedAt: at } };
    checkSize(installationId, stored, 'body');
    const row = { identifier: installationId, fields: stored, created_at: at, created_by: actor.id };
    return db.transaction().execute(async (trx) => {
      const inserted = await repo.insertIntegration(trx, dialect, {
        ...row,
        updated_at: at,
        updated_by: actor.id,
      });
      if (!inserted)
        throw conflict('integration_exists', `integration "${installationId}" already exists`, {
          field: 'installationId',
        });
      const created = toIntegration({ ...row, updated_at: at, updated_by: actor.id }, stored);
      await insertAuditRecords(trx, dialect, [audit(actor, at, 'CREATE', installationId, null, created)]);
      return created;
    });
  }

  /**
   * Changes what is given, against the integration as it is inside the transaction (concurrent changes of
   * one integration merge one after another, none lost). `change` sees the stored fields and answers them.
   */
  async function change(
    actor: Actor,
    identifier: string,
    field: string,
    change: (fields: IntegrationFields, at: string) => IntegrationFields,
    audited = true,
  ): Promise<Integration> {
    requireAdmin(actor, 'change');
    return db.transaction().execute(async (trx) => {
      const row = await repo.findIntegration(trx, dialect, identifier, true);
      if (!row) throw missing(identifier);
      const before = toIntegration(row);
      const at = now();
      const fields = change(dialect.fromJson<IntegrationFields>(row.fields), at);
      checkSize(identifier, fields, field);
      await repo.updateIntegration(trx, dialect, identifier, fields, at, actor.id);
      const after = toIntegration({ ...row, updated_at: at, updated_by: actor.id }, fields);
      if (audited)
        await insertAuditRecords(trx, dialect, [audit(actor, at, 'UPDATE', identifier, before, after)]);
      return after;
    });
  }

  /** PATCH /v1/integration/{id}: the fields given replace those stored (`config` as a whole). */
  const update = (actor: Actor, identifier: string, body: Record<string, unknown>) => {
    requireAdmin(actor, 'change');
    const { installationId, identifier: _identifier, ...given } = body;
    if (installationId !== undefined && installationId !== identifier)
      throw unprocessable('invalid_integration', 'installationId cannot be changed', {
        field: 'installationId',
      });
    const fields = checkIntegrationFields(given);
    return change(actor, identifier, 'body', (stored) => ({ ...stored, ...fields }));
  };

  /** PATCH /v1/integration/{id}/config. */
  const updateConfig = (actor: Actor, identifier: string, config: unknown) => {
    requireAdmin(actor, 'change');
    const { config: checked } = checkIntegrationFields({ config });
    return change(actor, identifier, 'config', (stored) => ({ ...stored, config: checked ?? null }));
  };

  /**
   * PATCH /v1/integration/{id}/resync-state: merged into `resyncState`, stamped (Ocean reads its updatedAt).
   * A resync begins or ends with it: the syncs kept are pruned then.
   */
  async function updateResyncState(actor: Actor, identifier: string, state: Record<string, unknown>) {
    const changed = await change(
      actor,
      identifier,
      'resyncState',
      (stored, at) => ({
        ...stored,
        resyncState: { ...(stored.resyncState ?? {}), ...state, updatedAt: at },
      }),
      false,
    );
    await repo.pruneSyncs(db, identifier);
    return changed;
  }

  /** POST /v1/integration/{id}/resync: asks the integration for a resync (its next GET …/resync-request). */
  const requestResync = (actor: Actor, identifier: string) =>
    change(actor, identifier, 'resyncRequest', (stored, at) => ({
      ...stored,
      resyncRequest: { updatedAt: at },
    }));

  async function remove(actor: Actor, identifier: string): Promise<void> {
    requireAdmin(actor, 'delete');
    await db.transaction().execute(async (trx) => {
      const row = await repo.findIntegration(trx, dialect, identifier, true);
      if (!row || !(await repo.deleteIntegration(trx, identifier))) throw missing(identifier);
      await insertAuditRecords(trx, dialect, [
        audit(actor, now(), 'DELETE', identifier, toIntegration(row), null),
      ]);
    });
  }

  /** The integration's identifier, once checked that it exists and the actor may write what it reports. */
  async function reporting(actor: Actor, identifier: string) {
    requireAdmin(actor, 'report for');
    if (!(await repo.integrationExists(db, identifier))) throw missing(identifier);
    return identifier;
  }

  /** Examples of a kind's raw data (Ocean sends up to 5): the newest first, at most MAX_EXAMPLES kept. */
  async function addKindExamples(actor: Actor, identifier: string, kind: string, examples: unknown[]) {
    await reporting(actor, identifier);
    await db.transaction().execute(async (trx) => {
      const before = (await repo.findKindExamples(trx, dialect, identifier, kind)) ?? [];
      const kept = [...examples, ...before].slice(0, MAX_EXAMPLES);
      await repo.putKindExamples(trx, dialect, identifier, kind, kept, now());
      await repo.pruneKindExamples(trx, identifier);
    });
  }

  async function kindExamples(actor: Actor, identifier: string, kind: string) {
    await get(actor, identifier);
    return (await repo.findKindExamples(db, dialect, identifier, kind)) ?? [];
  }

  async function appendLogs(actor: Actor, identifier: string, lines: repo.LogLine[]) {
    await repo.appendLogs(db, dialect, await reporting(actor, identifier), lines.map(boundedLine));
  }

  async function logs(actor: Actor, identifier: string, options: Parameters<typeof repo.readLogs>[3]) {
    await get(actor, identifier);
    return repo.readLogs(db, dialect, identifier, options);
  }

  async function putSyncMetrics(
    actor: Actor,
    identifier: string,
    kinds: ReadonlyArray<Record<string, unknown>>,
  ) {
    await reporting(actor, identifier);
    const at = now();
    // All checked before any is kept: a report is kept whole or not at all.
    const rows = kinds.map((metrics, index) => {
      const eventId = metrics.eventId;
      const kind = metrics.kindIdentifier ?? metrics.kind;
      for (const [name, value] of [
        ['eventId', eventId],
        ['kindIdentifier', kind],
      ] as const)
        if (typeof value !== 'string' || value === '' || value.length > 200)
          throw unprocessable(
            'invalid_metrics',
            `syncKindsMetrics[${index}].${name} must be text of 1 to 200 characters`,
            { field: `syncKindsMetrics[${index}].${name}` },
          );
      const state = typeof metrics.syncState === 'string' ? metrics.syncState.slice(0, 50) : null;
      return {
        integration: identifier,
        eventId: eventId as string,
        kind: kind as string,
        syncState: state,
        data: metrics,
      };
    });
    await db.transaction().execute(async (trx) => {
      for (const row of rows) await repo.putSyncMetrics(trx, dialect, row, at);
      // Kinds are the client's to name: a sync reports so many at most (the whole report is refused).
      for (const eventId of new Set(rows.map((row) => row.eventId)))
        if ((await repo.countSyncKinds(trx, identifier, eventId)) > repo.KEPT_KINDS_PER_SYNC)
          throw tooLarge(
            `syncKindsMetrics: sync "${eventId}" of integration "${identifier}" would report more than ${repo.KEPT_KINDS_PER_SYNC} kinds; nothing of this report was kept`,
          );
      await repo.pruneSyncs(trx, identifier);
    });
  }

  async function syncMetrics(actor: Actor, identifier: string, eventId?: string) {
    await get(actor, identifier);
    // As reported, but its kind and state as kept (text): a report's may be anything, and readers show them.
    return (await repo.readSyncMetrics(db, dialect, identifier, eventId)).map((row) => {
      const { kind, ...data } = row.data as Record<string, unknown>;
      return {
        ...data,
        ...(typeof kind === 'string' ? { kind } : {}),
        kindIdentifier: row.kind,
        syncState: row.sync_state,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
    });
  }

  /** Each sync the integration reported: its state (that of its newest report) and when it began and ended. */
  async function syncs(actor: Actor, identifier: string): Promise<IntegrationSync[]> {
    await get(actor, identifier);
    const byEvent = new Map<
      string,
      { eventId: string; syncState: string | null; createdAt: string; updatedAt: string }
    >();
    for (const row of await repo.readSyncMetrics(db, dialect, identifier)) {
      const seen = byEvent.get(row.event_id);
      if (!seen) {
        byEvent.set(row.event_id, {
          eventId: row.event_id,
          syncState: row.sync_state,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
        });
        continue;
      }
      if (row.created_at < seen.createdAt) seen.createdAt = row.created_at;
      if (row.updated_at >= seen.updatedAt)
        Object.assign(seen, { updatedAt: row.updated_at, syncState: row.sync_state ?? seen.syncState });
    }
    // Portico's own counts of each sync, from the writes it sent (integration-syncs.ts).
    const counted = new Map((await repo.listSyncs(db, identifier)).map((row) => [row.event_id, row]));
    for (const eventId of counted.keys())
      if (!byEvent.has(eventId)) {
        const row = counted.get(eventId)!;
        byEvent.set(eventId, {
          eventId,
          syncState: null,
          createdAt: row.started_at,
          updatedAt: row.updated_at,
        });
      }
    return [...byEvent.values()]
      .map((sync) => {
        const row = counted.get(sync.eventId);
        return {
          ...sync,
          created: row?.created ?? 0,
          updated: row?.updated ?? 0,
          deleted: row?.deleted ?? 0,
          failed: row?.failed ?? 0,
          lastError: row?.last_error ?? null,
        };
      })
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /**
   * Ocean's reconciliation read: the entities whose `$datasource` begins with `prefix` and ends with
   * `suffix` (letter case included), last written before `before` (what this resync did not write), a page
   * at a time; `next` is the cursor of the page after. Admins only, as the integration's other routes.
   */
  async function datasourceEntities(
    actor: Actor,
    request: { prefix: string; suffix: string; before?: string; limit: number; from?: string },
  ) {
    requireAdmin(actor, 'reconcile the entities of');
    let before: string | undefined;
    if (request.before !== undefined) {
      const at = Date.parse(request.before);
      const year = Number.isNaN(at) ? NaN : new Date(at).getUTCFullYear();
      if (!(year >= 1 && year <= 9999))
        throw unprocessable('invalid_request', 'before must be a date-time between the years 1 and 9999', {
          field: 'before',
        });
      before = new Date(at).toISOString();
    }
    const afterId = request.from === undefined ? 0 : Number(request.from);
    if (
      !Number.isSafeInteger(afterId) ||
      afterId < 0 ||
      (request.from !== undefined && !/^\d+$/.test(request.from))
    )
      throw unprocessable('invalid_request', 'from must be the next cursor of an earlier page', {
        field: 'from',
      });
    const rows = await repo.entitiesOwned(db, {
      prefix: request.prefix,
      suffix: request.suffix,
      afterId,
      limit: request.limit + 1,
      ...(before !== undefined ? { before } : {}),
    });
    const page = rows.slice(0, request.limit);
    return {
      entities: page.map((row) => ({
        identifier: row.identifier,
        blueprint: row.blueprint,
        title: row.title,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      })),
      ...(rows.length > request.limit ? { next: String(page.at(-1)!.id) } : {}),
    };
  }

  return {
    list,
    get,
    create,
    update,
    updateConfig,
    updateResyncState,
    requestResync,
    remove,
    addKindExamples,
    kindExamples,
    appendLogs,
    logs,
    putSyncMetrics,
    syncMetrics,
    syncs,
    datasourceEntities,
  };
}

const MAX_EXAMPLES = 5;
/**
 * Paths of their own under /v1/integration/, and the dot segments clients resolve away (an integration
 * named `..` would have `/v1/integration/../logs-ingest` as its ingest URL): no integration takes them.
 */
const RESERVED = new Set(['provision-enabled', 'metadata', '.', '..']);

/** What one log line keeps of its message and of its extra (as JSON): the log holds 10,000 lines. */
export const MAX_LOG_LINE_CHARACTERS = 8_192;

/** A log line within MAX_LOG_LINE_CHARACTERS: a longer message is cut, a larger extra replaced by its size. */
function boundedLine(line: repo.LogLine): repo.LogLine {
  const message =
    line.message.length > MAX_LOG_LINE_CHARACTERS
      ? `${line.message.slice(0, MAX_LOG_LINE_CHARACTERS)}… (${line.message.length} characters, cut)`
      : line.message;
  if (line.extra === undefined) return { ...line, message };
  const size = JSON.stringify(line.extra)?.length ?? 0;
  return {
    ...line,
    message,
    extra: size > MAX_LOG_LINE_CHARACTERS ? { cut: true, characters: size } : line.extra,
  };
}
