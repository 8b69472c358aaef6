/** Self-service actions in Port's JSON (port-model §5). */
import type { JsonObject } from './blueprint.js';
import type { Grant } from './permissions.js';
import type { SearchQuery } from './search.js';

export const ACTION_OPERATIONS = ['CREATE', 'DAY-2', 'DELETE'] as const;
export type ActionOperation = (typeof ACTION_OPERATIONS)[number];

/** A value computed from the form, the entity and the user: `{"jqQuery": ".form.language == \"go\""}`. */
export interface JqQuery {
  jqQuery: string;
}

/** Whether a value is Port's dynamic `{"jqQuery": ...}` form. */
export function isJqQuery(value: unknown): value is JqQuery {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as JqQuery).jqQuery === 'string' &&
    Object.keys(value).length === 1
  );
}

/** One input of an action's form: JSON Schema plus Port's keys (§5.2). */
export interface ActionInput extends JsonObject {
  type: 'string' | 'number' | 'boolean' | 'object' | 'array';
  title?: string;
  description?: string;
  format?: string;
  /** The blueprint of an `entity` input. */
  blueprint?: string;
  dataset?: JsonObject;
  sort?: { property: string; order: 'ASC' | 'DESC' };
  dependsOn?: string[];
  enum?: unknown[] | JqQuery;
  default?: unknown;
  visible?: boolean | JqQuery;
  disabled?: boolean | JqQuery;
  encryption?: 'aes256-gcm' | JsonObject;
  items?: JsonObject;
}

export interface ActionStep {
  title: string;
  order: string[];
  visible?: boolean | JqQuery;
}

export interface UserInputs {
  properties: Record<string, ActionInput>;
  required: string[] | JqQuery;
  order?: string[];
  steps?: ActionStep[];
  titles?: Record<string, { title: string; description?: string; visible?: boolean | JqQuery }>;
}

export interface SelfServiceTrigger {
  type: 'self-service';
  operation: ActionOperation;
  blueprintIdentifier?: string;
  userInputs: UserInputs;
  condition?: SearchQuery & { type: 'SEARCH' };
  actionCardButtonText?: string;
  executeActionButtonText?: string;
}

/** Port's automation events (§6.2). */
export const ENTITY_EVENT_TYPES = [
  'ENTITY_CREATED',
  'ENTITY_UPDATED',
  'ENTITY_DELETED',
  'ANY_ENTITY_CHANGE',
] as const;
export const RUN_EVENT_TYPES = ['RUN_CREATED', 'RUN_UPDATED', 'ANY_RUN_CHANGE'] as const;
export const TIMER_EVENT_TYPE = 'TIMER_PROPERTY_EXPIRED';
export const AUTOMATION_EVENT_TYPES = [...ENTITY_EVENT_TYPES, TIMER_EVENT_TYPE, ...RUN_EVENT_TYPES] as const;
export type AutomationEventType = (typeof AUTOMATION_EVENT_TYPES)[number];

/** What an automation listens to: entity changes of a blueprint, a timer property's expiry, runs of an action. */
export type AutomationEvent =
  | { type: (typeof ENTITY_EVENT_TYPES)[number]; blueprintIdentifier: string }
  | { type: typeof TIMER_EVENT_TYPE; blueprintIdentifier: string; propertyIdentifier: string }
  /** Without `actionIdentifier` (Portico's extension), the runs of every self-service action. */
  | { type: (typeof RUN_EVENT_TYPES)[number]; actionIdentifier?: string };

/** jq expressions over the event object (§6.3, without its wrapper), each of which must answer a boolean. */
export interface AutomationCondition {
  type: 'JQ';
  expressions: string[];
  combinator: 'and' | 'or';
}

export interface AutomationTrigger {
  type: 'automation';
  event: AutomationEvent;
  condition?: AutomationCondition;
}

export interface WebhookInvocation {
  type: 'WEBHOOK';
  url: string;
  agent?: boolean;
  synchronized?: boolean;
  method?: 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'GET';
  headers?: Record<string, string>;
  body?: unknown;
}

export interface UpsertEntityInvocation {
  type: 'UPSERT_ENTITY';
  blueprintIdentifier: string;
  mapping: {
    identifier?: string;
    title?: string;
    team?: unknown;
    icon?: string;
    properties?: JsonObject;
    relations?: JsonObject;
  };
}

/** Backends Portico runs itself, plus Port's others, which are kept and answered but not executed. */
export type InvocationMethod = WebhookInvocation | UpsertEntityInvocation | ({ type: string } & JsonObject);

export type RequiredApproval = boolean | { type: 'ANY' | 'ALL' };

export interface ApprovalNotification {
  type: 'email' | 'webhook';
  format?: 'json' | 'slack';
  url?: string;
}

/** An action's definition as given: Port's JSON without the fields Portico keeps. */
export interface ActionDefinition {
  identifier: string;
  title?: string;
  icon?: string;
  description?: string;
  trigger: SelfServiceTrigger | AutomationTrigger;
  invocationMethod: InvocationMethod;
  requiredApproval: RequiredApproval;
  approvalNotification?: ApprovalNotification;
  allowAnyoneToViewRuns?: boolean;
  /** Automations only: false disables it (default true). */
  publish?: boolean;
}

/** An action whose trigger is an automation's. */
export interface AutomationDefinition extends ActionDefinition {
  trigger: AutomationTrigger;
}

export const isAutomation = (definition: ActionDefinition): definition is AutomationDefinition =>
  definition.trigger.type === 'automation';

/** An action as Port's API answers it. */
export interface Action extends ActionDefinition {
  id: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** Port's execute/approve permission: a grant plus, optionally, a policy of queries and jq conditions. */
export interface ActionGrant extends Omit<Grant, 'policy'> {
  policy?: { queries: Record<string, JsonObject>; conditions: string[] } | null;
}

export interface ActionPermissions {
  execute: ActionGrant;
  approve: ActionGrant;
}

/** The order a form shows its inputs in: the given order, then the steps', then the rest as defined. */
export function inputOrder(inputs: UserInputs): string[] {
  const listed = inputs.steps ? inputs.steps.flatMap((step) => step.order) : (inputs.order ?? []);
  const rest = Object.keys(inputs.properties).filter((key) => !listed.includes(key));
  return [...listed.filter((key) => Object.hasOwn(inputs.properties, key)), ...rest];
}

export const RUN_STATUSES = [
  'IN_PROGRESS',
  'SUCCESS',
  'FAILURE',
  'WAITING_FOR_APPROVAL',
  'DECLINED',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** A run in one of these states takes no more changes. */
export const FINAL_RUN_STATUSES: readonly RunStatus[] = ['SUCCESS', 'FAILURE', 'DECLINED'];
export type RunSource = 'UI' | 'API' | 'AUTOMATION';

/** What a run names (its action, blueprint, entity), and whether that is gone since. */
export interface RunReference {
  identifier: string;
  title: string | null;
  icon: string | null;
  deleted: boolean;
}

/** A run as Port's API answers it (`?version=v2`; v1 answers `action` as its identifier). */
export interface ActionRun {
  id: string;
  action: RunReference;
  blueprint?: RunReference;
  entity?: RunReference;
  properties: JsonObject;
  status: RunStatus;
  statusLabel: string | null;
  link?: string | string[];
  summary?: string;
  externalRunId: string | null;
  source: RunSource;
  requiredApproval: RequiredApproval;
  approval: { description?: string; userId: string | null; state: string } | null;
  payload: JsonObject | null;
  response?: string | unknown[] | JsonObject;
  pendingExecution: boolean;
  claimedUntil?: string;
  installationId?: string;
  createdBy: string;
  impersonatedBy?: string;
  updatedBy: string;
  createdAt: string;
  updatedAt: string;
  endedAt?: string;
}

export interface RunLog {
  id: string;
  runId: string;
  message: string;
  createdBy: string;
  createdAt: string;
}
