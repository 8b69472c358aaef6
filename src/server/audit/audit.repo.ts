import type { CompiledQuery } from 'kysely';
import type { Db } from '../storage/database.js';
import type { Dialect, InsertColumn } from '../storage/dialect/index.js';

export interface AuditRecord {
  at: string;
  /**
   * Port's resource types, and Portico's `credentials` (client id and secret pairs, never the secret) and
   * `secret` (organisation secrets, never the value). `derived`: computed values that a refresh changed,
   * or scorecard results that an evaluation changed, for the change stream only (see derivedRecord); the
   * audit log does not show them.
   */
  resourceType:
    | 'blueprint'
    | 'entity'
    | 'credentials'
    | 'secret'
    | 'action'
    | 'run'
    | 'integration'
    | 'scorecard'
    | 'initiative'
    | 'derived';
  /** TIMER_EXPIRED: a timer property of the entity expired (an event for automations, not a write). */
  action: 'CREATE' | 'UPDATE' | 'DELETE' | 'TIMER_EXPIRED';
  status: 'SUCCESS' | 'FAILURE';
  identifier: string;
  blueprint: string | null;
  entity: string | null;
  actor: string;
  origin: string;
  context: Record<string, unknown>;
  diff: { before: unknown; after: unknown };
  message?: string;
}

/**
 * The record of a successful change of a resource by `actor`: its state before and after (null: none),
 * and where it belongs (`context`, and the blueprint and entity it concerns, if any).
 */
export function changeRecord(
  actor: { id: string; origin: string },
  at: string,
  change: Pick<AuditRecord, 'resourceType' | 'action' | 'identifier' | 'context'> &
    Partial<Pick<AuditRecord, 'blueprint' | 'entity'>>,
  before: unknown,
  after: unknown,
): AuditRecord {
  return {
    at,
    status: 'SUCCESS',
    blueprint: null,
    entity: null,
    ...change,
    actor: actor.id,
    origin: actor.origin,
    diff: { before, after },
  };
}

export interface AuditFilter {
  identifier?: string;
  entity?: string;
  blueprint?: string;
  resources?: string[];
  action?: string;
  status?: string;
  origin?: string[];
  from?: string;
  to?: string;
  limit: number;
}

const AUDIT_COLUMNS: readonly InsertColumn[] = [
  { name: 'at', type: 'text' },
  { name: 'resource_type', type: 'text', key: 'resourceType' },
  { name: 'action', type: 'text' },
  { name: 'status', type: 'text' },
  { name: 'identifier', type: 'text' },
  { name: 'blueprint', type: 'text' },
  { name: 'entity', type: 'text' },
  { name: 'actor', type: 'text' },
  { name: 'origin', type: 'text' },
  { name: 'context', type: 'json' },
  { name: 'diff', type: 'json' },
  { name: 'message', type: 'text' },
];

/** The same, for a record whose context comes as JSON text (contextText). */
const AUDIT_COLUMNS_CONTEXT_TEXT: readonly InsertColumn[] = AUDIT_COLUMNS.map((column) =>
  column.name === 'context' ? { name: 'context', type: 'jsonText', key: 'contextText' } : column,
);

export async function insertAuditRecords(db: Db, dialect: Dialect, records: AuditRecord[]) {
  for (const query of auditInsertQueries(dialect, records)) await db.executeQuery(query);
}

export function auditInsertQueries(dialect: Dialect, records: AuditRecord[]): CompiledQuery[] {
  return dialect.insertRows('audit_log', AUDIT_COLUMNS, records);
}

/**
 * The CREATE records of relation stubs, each written only where its stub is inserted (a stub's insert does
 * nothing where an entity exists): on SQLite, run just before the stubs' insert, whose transaction no
 * other writer can enter; on PostgreSQL, just after it, where a row this transaction inserted has its xmin.
 */
export function stubAuditQueries(dialect: Dialect, records: AuditRecord[]) {
  const entity = `select 1 from entities as e where e.blueprint = x."blueprint" and e.identifier = x."identifier"`;
  if (dialect.name === 'sqlite')
    return {
      beforeStubs: dialect.insertRowsWhere('audit_log', AUDIT_COLUMNS, records, `not exists (${entity})`),
      afterStubs: [],
    };
  return {
    beforeStubs: [],
    afterStubs: dialect.insertRowsWhere(
      'audit_log',
      AUDIT_COLUMNS,
      records,
      `exists (${entity} and e.xmin = pg_current_xact_id()::xid)`,
    ),
  };
}

export async function findAuditRecords(db: Db, dialect: Dialect, filter: AuditFilter) {
  let query = db.selectFrom('audit_log').selectAll();
  if (filter.identifier) query = query.where('identifier', '=', filter.identifier);
  // An entity's records hold its identifier in `identifier` too, which is indexed.
  if (filter.entity)
    query = query.where('identifier', '=', filter.entity).where('entity', '=', filter.entity);
  if (filter.blueprint) query = query.where('blueprint', '=', filter.blueprint);
  if (filter.resources?.length) query = query.where('resource_type', 'in', filter.resources);
  else query = query.where('resource_type', '!=', 'derived');
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.origin?.length) query = query.where('origin', 'in', filter.origin);
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<=', filter.to);
  const rows = await query.orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map((row) => ({
    identifier: row.identifier,
    action: row.action,
    resourceType: row.resource_type,
    status: row.status,
    trigger: { by: { userId: row.actor }, origin: row.origin, at: row.at },
    context: dialect.fromJson<Record<string, unknown>>(row.context),
    diff: dialect.fromJson<Record<string, unknown>>(row.diff),
    ...(row.message ? { message: row.message } : {}),
  }));
}

/** An entity's values that changed without a write of its own (a refresh of computed values). */
export interface DerivedChange {
  entity: string;
  title: string | null;
  /**
   * What changed, before and after: `properties` (computed values), `relations` (emptied by a deletion),
   * `scorecards` and `scorecardsStats` (an evaluation of its scorecards; Port's automations read them).
   */
  before: DerivedValues;
  after: DerivedValues;
}

export interface DerivedValues {
  properties?: Record<string, unknown>;
  relations?: Record<string, unknown>;
  scorecards?: Record<string, unknown>;
  scorecardsStats?: number | null;
}

/** What derived a record's changes: computed values (the default), or an evaluation of scorecards. */
export type DerivedSource = 'computed' | 'scorecards';

/**
 * One record per blueprint for the derived changes of its entities written together: the change stream carries
 * each as an entity event marked derived; one row, not one per entity, keeps a refresh of thousands cheap.
 */
export function derivedRecords(
  changes: ReadonlyArray<DerivedChange & { blueprint: string }>,
  at: string,
  source: DerivedSource = 'computed',
): AuditRecord[] {
  const byBlueprint = new Map<string, DerivedChange[]>();
  for (const { blueprint, ...change } of changes)
    (byBlueprint.get(blueprint) ?? byBlueprint.set(blueprint, []).get(blueprint)!).push(change);
  return [...byBlueprint].map(([blueprint, grouped]) => derivedRecord(blueprint, at, grouped, source));
}

/**
 * derivedRecords' record of one blueprint, its changes given as the JSON text of their array (each change a
 * DerivedChange): a consumer that writes thousands at a time has the text of their parts already.
 */
export function derivedRecordQueries(
  dialect: Dialect,
  blueprint: string,
  at: string,
  changesText: string,
  source: DerivedSource,
): CompiledQuery[] {
  const { context: _, ...record } = derivedRecord(blueprint, at, [], source);
  const contextText =
    source === 'computed'
      ? `{"blueprint":${JSON.stringify(blueprint)},"changes":${changesText}}`
      : `{"blueprint":${JSON.stringify(blueprint)},"changes":${changesText},"source":${JSON.stringify(source)}}`;
  return dialect.insertRows('audit_log', AUDIT_COLUMNS_CONTEXT_TEXT, [{ ...record, contextText }]);
}

function derivedRecord(
  blueprint: string,
  at: string,
  changes: DerivedChange[],
  source: DerivedSource,
): AuditRecord {
  return {
    at,
    resourceType: 'derived',
    action: 'UPDATE',
    status: 'SUCCESS',
    identifier: blueprint,
    blueprint,
    entity: null,
    actor: 'portico',
    origin: 'SYSTEM',
    context: source === 'computed' ? { blueprint, changes } : { blueprint, changes, source },
    diff: { before: null, after: null },
  };
}
