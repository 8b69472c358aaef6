import { Type } from '@sinclair/typebox';
import type { IntegrationLogLine } from '../../core/integration.js';
import type { FastifyRequest } from 'fastify';
import { Nullable, Ok, open, withErrors } from '../http/responses.js';
import type { App } from '../http/route-types.js';
import type { Integration, IntegrationService } from './integration.service.js';

const tags = ['Integrations'];
const Identifier = Type.String({ minLength: 1, maxLength: 200 });
const Params = Type.Object({ identifier: Identifier });
const KindParams = Type.Object({
  identifier: Identifier,
  kind: Type.String({ minLength: 1, maxLength: 200 }),
});
const AnyBody = Type.Object({}, { additionalProperties: true });
const IntegrationSchema = open(
  {
    identifier: Type.String(),
    installationId: Type.String(),
    config: Type.Optional(Type.Union([open({}), Type.Null()])),
    resyncState: Type.Optional(open({})),
    logAttributes: open({ ingestUrl: Type.String() }),
    metricAttributes: open({ ingestUrl: Type.String() }),
  },
  { description: "an integration as Port's Ocean framework reads it" },
);
const OkWithIntegration = withErrors({ 200: Ok({ integration: IntegrationSchema }, 'the integration') });
const Done = withErrors({ 200: Ok({}, 'done') });
/** Query parameters Ocean sends that change nothing here (it sends them; Port takes them). */
const OceanQuery = Type.Object(
  {
    oceanCoreVersion: Type.Optional(Type.String()),
    isPolling: Type.Optional(Type.Boolean()),
    byField: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);

/** Where an integration ships what it reports, as absolute URLs on this server (Ocean posts to them). */
function withIngestUrls(request: FastifyRequest, integration: Integration) {
  const base = `${request.protocol}://${request.host}/v1/integration/${encodeURIComponent(integration.identifier)}`;
  return {
    ...integration,
    logAttributes: { ingestUrl: `${base}/logs-ingest` },
    metricAttributes: { ingestUrl: `${base}/metrics-ingest` },
  };
}

/**
 * Port's integrations API, as Ocean uses it (docs/integrations.md): the integration and its mapping, its
 * resync state and requests, and what it reports: logs, metrics per sync and kind, examples per kind.
 */
export function integrationRoutes(app: App, integrations: IntegrationService) {
  const answer = (request: FastifyRequest, integration: Integration) => ({
    ok: true as const,
    integration: withIngestUrls(request, integration),
  });

  app.get(
    '/v1/integration',
    {
      schema: {
        tags,
        summary: 'List integrations',
        querystring: Type.Object({}, { additionalProperties: true }),
        response: withErrors({
          200: Ok({ integrations: Type.Array(IntegrationSchema) }, 'the integrations'),
        }),
      },
    },
    async (request) => ({
      ok: true as const,
      integrations: (await integrations.list(request.actor)).map((one) => withIngestUrls(request, one)),
    }),
  );

  // Portico is one organisation; Ocean reads its feature flags (none: it writes entities through the API).
  app.get(
    '/v1/organization',
    {
      schema: {
        tags: ['Organization'],
        summary: 'The organisation: its name and feature flags (none)',
        response: withErrors({
          200: Ok(
            {
              organization: open({
                id: Type.String(),
                name: Type.String(),
                featureFlags: Type.Array(Type.String()),
              }),
            },
            'the organisation',
          ),
        }),
      },
    },
    async () => ({
      ok: true as const,
      organization: { id: 'portico', name: 'Portico', featureFlags: [] as string[] },
    }),
  );

  // Ocean asks whether Port provisions its integration type (and would create its resources): none here.
  app.get(
    '/v1/integration/provision-enabled',
    {
      schema: {
        tags,
        summary: 'The integration types this server provisions itself: none',
        response: withErrors({ 200: Ok({ integrations: Type.Array(Type.String()) }, 'none') }),
      },
    },
    async () => ({ ok: true as const, integrations: [] as string[] }),
  );

  app.get(
    '/v1/integration/:identifier',
    {
      schema: {
        tags,
        summary: 'Get an integration',
        params: Params,
        querystring: OceanQuery,
        response: OkWithIntegration,
      },
    },
    async (request) => answer(request, await integrations.get(request.actor, request.params.identifier)),
  );

  app.post(
    '/v1/integration',
    {
      schema: {
        tags,
        summary: 'Create an integration (Ocean, at its first start)',
        body: AnyBody,
        response: withErrors({ 201: Ok({ integration: IntegrationSchema }, 'the integration') }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(answer(request, await integrations.create(request.actor, request.body))),
  );

  app.patch(
    '/v1/integration/:identifier',
    {
      schema: {
        tags,
        summary: 'Change an integration (the fields given)',
        params: Params,
        body: AnyBody,
        response: OkWithIntegration,
      },
    },
    async (request) =>
      answer(request, await integrations.update(request.actor, request.params.identifier, request.body)),
  );

  app.patch(
    '/v1/integration/:identifier/config',
    {
      schema: {
        tags,
        summary: "Replace an integration's mapping (port-app-config)",
        params: Params,
        body: Type.Object({ config: Type.Union([open({}), Type.Null()]) }, { additionalProperties: true }),
        response: OkWithIntegration,
      },
    },
    async (request) =>
      answer(
        request,
        await integrations.updateConfig(request.actor, request.params.identifier, request.body.config),
      ),
  );

  app.delete(
    '/v1/integration/:identifier',
    {
      schema: { tags, summary: 'Delete an integration and what it reported', params: Params, response: Done },
    },
    async (request) => {
      await integrations.remove(request.actor, request.params.identifier);
      return { ok: true as const };
    },
  );

  app.patch(
    '/v1/integration/:identifier/resync-state',
    {
      schema: {
        tags,
        summary: "Record an integration's resync state (running, completed, failed, aborted)",
        params: Params,
        body: AnyBody,
        response: OkWithIntegration,
      },
    },
    async (request) =>
      answer(
        request,
        await integrations.updateResyncState(request.actor, request.params.identifier, request.body),
      ),
  );

  app.get(
    '/v1/integration/:identifier/resync-request',
    {
      schema: {
        tags,
        summary: 'When a resync was last asked for (Ocean resyncs when this is newer than its last)',
        params: Params,
        response: withErrors({
          200: Ok({ request: open({ updatedAt: Type.String() }) }, 'the last request'),
        }),
      },
    },
    async (request) => {
      const integration = await integrations.get(request.actor, request.params.identifier);
      return {
        ok: true as const,
        request: integration.resyncRequest ?? { updatedAt: integration.createdAt },
      };
    },
  );

  app.post(
    '/v1/integration/:identifier/resync',
    {
      schema: {
        tags,
        summary: 'Ask an integration for a resync',
        params: Params,
        response: OkWithIntegration,
      },
    },
    async (request) =>
      answer(request, await integrations.requestResync(request.actor, request.params.identifier)),
  );

  app.post(
    '/v1/integration/:identifier/kinds/:kind/examples',
    {
      schema: {
        tags,
        summary: "Keep examples of a kind's raw data (the newest 5)",
        params: KindParams,
        body: Type.Object({ examples: Type.Array(Type.Unknown(), { maxItems: 100 }) }),
        response: Done,
      },
    },
    async (request) => {
      const { identifier, kind } = request.params;
      await integrations.addKindExamples(request.actor, identifier, kind, request.body.examples);
      return { ok: true as const };
    },
  );

  app.get(
    '/v1/integration/:identifier/kinds/:kind/examples',
    {
      schema: {
        tags,
        summary: "Examples of a kind's raw data, the newest first",
        params: KindParams,
        response: withErrors({ 200: Ok({ examples: Type.Array(Type.Unknown()) }, 'the examples') }),
      },
    },
    async (request) => ({
      ok: true as const,
      examples: await integrations.kindExamples(
        request.actor,
        request.params.identifier,
        request.params.kind,
      ),
    }),
  );

  app.post(
    '/v1/integration/:identifier/logs-ingest',
    {
      schema: {
        tags,
        summary: "Keep an integration's log lines (its logAttributes.ingestUrl)",
        params: Params,
        body: Type.Object({
          logs: Type.Array(
            Type.Object(
              {
                message: Type.String({ maxLength: 100_000 }),
                level: Type.String({ maxLength: 20 }),
                timestamp: Type.String({ maxLength: 50 }),
                extra: Type.Optional(Type.Unknown()),
              },
              { additionalProperties: true },
            ),
            { maxItems: 1000 },
          ),
        }),
        response: Done,
      },
    },
    async (request) => {
      const lines = request.body.logs.map((line) => ({
        at: line.timestamp,
        level: line.level.toUpperCase(),
        message: line.message,
        extra: line.extra,
      }));
      await integrations.appendLogs(request.actor, request.params.identifier, lines);
      return { ok: true as const };
    },
  );

  app.get(
    '/v1/integration/:identifier/logs',
    {
      schema: {
        tags,
        summary: "An integration's log lines, the newest first",
        params: Params,
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 300, default: 100 })),
          log_id: Type.Optional(
            Type.Integer({
              minimum: 1,
              maximum: Number.MAX_SAFE_INTEGER,
              description: 'lines before this one',
            }),
          ),
          level: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String(), { maxItems: 10 })])),
        }),
        response: withErrors({
          200: Ok(
            {
              logs: Type.Array(
                open({
                  id: Type.Number(),
                  timestamp: Type.String(),
                  level: Type.String(),
                  message: Type.String(),
                  extra: Type.Unknown(),
                }),
              ),
            },
            'the log lines',
          ),
        }),
      },
    },
    async (request) => {
      const { limit = 100, log_id: beforeId, level } = request.query;
      const levels =
        level === undefined
          ? undefined
          : (Array.isArray(level) ? level : [level]).map((l) => l.toUpperCase());
      const lines = await integrations.logs(request.actor, request.params.identifier, {
        limit,
        ...(beforeId !== undefined ? { beforeId } : {}),
        ...(levels ? { levels } : {}),
      });
      return {
        ok: true as const,
        logs: lines.map((line): IntegrationLogLine => ({
          id: Number(line.id),
          timestamp: line.at,
          level: line.level,
          message: line.message,
          extra: line.extra,
        })),
      };
    },
  );

  const metricsBody = Type.Object(
    { syncKindsMetrics: Type.Array(AnyBody, { maxItems: 1000 }) },
    { additionalProperties: true },
  );
  app.post(
    '/v1/integration/:identifier/metrics-ingest/syncMetrics',
    {
      schema: {
        tags,
        summary: "Keep an integration's sync metrics, per kind",
        params: Params,
        body: metricsBody,
        response: Done,
      },
    },
    async (request) => {
      await integrations.putSyncMetrics(
        request.actor,
        request.params.identifier,
        request.body.syncKindsMetrics,
      );
      return { ok: true as const };
    },
  );

  app.put(
    '/v1/integration/:identifier/metrics-ingest/syncMetrics/resync/:eventId/kind/:kind',
    {
      schema: {
        tags,
        summary: "Keep an integration's metrics of one kind in one sync",
        params: Type.Object({ identifier: Identifier, eventId: Identifier, kind: Identifier }),
        body: Type.Object({ syncKindMetrics: AnyBody }, { additionalProperties: true }),
        response: Done,
      },
    },
    async (request) => {
      const { identifier, eventId, kind } = request.params;
      const metrics = { ...request.body.syncKindMetrics, eventId, kindIdentifier: kind };
      await integrations.putSyncMetrics(request.actor, identifier, [metrics]);
      return { ok: true as const };
    },
  );

  app.post(
    '/v1/integration/:identifier/metrics-ingest/heartbeat',
    {
      schema: {
        tags,
        summary: 'A running sync says it is alive',
        params: Params,
        body: AnyBody,
        response: Done,
      },
    },
    async (request) => {
      await integrations.get(request.actor, request.params.identifier);
      return { ok: true as const };
    },
  );

  const MetricsList = withErrors({
    200: Ok({ count: Type.Integer(), data: Type.Array(open({})) }, 'what the integration reported'),
  });
  app.get(
    '/v1/integration/:identifier/syncMetrics',
    {
      schema: {
        tags,
        summary: "An integration's metrics per sync and kind (one sync with resyncId)",
        params: Params,
        querystring: Type.Object({ resyncId: Type.Optional(Type.String({ maxLength: 200 })) }),
        response: MetricsList,
      },
    },
    async (request) => {
      const data = await integrations.syncMetrics(
        request.actor,
        request.params.identifier,
        request.query.resyncId,
      );
      return { ok: true as const, count: data.length, data };
    },
  );

  app.get(
    '/v1/integration/:identifier/syncsMetadata',
    {
      schema: {
        tags,
        summary: "An integration's syncs, the newest first",
        params: Params,
        response: MetricsList,
      },
    },
    async (request) => {
      const data = await integrations.syncs(request.actor, request.params.identifier);
      return { ok: true as const, count: data.length, data };
    },
  );

  app.post(
    '/v1/blueprints/entities/datasource-entities',
    {
      schema: {
        tags,
        summary:
          "The entities an integration wrote last (by $datasource's prefix and suffix), before an instant: Ocean's reconciliation",
        body: Type.Object(
          {
            datasource_prefix: Type.String({ minLength: 1, maxLength: 500 }),
            datasource_suffix: Type.String({ maxLength: 500, default: '' }),
            limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 5000 }),
            before: Type.Optional(Type.String({ maxLength: 50 })),
            from: Type.Optional(Type.String({ maxLength: 4000 })),
          },
          { additionalProperties: false },
        ),
        response: withErrors({
          200: Ok(
            {
              entities: Type.Array(
                open({ identifier: Type.String(), blueprint: Type.String(), title: Nullable(Type.String()) }),
              ),
              next: Type.Optional(
                Type.String({ description: 'the cursor of the next page (send it as from)' }),
              ),
            },
            'the entities, in creation order',
          ),
        }),
      },
    },
    async (request) => {
      const { datasource_prefix: prefix, datasource_suffix: suffix, limit, before, from } = request.body;
      return {
        ok: true as const,
        ...(await integrations.datasourceEntities(request.actor, {
          prefix,
          suffix,
          limit,
          ...(before !== undefined ? { before } : {}),
          ...(from !== undefined ? { from } : {}),
        })),
      };
    },
  );
}
