import { Alert, Button, Code, Group, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Integration } from '../../../core/integration';
import {
  deleteIntegration,
  integrationListQuery,
  integrationQuery,
  requestResync,
} from '../../api/integration.queries';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Problem } from '../../components/problem';
import { DateTime } from '../../components/time';

/**
 * Ask the integration for a resync, or delete it (after a confirmation). What changes is read again: the
 * integration's page after a resync request, the list after a deletion (`onDeleted` leaves the page).
 */
export function IntegrationActions({
  integration,
  onDeleted,
}: {
  integration: Integration;
  onDeleted: () => Promise<void>;
}) {
  const queryClient = useQueryClient();
  const { identifier } = integration;
  const [requesting, setRequesting] = useState(false);
  const [requested, setRequested] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);

  async function resync() {
    setRequesting(true);
    setError(null);
    setRequested(null);
    try {
      const answered = await requestResync(identifier);
      queryClient.setQueryData(integrationQuery(identifier).queryKey, answered);
      setRequested(answered.resyncRequest?.updatedAt ?? new Date().toISOString());
      void queryClient.invalidateQueries({ queryKey: ['integrations'] });
    } catch (caught) {
      setError(caught);
    } finally {
      setRequesting(false);
    }
  }

  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Button loading={requesting} onClick={() => void resync()}>
          Request resync
        </Button>
        <Button color="red" variant="light" onClick={() => setConfirming(true)}>
          Delete integration
        </Button>
      </Group>
      {requested && (
        <Alert
          color="teal"
          role="status"
          title="Resync requested"
          withCloseButton
          onClose={() => setRequested(null)}
        >
          Asked at <DateTime value={requested} />. The integration starts it the next time it checks for
          requests (Ocean’s polling listener); one run once (<Code>ONCE</Code>) does not check.
        </Alert>
      )}
      {error !== null && <Problem error={error} title="Resync not requested" />}
      {confirming && (
        <ConfirmDialog
          title={`Delete integration ${identifier}?`}
          confirmLabel="Delete integration"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            await deleteIntegration(identifier);
            // Gone from the list before it shows again (its row would read what no longer exists), then
            // the list is read anew.
            queryClient.setQueryData(integrationListQuery().queryKey, (list) =>
              list?.filter((one) => one.identifier !== identifier),
            );
            await onDeleted();
            queryClient.removeQueries({ queryKey: ['integrations', 'one', identifier] });
            void queryClient.invalidateQueries({ queryKey: ['integrations', 'list'] });
          }}
        >
          Its mapping, logs, metrics and sync counts are deleted. The entities it wrote stay in the catalog.
          An integration still running creates itself again at its next start: stop it first.
        </ConfirmDialog>
      )}
    </Stack>
  );
}
