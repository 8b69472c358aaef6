import { Badge, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { syncMetricsQuery } from '../../api/integration.queries';
import { Empty, Loading, Problem } from '../../components/problem';
import { DateTime } from '../../components/time';
import { stateColor } from './integration-status';
import { metricLines } from './sync-metrics';

/** One sync's metrics as the integration reported them, a row per kind. */
export function SyncMetricsTable({ integration, eventId }: { integration: string; eventId: string }) {
  const metrics = useQuery(syncMetricsQuery(integration, eventId));
  if (metrics.isPending) return <Loading label="Loading the sync’s metrics…" />;
  if (metrics.isError) return <Problem error={metrics.error} retry={() => void metrics.refetch()} />;
  if (metrics.data.length === 0)
    return <Empty>This sync reported no metrics: the counts above are Portico’s, from its writes.</Empty>;
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table verticalSpacing="xs" aria-label="Metrics by kind">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Kind</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>Reported</Table.Th>
            <Table.Th>Metrics</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {metrics.data.map((kind) => {
            const lines = metricLines(kind.metrics);
            return (
              <Table.Tr key={kind.kindIdentifier}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {kind.kind ?? kind.kindIdentifier}
                  </Text>
                  {kind.kind && kind.kind !== kind.kindIdentifier && (
                    <Text size="xs" c="dimmed">
                      {kind.kindIdentifier}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {kind.syncState ? (
                    <Badge color={stateColor(kind.syncState)} variant="light" size="sm" miw="max-content">
                      {kind.syncState}
                    </Badge>
                  ) : (
                    <Text size="sm" c="dimmed">
                      unknown
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <DateTime value={kind.updatedAt} compact />
                </Table.Td>
                <Table.Td>
                  {lines.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      none
                    </Text>
                  ) : (
                    <dl className="metric-list">
                      {lines.map((line, i) => (
                        <div key={`${i}:${line.label}`}>
                          <dt>{line.label}</dt>
                          <dd>{line.value}</dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
