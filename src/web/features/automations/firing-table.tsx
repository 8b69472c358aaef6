import { Anchor, Badge, Code, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ActionRun } from '../../../core/action';
import { firingLogQuery } from '../../api/automation.queries';
import { DateTime } from '../../components/time';
import { RunStatusBadge } from '../actions/run-status';
import { CONDITION_FAILED_LABEL, conditionErrorOf, firingEventOf } from './firing-event';

/** An automation's firings, newest first: when, on what event, what its condition came to, and its run. */
export function FiringTable({ runs }: { runs: ActionRun[] }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing="xs" aria-label="Firings">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Event</Table.Th>
            <Table.Th>Condition</Table.Th>
            <Table.Th>Run</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => (
            <FiringRow key={run.id} run={run} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const conditionFailed = (run: ActionRun) =>
  run.status === 'FAILURE' && run.statusLabel === CONDITION_FAILED_LABEL;

function FiringRow({ run }: { run: ActionRun }) {
  const log = useQuery(firingLogQuery(run.id));
  const lines = log.data?.map((line) => line.message) ?? [];
  const failed = conditionFailed(run);
  return (
    <Table.Tr data-testid="firing" data-condition={failed ? 'failed' : 'held'}>
      <Table.Td>
        <DateTime value={run.createdAt} compact />
      </Table.Td>
      <Table.Td>
        {log.isPending ? (
          <Text size="sm" c="dimmed">
            …
          </Text>
        ) : (
          <FiringEvent run={run} line={lines[0]} />
        )}
      </Table.Td>
      <Table.Td>
        {failed ? (
          <Stack gap={4} align="flex-start">
            <Badge color="red" variant="light">
              {CONDITION_FAILED_LABEL}
            </Badge>
            <Text size="sm" c="red" data-testid="condition-error" style={{ overflowWrap: 'anywhere' }}>
              {conditionErrorOf(lines) ?? (log.isError ? 'Its log could not be read.' : '')}
            </Text>
          </Stack>
        ) : (
          <Badge color="teal" variant="light">
            Held
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <RunStatusBadge status={run.status} size="sm" />
          <Anchor
            size="sm"
            renderRoot={(props) => <Link to="/runs/$runId" params={{ runId: run.id }} {...props} />}
          >
            {run.id}
          </Anchor>
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

/** The event, linked to its entity while that exists, or to the run it is about. */
function FiringEvent({ run, line }: { run: ActionRun; line: string | undefined }) {
  const event = firingEventOf(line);
  if (!event)
    return (
      <Text size="sm" c="dimmed">
        {line ?? 'Unknown event'}
      </Text>
    );
  if (event.kind === 'run')
    return (
      <Text size="sm">
        <Code>{event.action}</Code> of run{' '}
        <Anchor
          size="sm"
          renderRoot={(props) => <Link to="/runs/$runId" params={{ runId: event.runId }} {...props} />}
        >
          {event.runId}
        </Anchor>{' '}
        <Text span size="xs" c="dimmed">
          {event.id}
        </Text>
      </Text>
    );
  // The run names the event's entity, and whether it exists now.
  const entity = run.entity?.identifier ?? event.entity;
  const blueprint = run.blueprint?.identifier ?? event.blueprint;
  const name = run.entity?.title || entity;
  return (
    <Text size="sm">
      <Code>{event.action}</Code> of{' '}
      {run.entity && !run.entity.deleted ? (
        <Anchor
          size="sm"
          renderRoot={(props) => (
            <Link to="/catalog/$blueprint/$entity" params={{ blueprint, entity }} {...props} />
          )}
        >
          {name}
        </Anchor>
      ) : (
        <Text span size="sm">
          {name}
          {run.entity?.deleted && ' (deleted)'}
        </Text>
      )}{' '}
      <Text span size="xs" c="dimmed">
        {blueprint} · {event.id}
      </Text>
    </Text>
  );
}
