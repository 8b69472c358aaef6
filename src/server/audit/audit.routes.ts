import { Type, type Static } from '@sinclair/typebox';
import { AnyJson, Ok, open, withErrors } from '../http/responses.js';
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

const includable = (description: string) => ({
  description: `${description} (left out when includes is given and does not name it)`,
});

/** One record, Port's shape; `includes` keeps only the fields it names, so each may be absent. */
const AuditRecord = open({
  identifier: Type.Optional(Type.String(includable('the identifier of the resource written'))),
  action: Type.Optional(
    Type.Union(
      [Type.Literal('CREATE'), Type.Literal('UPDATE'), Type.Literal('DELETE'), Type.Literal('TIMER_EXPIRED')],
      includable('what was done (TIMER_EXPIRED: a timer property of the entity expired)'),
    ),
  ),
  resourceType: Type.Optional(
    Type.Union(
      [
        Type.Literal('blueprint'),
        Type.Literal('entity'),
        Type.Literal('credentials'),
        Type.Literal('secret'),
        Type.Literal('action'),
        Type.Literal('run'),
        Type.Literal('integration'),
      ],
      includable('the kind of resource written'),
    ),
  ),
  status: Type.Optional(
    Type.Union([Type.Literal('SUCCESS'), Type.Literal('FAILURE')], includable('whether it succeeded')),
  ),
  trigger: Type.Optional(
    open(
      {
        by: open({ userId: Type.String({ description: 'the actor: a user email or a client id' }) }),
        origin: Type.String({ description: 'API, UI or SYSTEM' }),
        at: Type.String({ format: 'date-time' }),
      },
      includable('who wrote it, through what, and when'),
    ),
  ),
  context: Type.Optional(open({}, includable('the resources it concerns, e.g. {blueprint, entity}'))),
  diff: Type.Optional(
    open(
      {
        before: { ...AnyJson, description: 'the resource before (null when created)' },
        after: { ...AnyJson, description: 'the resource after (null when deleted)' },
      },
      includable('the resource before and after'),
    ),
  ),
  message: Type.Optional(Type.String(includable('what happened, in words, where a record has one'))),
});

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
            Type.Union([
              Type.Literal('CREATE'),
              Type.Literal('UPDATE'),
              Type.Literal('DELETE'),
              Type.Literal('TIMER_EXPIRED'),
            ]),
          ),
          status: Type.Optional(Type.Union([Type.Literal('SUCCESS'), Type.Literal('FAILURE')])),
          origin: Type.Optional(Type.Union([Type.Array(Type.String()), Type.String()])),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: AUDIT_MAX_LIMIT })),
          includes: Type.Optional(Type.Union([Type.Array(Field), Field])),
        }),
        response: withErrors({
          200: Ok({ audits: Type.Array(AuditRecord) }, 'The matching records, newest first'),
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
      // The columns hold what AuditRecord allows (action, status, resourceType), read back as text.
      const records = audits as unknown as Array<Static<typeof AuditRecord>>;
      return { ok: true as const, audits: fields ? records.map((a) => pickFields(a, fields)) : records };
    },
  );
}
