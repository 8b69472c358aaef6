import type { JsonObject } from '../../core/blueprint.js';
import {
  AUTOMATION_EVENT_TYPES,
  ENTITY_EVENT_TYPES,
  TIMER_EVENT_TYPE,
  type AutomationCondition,
  type AutomationEvent,
  type AutomationEventType,
  type AutomationTrigger,
} from '../../core/action.js';
import { actionError, isObject } from './action-fields.js';

/** The keys each kind of event takes, and which of them it needs (Port's oneOf, §6.2). */
function eventKeys(type: AutomationEventType): { keys: string[]; required: string[] } {
  if ((ENTITY_EVENT_TYPES as readonly string[]).includes(type))
    return { keys: ['blueprintIdentifier'], required: ['blueprintIdentifier'] };
  if (type === TIMER_EVENT_TYPE)
    return {
      keys: ['blueprintIdentifier', 'propertyIdentifier'],
      required: ['blueprintIdentifier', 'propertyIdentifier'],
    };
  // Portico's extension: a run event without actionIdentifier listens to every self-service action's runs.
  return { keys: ['actionIdentifier'], required: [] };
}

/**
 * An automation's trigger (§6.1): `{type: "automation", event, condition?}` with nothing else. Whether the
 * blueprint and property it names exist, and whether its jq compiles, the service checks.
 */
export function normalizeAutomationTrigger(trigger: JsonObject): AutomationTrigger {
  for (const key of Object.keys(trigger))
    if (!['type', 'event', 'condition'].includes(key))
      throw actionError(`trigger.${key}`, 'is not a field of an automation trigger');
  const result: AutomationTrigger = { type: 'automation', event: normalizeEvent(trigger.event) };
  if (trigger.condition !== undefined) result.condition = normalizeJqCondition(trigger.condition);
  return result;
}

function normalizeEvent(event: unknown): AutomationEvent {
  const at = 'trigger.event';
  if (!isObject(event)) throw actionError(at, 'must be an object');
  const type = event.type;
  if (!AUTOMATION_EVENT_TYPES.includes(type as never))
    throw actionError(`${at}.type`, `must be one of ${AUTOMATION_EVENT_TYPES.join(', ')}`);
  const { keys, required } = eventKeys(type as AutomationEventType);
  for (const key of Object.keys(event))
    if (key !== 'type' && !keys.includes(key))
      throw actionError(`${at}.${key}`, `is not a field of a ${String(type)} event`);
  for (const key of keys) {
    const value = event[key];
    if (value === undefined && !required.includes(key)) continue;
    if (value === undefined) throw actionError(`${at}.${key}`, `is required for a ${String(type)} event`);
    if (typeof value !== 'string' || !value || value.length > 1000)
      throw actionError(`${at}.${key}`, 'must be a non-empty identifier');
  }
  // Key order as Port writes it: the type, then what it names.
  const result: JsonObject = { type };
  for (const key of keys) if (event[key] !== undefined) result[key] = event[key];
  return result as unknown as AutomationEvent;
}

function normalizeJqCondition(condition: unknown): AutomationCondition {
  const at = 'trigger.condition';
  if (!isObject(condition)) throw actionError(at, 'must be an object');
  // The type first: a self-service condition ({"type": "SEARCH", rules}) is told as such.
  if (condition.type !== 'JQ') throw actionError(`${at}.type`, 'must be "JQ"');
  for (const key of Object.keys(condition))
    if (!['type', 'expressions', 'combinator'].includes(key))
      throw actionError(`${at}.${key}`, 'is not a field of an automation condition');
  const { expressions, combinator = 'and' } = condition;
  if (!Array.isArray(expressions) || !expressions.length)
    throw actionError(
      `${at}.expressions`,
      'must be an array of one or more jq expressions (leave condition out to act on every event)',
    );
  expressions.forEach((expression, index) => {
    if (typeof expression !== 'string' || !expression.trim())
      throw actionError(`${at}.expressions.${index}`, 'must be a non-empty jq expression');
  });
  if (combinator !== 'and' && combinator !== 'or')
    throw actionError(`${at}.combinator`, 'must be "and" or "or"');
  return { type: 'JQ', expressions: expressions as string[], combinator };
}

/**
 * What an automation takes beside its trigger: nobody approves its runs, so no `requiredApproval` (other
 * than false) and no `approvalNotification`; `publish` (default true) says whether its events start it.
 */
export function automationFields(input: JsonObject): { requiredApproval: false; publish: boolean } {
  if (input.requiredApproval !== undefined && input.requiredApproval !== false)
    throw actionError(
      'requiredApproval',
      'must be false or left out: nobody approves the runs of an automation',
    );
  if (input.approvalNotification !== undefined)
    throw actionError('approvalNotification', 'is not a field of an automation: nobody approves its runs');
  if (input.publish !== undefined && typeof input.publish !== 'boolean')
    throw actionError('publish', 'must be true or false');
  return { requiredApproval: false, publish: input.publish ?? true };
}
