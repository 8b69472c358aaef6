import { Type, type TSchema } from '@sinclair/typebox';
import { AnyJson, Nullable, Ok, open } from '../http/responses.js';
import { RequiredApproval } from './action.schemas.js';

/** Response shapes of the run routes (they are also the OpenAPI document's). */

const DateTime = Type.String({ format: 'date-time' });

/** A JSON object whose keys are names and whose values all have one shape. */
const MapOf = <T extends TSchema>(values: T, description?: string) =>
  Type.Object({}, { additionalProperties: values, ...(description ? { description } : {}) });

/** What a run names, as it was named then, and whether it is gone since. */
const RunReference = open({
  identifier: Type.String(),
  title: Nullable(Type.String()),
  icon: Nullable(Type.String()),
  deleted: Type.Boolean(),
});

const runWith = (action: TSchema) =>
  open({
    id: Type.String(),
    action,
    blueprint: Type.Optional(RunReference),
    entity: Type.Optional(RunReference),
    properties: open({}, { description: "the run's inputs; encrypted ones show as ********" }),
    status: Type.Union([
      Type.Literal('IN_PROGRESS'),
      Type.Literal('SUCCESS'),
      Type.Literal('FAILURE'),
      Type.Literal('WAITING_FOR_APPROVAL'),
      Type.Literal('DECLINED'),
    ]),
    statusLabel: Nullable(Type.String()),
    link: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
    summary: Type.Optional(Type.String()),
    externalRunId: Nullable(Type.String()),
    source: Type.Union([Type.Literal('UI'), Type.Literal('API'), Type.Literal('AUTOMATION')]),
    requiredApproval: RequiredApproval,
    approval: Nullable(
      open(
        {
          description: Type.Optional(Type.String({ description: "the approver's words, when given" })),
          userId: Nullable(Type.String()),
          state: Type.String(),
        },
        { description: 'the decision on the run, once one is made' },
      ),
    ),
    payload: Nullable(
      open({}, { description: 'what was sent to the backend (a webhook: url, method, headers, body)' }),
    ),
    response: Type.Optional(
      Type.Union([Type.String(), Type.Array(AnyJson), open({})], {
        description: "the backend's answer, when it gave one: its JSON object or list, or its text",
      }),
    ),
    pendingExecution: Type.Boolean(),
    claimedUntil: Type.Optional(DateTime),
    installationId: Type.Optional(Type.String({ description: 'the runner that claimed the run' })),
    createdBy: Type.String(),
    impersonatedBy: Type.Optional(Type.String()),
    updatedBy: Type.String(),
    createdAt: DateTime,
    updatedAt: DateTime,
    endedAt: Type.Optional(DateTime),
  });

/** A run as Port's API answers it (v2). */
export const Run = runWith(RunReference);

/** A run in either of Port's versions: `?version=v1` answers `action` as its identifier. */
export const RunOfVersion = runWith(
  Type.Union([RunReference, Type.String()], {
    description: 'the action (with ?version=v1, its identifier)',
  }),
);

/** A run claimed by a runner, with the request the runner is to send. */
export const ClaimedRun = open({
  ...Run.properties,
  invocation: open({
    url: Type.String(),
    method: Type.String(),
    headers: MapOf(Type.String()),
    body: Type.Optional(Type.String({ description: 'the body to send, as text' })),
  }),
});

export const RunLog = open({
  id: Type.String(),
  runId: Type.String(),
  message: Type.String(),
  createdBy: Type.String(),
  createdAt: DateTime,
});

export const Approver = open({
  userId: Type.String(),
  state: Type.String({
    description: 'APPROVED, DECLINED, or PENDING for one who has not decided yet (include_pending_approvers)',
  }),
  description: Nullable(Type.String()),
});

export const RunEntity = open({
  blueprint: Type.String(),
  identifier: Type.String(),
  action: Type.String({ description: 'what the run did to it: CREATE or UPDATE' }),
  at: DateTime,
});

/** What an action's form shows for the values given. */
export const FormState = open({
  properties: open({}, { description: 'the values, defaults filled' }),
  inputs: MapOf(
    open({
      visible: Type.Boolean(),
      disabled: Type.Boolean(),
      required: Type.Boolean(),
      enum: Type.Optional(Type.Array(AnyJson)),
      dataset: Type.Optional(open({}, { description: 'the search its entities must match, resolved' })),
    }),
    'each input by name: whether it shows, is disabled or required, its choices and dataset now',
  ),
  steps: Type.Array(open({ visible: Type.Boolean() }), { description: 'one per step, in their order' }),
  titles: MapOf(open({ visible: Type.Boolean() }), 'each decorative title by name'),
});

export const OkWithRun = Ok({ run: Run }, 'The run, accepted (its backend is called after this answer)');
export const OkWithRunOfVersion = Ok({ run: RunOfVersion }, 'The run');
