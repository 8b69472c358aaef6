import { Alert, Button, Group, Modal, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { blueprintListQuery } from '../../api/blueprint.queries';
import {
  afterPeopleChange,
  inviteUser,
  teamListQuery,
  updateUser,
  type PasswordToken,
  type PortUser,
} from '../../api/people.queries';
import { Problem } from '../../components/problem';
import { fieldError, shownAtField } from './form-errors';
import { joinRoles, roleNames, splitRoles } from './roles';

const FIELDS = {
  email: ['invitee.email'],
  roles: ['roles', 'invitee.roles'],
  teams: ['teams', 'invitee.teams', 'team'],
};

/**
 * Invite someone (no `user`), or change a user's role, moderated blueprints and teams. An invitation answers
 * the one-time token with which the person sets a password: `onInvited` shows it.
 */
export function UserFormModal({
  user,
  onClose,
  onInvited,
}: {
  user?: PortUser;
  onClose: () => void;
  onInvited?: (email: string, token: PasswordToken) => void;
}) {
  const queryClient = useQueryClient();
  const blueprints = useQuery(blueprintListQuery());
  const teams = useQuery(teamListQuery());
  const initial = splitRoles(user ? roleNames(user) : ['Member']);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState(initial.role);
  const [moderated, setModerated] = useState(initial.moderated);
  const [teamNames, setTeamNames] = useState(user?.teams ?? []);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const managed = new Set((teams.data ?? []).filter((t) => t.provider !== 'portico').map((t) => t.name));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const roles = joinRoles(role, moderated);
      if (user) {
        await updateUser(user.email, { roles, teams: teamNames });
        afterPeopleChange(queryClient);
        onClose();
      } else {
        const invitation = await inviteUser({ email: email.trim(), roles, teams: teamNames });
        afterPeopleChange(queryClient);
        onInvited?.(email.trim(), invitation);
      }
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  const allFields = [...FIELDS.email, ...FIELDS.roles, ...FIELDS.teams];
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': 'Close' }}
      title={user ? `Change ${user.email}` : 'Invite a user'}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {error !== null && !shownAtField(error, allFields) && <Problem error={error} />}
          {user ? (
            <Text size="sm" fw={500}>
              {user.email}
            </Text>
          ) : (
            <TextInput
              label="Email"
              type="email"
              required
              data-autofocus
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldError(error, FIELDS.email)}
            />
          )}
          <Select
            label="Role"
            data={['Member', 'Admin']}
            value={role}
            onChange={(value) => setRole(value ?? 'Member')}
            allowDeselect={false}
            error={fieldError(error, FIELDS.roles)}
          />
          <MultiSelect
            label="Moderates blueprints"
            description="A moderator may do anything with a blueprint, its permissions and its entities."
            placeholder={moderated.length ? undefined : 'None'}
            data={(blueprints.data ?? []).map((b) => ({
              value: b.identifier,
              label: b.title || b.identifier,
            }))}
            value={moderated}
            onChange={setModerated}
            searchable
            clearable
          />
          <MultiSelect
            label="Teams"
            placeholder={teamNames.length ? undefined : 'None'}
            data={(teams.data ?? []).map((t) => ({
              value: t.name,
              label: t.name,
              disabled: managed.has(t.name),
            }))}
            value={teamNames}
            onChange={setTeamNames}
            searchable
            clearable
            error={fieldError(error, FIELDS.teams)}
          />
          {managed.size > 0 && (
            <Alert color="gray" p="xs">
              <Text size="xs">Single sign-on manages some teams: people join them by signing in.</Text>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              {user ? 'Save' : 'Invite'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
