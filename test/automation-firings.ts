import { expect } from 'vitest';
import type { Database } from '../src/server/storage/database.js';
import type { ReceivedRequest } from './webhook-receiver.js';

/** Port's editor writes this body: the whole trigger data, `.event.id` and `.run.id` among it. */
export const WHOLE_TRIGGER_DATA = { '{{ spreadValue() }}': '{{ . }}' };

/** A WEBHOOK invocation posting the whole trigger data to `url`. */
export const webhookTo = (url: string) => ({ type: 'WEBHOOK', url, body: WHOLE_TRIGGER_DATA });

/** The name of the automations' stream lease in job_leaders (apps given a job namespace add theirs). */
export const STREAM_LEASE = 'stream:automations';

/** The pid of the server process that reads the automations' stream now (its lease), if one does. */
export async function streamReaderPid(database: Database): Promise<number | undefined> {
  const row = await database.db
    .selectFrom('job_leaders')
    .select(['holder', 'expires_at'])
    .where('name', '=', STREAM_LEASE)
    .executeTakeFirst();
  if (!row || Number(row.expires_at) < Date.now()) return undefined;
  // The holder is hostname:pid:random.
  return Number(row.holder.split(':').at(-2));
}

/**
 * What arrived at `path`, by the event each delivery fired on (`event.id`): the run ids delivered, one per
 * delivery. Every delivery of a run carries the run's id as its webhook-id, a repeat included.
 */
export function deliveriesByEvent(received: readonly ReceivedRequest[], path: string) {
  const byEvent = new Map<string, string[]>();
  for (const request of received.filter((r) => r.path === path)) {
    const body = request.body as { event: { id: string }; run: { id: string } };
    expect(request.headers['webhook-id']).toBe(body.run.id);
    (byEvent.get(body.event.id) ?? byEvent.set(body.event.id, []).get(body.event.id)!).push(body.run.id);
  }
  return byEvent;
}

/** Deliveries beyond the first of each run, and (automation, event) pairs that made more than one run. */
export function repeatsOf(byEvent: ReadonlyMap<string, readonly string[]>) {
  let deliveries = 0;
  const runsTwice: string[] = [];
  for (const [event, runs] of byEvent) {
    deliveries += runs.length - 1;
    if (new Set(runs).size !== 1) runsTwice.push(event);
  }
  return { deliveries, runsTwice };
}

/** An entity event of the change stream as a test reads it from the audit log. */
export interface EntityEvent {
  /** Port's event id, as `.event.id` carries it. */
  id: string;
  action: string;
  entity: string;
  properties: Record<string, unknown>;
  /** A timer's expiry: which property. */
  property?: string;
}

/** Every event committed on the entities of `blueprint`, in id order. */
export async function entityEventsOf(database: Database, blueprint: string): Promise<EntityEvent[]> {
  const rows = await database.db
    .selectFrom('audit_log')
    .select(['id', 'action', 'identifier', 'context', 'diff'])
    .where('resource_type', '=', 'entity')
    .where('blueprint', '=', blueprint)
    .where('status', '=', 'SUCCESS')
    .orderBy('id')
    .execute();
  return rows.map((row) => {
    const diff = database.dialect.fromJson<{ after: { properties?: Record<string, unknown> } | null }>(
      row.diff,
    );
    const context = database.dialect.fromJson<{ property?: string }>(row.context);
    return {
      id: `event_${row.id}`,
      action: row.action,
      entity: row.identifier,
      properties: diff.after?.properties ?? {},
      ...(context.property ? { property: context.property } : {}),
    };
  });
}

/** How many runs `automation` made on each event (by `.event.id`), from the stored runs. */
export async function runsPerEvent(database: Database, automation: string): Promise<Map<string, number>> {
  const rows = await database.db
    .selectFrom('action_runs')
    .select('context')
    .where('action_identifier', '=', automation)
    .execute();
  const counts = new Map<string, number>();
  for (const row of rows) {
    const id = (JSON.parse(row.context) as { trigger: { event: { id: string } } }).trigger.event.id;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
