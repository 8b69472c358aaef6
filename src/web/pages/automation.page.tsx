import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { isAutomation } from '../../core/action';
import { actionQuery } from '../api/action.queries';
import { FIRING_LIMIT, firingListQuery, type Automation } from '../api/automation.queries';
import { isNotFound } from '../api/client';
import { isActive } from '../api/run.queries';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/problem';
import { AutomationDetails } from '../features/automations/automation-details';
import { FiringTable } from '../features/automations/firing-table';
import { PublishSwitch } from '../features/automations/publish-switch';
import { NotFoundPage } from './not-found.page';

/** One automation: its definition, and each time it fired, newest first, with its condition's result and run. */
export function AutomationPage() {
  const { automation: identifier } = useParams({ from: '/app/automations/$automation' });
  const action = useQuery(actionQuery(identifier));

  if (isNotFound(action.error)) return <NotFoundPage what={`Automation “${identifier}” does not exist`} />;
  if (action.isError) return <Problem error={action.error} retry={() => void action.refetch()} />;
  if (action.isPending) return <Loading label="Loading the automation…" />;
  if (!isAutomation(action.data))
    return <NotFoundPage message={`“${identifier}” is a self-service action, not an automation.`} />;
  const automation = action.data as Automation;
  const title = automation.title || automation.identifier;
  return (
    <Page title={`${title} · automation`} heading={title}>
      <Text size="sm" c="dimmed">
        Automation {automation.identifier} ·{' '}
        <Anchor size="sm" renderRoot={(props) => <Link to="/automations" {...props} />}>
          Automations
        </Anchor>
      </Text>
      <Card withBorder padding="lg">
        <Group justify="space-between" align="flex-start">
          <Stack gap="sm" style={{ flex: 1 }}>
            {automation.description && <Text size="sm">{automation.description}</Text>}
            <AutomationDetails automation={automation} />
          </Stack>
          <PublishSwitch automation={automation} />
        </Group>
      </Card>
      <Firings automation={automation.identifier} />
    </Page>
  );
}

function Firings({ automation }: { automation: string }) {
  const firings = useQuery({
    ...firingListQuery(automation),
    // Firings under way end by themselves: look again now and then while any is shown, as My runs does.
    refetchInterval: (q) => (q.state.data?.some((r) => isActive(r.status)) ? 5000 : false),
  });
  return (
    <Stack gap="xs" component="section" aria-label="Firings">
      <Group justify="space-between">
        <Title order={2} size="h4">
          Firings
        </Title>
        <Button
          variant="default"
          size="xs"
          loading={firings.isFetching}
          onClick={() => void firings.refetch()}
        >
          Refresh
        </Button>
      </Group>
      {firings.isPending && <Loading label="Loading the firings…" />}
      {firings.isError && <Problem error={firings.error} retry={() => void firings.refetch()} />}
      {firings.isSuccess && firings.data.length === 0 && (
        <Empty>It has not fired yet: it fires when its event happens and its condition holds.</Empty>
      )}
      {firings.isSuccess && firings.data.length > 0 && <FiringTable runs={firings.data} />}
      {firings.data?.length === FIRING_LIMIT && (
        <Text size="sm" c="dimmed">
          The latest {FIRING_LIMIT} firings are shown.
        </Text>
      )}
    </Stack>
  );
}
