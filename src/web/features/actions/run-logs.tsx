import { Stack, Text, Title } from '@mantine/core';
import type { ActionRun } from '../../../core/action';
import { useRunLogs } from '../../api/run-stream';
import { isActive } from '../../api/run.queries';
import { localTime } from '../../components/time';
import { Problem } from '../../components/problem';

/** A run's log, growing as its backend writes; mount keyed by the run's id. */
export function RunLogs({ run }: { run: ActionRun }) {
  const { logs, error } = useRunLogs(run);
  return (
    <Stack gap="xs" component="section" aria-label="Logs">
      <Title order={2} size="h4">
        Logs
      </Title>
      {error !== null && <Problem error={error} title="The log could not be read" />}
      {logs.length === 0 ? (
        <Text size="sm" c="dimmed">
          {isActive(run.status) ? 'No log lines yet; they appear here as they are written.' : 'No log lines.'}
        </Text>
      ) : (
        <ol className="run-log" role="log" aria-label="Run log" data-testid="run-log">
          {logs.map((line) => (
            <li key={line.id}>
              <time dateTime={line.createdAt}>{localTime(Date.parse(line.createdAt))}</time>
              <span>{line.message}</span>
            </li>
          ))}
        </ol>
      )}
    </Stack>
  );
}
