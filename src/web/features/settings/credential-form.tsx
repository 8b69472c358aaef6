import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { createCredentials, renameCredentials, type PortApp } from '../../api/credential.queries';
import { userListQuery } from '../../api/people.queries';
import { Problem } from '../../components/problem';
import { fieldError, shownAtField } from './form-errors';

/**
 * New credentials (for yourself; an Admin may name another user), or a new name for some. A create
 * answers the secret once: `onCreated` shows it.
 */
export function CredentialFormModal({
  credentials,
  admin,
  self,
  onClose,
  onCreated,
}: {
  credentials?: PortApp;
  admin: boolean;
  self: string;
  onClose: () => void;
  onCreated?: (created: PortApp) => void;
}) {
  const queryClient = useQueryClient();
  const users = useQuery({ ...userListQuery(), enabled: admin && !credentials });
  const [name, setName] = useState(credentials?.name ?? '');
  const [user, setUser] = useState(self);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (credentials) {
        await renameCredentials(credentials.id, name.trim());
        onClose();
      } else {
        const created = await createCredentials({ name: name.trim(), ...(user !== self ? { user } : {}) });
        onCreated?.(created);
      }
      void queryClient.invalidateQueries({ queryKey: ['credentials'] });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': 'Close' }}
      title={credentials ? `Rename ${credentials.name}` : 'New credentials'}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {error !== null && !shownAtField(error, ['name', 'user']) && <Problem error={error} />}
          <TextInput
            label="Name"
            description="What they are for: a script, a CI job, an integration."
            required
            data-autofocus
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(error, ['name'])}
          />
          {admin && !credentials && (
            <Select
              label="Acting as"
              description="The credentials act as this user, with its roles and teams."
              data={[...new Set([self, ...(users.data ?? []).map((u) => u.email)])]}
              value={user}
              onChange={(value) => setUser(value ?? self)}
              searchable
              allowDeselect={false}
              error={fieldError(error, ['user'])}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={!name.trim()}>
              {credentials ? 'Rename' : 'Create credentials'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
