import { infiniteQueryOptions } from '@tanstack/react-query';
import { api } from './client';

export interface AuditRecord {
  identifier: string;
  action: 'CREATE' | 'UPDATE' | 'DELETE';
  resourceType: string;
  status: 'SUCCESS' | 'FAILURE';
  trigger: { by: { userId: string }; origin: string; at: string };
  context: { blueprint?: string; entity?: string; [key: string]: unknown };
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

/** Where the next page starts: at `to`, after the `seen` records of that very time already shown. */
export interface AuditCursor {
  to: string;
  seen: number;
}

const PAGE = 50;
const API_MAX_LIMIT = 10_000;

function auditPath(filter: AuditFilter, cursor: AuditCursor | undefined, limit: number) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...(cursor ? { to: cursor.to } : {}) })) {
    if (value === undefined || value === '') continue;
    for (const one of ([] as string[]).concat(value)) params.append(key, one);
  }
  params.set('limit', String(limit));
  return `/v1/audit-log?${params}`;
}

/**
 * A page of the log after `cursor`. The API pages only by time (`to`, inclusive), and one write stamps all
 * its records with the same time, so a page boundary can fall inside a group of records of one time: the
 * next page asks again from that time for as many more as were already shown and skips them (they come
 * first, newest first as before).
 */
export async function auditPage(filter: AuditFilter, cursor?: AuditCursor, signal?: AbortSignal) {
  const seen = cursor?.seen ?? 0;
  const limit = Math.min(seen + PAGE + 1, API_MAX_LIMIT);
  const { audits } = await api.get<{ audits: AuditRecord[] }>(auditPath(filter, cursor, limit), signal);
  let skip = seen;
  const fresh = audits.filter((record) => {
    if (skip === 0 || record.trigger.at !== cursor?.to) return true;
    skip -= 1;
    return false;
  });
  const shown = fresh.slice(0, PAGE);
  const last = shown[shown.length - 1];
  const more = fresh.length > PAGE;
  if (!more || !last) return { audits: shown };
  const atLast = shown.filter((record) => record.trigger.at === last.trigger.at).length;
  const next: AuditCursor = {
    to: last.trigger.at,
    seen: atLast + (last.trigger.at === cursor?.to ? seen : 0),
  };
  return { audits: shown, next };
}

/** Newest first, a page at a time (see auditPage). */
export const auditQuery = (filter: AuditFilter) =>
  infiniteQueryOptions({
    queryKey: ['audit', filter],
    initialPageParam: undefined as AuditCursor | undefined,
    queryFn: ({ pageParam, signal }) => auditPage(filter, pageParam, signal),
    getNextPageParam: (page) => page.next,
  });

/**
 * The pages as one list. A record can come twice where pages meet (records of the same time written by
 * writes whose order in the log differs from their times): a later copy is left out.
 */
export function auditRecordsOf(pages: ReadonlyArray<{ audits: AuditRecord[] }>) {
  const shown = new Set<string>();
  const out: AuditRecord[] = [];
  for (const page of pages) {
    const keys = page.audits.map((record) => JSON.stringify(record));
    page.audits.forEach((record, i) => {
      if (!shown.has(keys[i]!)) out.push(record);
    });
    for (const key of keys) shown.add(key);
  }
  return out;
}
