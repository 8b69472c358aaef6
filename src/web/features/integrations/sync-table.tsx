import { Badge, Button, Table, Text } from '@mantine/core';
import type { IntegrationSync } from '../../../core/integration';
import { DateTime } from '../../components/time';
import { isOver, stateColor } from './integration-status';
import { LastError } from './sync-counts';

/**
 * An integration's syncs, newest first: when each began and ended, its state (as its metrics say) and
 * Portico's counts of its writes. Each row's button shows that sync's metrics.
 */
export function SyncTable({
  syncs,
  chosen,
  onChoose,
}: {
  syncs: IntegrationSync[];
  /** The sync whose metrics are shown. */
  chosen: string | undefined;
  onChoose: (eventId: string) => void;
}) {
  const tight = { whiteSpace: 'nowrap' } as const;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="xs" highlightOnHover aria-label="Syncs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>Ended</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th ta="right">Created</Table.Th>
            <Table.Th ta="right">Updated</Table.Th>
            <Table.Th ta="right">Deleted</Table.Th>
            <Table.Th ta="right">Failed</Table.Th>
            <Table.Th>Last error</Table.Th>
            <Table.Th>Metrics</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {syncs.map((sync) => {
            const selected = sync.eventId === chosen;
            return (
              <Table.Tr
                key={sync.eventId}
                data-event-id={sync.eventId}
                bg={selected ? 'var(--mantine-color-default-hover)' : undefined}
              >
                <Table.Td style={tight}>
                  <DateTime value={sync.createdAt} compact />
                </Table.Td>
                <Table.Td style={tight}>
                  {isOver(sync.syncState) ? (
                    <DateTime value={sync.updatedAt} compact />
                  ) : (
                    <Text size="sm" c="dimmed">
                      {sync.syncState ? 'not yet' : 'not reported'}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge color={stateColor(sync.syncState)} variant="light" size="sm" miw="max-content">
                    {sync.syncState ?? 'unknown'}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">{sync.created}</Table.Td>
                <Table.Td ta="right">{sync.updated}</Table.Td>
                <Table.Td ta="right">{sync.deleted}</Table.Td>
                <Table.Td
                  ta="right"
                  c={sync.failed > 0 ? 'red' : undefined}
                  fw={sync.failed > 0 ? 600 : undefined}
                >
                  {sync.failed}
                </Table.Td>
                <Table.Td maw={360}>
                  {sync.lastError ? (
                    <LastError error={sync.lastError} lines={3} />
                  ) : (
                    <Text size="sm" c="dimmed">
                      none
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant={selected ? 'light' : 'subtle'}
                    aria-pressed={selected}
                    aria-label={`Metrics of the sync ${sync.eventId}`}
                    onClick={() => onChoose(sync.eventId)}
                  >
                    {selected ? 'Shown' : 'Show'}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
