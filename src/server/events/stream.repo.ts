import { sql, type SqlBool } from 'kysely';
import type { AuditRecord, DerivedSource } from '../audit/audit.repo.js';
import type { Db } from '../storage/database.js';
import type { Dialect, GuardedQuery, StreamPosition } from '../storage/dialect/index.js';

export type { StreamPosition };

/** A committed change as the stream carries it: an audit record, with its place in the stream. */
export interface StreamEvent extends Omit<AuditRecord, 'message'> {
  id: number;
  xid: string;
  message: string | null;
  /** One of the entity changes of a derived record (computed values), by its place in the record. */
  derived?: number;
}

export const START: StreamPosition = { xid: '0', id: 0 };

export const positionOf = (event: Pick<StreamEvent, 'xid' | 'id'>): StreamPosition => ({
  xid: event.xid,
  id: event.id,
});

/**
 * The events a consumer reads: entity events of these blueprints (their derived records too), run events
 * if `runs`, and every event of `resourceTypes`; it passes over the others. At thousands of writes a
 * second, reading and parsing records nobody listens to was most of a reader's work.
 */
export interface StreamInterest {
  blueprints: readonly string[];
  runs: boolean;
  resourceTypes: readonly string[];
  /**
   * Derived records of this source (their `context.source`) are passed over: a consumer's own records,
   * which can be large (one per batch, naming every entity it changed) and lead it to nothing.
   */
  exceptDerivedOf?: DerivedSource;
  /**
   * An entity record's diff holds the entity before and after (a kilobyte or more each): `false` leaves it
   * out (both null), for a consumer that reads no more than which entity changed.
   */
  entityDiffs?: false;
}

/** Up to `limit` events committed after `position`, in stream order. */
export async function readEvents(
  db: Db,
  dialect: Dialect,
  position: StreamPosition,
  limit: number,
): Promise<StreamEvent[]> {
  return (await readBatch(db, dialect, position, limit)).events;
}

/**
 * The next batch after `position`: up to `limit` events (those of `interest`, when given), and the place
 * the batch reaches: its last event, or, with `interest` and fewer events than `limit`, the stream's end
 * as it was before the read (every event up to it that the interest takes is in the batch).
 */
export async function readBatch(
  db: Db,
  dialect: Dialect,
  position: StreamPosition,
  limit: number,
  interest?: StreamInterest,
): Promise<{ events: StreamEvent[]; to: StreamPosition }> {
  const end = interest ? await streamEnd(db, dialect) : undefined;
  let query = db
    .selectFrom('audit_log')
    .select([
      'id',
      dialect.streamXid.as('xid'),
      'at',
      'resource_type',
      'action',
      'status',
      'identifier',
      'blueprint',
      'entity',
      'actor',
      'origin',
      'context',
      interest?.entityDiffs === false
        ? sql<unknown>`case when resource_type = 'entity' then null else diff end`.as('diff')
        : 'diff',
      'message',
    ])
    .where(dialect.streamAfter(position));
  if (interest && end) {
    const wanted = [
      ...(interest.blueprints.length
        ? [
            sql<SqlBool>`(resource_type in ('entity', 'derived') and blueprint in (${sql.join(interest.blueprints)}))`,
          ]
        : []),
      ...(interest.runs ? [sql<SqlBool>`resource_type = 'run'`] : []),
      ...(interest.resourceTypes.length
        ? [sql<SqlBool>`resource_type in (${sql.join(interest.resourceTypes)})`]
        : []),
    ];
    query = query
      .where(dialect.streamUpTo(end))
      .where(wanted.length ? sql<SqlBool>`(${sql.join(wanted, sql` or `)})` : sql<SqlBool>`false`);
    // `->>` with a bare key reads the same on SQLite and PostgreSQL.
    if (interest.exceptDerivedOf !== undefined)
      query = query.where(
        sql<SqlBool>`not (resource_type = 'derived' and coalesce(context ->> 'source', '') = ${interest.exceptDerivedOf})`,
      );
  }
  for (const column of dialect.streamOrder) query = query.orderBy(`audit_log.${column}`);
  const rows = await query.limit(limit).execute();
  const events = rows.map((row) => ({
    id: Number(row.id),
    xid: row.xid,
    at: row.at,
    resourceType: row.resource_type as AuditRecord['resourceType'],
    action: row.action as AuditRecord['action'],
    status: row.status as AuditRecord['status'],
    identifier: row.identifier,
    blueprint: row.blueprint,
    entity: row.entity,
    actor: row.actor,
    origin: row.origin,
    context: dialect.fromJson<Record<string, unknown>>(row.context),
    diff: row.diff === null ? { before: null, after: null } : dialect.fromJson<AuditRecord['diff']>(row.diff),
    message: row.message,
  }));
  const last = events.at(-1);
  const to = last && (!end || events.length === limit) ? positionOf(last) : (end ?? position);
  return { events, to: laterOf(dialect, to, position) };
}

/** A change of an action as its audit record tells it: the action JSON before (null: created). */
export interface ActionChange {
  id: number;
  identifier: string;
  action: AuditRecord['action'];
  before: unknown;
}

/**
 * Every change of an action committed after `position`, in stream order, on PostgreSQL those above the
 * oldest transaction still running too (streamCommittedAfter): the automations' reader looks past the batch
 * it reads for the definitions as they were. Read from the index of action records alone (migration 0025),
 * so it costs next to nothing while the reader keeps up, however much else the stream holds.
 */
export async function actionChangesAfter(
  db: Db,
  dialect: Dialect,
  position: StreamPosition,
): Promise<ActionChange[]> {
  let query = db
    .selectFrom('audit_log')
    .select(['id', 'identifier', 'action', 'diff'])
    // A literal, not a parameter: the planners match it with the partial index's own condition.
    .where(sql<SqlBool>`resource_type = 'action'`)
    .where(dialect.streamCommittedAfter(position));
  for (const column of dialect.streamOrder) query = query.orderBy(`audit_log.${column}`);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: Number(row.id),
    identifier: row.identifier,
    action: row.action as AuditRecord['action'],
    before: dialect.fromJson<AuditRecord['diff']>(row.diff).before,
  }));
}

/** Negative when `a` comes before `b` in the stream, positive when after, 0 when the same place. */
export function comparePositions(dialect: Dialect, a: StreamPosition, b: StreamPosition): number {
  return dialect.name === 'postgres' ? compareXid(a.xid, b.xid) || a.id - b.id : a.id - b.id;
}

/** A stream position never moves back (an empty stream's end is its start). */
function laterOf(dialect: Dialect, a: StreamPosition, b: StreamPosition): StreamPosition {
  return comparePositions(dialect, a, b) >= 0 ? a : b;
}

/**
 * The place of the last event committed now, whether or not a reader may take it yet (on PostgreSQL it
 * waits for every older transaction of the cluster to end): what a drain must read past.
 */
export async function lastCommitted(db: Db, dialect: Dialect): Promise<StreamPosition> {
  let query = db.selectFrom('audit_log').select(['id', dialect.streamXid.as('xid')]);
  for (const column of dialect.streamOrder) query = query.orderBy(`audit_log.${column}`, 'desc');
  const row = await query.limit(1).executeTakeFirst();
  return row ? positionOf({ xid: row.xid, id: Number(row.id) }) : START;
}

const compareXid = (a: string, b: string) => {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The stream's end now (see Dialect.streamEnd): where a new consumer starts. */
export async function streamEnd(db: Db, dialect: Dialect): Promise<StreamPosition> {
  const { rows } = await dialect.streamEnd.execute(db);
  const end = rows[0]!;
  return { xid: end.xid, id: Number(end.id) };
}

/** The consumer's place, created at the stream's end (what came before is not its business) if it has none. */
export async function cursorOf(
  db: Db,
  dialect: Dialect,
  consumer: string,
  at: string,
): Promise<StreamPosition> {
  return (await ensureCursor(db, dialect, consumer, at)).position;
}

/** cursorOf, and whether this call created it. */
export async function ensureCursor(db: Db, dialect: Dialect, consumer: string, at: string) {
  const existing = await findCursor(db, consumer);
  if (existing) return { position: existing, created: false };
  const end = await streamEnd(db, dialect);
  const inserted = await db
    .insertInto('event_cursors')
    .values({ consumer, xid: end.xid, position: end.id, updated_at: at })
    .onConflict((oc) => oc.column('consumer').doNothing())
    .returning('consumer')
    .executeTakeFirst();
  return { position: (await findCursor(db, consumer))!, created: inserted !== undefined };
}

async function findCursor(db: Db, consumer: string): Promise<StreamPosition | undefined> {
  const row = await db
    .selectFrom('event_cursors')
    .select(['xid', 'position'])
    .where('consumer', '=', consumer)
    .executeTakeFirst();
  return row && { xid: row.xid, id: Number(row.position) };
}

/**
 * Moves the consumer's cursor from `from` to `to`, first in the transaction that commits what the events
 * led to: if another process moved it meanwhile, the whole transaction is refused as a stale write, and
 * what these events led to is not written twice.
 */
export function advanceCursor(
  db: Db,
  consumer: string,
  from: StreamPosition,
  to: StreamPosition,
  at: string,
): GuardedQuery {
  const query = db
    .updateTable('event_cursors')
    .set({ xid: to.xid, position: to.id, updated_at: at })
    .where('consumer', '=', consumer)
    .where('xid', '=', from.xid)
    .where('position', '=', from.id)
    .compile();
  return { ...query, expectChanges: 1 };
}

/**
 * A statement that changes the consumer's cursor row only while it is at `at` (it writes nothing new): run
 * first in a transaction, it holds the row's lock to the end and makes the transaction a stale write when
 * another process moved the cursor on.
 */
export function stillAt(db: Db, consumer: string, at: StreamPosition) {
  return db
    .updateTable('event_cursors')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('consumer', '=', consumer)
    .where('xid', '=', at.xid)
    .where('position', '=', at.id)
    .compile();
}
