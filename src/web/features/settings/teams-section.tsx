import { Anchor, Badge, Button, Group, Menu, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import {
  afterPeopleChange,
  deleteTeam,
  LOCAL_PROVIDER,
  teamListQuery,
  type PortTeam,
} from '../../api/people.queries';
import { Empty, Loading, Problem } from '../../components/problem';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { TeamFormModal } from './team-form';

type Dialog = { kind: 'create' } | { kind: 'edit'; team: PortTeam } | { kind: 'delete'; team: PortTeam };

/** Teams with their members; an Admin creates, renames, staffs and deletes them. */
export function TeamsSection({ admin }: { admin: boolean }) {
  const teams = useQuery(teamListQuery());
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);

  if (teams.isPending) return <Loading label="Loading the teams…" />;
  if (teams.isError) return <Problem error={teams.error} retry={() => void teams.refetch()} />;
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {teams.data.length} {teams.data.length === 1 ? 'team' : 'teams'}
          {admin ? '' : '. Only an Admin creates and changes teams.'}
        </Text>
        {admin && <Button onClick={() => setDialog({ kind: 'create' })}>New team</Button>}
      </Group>
      {teams.data.length === 0 ? (
        <Empty>No teams yet.</Empty>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table verticalSpacing="xs" highlightOnHover aria-label="Teams">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Team</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th>Members</Table.Th>
                <Table.Th>Managed by</Table.Th>
                {admin && <Table.Th>Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {teams.data.map((team) => (
                <TeamRow
                  key={team.name}
                  team={team}
                  admin={admin}
                  onAction={(kind) => setDialog({ kind, team })}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {dialog?.kind === 'create' && <TeamFormModal onClose={close} />}
      {dialog?.kind === 'edit' && <TeamFormModal team={dialog.team} onClose={close} />}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete team ${dialog.team.name}?`}
          confirmLabel="Delete team"
          onClose={close}
          onConfirm={async () => {
            await deleteTeam(dialog.team.name);
            afterPeopleChange(queryClient);
            close();
          }}
        >
          Its members leave it, and the entities it owns lose it as an owner.
          {dialog.team.provider !== LOCAL_PROVIDER &&
            ` ${dialog.team.provider} manages it: it comes back when one of its members next signs in.`}
        </ConfirmDialog>
      )}
    </Stack>
  );
}

function TeamRow({
  team,
  admin,
  onAction,
}: {
  team: PortTeam;
  admin: boolean;
  onAction: (kind: 'edit' | 'delete') => void;
}) {
  const managed = team.provider !== LOCAL_PROVIDER;
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor
          size="sm"
          renderRoot={(props) => (
            <Link
              to="/catalog/$blueprint/$entity"
              params={{ blueprint: '_team', entity: team.name }}
              {...props}
            />
          )}
        >
          {team.name}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={2}>
          {team.description || '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{team.users.length ? team.users.map((u) => u.email).join(', ') : '—'}</Text>
      </Table.Td>
      <Table.Td>
        {managed ? (
          <Badge variant="light" color="grape" size="sm" tt="none">
            {team.provider} (single sign-on)
          </Badge>
        ) : (
          <Text size="sm">Portico</Text>
        )}
      </Table.Td>
      {admin && (
        <Table.Td>
          <Menu position="bottom-end">
            <Menu.Target>
              <Button size="compact-sm" variant="default" aria-label={`Actions for team ${team.name}`}>
                Actions
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => onAction('edit')}>Edit</Menu.Item>
              <Menu.Divider />
              <Menu.Item color="red" onClick={() => onAction('delete')}>
                Delete
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
