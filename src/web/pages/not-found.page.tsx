import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useEffect } from 'react';

/**
 * A missing page, blueprint or entity, and one the signed-in person may not read: the same page. `message`
 * is the whole sentence; otherwise `what` is followed by "or you may not see it".
 */
export function NotFoundPage({ what, message }: { what?: string; message?: string }) {
  useEffect(() => {
    document.title = 'Not found · Portico';
  }, []);
  return (
    <Stack align="flex-start" p="md" role="alert">
      <Title order={1} size="h2">
        Not found
      </Title>
      <Text>{message ?? `${what ?? 'This page does not exist'}, or you may not see it.`}</Text>
      <Text c="dimmed" size="sm">
        Check the address, or ask its owners for access.
      </Text>
      <Button component={Link} to="/catalog" variant="light">
        Back to the catalog
      </Button>
    </Stack>
  );
}
