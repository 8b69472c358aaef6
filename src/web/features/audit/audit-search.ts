import type { AuditFilter } from '../../api/audit.queries';

const text = (value: unknown) =>
  typeof value === 'string' && value !== '' && value.length <= 1000 ? value : undefined;
const list = (value: unknown) => {
  const values = ([] as unknown[])
    .concat(value ?? [])
    .filter((v): v is string => typeof v === 'string' && v !== '');
  return values.length ? values.slice(0, 20) : undefined;
};

/** The audit log's filters, all in the URL (Port's query parameters). */
export function parseAuditSearch(search: Record<string, unknown>): AuditFilter {
  return {
    blueprint: text(search.blueprint),
    entity: text(search.entity),
    identifier: text(search.identifier),
    resources: list(search.resources),
    action: ['CREATE', 'UPDATE', 'DELETE'].includes(search.action as string)
      ? (search.action as string)
      : undefined,
    status: ['SUCCESS', 'FAILURE'].includes(search.status as string) ? (search.status as string) : undefined,
    origin: list(search.origin),
    from: text(search.from),
    to: text(search.to),
  };
}
