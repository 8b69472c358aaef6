import { Alert, Button, Group, Modal, MultiSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import {
  afterPeopleChange,
  createTeam,
  LOCAL_PROVIDER,
  updateTeam,
  userListQuery,
  type PortTeam,
  type TeamInput,
} from '../../api/people.queries';
import { Problem } from '../../components/problem';
import { fieldError, shownAtField } from './form-errors';

const sameMembers = (a: string[], b: string[]) =>
  a.length === b.length && a.every((email) => b.includes(email));

/**
 * Create a team, or change one: its name, description and members. A team that single sign-on manages
 * keeps the provider's name and members (the server refuses changing them); its description may change.
 */
export function TeamFormModal({ team, onClose }: { team?: PortTeam; onClose: () => void }) {
  const queryClient = useQueryClient();
  const users = useQuery(userListQuery());
  const managed = team !== undefined && team.provider !== LOCAL_PROVIDER;
  const members = team?.users.map((u) => u.email) ?? [];
  const [name, setName] = useState(team?.name ?? '');
  const [description, setDescription] = useState(team?.description ?? '');
  const [emails, setEmails] = useState(members);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (!team) await createTeam({ name: name.trim(), description, users: emails });
      else {
        const change: TeamInput = {};
        if (name.trim() !== team.name) change.name = name.trim();
        if (description !== team.description) change.description = description;
        if (!sameMembers(emails, members)) change.users = emails;
        if (Object.keys(change).length) await updateTeam(team.name, change);
      }
      afterPeopleChange(queryClient);
      onClose();
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
      title={team ? `Change team ${team.name}` : 'New team'}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {error !== null && !shownAtField(error, ['name', 'description', 'users']) && (
            <Problem error={error} />
          )}
          {managed && (
            <Alert color="gray" title={`Managed by ${team.provider}`}>
              <Text size="sm">
                Single sign-on manages this team: its name and members come from {team.provider} at each
                sign-in.
              </Text>
            </Alert>
          )}
          <TextInput
            label="Name"
            required
            data-autofocus
            maxLength={200}
            readOnly={managed}
            description={
              team && !managed ? 'Renaming it renames it for every member and owned entity.' : undefined
            }
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(error, ['name'])}
          />
          <Textarea
            label="Description"
            autosize
            minRows={2}
            maxLength={1000}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={fieldError(error, ['description'])}
          />
          <MultiSelect
            label="Members"
            placeholder={emails.length ? undefined : 'Nobody yet'}
            data={(users.data ?? []).map((u) => u.email)}
            value={emails}
            onChange={setEmails}
            searchable
            clearable={!managed}
            readOnly={managed}
            nothingFoundMessage="No user matches"
            error={fieldError(error, ['users'])}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              {team ? 'Save' : 'Create team'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
