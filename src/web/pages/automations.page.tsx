import { Stack, Text } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { automationListQuery } from '../api/automation.queries';
import { isAdmin, sessionQuery } from '../api/session.queries';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/problem';
import { AutomationCard } from '../features/automations/automation-card';

/** Every automation (Admins only): what starts it, its condition, whether it is published; each leads to its history. */
export function AutomationsPage() {
  const { data: session } = useSuspenseQuery(sessionQuery());
  const admin = session !== null && isAdmin(session.user);
  const automations = useQuery({ ...automationListQuery(), enabled: admin });

  let content;
  if (!admin) content = <Empty>Only Admins see and manage automations.</Empty>;
  else if (automations.isPending) content = <Loading label="Loading the automations…" />;
  else if (automations.isError)
    content = <Problem error={automations.error} retry={() => void automations.refetch()} />;
  else if (automations.data.length === 0)
    content = (
      <Empty>
        There are no automations yet: create one through the API, an action whose trigger type is
        “automation”.
      </Empty>
    );
  else
    content = (
      <Stack gap="sm">
        {automations.data.map((automation) => (
          <AutomationCard key={automation.identifier} automation={automation} />
        ))}
      </Stack>
    );

  return (
    <Page title="Automations">
      <Text size="sm" c="dimmed">
        Actions that catalog and run events start. A disabled automation fires on nothing until published
        again.
      </Text>
      {content}
    </Page>
  );
}
