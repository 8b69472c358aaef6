import { Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { Countdown } from '../../components/time';

export interface SecretField {
  label: string;
  value: string;
}

/**
 * What the server answers once (an invitation token, a client secret): shown here with a copy button, and
 * gone when the dialog closes. Portico keeps only a hash, so nobody can show it again.
 */
export function OneTimeSecretModal({
  title,
  intro,
  fields,
  expiresAt,
  onClose,
}: {
  title: string;
  intro: ReactNode;
  fields: SecretField[];
  expiresAt?: string;
  onClose: () => void;
}) {
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': 'Close' }}
      title={title}
      size="lg"
      closeOnClickOutside={false}
    >
      <Stack>
        <Alert color="yellow" title="Shown once">
          <Text size="sm">Copy it now: Portico keeps only a hash of it and cannot show it again.</Text>
        </Alert>
        <Text size="sm">{intro}</Text>
        {fields.map((field) => (
          <CopyableValue key={field.label} label={field.label} value={field.value} />
        ))}
        {expiresAt && (
          <Text size="sm" c="dimmed">
            Valid for <Countdown value={expiresAt} />
          </Text>
        )}
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function CopyableValue({ label, value }: { label: string; value: string }) {
  return (
    <TextInput
      label={label}
      value={value}
      readOnly
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      onFocus={(event) => event.currentTarget.select()}
      rightSectionWidth={84}
      rightSection={
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button
              size="compact-xs"
              variant={copied ? 'light' : 'default'}
              color={copied ? 'teal' : undefined}
              onClick={copy}
              aria-label={copied ? `${label} copied` : `Copy ${label.toLowerCase()}`}
            >
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      }
    />
  );
}
