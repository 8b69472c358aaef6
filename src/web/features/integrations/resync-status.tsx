import { Badge, Stack, Text } from '@mantine/core';
import type { Integration } from '../../../core/integration';
import { relativeTime } from '../../components/time';
import { resyncOf, stateColor } from './integration-status';

/** An integration's last resync: its status in its colour (the word says it too) and when. */
export function ResyncStatus({ integration }: { integration: Integration }) {
  const resync = resyncOf(integration);
  if (!resync)
    return (
      <Text size="sm" c="dimmed">
        No resync reported yet
      </Text>
    );
  const at = resync.at ? Date.parse(resync.at) : Number.NaN;
  return (
    <Stack gap={2} align="flex-start">
      <Badge
        color={stateColor(resync.status)}
        variant="light"
        size="sm"
        miw="max-content"
        data-status={resync.status}
      >
        {resync.status}
      </Badge>
      {!Number.isNaN(at) && (
        <Text size="xs" c="dimmed" title={resync.at}>
          {resync.ended ? 'ended' : 'started'} {relativeTime(at)}
        </Text>
      )}
    </Stack>
  );
}
