import { Type } from '@sinclair/typebox';
import type { App } from '../http/route-types.js';
import { AUDIT_MAX_LIMIT, type AuditService } from './audit.service.js';

// Port's resource types, and Portico's credentials (Port's apps) and organisation secrets.
const Resource = Type.Union(
  [
    'blueprint',
    'entity',
    'run',
    'webhook',
    'scorecard',
    'action',
    'integration',
    'credentials',
    'secret',
  ].map((r) => Type.Literal(r)),
);

const AUDIT_FIELDS = [
  'action',
  'context',
  'diff',
  'identifier',
  'resourceType',
  'status',
  'trigger',
  'additionalData',
  'message',
];
const Field = Type.Union(AUDIT_FIELDS.map((f) => Type.Literal(f)));

function pickFields(record: Record<string, unknown>, fields: string[]) {
  return Object.fromEntries(Object.entries(record).filter(([key]) => fields.includes(key)));
}

export function auditRoutes(app: App, audit: AuditService) {
  app.get(
    '/v1/audit-log',
    {
      schema: {
        tags: ['Audit'],
        summary: 'Read the audit log, newest first',
        querystring: Type.Object({
          identifier: Type.Optional(Type.String()),
          entity: Type.Optional(Type.String()),
          blueprint: Type.Optional(Type.String()),
          resources: Type.Optional(Type.Union([Type.Array(Resource), Resource])),
          action: Type.Optional(
            Type.Union([Type.Literal('CREATE'), Type.Literal('UPDATE'), Type.Literal('DELETE')]),
          ),
          status: Type.Optional(Type.Union([Type.Literal('SUCCESS'), Type.Literal('FAILURE')])),
          origin: Type.Optional(Type.Union([Type.Array(Type.String()), Type.String()])),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: AUDIT_MAX_LIMIT })),
          includes: Type.Optional(Type.Union([Type.Array(Field), Field])),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const list = (v: string | string[] | undefined) =>
        v === undefined ? undefined : ([] as string[]).concat(v);
      const iso = (v: string | undefined) => (v === undefined ? undefined : new Date(v).toISOString());
      const audits = await audit.list(request.actor, {
        ...q,
        resources: list(q.resources),
        origin: list(q.origin),
        from: iso(q.from),
        to: iso(q.to),
      });
      const fields = list(q.includes);
      return { ok: true, audits: fields ? audits.map((a) => pickFields(a, fields)) : audits };
    },
  );
}
