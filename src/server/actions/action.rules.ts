import type { JsonObject } from '../../core/blueprint.js';
import {
  ACTION_OPERATIONS,
  isJqQuery,
  type ActionDefinition,
  type ActionInput,
  type ApprovalNotification,
  type InvocationMethod,
  type RequiredApproval,
  type SelfServiceTrigger,
  type UserInputs,
} from '../../core/action.js';
import { actionError, checkFlag, isObject } from './action-fields.js';
import { automationFields, normalizeAutomationTrigger } from './automation.rules.js';
import { checkInputSchema } from './input-schema.js';

export type { ActionDefinition };

const ACTION_IDENTIFIER = /^(?!\.{1,2}$)[\p{L}0-9@_.+:=-]+$/u;
const BUTTON_TEXT = /^[^\s](.*[^\s])?$/;
const TOP_LEVEL = new Set([
  'identifier',
  'title',
  'icon',
  'description',
  'trigger',
  'invocationMethod',
  'requiredApproval',
  'approvalNotification',
  'allowAnyoneToViewRuns',
  'publish',
]);
/** What GET answers and a client may send back unchanged; Portico keeps its own values. */
const SERVER_KEPT = new Set(['id', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy']);
const WEBHOOK_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE', 'GET'];
/** Port's backends that need Port's own infrastructure (a GitHub app, Kafka, …). */
const FOREIGN_BACKENDS = ['GITHUB', 'GITLAB', 'AZURE_DEVOPS', 'KAFKA', 'INTEGRATION_ACTION'];

const isString = (value: unknown): value is string => typeof value === 'string';

function optionalText(input: JsonObject, key: string, max: number): string | undefined {
  const value = input[key];
  if (value === undefined) return undefined;
  if (!isString(value) || value.length > max)
    throw actionError(key, `must be a string of at most ${max} characters`);
  return value;
}

/**
 * Checks an action body for everything that needs no database (blueprints are checked by the service) and
 * returns it in canonical form. Errors are 422 `invalid_action` naming the field.
 */
export function normalizeAction(input: JsonObject): ActionDefinition {
  for (const key of Object.keys(input))
    if (!TOP_LEVEL.has(key) && !SERVER_KEPT.has(key)) throw actionError(key, 'is not a field of an action');
  const identifier = input.identifier;
  if (!isString(identifier) || !ACTION_IDENTIFIER.test(identifier) || identifier.length > 100)
    throw actionError('identifier', 'must be 1 to 100 letters, digits or @_.+:=- (and not "." or "..")');
  const trigger = normalizeTrigger(input.trigger);
  const automation = trigger.type === 'automation' ? automationFields(input) : undefined;
  const definition: ActionDefinition = {
    identifier,
    trigger,
    invocationMethod: normalizeInvocation(input.invocationMethod),
    requiredApproval: automation?.requiredApproval ?? normalizeApproval(input.requiredApproval),
  };
  const title = optionalText(input, 'title', 200);
  const icon = optionalText(input, 'icon', 100);
  const description = optionalText(input, 'description', 2000);
  if (title !== undefined) definition.title = title;
  if (icon !== undefined) definition.icon = icon;
  if (description !== undefined) definition.description = description;
  if (input.approvalNotification !== undefined)
    definition.approvalNotification = normalizeNotification(input.approvalNotification);
  if (input.allowAnyoneToViewRuns !== undefined) {
    if (typeof input.allowAnyoneToViewRuns !== 'boolean')
      throw actionError('allowAnyoneToViewRuns', 'must be true or false');
    definition.allowAnyoneToViewRuns = input.allowAnyoneToViewRuns;
  }
  // Port answers `publish` for automations only; a self-service action's is dropped.
  if (automation) definition.publish = automation.publish;
  return definition;
}

function normalizeTrigger(trigger: unknown): ActionDefinition['trigger'] {
  if (!isObject(trigger)) throw actionError('trigger', 'must be an object');
  if (trigger.type === 'automation') return normalizeAutomationTrigger(trigger);
  if (trigger.type !== 'self-service')
    throw actionError('trigger.type', 'must be "self-service" or "automation"');
  const operation = trigger.operation;
  if (!ACTION_OPERATIONS.includes(operation as never))
    throw actionError('trigger.operation', `must be one of ${ACTION_OPERATIONS.join(', ')}`);
  const allowed = new Set([
    'type',
    'operation',
    'blueprintIdentifier',
    'userInputs',
    'condition',
    'actionCardButtonText',
    'executeActionButtonText',
  ]);
  for (const key of Object.keys(trigger))
    if (!allowed.has(key)) throw actionError(`trigger.${key}`, 'is not a field of a self-service trigger');
  const result: SelfServiceTrigger = {
    type: 'self-service',
    operation: operation as SelfServiceTrigger['operation'],
    userInputs: normalizeUserInputs(trigger.userInputs ?? { properties: {} }),
  };
  if (trigger.blueprintIdentifier !== undefined) {
    if (!isString(trigger.blueprintIdentifier) || !trigger.blueprintIdentifier)
      throw actionError('trigger.blueprintIdentifier', 'must be a blueprint identifier');
    result.blueprintIdentifier = trigger.blueprintIdentifier;
  }
  if (operation !== 'CREATE' && result.blueprintIdentifier === undefined)
    throw actionError('trigger.blueprintIdentifier', `is required for a ${String(operation)} action`);
  for (const key of ['actionCardButtonText', 'executeActionButtonText'] as const) {
    const text = trigger[key];
    if (text === undefined) continue;
    if (!isString(text) || text.length > 15 || !BUTTON_TEXT.test(text))
      throw actionError(`trigger.${key}`, 'must be 1 to 15 characters without leading or trailing spaces');
    result[key] = text;
  }
  if (trigger.condition !== undefined) {
    if (operation === 'CREATE')
      throw actionError('trigger.condition', 'applies only to DAY-2 and DELETE actions');
    result.condition = normalizeCondition(trigger.condition);
  }
  return result;
}

function normalizeCondition(condition: unknown): SelfServiceTrigger['condition'] {
  if (!isObject(condition)) throw actionError('trigger.condition', 'must be an object');
  if (condition.type !== 'SEARCH') throw actionError('trigger.condition.type', 'must be "SEARCH"');
  if (condition.combinator !== 'and' && condition.combinator !== 'or')
    throw actionError('trigger.condition.combinator', 'must be "and" or "or"');
  if (!Array.isArray(condition.rules)) throw actionError('trigger.condition.rules', 'must be an array');
  return condition as unknown as SelfServiceTrigger['condition'];
}

function normalizeUserInputs(value: unknown): UserInputs {
  const at = 'trigger.userInputs';
  if (!isObject(value)) throw actionError(at, 'must be an object');
  for (const key of Object.keys(value))
    if (!['properties', 'required', 'order', 'steps', 'titles'].includes(key))
      throw actionError(`${at}.${key}`, 'is not a field of userInputs');
  if (!isObject(value.properties)) throw actionError(`${at}.properties`, 'must be an object');
  const properties: Record<string, ActionInput> = {};
  const names = Object.keys(value.properties);
  for (const name of names) {
    if (!/^[A-Za-z0-9@_=-]{1,100}$/.test(name))
      throw actionError(`${at}.properties.${name}`, 'must be named with 1 to 100 letters, digits or @_=-');
    // A name that plain objects read as their prototype: forms, inputs and templates keep values by name.
    if (name === '__proto__')
      throw actionError(`${at}.properties.${name}`, 'is a name reserved by JavaScript');
    properties[name] = checkInputSchema(`${at}.properties.${name}`, value.properties[name], names);
  }
  const known = (name: unknown) => isString(name) && Object.hasOwn(properties, name);
  const nameList = (field: string, list: unknown) => {
    if (!Array.isArray(list) || !list.every(known))
      throw actionError(field, 'must be an array of names of inputs in userInputs.properties');
    return list as string[];
  };
  const result: UserInputs = {
    properties,
    required: isJqQuery(value.required) ? value.required : nameList(`${at}.required`, value.required ?? []),
  };
  if (value.titles !== undefined) {
    if (!isObject(value.titles)) throw actionError(`${at}.titles`, 'must be an object');
    for (const [key, title] of Object.entries(value.titles)) {
      if (key === '__proto__') throw actionError(`${at}.titles.${key}`, 'is a name reserved by JavaScript');
      if (!isObject(title) || !isString(title.title) || title.title.length > 140)
        throw actionError(`${at}.titles.${key}.title`, 'must be a string of at most 140 characters');
      checkFlag(`${at}.titles.${key}.visible`, title.visible);
    }
    result.titles = value.titles as UserInputs['titles'];
  }
  // An order places inputs and, between them, titles (Port's form editor writes both into it).
  const placeable = (name: unknown) =>
    known(name) || (isString(name) && Object.hasOwn(result.titles ?? {}, name));
  const orderList = (field: string, list: unknown) => {
    if (!Array.isArray(list) || !list.every(placeable))
      throw actionError(
        field,
        'must be an array of names of inputs in userInputs.properties or of userInputs.titles',
      );
    return list as string[];
  };
  if (value.order !== undefined) result.order = orderList(`${at}.order`, value.order);
  if (value.steps !== undefined) {
    if (!Array.isArray(value.steps)) throw actionError(`${at}.steps`, 'must be an array');
    result.steps = value.steps.map((step, index) => {
      const field = `${at}.steps.${index}`;
      if (!isObject(step) || !isString(step.title) || !step.title)
        throw actionError(`${field}.title`, 'must be a non-empty string');
      checkFlag(`${field}.visible`, step.visible);
      return { ...step, title: step.title, order: orderList(`${field}.order`, step.order) };
    });
  }
  return result;
}

function normalizeInvocation(value: unknown): InvocationMethod {
  const at = 'invocationMethod';
  if (!isObject(value)) throw actionError(at, 'must be an object');
  if (FOREIGN_BACKENDS.includes(value.type as string))
    throw actionError(
      `${at}.type`,
      `${String(value.type)} needs Port's own infrastructure; use WEBHOOK (with "agent": true for a runner inside your network) or UPSERT_ENTITY`,
    );
  if (value.type === 'WEBHOOK') return normalizeWebhook(value);
  if (value.type === 'UPSERT_ENTITY') return normalizeUpsert(value);
  throw actionError(`${at}.type`, 'must be WEBHOOK or UPSERT_ENTITY');
}

function normalizeWebhook(value: JsonObject): InvocationMethod {
  const at = 'invocationMethod';
  for (const key of Object.keys(value))
    if (!['type', 'url', 'agent', 'synchronized', 'method', 'headers', 'body'].includes(key))
      throw actionError(`${at}.${key}`, 'is not a field of a WEBHOOK backend');
  if (!isString(value.url) || !value.url.trim()) throw actionError(`${at}.url`, 'must be a URL');
  if (!value.url.includes('{{')) {
    let url: URL | undefined;
    try {
      url = new URL(value.url);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      throw actionError(`${at}.url`, 'must be an http or https URL (or a {{ jq }} template)');
  }
  for (const key of ['agent', 'synchronized'])
    if (value[key] !== undefined && typeof value[key] !== 'boolean')
      throw actionError(`${at}.${key}`, 'must be true or false');
  if (value.method !== undefined && !WEBHOOK_METHODS.includes(value.method as string))
    throw actionError(`${at}.method`, `must be one of ${WEBHOOK_METHODS.join(', ')}`);
  if (
    value.headers !== undefined &&
    (!isObject(value.headers) || !Object.values(value.headers).every(isString))
  )
    throw actionError(`${at}.headers`, 'must be an object of string values');
  if (value.body !== undefined && typeof value.body !== 'object')
    throw actionError(`${at}.body`, 'must be an object or an array');
  return { method: 'POST', ...value } as InvocationMethod;
}

function normalizeUpsert(value: JsonObject): InvocationMethod {
  const at = 'invocationMethod';
  for (const key of Object.keys(value))
    if (!['type', 'blueprintIdentifier', 'mapping'].includes(key))
      throw actionError(`${at}.${key}`, 'is not a field of an UPSERT_ENTITY backend');
  if (!isString(value.blueprintIdentifier) || !value.blueprintIdentifier)
    throw actionError(`${at}.blueprintIdentifier`, 'must be a blueprint identifier');
  if (!isObject(value.mapping)) throw actionError(`${at}.mapping`, 'must be an object');
  for (const key of Object.keys(value.mapping))
    if (!['identifier', 'title', 'team', 'icon', 'properties', 'relations'].includes(key))
      throw actionError(`${at}.mapping.${key}`, 'is not a field of an entity mapping');
  for (const key of ['identifier', 'title', 'icon'])
    if (value.mapping[key] !== undefined && !isString(value.mapping[key]))
      throw actionError(`${at}.mapping.${key}`, 'must be a string (a {{ jq }} template)');
  for (const key of ['properties', 'relations'])
    if (value.mapping[key] !== undefined && !isObject(value.mapping[key]))
      throw actionError(`${at}.mapping.${key}`, 'must be an object');
  return value as unknown as InvocationMethod;
}

function normalizeApproval(value: unknown): RequiredApproval {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (isObject(value) && (value.type === 'ANY' || value.type === 'ALL') && Object.keys(value).length === 1)
    return { type: value.type };
  throw actionError('requiredApproval', 'must be true, false, {"type": "ANY"} or {"type": "ALL"}');
}

function normalizeNotification(value: unknown): ApprovalNotification {
  const at = 'approvalNotification';
  if (!isObject(value)) throw actionError(at, 'must be an object');
  if (value.type === 'email' && Object.keys(value).length === 1) return { type: 'email' };
  if (value.type !== 'webhook') throw actionError(`${at}.type`, 'must be "email" or "webhook"');
  if (value.format !== undefined && value.format !== 'json' && value.format !== 'slack')
    throw actionError(`${at}.format`, 'must be "json" or "slack"');
  let url: URL | undefined;
  try {
    url = isString(value.url) ? new URL(value.url) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw actionError(`${at}.url`, 'must be an http or https URL');
  return { type: 'webhook', format: (value.format ?? 'json') as 'json' | 'slack', url: value.url as string };
}
