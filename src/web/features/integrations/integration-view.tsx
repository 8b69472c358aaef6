import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Suspense, type ReactNode } from 'react';
import type { Integration } from '../../../core/integration';
import { isNotFound } from '../../api/client';
import { integrationQuery, integrationSyncsQuery } from '../../api/integration.queries';
import { lazyWithRetry } from '../../components/lazy';
import { Empty, Loading, Problem } from '../../components/problem';
import { DateTime } from '../../components/time';
import { IntegrationActions } from './integration-actions';
import { IntegrationLogs } from './integration-logs';
import type { IntegrationSearch, LogLevel } from './integration-search';
import { everyText, resyncOf, stateColor } from './integration-status';
import { SyncMetricsTable } from './sync-metrics-table';
import { SyncTable } from './sync-table';

const CodeView = lazyWithRetry(() =>
  import('../../components/code-view').then((m) => ({ default: m.CodeView })),
);

/** While a resync runs, what it changes is read again this often. */
const LIVE_MS = 5000;

/**
 * One integration: what it is and its last resync, its syncs (a chosen one's metrics below them), its
 * mapping and its log; resync it or delete it.
 */
export function IntegrationView({
  identifier,
  search,
  onSearchChange,
  onDeleted,
}: {
  identifier: string;
  search: IntegrationSearch;
  onSearchChange: (next: Partial<IntegrationSearch>) => void;
  onDeleted: () => Promise<void>;
}) {
  const queryClient = useQueryClient();
  const integration = useQuery({
    ...integrationQuery(identifier),
    refetchInterval: (q) => (resyncRunning(q.state.data) ? LIVE_MS : false),
  });
  const live = resyncRunning(integration.data);
  const syncs = useQuery({ ...integrationSyncsQuery(identifier), refetchInterval: live ? LIVE_MS : false });

  const back = (
    <Anchor size="sm" renderRoot={(props) => <Link to="/settings/integrations" {...props} />}>
      ← All integrations
    </Anchor>
  );
  if (integration.isPending) return <Loading label="Loading the integration…" />;
  if (isNotFound(integration.error))
    return (
      <Stack align="flex-start">
        {back}
        <Empty>There is no integration “{identifier}”: it was deleted, or never created.</Empty>
      </Stack>
    );
  if (integration.isError)
    return <Problem error={integration.error} retry={() => void integration.refetch()} />;

  const chosen = search.sync ?? syncs.data?.[0]?.eventId;
  const chosenSync = syncs.data?.find((sync) => sync.eventId === chosen);
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        {back}
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }}>
              {integration.data.title || identifier}
            </Title>
            <Text size="sm" c="dimmed">
              {integration.data.installationAppType ?? 'Unknown type'}
              {integration.data.version ? ` · version ${integration.data.version}` : ''}
              {integration.data.title ? ` · ${identifier}` : ''}
            </Text>
          </Stack>
          <Button
            variant="default"
            size="xs"
            loading={integration.isFetching || syncs.isFetching}
            onClick={() =>
              void queryClient.invalidateQueries({ queryKey: ['integrations', 'one', identifier] })
            }
          >
            Refresh
          </Button>
        </Group>
      </Stack>

      <Card withBorder padding="md">
        <Stack gap="md">
          <ResyncFacts integration={integration.data} />
          <IntegrationActions integration={integration.data} onDeleted={onDeleted} />
        </Stack>
      </Card>

      <Stack gap="xs" component="section" aria-labelledby="integration-syncs">
        <Title order={3} size="h4" id="integration-syncs">
          Syncs
        </Title>
        {syncs.isPending && <Loading label="Loading the syncs…" />}
        {syncs.isError && <Problem error={syncs.error} retry={() => void syncs.refetch()} />}
        {syncs.isSuccess && syncs.data.length === 0 && (
          <Empty>No sync yet: each resync appears here as it reports metrics or writes entities.</Empty>
        )}
        {syncs.isSuccess && syncs.data.length > 0 && (
          <SyncTable syncs={syncs.data} chosen={chosen} onChoose={(sync) => onSearchChange({ sync })} />
        )}
        {search.sync && syncs.isSuccess && !chosenSync && (
          <Text size="sm" c="dimmed">
            The sync {search.sync} is not among them.
          </Text>
        )}
      </Stack>

      {chosenSync && (
        <Stack gap="xs" component="section" aria-labelledby="integration-metrics">
          <Title order={3} size="h4" id="integration-metrics">
            Metrics of the sync started{' '}
            <Text span inherit fw="inherit">
              <DateTime value={chosenSync.createdAt} compact />
            </Text>
          </Title>
          <Text size="xs" c="dimmed">
            Sync {chosenSync.eventId}
          </Text>
          <SyncMetricsTable integration={identifier} eventId={chosenSync.eventId} />
        </Stack>
      )}

      <Mapping integration={integration.data} />

      <IntegrationLogs
        integration={identifier}
        level={search.level}
        onLevelChange={(level: LogLevel | undefined) => onSearchChange({ level })}
        live={live}
      />
    </Stack>
  );
}

const resyncRunning = (integration: Integration | undefined) =>
  integration !== undefined && resyncOf(integration)?.status === 'running';

/** The last resync's status and times, the next one, and when one was last asked for. */
function ResyncFacts({ integration }: { integration: Integration }) {
  const resync = resyncOf(integration);
  const start = integration.resyncState?.lastResyncStart;
  const end = integration.resyncState?.lastResyncEnd;
  const fact = (label: string, value: ReactNode) => (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {value}
      </Text>
    </Stack>
  );
  const moment = (value: unknown) =>
    typeof value === 'string' && value !== '' ? (
      <DateTime value={value} />
    ) : (
      <Text span c="dimmed" size="sm">
        none
      </Text>
    );
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
      {fact(
        'Last resync',
        resync ? (
          <Badge color={stateColor(resync.status)} variant="light" data-status={resync.status}>
            {resync.status}
          </Badge>
        ) : (
          <Text span c="dimmed" size="sm">
            none reported yet
          </Text>
        ),
      )}
      {fact('Started', moment(start))}
      {fact('Ended', moment(end))}
      {fact(
        'Next resync',
        resync?.next ? (
          <DateTime value={resync.next} />
        ) : resync?.intervalMinutes ? (
          everyText(resync.intervalMinutes)
        ) : (
          <Text span c="dimmed" size="sm">
            not planned
          </Text>
        ),
      )}
      {fact('Resync last requested', moment(integration.resyncRequest?.updatedAt))}
      {fact('Created', <DateTime value={integration.createdAt} />)}
      {fact('Changed', <DateTime value={integration.updatedAt} />)}
      {fact(
        'Deletion threshold',
        `${Math.round((integration.config?.entityDeletionThreshold ?? 0.9) * 100)} % of its entities per sync${
          integration.config?.entityDeletionThreshold === undefined ? ' (default)' : ''
        }`,
      )}
    </SimpleGrid>
  );
}

/** The port-app-config mapping Ocean sent, read-only. */
function Mapping({ integration }: { integration: Integration }) {
  const { config } = integration;
  return (
    <Stack gap="xs" component="section" aria-labelledby="integration-mapping">
      <Title order={3} size="h4" id="integration-mapping">
        Mapping
      </Title>
      {config ? (
        <>
          <Text size="sm" c="dimmed">
            {config.resources?.length ?? 0} {config.resources?.length === 1 ? 'kind' : 'kinds'} mapped
            {config.resources?.length
              ? `: ${config.resources.map((resource) => String(resource.kind)).join(', ')}`
              : ''}
            . The integration sends it (<code>PATCH /v1/integration/{'{identifier}'}/config</code> changes
            it).
          </Text>
          <Suspense fallback={<Loading label="Loading the mapping…" />}>
            <div data-testid="integration-mapping">
              <CodeView value={JSON.stringify(config, null, 2)} language="json" />
            </div>
          </Suspense>
        </>
      ) : (
        <Empty>No mapping yet: Ocean sends its port-app-config when it starts.</Empty>
      )}
    </Stack>
  );
}
