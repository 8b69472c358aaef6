import type { PropertySchema } from '../../core/blueprint.js';
import { isAutomation, TIMER_EVENT_TYPE } from '../../core/action.js';
import { unprocessable } from '../errors.js';
import type { ActionDefinition } from './action.rules.js';

/** What an action's definition says of its storage and checks, whichever its kind (self-service, automation). */

/** The blueprint an action is on: a self-service trigger's, an automation's event's (none for run events). */
export function blueprintOf(definition: ActionDefinition): string | null {
  const { trigger } = definition;
  if (trigger.type === 'self-service') return trigger.blueprintIdentifier ?? null;
  return 'blueprintIdentifier' in trigger.event ? trigger.event.blueprintIdentifier : null;
}

/** The columns an action's definition decides: an automation keeps its event's type as its operation. */
export function definitionColumns(definition: ActionDefinition) {
  const { trigger } = definition;
  return {
    trigger_type: trigger.type,
    blueprint: blueprintOf(definition),
    operation: trigger.type === 'automation' ? trigger.event.type : trigger.operation,
    definition: JSON.stringify(definition),
  };
}

/** Every blueprint the definition names, with the field that names it. */
export function namedBlueprints(definition: ActionDefinition): Array<[field: string, blueprint: string]> {
  const named: Array<[string, string]> = [];
  const { trigger, invocationMethod } = definition;
  if (trigger.type === 'automation') {
    if ('blueprintIdentifier' in trigger.event)
      named.push(['trigger.event.blueprintIdentifier', trigger.event.blueprintIdentifier]);
  } else {
    if (trigger.blueprintIdentifier) named.push(['trigger.blueprintIdentifier', trigger.blueprintIdentifier]);
    for (const [name, input] of Object.entries(trigger.userInputs.properties)) {
      const at = `trigger.userInputs.properties.${name}`;
      if (input.format === 'entity' && input.blueprint) named.push([`${at}.blueprint`, input.blueprint]);
      const items = input.items as { format?: string; blueprint?: string } | undefined;
      if (items?.format === 'entity' && items.blueprint)
        named.push([`${at}.items.blueprint`, items.blueprint]);
    }
  }
  if (invocationMethod.type === 'UPSERT_ENTITY')
    named.push(['invocationMethod.blueprintIdentifier', invocationMethod.blueprintIdentifier as string]);
  return named;
}

/**
 * TIMER_PROPERTY_EXPIRED listens to one of its blueprint's `timer` properties (`{"type": "string",
 * "format": "timer"}`); `properties` are that blueprint's. Other definitions pass.
 */
export function checkTimerProperty(definition: ActionDefinition, properties: Record<string, PropertySchema>) {
  if (!isAutomation(definition) || definition.trigger.event.type !== TIMER_EVENT_TYPE) return;
  const { blueprintIdentifier: blueprint, propertyIdentifier: name } = definition.trigger.event;
  const field = 'trigger.event.propertyIdentifier';
  const property = Object.hasOwn(properties, name) ? properties[name] : undefined;
  if (!property)
    throw unprocessable('invalid_action', `${field}: blueprint "${blueprint}" has no property "${name}"`, {
      field,
    });
  if (property.type !== 'string' || property.format !== 'timer')
    throw unprocessable(
      'invalid_action',
      `${field}: property "${name}" of blueprint "${blueprint}" is not a timer property ({"type": "string", "format": "timer"})`,
      { field },
    );
}

/** Who may create the action, said when the actor may not. */
export function whoCreates(definition: ActionDefinition): string {
  if (isAutomation(definition)) return 'Only an Admin can create an automation';
  const blueprint = blueprintOf(definition);
  return blueprint === null
    ? 'Only an Admin can create an action that is not tied to a blueprint'
    : `Only an Admin or a moderator of "${blueprint}" can create its actions`;
}
