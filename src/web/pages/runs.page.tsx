import { SegmentedControl, Tabs, Text } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { isActive, RUN_LIST_LIMIT, runListQuery, type RunListFilter } from '../api/run.queries';
import { sessionQuery } from '../api/session.queries';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/problem';
import { RunTable } from '../features/actions/run-table';
import { parseRunFilter, RUN_FILTERS } from '../features/actions/run-statuses';

/**
 * One's own runs, newest first, filtered by status; or the runs that wait for one's decision (for approvers,
 * whom Portico tells by webhook at most). View and filter live in the URL.
 */
export function RunsPage() {
  const { status, view } = useSearch({ from: '/app/runs' });
  const navigate = useNavigate({ from: '/runs' });
  const { data: session } = useSuspenseQuery(sessionQuery());
  const approvals = view === 'approvals';
  const filter = approvals ? RUN_FILTERS.WAITING_FOR_APPROVAL : RUN_FILTERS[status ?? 'all'];
  const query: RunListFilter = approvals
    ? { awaitingMyApproval: true }
    : {
        userEmail: session?.user.email ?? '',
        ...(filter.active !== undefined ? { active: filter.active } : {}),
      };
  const runs = useQuery({
    ...runListQuery(query),
    // Runs under way change by themselves: look again now and then while any is shown.
    refetchInterval: (q) => (q.state.data?.some((r) => isActive(r.status)) ? 5000 : false),
  });
  const shown = runs.data?.filter((run) => filter.matches(run.status)) ?? [];

  return (
    <Page title="My runs">
      <Tabs
        value={approvals ? 'approvals' : 'mine'}
        onChange={(next) =>
          void navigate({ search: next === 'approvals' ? { view: 'approvals' } : {}, replace: true })
        }
      >
        <Tabs.List aria-label="Runs to show">
          <Tabs.Tab value="mine">Started by me</Tabs.Tab>
          <Tabs.Tab value="approvals">Awaiting approval</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {!approvals && (
        <SegmentedControl
          aria-label="Status"
          value={status ?? 'all'}
          onChange={(value) => void navigate({ search: { status: parseRunFilter(value) }, replace: true })}
          data={Object.entries(RUN_FILTERS).map(([value, f]) => ({ value, label: f.label }))}
          maw="100%"
          style={{ overflowX: 'auto' }}
        />
      )}
      {runs.isPending && <Loading label="Loading the runs…" />}
      {runs.isError && <Problem error={runs.error} retry={() => void runs.refetch()} />}
      {runs.isSuccess && shown.length === 0 && (
        <Empty>
          {approvals ? 'No run waits for your approval.' : `No runs ${status ? 'with this status' : 'yet'}.`}
        </Empty>
      )}
      {shown.length > 0 && <RunTable runs={shown} withCreator={approvals} />}
      {runs.data?.length === RUN_LIST_LIMIT && (
        <Text size="sm" c="dimmed">
          The latest {RUN_LIST_LIMIT} runs are shown.
        </Text>
      )}
    </Page>
  );
}
