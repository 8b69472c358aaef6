import { Badge, Code, Group, Table, Text } from '@mantine/core';
import { diffChanges, listChange, plainValue, type FieldChange } from './diff-changes';

const KIND = {
  added: { label: 'Added', color: 'green' },
  removed: { label: 'Removed', color: 'red' },
  changed: { label: 'Changed', color: 'blue' },
} as const;

/** Who wrote and when: every write changes them, so they come after the fields that say what changed. */
const BOOKKEEPING = new Set(['createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'version']);

/**
 * A record's `before` → `after` as a person reads it: one row per field that changed (added, removed or
 * changed, nested paths such as `properties.tier`), values shown plainly.
 */
export function AuditDiff({ before, after, label }: { before: unknown; after: unknown; label: string }) {
  const changes = diffChanges(before, after);
  if (!changes.length)
    return (
      <Text size="sm" c="dimmed">
        No field changed.
      </Text>
    );
  const ordered = [
    ...changes.filter((c) => !BOOKKEEPING.has(c.path)),
    ...changes.filter((c) => BOOKKEEPING.has(c.path)),
  ];
  return (
    <Table withTableBorder withColumnBorders verticalSpacing={4} fz="sm" aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="22%">Field</Table.Th>
          <Table.Th w="12%">Change</Table.Th>
          <Table.Th>Before</Table.Th>
          <Table.Th>After</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {ordered.map((change) => (
          <ChangeRow key={change.path || '(value)'} change={change} />
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ChangeRow({ change }: { change: FieldChange }) {
  const kind = KIND[change.kind];
  const list = change.kind === 'changed' ? listChange(change.before, change.after) : undefined;
  return (
    <Table.Tr>
      <Table.Td>
        <Code>{change.path || '(value)'}</Code>
      </Table.Td>
      <Table.Td>
        <Badge miw="max-content" color={kind.color} variant="light" size="sm">
          {kind.label}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Value value={change.before} present={change.kind !== 'added'} />
      </Table.Td>
      <Table.Td>
        <Value value={change.after} present={change.kind !== 'removed'} />
        {list && list.added.length + list.removed.length > 0 && plainValue(change.before) !== '' && (
          <Group gap={6} mt={4}>
            {list.added.map((value) => (
              <Badge key={`+${String(value)}`} color="green" variant="outline" size="sm" tt="none">
                + {String(value)}
              </Badge>
            ))}
            {list.removed.map((value) => (
              <Badge key={`-${String(value)}`} color="red" variant="outline" size="sm" tt="none">
                − {String(value)}
              </Badge>
            ))}
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

// To the second: two writes a moment apart must not read as the same time.
const local = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** A stored time (createdAt, a date-time property) in the reader's time zone. */
function readableTime(value: unknown) {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : local.format(ms);
}

function Value({ value, present }: { value: unknown; present: boolean }) {
  if (!present) return null;
  const text = readableTime(value) ?? plainValue(value);
  if (text === '')
    return (
      <Text span size="sm" c="dimmed" fs="italic">
        {Array.isArray(value) ? 'none' : 'empty'}
      </Text>
    );
  return (
    <Text span size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
      {text}
    </Text>
  );
}
