import { Badge, Button, Group, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ActionRun } from '../../../core/action';
import { isAdmin, sessionQuery } from '../../api/session.queries';
import { applyRun, cancelRun, decideApproval, runApproversQuery } from '../../api/run.queries';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Problem } from '../../components/problem';

const STATE_COLOR = { APPROVED: 'green', DECLINED: 'red', PENDING: 'gray' } as const;

/** Who approves a run and what each decided; approvers decide here while it waits. */
export function RunApprovals({ run }: { run: ActionRun }) {
  const { data: session } = useSuspenseQuery(sessionQuery());
  const approvers = useQuery({ ...runApproversQuery(run.id), enabled: Boolean(run.requiredApproval) });
  const waiting = run.status === 'WAITING_FOR_APPROVAL';
  const me = session?.user.email;
  const pendingOnMe = approvers.data?.some((a) => a.userId === me && a.state === 'PENDING') ?? false;
  const mayDecide = waiting && (pendingOnMe || (session !== null && isAdmin(session.user)));
  if (!run.requiredApproval) return null;
  return (
    <Stack gap="xs" component="section" aria-label="Approval">
      <Title order={2} size="h4">
        Approval
      </Title>
      {approvers.isError && <Problem error={approvers.error} retry={() => void approvers.refetch()} />}
      {approvers.data && approvers.data.length === 0 && (
        <Text size="sm" c="dimmed">
          Nobody may approve this run yet: the action’s approve permission names nobody.
        </Text>
      )}
      {approvers.data && approvers.data.length > 0 && (
        <List spacing={4} size="sm" listStyleType="none" aria-label="Approvers">
          {approvers.data.map((approver) => (
            <List.Item key={approver.userId}>
              <Group gap="xs">
                <Text size="sm">{approver.userId}</Text>
                <Badge
                  size="sm"
                  variant="light"
                  color={Object.hasOwn(STATE_COLOR, approver.state) ? STATE_COLOR[approver.state] : 'gray'}
                >
                  {approver.state.toLowerCase()}
                </Badge>
                {approver.description && (
                  <Text size="sm" c="dimmed">
                    {approver.description}
                  </Text>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {mayDecide && <Decision run={run} />}
    </Stack>
  );
}

function Decision({ run }: { run: ActionRun }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<'APPROVE' | 'DECLINE' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const decide = async (status: 'APPROVE' | 'DECLINE') => {
    setBusy(status);
    setError(null);
    try {
      applyRun(queryClient, await decideApproval(run.id, status, reason));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack gap="xs" maw={520}>
      {error !== null && <Problem error={error} />}
      <Textarea
        label="Reason (optional)"
        autosize
        minRows={2}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
      <Group>
        <Button
          color="green"
          loading={busy === 'APPROVE'}
          disabled={busy !== null}
          onClick={() => void decide('APPROVE')}
        >
          Approve
        </Button>
        <Button
          color="red"
          variant="light"
          loading={busy === 'DECLINE'}
          disabled={busy !== null}
          onClick={() => void decide('DECLINE')}
        >
          Decline
        </Button>
      </Group>
    </Stack>
  );
}

/** The creator's way out while the run waits for approval (Port ends it as failed). */
export function CancelRun({ run }: { run: ActionRun }) {
  const { data: session } = useSuspenseQuery(sessionQuery());
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  if (run.status !== 'WAITING_FOR_APPROVAL' || session?.user.email !== run.createdBy) return null;
  return (
    <>
      <Button color="red" variant="light" onClick={() => setConfirming(true)}>
        Cancel run
      </Button>
      {confirming && (
        <ConfirmDialog
          title="Cancel this run?"
          confirmLabel="Cancel run"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            applyRun(queryClient, await cancelRun(run.id));
            setConfirming(false);
          }}
        >
          The run ends as failed and its backend is never called.
        </ConfirmDialog>
      )}
    </>
  );
}
