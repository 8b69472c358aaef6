import { Text } from '@mantine/core';
import type { IntegrationSync } from '../../../core/integration';

/** What a sync's writes did, as Portico counted them: "12 created · 3 updated · 1 deleted · 2 failed". */
export function SyncCounts({ sync }: { sync: IntegrationSync }) {
  const counts = [
    ['created', sync.created],
    ['updated', sync.updated],
    ['deleted', sync.deleted],
  ] as const;
  return (
    <Text size="sm" data-testid="sync-counts">
      {counts.map(([word, count]) => `${count} ${word} · `).join('')}
      <Text span inherit c={sync.failed > 0 ? 'red' : undefined} fw={sync.failed > 0 ? 600 : undefined}>
        {sync.failed} failed
      </Text>
    </Text>
  );
}

/** A sync's last error, whole on hover when it is long. */
export function LastError({ error, lines = 2 }: { error: string; lines?: number }) {
  return (
    <Text size="xs" c="red" lineClamp={lines} title={error} style={{ overflowWrap: 'anywhere' }}>
      {error}
    </Text>
  );
}
