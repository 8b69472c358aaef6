import { Badge } from '@mantine/core';
import type { RunStatus } from '../../../core/action';
import { RUN_STATUS_VIEW } from './run-statuses';

/** A run's status in its colour; the words say it too, for those who do not see the colour. */
export function RunStatusBadge({
  status,
  size = 'md',
  testId,
}: {
  status: RunStatus;
  size?: 'sm' | 'md' | 'lg';
  testId?: string;
}) {
  const view = Object.hasOwn(RUN_STATUS_VIEW, status)
    ? RUN_STATUS_VIEW[status]
    : { label: status, color: 'gray' };
  return (
    <Badge color={view.color} size={size} variant="light" data-status={status} data-testid={testId}>
      {view.label}
    </Badge>
  );
}
