import { Stack, Switch } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { setPublished, type Automation } from '../../api/automation.queries';
import { Problem } from '../../components/problem';

/** Publishes or disables an automation: a disabled one fires on nothing until published again. */
export function PublishSwitch({ automation }: { automation: Automation }) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const toggle = async (publish: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await setPublished(queryClient, automation, publish);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs" align="flex-end">
      <Switch
        label="Published"
        checked={automation.publish !== false}
        disabled={busy}
        onChange={(event) => void toggle(event.currentTarget.checked)}
      />
      {error !== null && <Problem error={error} title="The automation was not changed" />}
    </Stack>
  );
}
