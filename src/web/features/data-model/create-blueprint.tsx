import { Modal } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { BlueprintEditor } from './blueprint-editor';

/**
 * A new blueprint, in a dialog over the data model: a route of its own could collide with a blueprint
 * whose identifier is that route's name.
 */
export function CreateBlueprintModal({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': 'Close' }}
      size="xl"
      closeOnClickOutside={false}
      title="Create a blueprint"
    >
      <BlueprintEditor
        canEdit
        headingOrder={3}
        onCancel={onClose}
        onSaved={(saved) =>
          void navigate({ to: '/data-model/$blueprint', params: { blueprint: saved.identifier } })
        }
      />
    </Modal>
  );
}
