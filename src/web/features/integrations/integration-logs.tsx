import { Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { integrationLogsQuery } from '../../api/integration.queries';
import { Loading, Problem } from '../../components/problem';
import { LOG_LEVELS, levelsFrom, type LogLevel } from './integration-search';

const ALL = 'ALL';
/** A log line's moment to the second, in the reader's time zone. */
const lineTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/**
 * The log lines the integration shipped, newest first, from a lowest level on; "Load older" reads the page
 * before the oldest shown. `live` refetches them now and then (while a resync runs).
 */
export function IntegrationLogs({
  integration,
  level,
  onLevelChange,
  live,
}: {
  integration: string;
  level: LogLevel | undefined;
  onLevelChange: (level: LogLevel | undefined) => void;
  live: boolean;
}) {
  const logs = useInfiniteQuery({
    ...integrationLogsQuery(integration, levelsFrom(level)),
    refetchInterval: live ? 5000 : false,
  });
  const lines = logs.data?.pages.flat() ?? [];
  const moreFailed = logs.isFetchNextPageError ? logs.error : null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="integration-logs">
      <Group justify="space-between" align="flex-end">
        <Title order={3} size="h4" id="integration-logs">
          Logs
        </Title>
        <Select
          label="Level"
          size="xs"
          w={200}
          allowDeselect={false}
          data={[
            { value: ALL, label: 'All levels' },
            ...LOG_LEVELS.map(({ value, label }) => ({ value, label })),
          ]}
          value={level ?? ALL}
          onChange={(value) =>
            onLevelChange(value === ALL || value === null ? undefined : (value as LogLevel))
          }
        />
      </Group>
      {logs.isPending && <Loading label="Loading the log…" />}
      {logs.isError && !moreFailed && <Problem error={logs.error} retry={() => void logs.refetch()} />}
      {logs.isSuccess && lines.length === 0 && (
        <Text size="sm" c="dimmed">
          {level
            ? 'No log lines at this level.'
            : 'No log lines yet: the integration ships them as it runs (its logAttributes.ingestUrl).'}
        </Text>
      )}
      {lines.length > 0 && (
        <ol className="run-log integration-log" role="log" aria-label="Integration log">
          {lines.map((line) => (
            <li key={line.id}>
              <time dateTime={line.timestamp} title={line.timestamp}>
                {Number.isNaN(Date.parse(line.timestamp))
                  ? line.timestamp
                  : lineTime.format(Date.parse(line.timestamp))}
              </time>
              <span className="level" data-level={line.level}>
                {line.level}
              </span>
              <span>{line.message}</span>
            </li>
          ))}
        </ol>
      )}
      {logs.isSuccess && lines.length > 0 && (
        <Group justify="center">
          {logs.hasNextPage ? (
            <Button
              variant="default"
              size="xs"
              loading={logs.isFetchingNextPage}
              onClick={() => void logs.fetchNextPage()}
            >
              Load older
            </Button>
          ) : (
            <Text size="sm" c="dimmed" role="status">
              {lines.length === 1 ? 'The only line.' : `All ${lines.length} lines shown.`}
            </Text>
          )}
        </Group>
      )}
      {moreFailed && <Problem error={moreFailed} retry={() => void logs.fetchNextPage()} />}
    </Stack>
  );
}
