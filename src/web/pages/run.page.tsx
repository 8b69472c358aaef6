import { Anchor, Button, Card, Divider, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import type { ActionRun } from '../../core/action';
import { actionQuery, isSelfServiceAction } from '../api/action.queries';
import { isNotFound } from '../api/client';
import { runQuery } from '../api/run.queries';
import { Page } from '../components/page';
import { Loading, Problem } from '../components/problem';
import { CancelRun, RunApprovals } from '../features/actions/run-approvals';
import { RunEntities } from '../features/actions/run-entities';
import { RunInputs } from '../features/actions/run-inputs';
import { RunLogs } from '../features/actions/run-logs';
import { RunSummary } from '../features/actions/run-summary';
import { NotFoundPage } from './not-found.page';

/** One run: where it stands, live; its inputs, payload, log, approvals and the entities it changed. */
export function RunPage() {
  const { runId } = useParams({ from: '/app/runs/$runId' });
  const run = useQuery(runQuery(runId));
  const action = useQuery({ ...actionQuery(run.data?.action.identifier ?? ''), enabled: run.isSuccess });

  if (isNotFound(run.error)) return <NotFoundPage message={`Run “${runId}” was not found.`} />;
  if (run.isError) return <Problem error={run.error} retry={() => void run.refetch()} />;
  if (run.isPending) return <Loading label="Loading the run…" />;

  const title = run.data.action.title || run.data.action.identifier;
  // An automation's run has no form to fill again: its events start it.
  const selfService = action.data && isSelfServiceAction(action.data) ? action.data : undefined;
  const automation = action.data !== undefined && selfService === undefined;
  return (
    <Page
      title={`${title} · run`}
      heading={title}
      actions={
        <>
          <CancelRun run={run.data} />
          {!run.data.action.deleted && !automation && <RerunButton run={run.data} />}
        </>
      }
    >
      <Text size="sm" c="dimmed">
        Run {run.data.id} ·{' '}
        <Anchor size="sm" renderRoot={(props) => <Link to="/runs" search={{}} {...props} />}>
          My runs
        </Anchor>
      </Text>
      <Card withBorder padding="lg">
        <RunSummary run={run.data} />
      </Card>
      <RunApprovals run={run.data} />
      <RunEntities run={run.data} />
      <RunLogs key={run.data.id} run={run.data} />
      <Divider />
      <Stack>
        <RunInputs run={run.data} inputs={selfService?.trigger.userInputs} />
      </Stack>
    </Page>
  );
}

/** Opens the action's form filled with this run's inputs (secrets left out). */
function RerunButton({ run }: { run: ActionRun }) {
  return (
    <Button
      variant="default"
      renderRoot={(props) => (
        <Link
          to="/self-service/$action"
          params={{ action: run.action.identifier }}
          search={{ rerun: run.id, ...(run.entity ? { entity: run.entity.identifier } : {}) }}
          {...props}
        />
      )}
    >
      Re-run
    </Button>
  );
}
