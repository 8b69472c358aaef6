import { Anchor, SegmentedControl, Table, Text } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { isActive, RUN_LIST_LIMIT, runListQuery } from '../api/run.queries';
import { sessionQuery } from '../api/session.queries';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/problem';
import { DateTime } from '../components/time';
import { RunStatusBadge } from '../features/actions/run-status';
import { parseRunFilter, RUN_FILTERS } from '../features/actions/run-statuses';

/** One's own runs, newest first, filtered by status (in the URL). */
export function RunsPage() {
  const { status } = useSearch({ from: '/app/runs' });
  const navigate = useNavigate({ from: '/runs' });
  const { data: session } = useSuspenseQuery(sessionQuery());
  const email = session?.user.email ?? '';
  const filter = RUN_FILTERS[status ?? 'all'];
  const runs = useQuery({
    ...runListQuery({ userEmail: email, ...(filter.active !== undefined ? { active: filter.active } : {}) }),
    // Runs under way change by themselves: look again now and then while any is shown.
    refetchInterval: (query) => (query.state.data?.some((r) => isActive(r.status)) ? 5000 : false),
  });
  const shown = runs.data?.filter((run) => filter.matches(run.status)) ?? [];

  return (
    <Page title="My runs">
      <SegmentedControl
        aria-label="Status"
        value={status ?? 'all'}
        onChange={(value) =>
          void navigate({
            search: { status: parseRunFilter(value) },
            replace: true,
          })
        }
        data={Object.entries(RUN_FILTERS).map(([value, f]) => ({ value, label: f.label }))}
        maw="100%"
        style={{ overflowX: 'auto' }}
      />
      {runs.isPending && <Loading label="Loading your runs…" />}
      {runs.isError && <Problem error={runs.error} retry={() => void runs.refetch()} />}
      {runs.isSuccess && shown.length === 0 && <Empty>No runs {status ? 'with this status' : 'yet'}.</Empty>}
      {shown.length > 0 && (
        <Table striped highlightOnHover aria-label="Runs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Action</Table.Th>
              <Table.Th>Entity</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Started</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((run) => (
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
                <Table.Td>
                  <DateTime value={run.createdAt} compact />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {runs.data?.length === RUN_LIST_LIMIT && (
        <Text size="sm" c="dimmed">
          Your latest {RUN_LIST_LIMIT} runs are shown.
        </Text>
      )}
    </Page>
  );
}
