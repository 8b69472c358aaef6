import { Anchor, Code, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { Integration } from '../../../core/integration';
import { integrationListQuery, integrationSyncsQuery } from '../../api/integration.queries';
import { Loading, Problem } from '../../components/problem';
import { ResyncStatus } from './resync-status';
import { LastError, SyncCounts } from './sync-counts';

/** Every integration: what it is, its last resync, and what its latest sync wrote; each opens its page. */
export function IntegrationList() {
  const integrations = useQuery(integrationListQuery());
  if (integrations.isPending) return <Loading label="Loading the integrations…" />;
  if (integrations.isError)
    return <Problem error={integrations.error} retry={() => void integrations.refetch()} />;
  if (integrations.data.length === 0) return <NoIntegrations />;
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed" maw={720}>
        Port’s integrations (Ocean’s) that write to this catalog. Portico counts what each sync of theirs
        creates, updates, deletes and fails to write.
      </Text>
      <Table.ScrollContainer minWidth={800}>
        <Table verticalSpacing="sm" highlightOnHover aria-label="Integrations">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Integration</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Last resync</Table.Th>
              <Table.Th>Latest sync</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {integrations.data.map((integration) => (
              <IntegrationRow key={integration.identifier} integration={integration} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function IntegrationRow({ integration }: { integration: Integration }) {
  const { identifier } = integration;
  return (
    <Table.Tr data-integration={identifier}>
      <Table.Td>
        <Stack gap={0}>
          <Anchor
            size="sm"
            fw={500}
            style={{ overflowWrap: 'anywhere' }}
            renderRoot={(props) => (
              <Link
                to="/settings/integrations/$integration"
                params={{ integration: identifier }}
                {...props}
              />
            )}
          >
            {identifier}
          </Anchor>
          {integration.title && (
            <Text size="xs" c="dimmed">
              {integration.title}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{integration.installationAppType ?? 'unknown type'}</Text>
        {integration.version && (
          <Text size="xs" c="dimmed">
            version {integration.version}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <ResyncStatus integration={integration} />
      </Table.Td>
      <Table.Td maw={380}>
        <LatestSync identifier={identifier} />
      </Table.Td>
    </Table.Tr>
  );
}

/** The newest sync's counts (its own request: the list answers none). */
function LatestSync({ identifier }: { identifier: string }) {
  const syncs = useQuery(integrationSyncsQuery(identifier));
  if (syncs.isPending)
    return (
      <Text size="sm" c="dimmed">
        …
      </Text>
    );
  if (syncs.isError)
    return (
      <Text size="sm" c="red">
        Its syncs could not be read: {syncs.error.message}
      </Text>
    );
  const latest = syncs.data[0];
  if (!latest)
    return (
      <Text size="sm" c="dimmed">
        No sync yet
      </Text>
    );
  return (
    <Stack gap={2}>
      <SyncCounts sync={latest} />
      {latest.lastError && <LastError error={latest.lastError} />}
    </Stack>
  );
}

/** How to connect one: Ocean creates its integration here at its first start. */
function NoIntegrations() {
  return (
    <Stack gap="xs" py="lg" maw={720} role="status">
      <Text fw={500}>No integrations yet.</Text>
      <Text size="sm" c="dimmed">
        An Ocean integration (GitHub, GitLab, Kubernetes, PagerDuty…) appears here at its first start. Point
        it at Portico with <Code>OCEAN__PORT__BASE_URL</Code> (this server’s address),{' '}
        <Code>OCEAN__PORT__CLIENT_ID</Code> and <Code>OCEAN__PORT__CLIENT_SECRET</Code> (an Admin’s
        credentials, from the Credentials tab) and <Code>OCEAN__INTEGRATION__IDENTIFIER</Code>;{' '}
        <Code>docs/integrations.md</Code> has the details.
      </Text>
    </Stack>
  );
}
