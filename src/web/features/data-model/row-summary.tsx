import { Badge, Group, Text } from '@mantine/core';
import type { JsonObject } from '../../../core/blueprint';
import { enumHolderOf, FORMATS, type PropertyRow, type RelationRow } from './blueprint-draft';

const formatLabel = (schema: JsonObject | undefined) =>
  FORMATS.string.concat(FORMATS.object).find((f) => f.value === schema?.format)?.label;

/** A property at a glance, on its accordion's button: identifier, title, kind, flags. */
export function PropertySummary({ row }: { row: PropertyRow }) {
  const { schema } = row;
  const items = schema.type === 'array' ? (schema.items as JsonObject | undefined) : undefined;
  const kind =
    schema.type === 'array'
      ? `array of ${formatLabel(items) ?? String(items?.type ?? 'string')}`
      : (formatLabel(schema) ?? schema.type);
  const holder = enumHolderOf(schema);
  return (
    <Group gap="xs" wrap="wrap">
      <Text ff="monospace" fw={600} size="sm">
        {row.key || 'new property'}
      </Text>
      {typeof schema.title === 'string' && schema.title && (
        <Text size="sm" c="dimmed">
          {schema.title}
        </Text>
      )}
      <Badge variant="light" size="sm">
        {kind}
      </Badge>
      {row.required && (
        <Badge variant="light" color="red" size="sm">
          required
        </Badge>
      )}
      {Array.isArray(holder?.enum) && (
        <Badge variant="light" color="grape" size="sm">
          {holder.enum.length} values
        </Badge>
      )}
    </Group>
  );
}

/** A relation at a glance: identifier, title, where it points, flags. */
export function RelationSummary({ row }: { row: RelationRow }) {
  const { relation } = row;
  return (
    <Group gap="xs" wrap="wrap">
      <Text ff="monospace" fw={600} size="sm">
        {row.key || 'new relation'}
      </Text>
      {relation.title && (
        <Text size="sm" c="dimmed">
          {relation.title}
        </Text>
      )}
      <Badge variant="light" size="sm">
        → {relation.target || 'no target'}
      </Badge>
      {relation.many && (
        <Badge variant="light" color="teal" size="sm">
          many
        </Badge>
      )}
      {relation.required && (
        <Badge variant="light" color="red" size="sm">
          required
        </Badge>
      )}
    </Group>
  );
}
