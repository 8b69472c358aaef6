import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { ApiError } from '../api/client';

/** What went wrong and what to do next, for an error a query or a write answered. Takes focus. */
export function Problem({ error, retry, title }: { error: unknown; retry?: () => void; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [error]);
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert ref={ref} tabIndex={-1} color="red" title={title ?? headline(error)} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message}</Text>
        {nextStep(error) && (
          <Text size="sm" c="dimmed">
            {nextStep(error)}
          </Text>
        )}
        {retry && (
          <Button size="xs" variant="light" color="red" onClick={retry}>
            Try again
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

function headline(error: unknown) {
  if (!(error instanceof ApiError)) return 'Something went wrong';
  if (error.status === 0) return 'Portico cannot be reached';
  if (error.status === 403) return 'Not allowed';
  if (error.status === 409 || error.status === 412) return 'Changed meanwhile';
  if (error.status === 429) return 'Too many requests';
  if (error.status >= 500) return 'Portico could not answer';
  return 'Refused';
}

function nextStep(error: unknown) {
  if (!(error instanceof ApiError)) return undefined;
  if (error.status === 403) return 'Ask an Admin or the blueprint’s moderator for the permission.';
  if (error.status === 412)
    return 'Someone changed it after you opened it: reload to see their change, then edit again.';
  if (error.status === 429) return 'Wait a moment, then try again.';
  if (error.status === 503) return 'The query took too long or the database is busy: narrow it or retry.';
  if (error.status >= 500) return 'Retry; if it persists, the server log has the details.';
  return undefined;
}

export function Loading({ label }: { label: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <Center py="xl">
      <Text c="dimmed" size="sm">
        {children}
      </Text>
    </Center>
  );
}
