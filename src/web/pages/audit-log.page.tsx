import { Text } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { AuditFilter } from '../api/audit.queries';
import { Page } from '../components/page';
import { AuditFilters } from '../features/audit/audit-filters';
import { AuditRecords } from '../features/audit/audit-records';

/** Every change to the catalog, newest first (Admins; the server refuses anyone else). */
export function AuditLogPage() {
  const filter = useSearch({ from: '/app/audit-log' });
  const navigate = useNavigate({ from: '/audit-log' });
  const change = (next: Partial<AuditFilter>, typing = false) =>
    void navigate({ search: (previous) => ({ ...previous, ...next }), replace: typing });
  return (
    <Page title="Audit log">
      <Text size="sm" c="dimmed">
        Who changed what in the catalog and its data model, and when. Open a record to see its changes.
      </Text>
      <AuditFilters filter={filter} onChange={change} />
      <AuditRecords filter={filter} refusedTitle="Only Admins read the audit log" />
    </Page>
  );
}
