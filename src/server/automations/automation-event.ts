import type { JsonObject } from '../../core/blueprint.js';
import type { AutomationEventType } from '../../core/action.js';
import type { DerivedChange } from '../audit/audit.repo.js';
import type { StreamEvent } from '../events/stream.repo.js';

/** The action a timer's expiry is recorded with in the stream (Port's changelog says TIMER_EXPIRED). */
export const TIMER_EXPIRED = 'TIMER_EXPIRED';

/** Port's event object (§6.3): what conditions read, and `.event` of an automation's trigger data. */
export interface PortEvent extends JsonObject {
  id: string;
  action: string;
  resourceType: string;
  trigger: { by: { orgId: string; userId: string }; origin: string; at: string };
  context: JsonObject;
  diff: { before: JsonObject | null; after: JsonObject | null };
}

/**
 * The stream's events one entity at a time: a derived record (computed values a refresh changed) stands for
 * an ENTITY_UPDATED of each entity it names, with only the values that changed in its diff.
 */
export function entityByEntity(events: readonly StreamEvent[]): StreamEvent[] {
  return events.flatMap((event) => {
    if (event.resourceType !== 'derived') return [event];
    const changes = (event.context.changes ?? []) as DerivedChange[];
    return changes.map((change, index): StreamEvent => {
      const entity = { identifier: change.entity, title: change.title, blueprint: event.blueprint };
      return {
        ...event,
        resourceType: 'entity',
        identifier: change.entity,
        entity: change.entity,
        context: { blueprint: event.blueprint, entity: change.entity },
        diff: { before: { ...entity, ...change.before }, after: { ...entity, ...change.after } },
        derived: index,
      };
    });
  });
}

/** The automation event types a stream event stands for, most specific first; none for the others. */
export function eventTypesOf(event: StreamEvent): AutomationEventType[] {
  if (event.status !== 'SUCCESS') return [];
  if (event.resourceType === 'entity') {
    if (event.action === 'CREATE') return ['ENTITY_CREATED', 'ANY_ENTITY_CHANGE'];
    if (event.action === 'UPDATE') return ['ENTITY_UPDATED', 'ANY_ENTITY_CHANGE'];
    if (event.action === 'DELETE') return ['ENTITY_DELETED', 'ANY_ENTITY_CHANGE'];
    if ((event.action as string) === TIMER_EXPIRED) return ['TIMER_PROPERTY_EXPIRED'];
  }
  if (event.resourceType === 'run') {
    if (event.action === 'CREATE') return ['RUN_CREATED', 'ANY_RUN_CHANGE'];
    if (event.action === 'UPDATE') return ['RUN_UPDATED', 'ANY_RUN_CHANGE'];
  }
  return [];
}

/** The action whose run a run event is about. */
export const runActionOf = (event: StreamEvent) => String(event.context.action ?? '');

/** The timer property whose expiry an event records. */
export const timerPropertyOf = (event: StreamEvent) => String(event.context.property ?? '');

/** An entity as events carry it: Port's entity JSON, without Portico's version tag. */
function entityJson(value: unknown): JsonObject | null {
  if (!value || typeof value !== 'object') return null;
  const { version, ...json } = value as JsonObject;
  void version;
  return json;
}

/**
 * Port's event object for a stream event. `action` is the action definition a run event is about (Port
 * gives it whole in `context.action`).
 */
export function portEventOf(event: StreamEvent, action?: JsonObject): PortEvent {
  const base = {
    id: event.derived === undefined ? `event_${event.id}` : `event_${event.id}_${event.derived}`,
    ...(event.derived === undefined ? {} : { derived: true }),
    action: event.action,
    resourceType: event.resourceType,
    trigger: { by: { orgId: 'portico', userId: event.actor }, origin: event.origin, at: event.at },
  };
  if (event.resourceType === 'run')
    return {
      ...base,
      context: { action: action ?? { identifier: runActionOf(event) }, runId: event.identifier },
      diff: {
        before: (event.diff.before as JsonObject | null) ?? null,
        after: (event.diff.after as JsonObject | null) ?? null,
      },
    };
  return {
    ...base,
    context: {
      blueprintIdentifier: event.blueprint,
      entityIdentifier: event.entity ?? event.identifier,
      propertyIdentifier: (event.action as string) === TIMER_EXPIRED ? timerPropertyOf(event) : null,
    },
    diff: { before: entityJson(event.diff.before), after: entityJson(event.diff.after) },
  };
}
