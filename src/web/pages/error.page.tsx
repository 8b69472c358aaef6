import { Stack } from '@mantine/core';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { isNotFound } from '../api/client';
import { Problem } from '../components/problem';
import { NotFoundPage } from './not-found.page';

export function ErrorPage({ error, reset }: ErrorComponentProps) {
  if (isNotFound(error)) return <NotFoundPage what={(error as Error).message} />;
  return (
    <Stack p="md">
      <Problem error={error} retry={reset} />
    </Stack>
  );
}
