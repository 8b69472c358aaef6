import { Anchor, Badge, Button, Group, Menu, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import {
  afterPeopleChange,
  deleteUser,
  issuePasswordToken,
  userListQuery,
  type PasswordToken,
  type PortUser,
} from '../../api/people.queries';
import { Empty, Loading, Problem } from '../../components/problem';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { OneTimeSecretModal } from './one-time-secret';
import { passwordLinkOf } from './password-link';
import { roleNames } from './roles';
import { UserFormModal } from './user-form';

const STATUS_COLOR = { Active: 'teal', Invited: 'yellow', Disabled: 'gray' } as const;

type Dialog =
  | { kind: 'invite' }
  | { kind: 'edit'; user: PortUser }
  | { kind: 'delete'; user: PortUser }
  | { kind: 'reset'; user: PortUser }
  | { kind: 'token'; email: string; token: PasswordToken; invited: boolean };

/** Everyone's users with their role, status and teams; an Admin invites, changes and deletes them. */
export function UsersSection({ admin, self }: { admin: boolean; self: string }) {
  const users = useQuery(userListQuery());
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);

  if (users.isPending) return <Loading label="Loading the users…" />;
  if (users.isError) return <Problem error={users.error} retry={() => void users.refetch()} />;
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {users.data.length} {users.data.length === 1 ? 'user' : 'users'}
          {admin ? '' : '. Only an Admin invites and changes users.'}
        </Text>
        {admin && <Button onClick={() => setDialog({ kind: 'invite' })}>Invite user</Button>}
      </Group>
      {users.data.length === 0 ? (
        <Empty>No users yet.</Empty>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table verticalSpacing="xs" highlightOnHover aria-label="Users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>User</Table.Th>
                <Table.Th>Roles</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Teams</Table.Th>
                {admin && <Table.Th>Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((user) => (
                <UserRow
                  key={user.email}
                  user={user}
                  admin={admin}
                  self={user.email === self}
                  onAction={(kind) => setDialog({ kind, user })}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {dialog?.kind === 'invite' && (
        <UserFormModal
          onClose={close}
          onInvited={(email, token) => setDialog({ kind: 'token', email, token, invited: true })}
        />
      )}
      {dialog?.kind === 'edit' && <UserFormModal user={dialog.user} onClose={close} />}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete ${dialog.user.email}?`}
          confirmLabel="Delete user"
          onClose={close}
          onConfirm={async () => {
            await deleteUser(dialog.user.email);
            afterPeopleChange(queryClient);
            close();
          }}
        >
          They can no longer sign in, and their credentials stop working at once. Their history stays in the
          audit log.
        </ConfirmDialog>
      )}
      {dialog?.kind === 'reset' && (
        <ConfirmDialog
          title={`New password link for ${dialog.user.email}?`}
          confirmLabel="Issue link"
          color="blue"
          onClose={close}
          onConfirm={async () => {
            const token = await issuePasswordToken(dialog.user.email);
            setDialog({ kind: 'token', email: dialog.user.email, token, invited: false });
          }}
        >
          A one-time link with which they set a new password. An earlier link stops working; their password
          and sessions stay until they use it.
        </ConfirmDialog>
      )}
      {dialog?.kind === 'token' && (
        <OneTimeSecretModal
          title={dialog.invited ? `${dialog.email} is invited` : `Password link for ${dialog.email}`}
          intro={
            <>
              Portico sends no email: send this link to {dialog.email}. It opens a page where they choose a
              password, and then they sign in. It works once.
            </>
          }
          fields={[
            {
              label: dialog.invited ? 'Invitation link' : 'Password link',
              value: passwordLinkOf(dialog.token.token),
            },
          ]}
          expiresAt={dialog.token.expiresAt}
          onClose={close}
        />
      )}
    </Stack>
  );
}

function UserRow({
  user,
  admin,
  self,
  onAction,
}: {
  user: PortUser;
  admin: boolean;
  self: boolean;
  onAction: (kind: 'edit' | 'delete' | 'reset') => void;
}) {
  const name = `${user.firstName} ${user.lastName}`.trim();
  const serviceAccount = user.type === 'Service Account';
  return (
    <Table.Tr>
      <Table.Td>
        <Stack gap={0}>
          <Anchor
            size="sm"
            renderRoot={(props) => (
              <Link
                to="/catalog/$blueprint/$entity"
                params={{ blueprint: '_user', entity: user.email }}
                {...props}
              />
            )}
          >
            {user.email}
          </Anchor>
          {(name || serviceAccount) && (
            <Text size="xs" c="dimmed">
              {[name, serviceAccount ? 'Service account' : ''].filter(Boolean).join(' · ')}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {roleNames(user).map((role) => (
            <Badge key={role} variant={role === 'Admin' ? 'filled' : 'light'} size="sm" tt="none">
              {role}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Badge color={STATUS_COLOR[user.status] ?? 'gray'} variant="dot" size="sm">
          {user.status}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{user.teams.length ? user.teams.join(', ') : '—'}</Text>
      </Table.Td>
      {admin && (
        <Table.Td>
          <Menu position="bottom-end">
            <Menu.Target>
              <Button size="compact-sm" variant="default" aria-label={`Actions for ${user.email}`}>
                Actions
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => onAction('edit')}>Change role and teams</Menu.Item>
              {!serviceAccount && (
                <Menu.Item onClick={() => onAction('reset')}>Issue password link</Menu.Item>
              )}
              <Menu.Divider />
              <Menu.Item color="red" disabled={self} onClick={() => onAction('delete')}>
                {self ? 'Delete (not yourself)' : 'Delete'}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
