import { Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Blueprint } from '../../../core/blueprint';
import { deleteBlueprint, deleteBlueprintWithEntities, entityCountQuery } from '../../api/blueprint.queries';
import { Problem } from '../../components/problem';

/**
 * Asks before deleting a blueprint, and says what the server answered: a blueprint with entities needs
 * them deleted too, one that another blueprint's relation targets is refused (the message names them).
 */
export function DeleteBlueprintDialog({
  blueprint,
  onClose,
  onDeleted,
}: {
  blueprint: Blueprint;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const queryClient = useQueryClient();
  const count = useQuery(entityCountQuery(blueprint.identifier));
  const [withEntities, setWithEntities] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const entities = count.data ?? 0;

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await (withEntities ? deleteBlueprintWithEntities : deleteBlueprint)(blueprint.identifier);
      queryClient.removeQueries({ queryKey: ['blueprints', 'one', blueprint.identifier] });
      void queryClient.invalidateQueries({ queryKey: ['blueprints', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['entities'] });
      onDeleted();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': 'Close' }}
      title={`Delete ${blueprint.title}?`}
    >
      <Stack>
        {error !== null && <Problem error={error} title="Not deleted" />}
        <Text size="sm">
          The blueprint <strong>{blueprint.identifier}</strong> and its definition go. This cannot be undone.
        </Text>
        {count.data === undefined ? null : entities > 0 ? (
          <Checkbox
            label={`Also delete its ${entities.toLocaleString()} ${entities === 1 ? 'entity' : 'entities'}`}
            description="Without this, a blueprint that has entities is not deleted"
            checked={withEntities}
            onChange={(event) => setWithEntities(event.currentTarget.checked)}
          />
        ) : (
          <Text size="sm" c="dimmed">
            It has no entities.
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={busy} onClick={() => void confirm()}>
            Delete blueprint
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
