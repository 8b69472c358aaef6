import { Text } from '@mantine/core';
import { useMemo } from 'react';
import { AuditRecords } from '../features/audit/audit-records';
import { useEntityPage } from '../features/catalog/use-entity';

/** The entity's audit records with what each changed (the audit log is the Admins': others see why not). */
export function EntityHistoryPage() {
  const { params } = useEntityPage();
  const filter = useMemo(
    () => ({ blueprint: params.blueprint, entity: params.entity }),
    [params.blueprint, params.entity],
  );
  return (
    <>
      <Text size="sm" c="dimmed">
        Every change to this entity, newest first. Open a record to see what it changed.
      </Text>
      <AuditRecords filter={filter} resource={false} refusedTitle="Only Admins read an entity's history" />
    </>
  );
}
