import { Type, type Static } from '@sinclair/typebox';
import type { JsonObject } from '../../core/blueprint.js';
import type { ActionRun } from '../../core/action.js';
import { AnyObject } from '../http/schemas.js';
import { Ok, withErrors } from '../http/responses.js';
import type { App } from '../http/route-types.js';
import type { RunService } from './run.service.js';
import { toRunV1 } from './run-view.js';
import {
  Approver,
  ClaimedRun,
  FormState,
  OkWithRun,
  OkWithRunOfVersion,
  RunEntity,
  RunLog,
  RunOfVersion,
} from './run.schemas.js';

const tags = ['Action runs'];
const Version = Type.Optional(Type.Union([Type.Literal('v1'), Type.Literal('v2')]));
const RunParams = Type.Object({ run_id: Type.String({ minLength: 1, maxLength: 100 }) });
const ActionParams = Type.Object({ action_identifier: Type.String({ minLength: 1, maxLength: 100 }) });
const Label = Type.String({ maxLength: 1000 });
// Links are shown as links: only http(s), never a script.
const Link = Type.String({ maxLength: 4000, pattern: '^https?://' });
const Source = Type.Union([Type.Literal('UI'), Type.Literal('API'), Type.Literal('AUTOMATION')]);
const Final = Type.Union([Type.Literal('SUCCESS'), Type.Literal('FAILURE')]);

const RunBody = Type.Object(
  {
    properties: Type.Optional(AnyObject),
    entity: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
const ListQuery = Type.Object({
  entity: Type.Optional(Type.String({ maxLength: 1000 })),
  blueprint: Type.Optional(Type.String({ maxLength: 100 })),
  active: Type.Optional(Type.Boolean()),
  user_email: Type.Optional(Type.String({ maxLength: 320 })),
  user_id: Type.Optional(Type.String({ maxLength: 320 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  exclude: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 1000 })),
  external_run_id: Type.Optional(Type.String({ maxLength: 1000 })),
  version: Version,
  action: Type.Optional(Type.String({ maxLength: 100 })),
  source: Type.Optional(Type.Array(Source)),
  status: Type.Optional(
    Type.Array(
      Type.Union(
        ['IN_PROGRESS', 'SUCCESS', 'FAILURE', 'WAITING_FOR_APPROVAL', 'DECLINED'].map((s) => Type.Literal(s)),
      ),
      { description: 'Portico: only runs in these statuses' },
    ),
  ),
  awaiting_my_approval: Type.Optional(
    Type.Boolean({
      description:
        "Portico: only runs waiting for approval that the caller may decide and has not decided yet — the approve grant names them (or the action's policy listed them for the run), or they manage the action; never their own runs unless they are an Admin",
    }),
  ),
});
const ReportBody = Type.Object(
  {
    status: Type.Optional(Final),
    statusLabel: Type.Optional(Label),
    link: Type.Optional(Type.Union([Link, Type.Array(Link, { maxItems: 100 })])),
    summary: Type.Optional(Type.String({ maxLength: 100_000 })),
    externalRunId: Type.Optional(Type.String({ maxLength: 1000 })),
    message: Type.Optional(AnyObject),
  },
  { additionalProperties: false },
);
const LogBody = Type.Object(
  {
    message: Type.String({ maxLength: 100_000 }),
    terminationStatus: Type.Optional(Final),
    statusLabel: Type.Optional(Label),
  },
  { additionalProperties: false },
);
const ApprovalBody = Type.Object(
  {
    status: Type.Union([Type.Literal('APPROVE'), Type.Literal('DECLINE')]),
    description: Type.Optional(Type.String({ maxLength: 10_000 })),
  },
  { additionalProperties: false },
);

const shaped = (run: ActionRun, version: string | undefined) => (version === 'v1' ? toRunV1(run) : run);

export function runRoutes(app: App, runs: RunService) {
  app.post(
    '/v1/actions/:action_identifier/runs',
    {
      schema: {
        tags,
        summary: 'Run an action',
        params: ActionParams,
        querystring: Type.Object({ run_as: Type.Optional(Type.String({ minLength: 1, maxLength: 320 })) }),
        body: RunBody,
        response: withErrors({ 202: OkWithRun }),
      },
    },
    async (request, reply) => {
      const body = request.body;
      const run = await runs.create(
        request.actor,
        request.params.action_identifier,
        {
          properties: (body.properties ?? {}) as JsonObject,
          ...(body.entity !== undefined ? { entity: body.entity } : {}),
          source: request.actor.origin === 'UI' ? 'UI' : 'API',
        },
        request.query.run_as,
      );
      return reply.status(202).send({ ok: true as const, run });
    },
  );

  app.post(
    '/v1/actions/:action_identifier/form',
    {
      schema: {
        tags,
        summary: "Portico: the action's form for these values — defaults filled, jqQuery keys resolved",
        params: ActionParams,
        body: RunBody,
        response: withErrors({ 200: Ok({ form: FormState }, 'The form as it shows now') }),
      },
    },
    async (request) => {
      const body = request.body;
      const form = await runs.form(request.actor, request.params.action_identifier, {
        properties: (body.properties ?? {}) as JsonObject,
        ...(body.entity !== undefined ? { entity: body.entity } : {}),
      });
      return { ok: true as const, form };
    },
  );

  app.get(
    '/v1/actions/runs',
    {
      schema: {
        tags,
        summary: 'List the runs the caller may see, newest first',
        querystring: ListQuery,
        response: withErrors({ 200: Ok({ runs: Type.Array(RunOfVersion) }, 'The runs, newest first') }),
      },
    },
    async (request) => {
      const q = request.query;
      const found = await runs.list(request.actor, {
        limit: q.limit ?? 100,
        ...(q.entity !== undefined ? { entity: q.entity } : {}),
        ...(q.blueprint !== undefined ? { blueprint: q.blueprint } : {}),
        ...(q.active !== undefined ? { active: q.active } : {}),
        ...((q.user_email ?? q.user_id) !== undefined ? { userEmail: (q.user_email ?? q.user_id)! } : {}),
        ...(q.exclude ? { exclude: q.exclude } : {}),
        ...(q.external_run_id !== undefined ? { externalRunId: q.external_run_id } : {}),
        ...(q.action !== undefined ? { action: q.action } : {}),
        ...(q.source ? { sources: q.source } : {}),
        ...(q.status ? { statuses: q.status } : {}),
        ...(q.awaiting_my_approval ? { awaitingMyApproval: true } : {}),
      });
      return { ok: true as const, runs: found.map((run) => shaped(run, q.version)) };
    },
  );

  app.get(
    '/v1/actions/runs/:run_id',
    {
      schema: {
        tags,
        summary: 'Get a run',
        params: RunParams,
        querystring: Type.Object({ version: Version }),
        response: withErrors({ 200: OkWithRunOfVersion }),
      },
    },
    async (request) => ({
      ok: true as const,
      run: shaped(await runs.get(request.actor, request.params.run_id), request.query.version),
    }),
  );

  app.patch(
    '/v1/actions/runs/:run_id',
    {
      schema: {
        tags,
        summary: "Report a run's status, label, links, summary or external id",
        params: RunParams,
        querystring: Type.Object({ version: Version }),
        body: ReportBody,
        response: withErrors({ 200: OkWithRunOfVersion }),
      },
    },
    async (request) => {
      const { message, ...report } = request.body;
      void message;
      const run = await runs.report(request.actor, request.params.run_id, report);
      return { ok: true as const, run: shaped(run, request.query.version) };
    },
  );

  app.patch(
    '/v1/actions/runs/:run_id/approval',
    {
      schema: {
        tags,
        summary: 'Approve or decline a run that awaits approval',
        params: RunParams,
        querystring: Type.Object({ version: Version }),
        body: ApprovalBody,
        response: withErrors({ 201: OkWithRunOfVersion }),
      },
    },
    async (request, reply) => {
      const run = await runs.approve(request.actor, request.params.run_id, request.body);
      return reply.status(201).send({ ok: true as const, run: shaped(run, request.query.version) });
    },
  );

  app.get(
    '/v1/actions/runs/:run_id/approvers',
    {
      schema: {
        tags,
        summary: "A run's approvers and their decisions",
        params: RunParams,
        querystring: Type.Object({
          include_pending_approvers: Type.Optional(Type.Boolean({ default: false })),
        }),
        response: withErrors({
          200: Ok(
            { approvers: Type.Array(Approver) },
            'The decisions, oldest first, then the pending approvers',
          ),
        }),
      },
    },
    async (request) => ({
      ok: true as const,
      approvers: await runs.approvers(
        request.actor,
        request.params.run_id,
        request.query.include_pending_approvers === true,
      ),
    }),
  );

  app.post(
    '/v1/actions/runs/:run_id/logs',
    {
      schema: {
        tags,
        summary: 'Add a log line; with terminationStatus, end the run',
        params: RunParams,
        body: LogBody,
        response: withErrors({ 201: Ok({ runLog: RunLog }, 'The log line added') }),
      },
    },
    async (request, reply) => {
      const runLog = await runs.log(request.actor, request.params.run_id, request.body);
      return reply.status(201).send({ ok: true as const, runLog });
    },
  );

  app.get(
    '/v1/actions/runs/:run_id/logs',
    {
      schema: {
        tags,
        summary: "A run's log lines in the order they were written",
        params: RunParams,
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 50 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
          after: Type.Optional(
            Type.String({ maxLength: 100, description: 'Portico: only the lines after this log id' }),
          ),
        }),
        response: withErrors({ 200: Ok({ runLogs: Type.Array(RunLog) }, 'The log lines') }),
      },
    },
    async (request) => {
      const q = request.query;
      const runLogs = await runs.logs(request.actor, request.params.run_id, {
        limit: q.limit ?? 50,
        ...(q.offset !== undefined ? { offset: q.offset } : {}),
        ...(q.after !== undefined ? { after: q.after } : {}),
      });
      return { ok: true as const, runLogs };
    },
  );

  app.get(
    '/v1/actions/runs/:run_id/entities',
    {
      schema: {
        tags,
        summary: 'Portico: the entities a run created, changed or deleted',
        params: RunParams,
        response: withErrors({
          200: Ok({ entities: Type.Array(RunEntity) }, 'The entities, in the order they were written'),
        }),
      },
    },
    async (request) => ({
      ok: true as const,
      entities: await runs.changedEntities(request.actor, request.params.run_id),
    }),
  );

  app.post(
    '/v1/actions/runs/claim-pending',
    {
      // Runners poll every few seconds: their claims would bury the request log.
      logLevel: 'warn',
      schema: {
        tags,
        summary: 'Runners: claim runs that wait for a runner, for a visibility timeout (§5.9)',
        body: Type.Object(
          {
            installationId: Type.String({ minLength: 1, maxLength: 200 }),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
            visibilityTimeoutMs: Type.Optional(
              Type.Integer({ minimum: 1000, maximum: 3_600_000, default: 60_000 }),
            ),
            exclude: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 1000 })),
            actions: Type.Optional(
              Type.Array(Type.String({ maxLength: 100 }), {
                maxItems: 100,
                description: 'Portico: claim only runs of these actions',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: withErrors({
          200: Ok({ runs: Type.Array(ClaimedRun) }, 'The runs claimed, each with the request to send'),
        }),
      },
    },
    async (request) => {
      const body = request.body;
      const claimed = await runs.claim(request.actor, {
        installationId: body.installationId,
        limit: body.limit ?? 10,
        visibilityTimeoutMs: body.visibilityTimeoutMs ?? 60_000,
        exclude: body.exclude ?? [],
        ...(body.actions ? { actions: body.actions } : {}),
      });
      // claimRuns keeps only the runs whose invocation it rendered: each claimed run has one.
      return { ok: true as const, runs: claimed as Static<typeof ClaimedRun>[] };
    },
  );

  app.patch(
    '/v1/actions/runs/ack',
    {
      schema: {
        tags,
        summary: 'Runners: take a claimed run for good (409 when it was taken already)',
        body: Type.Object(
          { runId: Type.String({ minLength: 1, maxLength: 100 }) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Ok({}, "The run is the runner's") }),
      },
    },
    async (request) => {
      await runs.acknowledge(request.actor, request.body.runId);
      return { ok: true as const };
    },
  );
}
