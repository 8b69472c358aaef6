import type { AuditFilter } from '../../api/audit.queries';

export const AUDIT_RESOURCES = [
  'blueprint',
  'entity',
  'run',
  'webhook',
  'scorecard',
  'action',
  'integration',
  'credentials',
  'secret',
];
export const AUDIT_ACTIONS = ['CREATE', 'UPDATE', 'DELETE'];
export const AUDIT_STATUSES = ['SUCCESS', 'FAILURE'];
export const AUDIT_ORIGINS = ['UI', 'API', 'SYSTEM'];

const text = (value: unknown) =>
  typeof value === 'string' && value !== '' && value.length <= 1000 ? value : undefined;
const list = (value: unknown, allowed?: string[]) => {
  const values = ([] as unknown[])
    .concat(value ?? [])
    .filter((v): v is string => typeof v === 'string' && v !== '' && (!allowed || allowed.includes(v)));
  return values.length ? values.slice(0, 20) : undefined;
};
const oneOf = (value: unknown, allowed: string[]) =>
  typeof value === 'string' && allowed.includes(value) ? value : undefined;
/** The API takes RFC 3339 times: a URL's date in any form Date reads is sent as one. */
const moment = (value: unknown) => {
  const ms = typeof value === 'string' && value.length <= 100 ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
};

/** The audit log's filters, all in the URL (Port's query parameters). */
export function parseAuditSearch(search: Record<string, unknown>): AuditFilter {
  return {
    blueprint: text(search.blueprint),
    entity: text(search.entity),
    identifier: text(search.identifier),
    resources: list(search.resources, AUDIT_RESOURCES),
    action: oneOf(search.action, AUDIT_ACTIONS),
    status: oneOf(search.status, AUDIT_STATUSES),
    origin: list(search.origin),
    from: moment(search.from),
    to: moment(search.to),
  };
}
