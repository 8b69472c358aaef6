import { Anchor, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ActionRun } from '../../../core/action';
import { DateTime } from '../../components/time';
import { RunStatusBadge } from './run-status';

/** Runs, newest first, each a link to its page; `withCreator` adds who started it. */
export function RunTable({ runs, withCreator = false }: { runs: ActionRun[]; withCreator?: boolean }) {
  return (
    <Table striped highlightOnHover aria-label="Runs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Action</Table.Th>
          <Table.Th>Entity</Table.Th>
          <Table.Th>Status</Table.Th>
          {withCreator && <Table.Th>Started by</Table.Th>}
          <Table.Th>Started</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {runs.map((run) => (
          <Table.Tr key={run.id}>
            <Table.Td>
              <Anchor
                renderRoot={(props) => <Link to="/runs/$runId" params={{ runId: run.id }} {...props} />}
              >
                {run.action.title || run.action.identifier}
              </Anchor>
            </Table.Td>
            <Table.Td>{run.entity ? run.entity.title || run.entity.identifier : ''}</Table.Td>
            <Table.Td>
              <RunStatusBadge status={run.status} size="sm" />
              {run.statusLabel && (
                <Text span size="sm" c="dimmed" ml="xs">
                  {run.statusLabel}
                </Text>
              )}
            </Table.Td>
            {withCreator && <Table.Td>{run.createdBy}</Table.Td>}
            <Table.Td>
              <DateTime value={run.createdAt} compact />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
