import { Badge, Button, Code, Group, Menu, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  credentialListQuery,
  revokeCredentials,
  rotateCredentials,
  type PortApp,
} from '../../api/credential.queries';
import { Empty, Loading, Problem } from '../../components/problem';
import { DateTime } from '../../components/time';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { CredentialFormModal } from './credential-form';
import { OneTimeSecretModal } from './one-time-secret';

type Dialog =
  | { kind: 'create' }
  | { kind: 'rename'; app: PortApp }
  | { kind: 'rotate'; app: PortApp }
  | { kind: 'revoke'; app: PortApp }
  | { kind: 'secret'; app: PortApp; rotated: boolean };

/** Client ids and secrets for scripts and integrations: yours, or everyone's for an Admin. */
export function CredentialsSection({ admin, self }: { admin: boolean; self: string }) {
  const apps = useQuery(credentialListQuery());
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['credentials'] });

  if (apps.isPending) return <Loading label="Loading the credentials…" />;
  if (apps.isError) return <Problem error={apps.error} retry={() => void apps.refetch()} />;
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={640}>
          {admin ? 'Everyone’s credentials. ' : 'Your credentials. '}A script exchanges a client id and secret
          for a token at <Code>POST /v1/auth/access_token</Code>, and acts as the user they belong to.
        </Text>
        <Button onClick={() => setDialog({ kind: 'create' })}>New credentials</Button>
      </Group>
      {apps.data.length === 0 ? (
        <Empty>No credentials yet.</Empty>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table verticalSpacing="xs" highlightOnHover aria-label="Credentials">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Client id</Table.Th>
                {admin && <Table.Th>Acts as</Table.Th>}
                <Table.Th>Created</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {apps.data.map((app) => (
                <Table.Tr key={app.id}>
                  <Table.Td>
                    <Group gap="xs">
                      <Text size="sm">{app.name}</Text>
                      {!app.enabled && (
                        <Badge color="gray" size="sm">
                          Revoked
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Code>{app.id}</Code>
                  </Table.Td>
                  {admin && (
                    <Table.Td>
                      <Text size="sm">{app.user ?? 'the installation (environment)'}</Text>
                    </Table.Td>
                  )}
                  <Table.Td>
                    <DateTime value={app.createdAt} compact />
                  </Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end">
                      <Menu.Target>
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={`Actions for ${app.name} (${app.id})`}
                        >
                          Actions
                        </Button>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => setDialog({ kind: 'rename', app })}>Rename</Menu.Item>
                        <Menu.Item onClick={() => setDialog({ kind: 'rotate', app })}>
                          Rotate secret
                        </Menu.Item>
                        <Menu.Divider />
                        <Menu.Item color="red" onClick={() => setDialog({ kind: 'revoke', app })}>
                          Revoke
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {dialog?.kind === 'create' && (
        <CredentialFormModal
          admin={admin}
          self={self}
          onClose={close}
          onCreated={(app) => setDialog({ kind: 'secret', app, rotated: false })}
        />
      )}
      {dialog?.kind === 'rename' && (
        <CredentialFormModal credentials={dialog.app} admin={admin} self={self} onClose={close} />
      )}
      {dialog?.kind === 'rotate' && (
        <ConfirmDialog
          title={`Rotate the secret of ${dialog.app.name}?`}
          confirmLabel="Rotate secret"
          onClose={close}
          onConfirm={async () => {
            const app = await rotateCredentials(dialog.app.id);
            refresh();
            setDialog({ kind: 'secret', app, rotated: true });
          }}
        >
          The current secret and every token made with it stop working at once.
        </ConfirmDialog>
      )}
      {dialog?.kind === 'revoke' && (
        <ConfirmDialog
          title={`Revoke ${dialog.app.name}?`}
          confirmLabel="Revoke"
          onClose={close}
          onConfirm={async () => {
            await revokeCredentials(dialog.app.id);
            refresh();
            close();
          }}
        >
          Client id <Code>{dialog.app.id}</Code> and every token made with it stop working at once.
        </ConfirmDialog>
      )}
      {dialog?.kind === 'secret' && dialog.app.secret && (
        <OneTimeSecretModal
          title={
            dialog.rotated ? `New secret for ${dialog.app.name}` : `Credentials ${dialog.app.name} created`
          }
          intro={`They act as ${dialog.app.user ?? 'the installation'}.`}
          fields={[
            { label: 'Client id', value: dialog.app.id },
            { label: 'Client secret', value: dialog.app.secret },
          ]}
          onClose={close}
        />
      )}
    </Stack>
  );
}
