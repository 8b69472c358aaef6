import { Type } from '@sinclair/typebox';
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

const Trigger = open({
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

/** An action as Port's API answers it. */
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
