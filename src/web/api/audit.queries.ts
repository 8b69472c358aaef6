import { infiniteQueryOptions } from '@tanstack/react-query';
import { api } from './client';

export interface AuditRecord {
  identifier: string;
  action: 'CREATE' | 'UPDATE' | 'DELETE';
  resourceType: string;
  status: 'SUCCESS' | 'FAILURE';
  trigger: { by: { userId: string }; origin: string; at: string };
  context: Record<string, unknown>;
  diff: { before: unknown; after: unknown };
  message?: string;
}

export interface AuditFilter {
  blueprint?: string;
  entity?: string;
  identifier?: string;
  resources?: string[];
  action?: string;
  status?: string;
  origin?: string[];
  from?: string;
  to?: string;
}

const PAGE = 50;

function auditPath(filter: AuditFilter, to?: string) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...(to ? { to } : {}) })) {
    if (value === undefined || value === '') continue;
    for (const one of ([] as string[]).concat(value)) params.append(key, one);
  }
  params.set('limit', String(PAGE + 1));
  return `/v1/audit-log?${params}`;
}

/**
 * Newest first, a page at a time: the next page ends at the last record's time. A page asks for one more
 * record than it shows, so it knows whether another page follows.
 */
export const auditQuery = (filter: AuditFilter) =>
  infiniteQueryOptions({
    queryKey: ['audit', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) => {
      const { audits } = await api.get<{ audits: AuditRecord[] }>(auditPath(filter, pageParam), signal);
      const more = audits.length > PAGE;
      const shown = audits.slice(0, PAGE);
      return { audits: shown, next: more ? shown[shown.length - 1]?.trigger.at : undefined };
    },
    getNextPageParam: (page) => page.next,
  });
