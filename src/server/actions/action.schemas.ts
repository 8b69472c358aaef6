import { Type } from '@sinclair/typebox';
import { TIMER_EVENT_TYPE } from '../../core/action.js';
import { Nullable, Ok, open } from '../http/responses.js';

/** Response shapes of the action routes (they are also the OpenAPI document's). */

const Flag = Type.Union([Type.Boolean(), open({ jqQuery: Type.String() })], {
  description: 'true or false, or a {"jqQuery": ...} computed from the form',
});

const UserInputs = open(
  {
    properties: open(
      {},
      { description: "the form's inputs by name: JSON Schema plus Port's keys (port-model §5.2)" },
    ),
    required: Type.Union([Type.Array(Type.String()), open({ jqQuery: Type.String() })], {
      description: 'the names of the required inputs, or a {"jqQuery": ...} giving them',
    }),
    order: Type.Optional(Type.Array(Type.String())),
    steps: Type.Optional(
      Type.Array(
        open({ title: Type.String(), order: Type.Array(Type.String()), visible: Type.Optional(Flag) }),
      ),
    ),
    titles: Type.Optional(open({}, { description: 'decorative titles between inputs, by name' })),
  },
  { description: "the action's form" },
);

const SelfServiceTrigger = open({
  type: Type.Literal('self-service'),
  operation: Type.Union([Type.Literal('CREATE'), Type.Literal('DAY-2'), Type.Literal('DELETE')]),
  blueprintIdentifier: Type.Optional(Type.String()),
  userInputs: UserInputs,
  condition: Type.Optional(
    open({}, { description: 'a search query ({"type": "SEARCH", combinator, rules}) the entity must match' }),
  ),
  actionCardButtonText: Type.Optional(Type.String()),
  executeActionButtonText: Type.Optional(Type.String()),
});

// Written out (not mapped from core's lists): TypeBox infers a union's type from a tuple only.
export const EntityEventType = Type.Union([
  Type.Literal('ENTITY_CREATED'),
  Type.Literal('ENTITY_UPDATED'),
  Type.Literal('ENTITY_DELETED'),
  Type.Literal('ANY_ENTITY_CHANGE'),
]);
export const RunEventType = Type.Union([
  Type.Literal('RUN_CREATED'),
  Type.Literal('RUN_UPDATED'),
  Type.Literal('ANY_RUN_CHANGE'),
]);
export const AutomationEventType = Type.Union([
  ...EntityEventType.anyOf,
  Type.Literal(TIMER_EVENT_TYPE),
  ...RunEventType.anyOf,
]);

const AutomationEvent = Type.Union(
  [
    open(
      { type: EntityEventType, blueprintIdentifier: Type.String() },
      { description: "a change of the blueprint's entities" },
    ),
    open(
      {
        type: Type.Literal(TIMER_EVENT_TYPE),
        blueprintIdentifier: Type.String(),
        propertyIdentifier: Type.String({ description: 'a timer property of the blueprint' }),
      },
      { description: "the expiry of a timer property of the blueprint's entities" },
    ),
    open(
      {
        type: RunEventType,
        actionIdentifier: Type.Optional(
          Type.String({ description: "the action whose runs start it; none: every self-service action's" }),
        ),
      },
      { description: 'a run created or changed' },
    ),
  ],
  { description: 'what starts the automation (port-model §6.2)' },
);

const AutomationTrigger = open({
  type: Type.Literal('automation'),
  event: AutomationEvent,
  condition: Type.Optional(
    open(
      {
        type: Type.Literal('JQ'),
        expressions: Type.Array(Type.String()),
        combinator: Type.Union([Type.Literal('and'), Type.Literal('or')]),
      },
      { description: 'jq expressions over the event, each answering a boolean, joined by the combinator' },
    ),
  ),
});

const Trigger = Type.Union([SelfServiceTrigger, AutomationTrigger], {
  description: 'a self-service trigger (a form people run) or an automation trigger (an event starts it)',
});

const InvocationMethod = open(
  { type: Type.String({ description: 'WEBHOOK or UPSERT_ENTITY' }) },
  {
    description:
      "the action's backend: a WEBHOOK's url, method, headers and body, or UPSERT_ENTITY's mapping",
  },
);

export const RequiredApproval = Type.Union(
  [Type.Boolean(), open({ type: Type.Union([Type.Literal('ANY'), Type.Literal('ALL')]) })],
  { description: 'whether runs wait for approval: true, false, or {"type": "ANY" | "ALL"} of the approvers' },
);

/** An action (or automation) as Port's API answers it. */
export const Action = open({
  identifier: Type.String(),
  title: Type.Optional(Type.String()),
  icon: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  trigger: Trigger,
  invocationMethod: InvocationMethod,
  requiredApproval: RequiredApproval,
  approvalNotification: Type.Optional(
    open({
      type: Type.Union([Type.Literal('email'), Type.Literal('webhook')]),
      format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('slack')])),
      url: Type.Optional(Type.String()),
    }),
  ),
  allowAnyoneToViewRuns: Type.Optional(Type.Boolean()),
  publish: Type.Optional(
    Type.Boolean({ description: 'automations only: whether its events start it (false: disabled)' }),
  ),
  id: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: Type.String(),
});

const ActionGrant = open({
  roles: Type.Array(Type.String()),
  users: Type.Array(Type.String()),
  teams: Type.Array(Type.String()),
  ownedByTeam: Type.Boolean(),
  policy: Type.Optional(
    Nullable(
      open(
        { queries: open({}), conditions: Type.Array(Type.String()) },
        { description: 'search queries by name and jq conditions over their results (port-model §5.8)' },
      ),
    ),
  ),
});

/** Who may run an action and who approves its runs. */
export const ActionPermissions = open({ execute: ActionGrant, approve: ActionGrant });

export const OkWithAction = Ok({ action: Action }, 'The action (its ETag header holds its version)');
export const OkWithPermissions = Ok({ permissions: ActionPermissions }, "The action's permissions");
export const OkDeleted = Ok({}, 'Deleted');
