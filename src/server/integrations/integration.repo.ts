import { sql, type RawBuilder, type Selectable } from 'kysely';
import { isUniqueViolation } from '../storage/database-errors.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import type { IntegrationsTable } from '../storage/tables.js';

export type IntegrationRow = Selectable<IntegrationsTable>;

/** Log lines kept per integration: the newest. */
export const MAX_LOG_LINES = 10_000;

export async function listIntegrations(db: Db): Promise<IntegrationRow[]> {
  return db.selectFrom('integrations').selectAll().orderBy('identifier').execute();
}

/**
 * An integration as stored. With `lock`, in a transaction on PostgreSQL, its row stays locked until the
 * transaction ends, so that concurrent changes of one integration merge one after another; SQLite's
 * transaction holds its only writer.
 */
export async function findIntegration(
  db: Db,
  dialect: Dialect,
  identifier: string,
  lock = false,
): Promise<IntegrationRow | undefined> {
  let query = db.selectFrom('integrations').selectAll().where('identifier', '=', identifier);
  if (lock && dialect.name === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Whether the integration exists (its fields, which may be large, left unread). */
export async function integrationExists(db: Db, identifier: string): Promise<boolean> {
  const row = await db
    .selectFrom('integrations')
    .select('identifier')
    .where('identifier', '=', identifier)
    .executeTakeFirst();
  return row !== undefined;
}

/** Inserts the row; false when its identifier is taken (also by a concurrent insert). */
export async function insertIntegration(
  db: Db,
  dialect: Dialect,
  row: Omit<IntegrationRow, 'version' | 'fields'> & { fields: object },
): Promise<boolean> {
  try {
    await db
      .insertInto('integrations')
      .values({ ...row, fields: dialect.toJson(row.fields) })
      .execute();
    return true;
  } catch (error) {
    if (isUniqueViolation((error as { code?: unknown } | null)?.code)) return false;
    throw error;
  }
}

export async function updateIntegration(
  db: Db,
  dialect: Dialect,
  identifier: string,
  fields: object,
  at: string,
  by: string,
): Promise<void> {
  await db
    .updateTable('integrations')
    .set((eb) => ({
      fields: dialect.toJson(fields),
      updated_at: at,
      updated_by: by,
      version: eb('version', '+', 1),
    }))
    .where('identifier', '=', identifier)
    .execute();
}

/** Deletes the integration and what it sent (examples, logs, metrics); false when there was none. */
export async function deleteIntegration(db: Db, identifier: string): Promise<boolean> {
  const deleted = await db.deleteFrom('integrations').where('identifier', '=', identifier).executeTakeFirst();
  for (const table of [
    'integration_kind_examples',
    'integration_logs',
    'integration_sync_metrics',
    'integration_syncs',
  ] as const)
    await db.deleteFrom(table).where('integration', '=', identifier).execute();
  return Number(deleted.numDeletedRows) > 0;
}

export async function putKindExamples(
  db: Db,
  dialect: Dialect,
  integration: string,
  kind: string,
  examples: unknown[],
  at: string,
): Promise<void> {
  const json = dialect.toJson(examples);
  await db
    .insertInto('integration_kind_examples')
    .values({ integration, kind, examples: json, updated_at: at })
    .onConflict((oc) => oc.columns(['integration', 'kind']).doUpdateSet({ examples: json, updated_at: at }))
    .execute();
}

/** The kinds of an integration whose examples are kept: those reported last. */
export const KEPT_KINDS = 200;

/** Forgets the examples of all but the KEPT_KINDS kinds reported last: kinds are a client's to name. */
export const pruneKindExamples = (db: Db, integration: string) =>
  keepNewest(
    db,
    integration,
    'integration_kind_examples',
    'kind',
    sql`max(updated_at) desc, kind`,
    KEPT_KINDS,
  );

/**
 * Deletes the integration's rows of `table` but those of its `keep` newest values of `key` (in the order
 * `newest` gives each group of rows of one value): what a client names grows no further.
 */
async function keepNewest(
  db: Db,
  integration: string,
  table: 'integration_kind_examples' | 'integration_sync_metrics' | 'integration_syncs',
  key: 'kind' | 'event_id',
  newest: RawBuilder<unknown>,
  keep: number,
): Promise<void> {
  const rows = sql.table(table);
  const column = sql.ref(key);
  await sql`delete from ${rows} where integration = ${integration} and ${column} not in (select ${column} from ${rows} where integration = ${integration} group by ${column} order by ${newest} limit ${keep})`.execute(
    db,
  );
}

export async function findKindExamples(db: Db, dialect: Dialect, integration: string, kind: string) {
  const row = await db
    .selectFrom('integration_kind_examples')
    .select('examples')
    .where('integration', '=', integration)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row ? dialect.fromJson<unknown[]>(row.examples) : undefined;
}

export interface LogLine {
  at: string;
  level: string;
  message: string;
  extra: unknown;
}

/** Appends the lines, then drops the oldest past MAX_LOG_LINES. */
export async function appendLogs(db: Db, dialect: Dialect, integration: string, lines: readonly LogLine[]) {
  if (!lines.length) return;
  await db
    .insertInto('integration_logs')
    .values(
      lines.map((line) => ({
        integration,
        at: line.at,
        level: line.level,
        message: line.message,
        extra: line.extra === undefined ? null : dialect.toJson(line.extra),
      })),
    )
    .execute();
  const oldestKept = await db
    .selectFrom('integration_logs')
    .select('id')
    .where('integration', '=', integration)
    .orderBy('id', 'desc')
    .offset(MAX_LOG_LINES - 1)
    .limit(1)
    .executeTakeFirst();
  if (oldestKept)
    await db
      .deleteFrom('integration_logs')
      .where('integration', '=', integration)
      .where('id', '<', oldestKept.id)
      .execute();
}

/** The newest `limit` lines (before line `beforeId`, when given), newest first, of the levels named. */
export async function readLogs(
  db: Db,
  dialect: Dialect,
  integration: string,
  { limit, beforeId, levels }: { limit: number; beforeId?: number; levels?: readonly string[] },
) {
  let query = db
    .selectFrom('integration_logs')
    .selectAll()
    .where('integration', '=', integration)
    .orderBy('id', 'desc')
    .limit(limit);
  if (beforeId !== undefined) query = query.where('id', '<', beforeId);
  if (levels?.length) query = query.where('level', 'in', [...levels]);
  return (await query.execute()).map((row) => ({
    ...row,
    extra: row.extra === null ? null : dialect.fromJson<unknown>(row.extra),
  }));
}

/** Keeps the metrics of one kind of one sync as last reported. */
export async function putSyncMetrics(
  db: Db,
  dialect: Dialect,
  row: { integration: string; eventId: string; kind: string; syncState: string | null; data: object },
  at: string,
): Promise<void> {
  const json = dialect.toJson(row.data);
  await db
    .insertInto('integration_sync_metrics')
    .values({
      integration: row.integration,
      event_id: row.eventId,
      kind: row.kind,
      sync_state: row.syncState,
      data: json,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc
        .columns(['integration', 'event_id', 'kind'])
        .doUpdateSet({ sync_state: row.syncState, data: json, updated_at: at }),
    )
    .execute();
}

/** The kinds one sync may report metrics of. */
export const KEPT_KINDS_PER_SYNC = 1000;

export async function countSyncKinds(db: Db, integration: string, eventId: string): Promise<number> {
  const row = await db
    .selectFrom('integration_sync_metrics')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('integration', '=', integration)
    .where('event_id', '=', eventId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function readSyncMetrics(db: Db, dialect: Dialect, integration: string, eventId?: string) {
  let query = db
    .selectFrom('integration_sync_metrics')
    .selectAll()
    .where('integration', '=', integration)
    .orderBy('created_at')
    .orderBy('kind');
  if (eventId !== undefined) query = query.where('event_id', '=', eventId);
  return (await query.execute()).map((row) => ({ ...row, data: dialect.fromJson<object>(row.data) }));
}

/** What a sync's writes did, to add to its counts. */
export interface SyncCounts {
  created: number;
  updated: number;
  failed: number;
  lastError?: string;
}

/**
 * Adds `counts` to the sync's (created at its first write), in one statement: concurrent writes of one
 * sync each add theirs. Nothing for an integration that does not exist.
 */
export async function addSyncCounts(
  db: Db,
  integration: string,
  eventId: string,
  counts: SyncCounts,
  at: string,
): Promise<void> {
  const exists = await db
    .selectFrom('integrations')
    .select('identifier')
    .where('identifier', '=', integration)
    .executeTakeFirst();
  if (!exists) return;
  await db
    .insertInto('integration_syncs')
    .values({
      integration,
      event_id: eventId,
      started_at: at,
      updated_at: at,
      created: counts.created,
      updated: counts.updated,
      failed: counts.failed,
      owned: null,
      last_error: counts.lastError ?? null,
    })
    .onConflict((oc) =>
      oc.columns(['integration', 'event_id']).doUpdateSet((eb) => ({
        created: eb('integration_syncs.created', '+', eb.ref('excluded.created')),
        updated: eb('integration_syncs.updated', '+', eb.ref('excluded.updated')),
        failed: eb('integration_syncs.failed', '+', eb.ref('excluded.failed')),
        last_error: eb.fn.coalesce('excluded.last_error', 'integration_syncs.last_error'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/**
 * `$datasource` begins with `prefix` and ends with `suffix`, letter case included (SQLite's like ignores it,
 * and `_` and `%` in an integration's name would be patterns there).
 */
const ownedBy = (prefix: string, suffix: string) =>
  sql<boolean>`substr(datasource, 1, ${prefix.length}) = ${prefix} and length(datasource) >= ${prefix.length + suffix.length} and substr(datasource, length(datasource) - ${suffix.length - 1}) = ${suffix}`;

/** The entities whose `$datasource` begins with `prefix` and ends with `suffix`. */
export async function countOwned(db: Db, prefix: string, suffix: string): Promise<number> {
  const row = await db
    .selectFrom('entities')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where(ownedBy(prefix, suffix))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Records `owned` as what the sync's integration owned when its deletions began, unless recorded already. */
export async function recordOwned(db: Db, integration: string, eventId: string, owned: number, at: string) {
  await db
    .insertInto('integration_syncs')
    .values({ integration, event_id: eventId, started_at: at, updated_at: at, owned, last_error: null })
    .onConflict((oc) =>
      oc
        .columns(['integration', 'event_id'])
        .doUpdateSet((eb) => ({ owned: eb.fn.coalesce('integration_syncs.owned', 'excluded.owned') })),
    )
    .execute();
}

/**
 * Counts `count` more deletions of the sync if they keep it within `share` of what it owned, compared as
 * Ocean compares them (deleted / owned <= share: 57 of 100 are within 0.57, though 100 * 0.57 is
 * 56.99999999999999); false (and nothing counted) otherwise. One statement: concurrent deletions of a sync
 * cannot pass it together.
 */
export async function reserveDeletions(
  db: Db,
  integration: string,
  eventId: string,
  count: number,
  share: number,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('integration_syncs')
    .set((eb) => ({ deleted: eb('deleted', '+', count), updated_at: at }))
    .where('integration', '=', integration)
    .where('event_id', '=', eventId)
    .where(
      sql<boolean>`(deleted + ${count} = 0 or (owned > 0 and cast(deleted + ${count} as double precision) / owned <= cast(${share} as double precision)))`,
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function findSync(db: Db, integration: string, eventId: string) {
  return db
    .selectFrom('integration_syncs')
    .selectAll()
    .where('integration', '=', integration)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
}

/** The syncs of an integration kept (counts and metrics), the newest: older ones are pruned. */
export const KEPT_SYNCS = 100;

export async function listSyncs(db: Db, integration: string) {
  return db
    .selectFrom('integration_syncs')
    .selectAll()
    .where('integration', '=', integration)
    .orderBy('started_at', 'desc')
    .limit(KEPT_SYNCS)
    .execute();
}

/**
 * Forgets all but the newest `keep` syncs of the integration, their counts and their metrics: an
 * integration that resyncs every few minutes would otherwise make them grow without end.
 */
export async function pruneSyncs(db: Db, integration: string, keep = KEPT_SYNCS): Promise<void> {
  await keepNewest(db, integration, 'integration_sync_metrics', 'event_id', sql`min(created_at) desc`, keep);
  await keepNewest(db, integration, 'integration_syncs', 'event_id', sql`max(started_at) desc`, keep);
}

/**
 * Ocean's reconciliation read: entities whose `$datasource` begins with `prefix` and ends with `suffix`
 * (exactly, letter case included), last written before `before`, after id `afterId`, in id order.
 */
export async function entitiesOwned(
  db: Db,
  {
    prefix,
    suffix,
    before,
    afterId,
    limit,
  }: { prefix: string; suffix: string; before?: string; afterId: number; limit: number },
) {
  let query = db
    .selectFrom('entities')
    .select(['id', 'identifier', 'blueprint', 'title', 'created_at', 'updated_at'])
    .where(ownedBy(prefix, suffix))
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit);
  if (before !== undefined) query = query.where('updated_at', '<', before);
  return query.execute();
}
