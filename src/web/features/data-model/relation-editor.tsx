import { Button, Checkbox, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { RelationRow } from './blueprint-draft';

interface Props {
  row: RelationRow;
  onChange: (row: RelationRow) => void;
  onRemove: () => void;
  /** Just added: its identifier takes focus. */
  autoFocus?: boolean;
  disabled: boolean;
  errors: { key?: string; target?: string; server?: string };
  blueprintOptions: Array<{ value: string; label: string }>;
}

/** One relation: its identifier, title, the blueprint it points to, and whether it is required or many. */
export function RelationEditor({
  row,
  onChange,
  onRemove,
  autoFocus,
  disabled,
  errors,
  blueprintOptions,
}: Props) {
  const { relation } = row;
  const set = (change: Partial<RelationRow['relation']>) =>
    onChange({ ...row, relation: { ...relation, ...change } });
  return (
    <Stack gap="sm" role="group" aria-label={`Relation ${row.key || 'new'}`}>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label="Identifier"
          required
          autoFocus={autoFocus}
          value={row.key}
          disabled={disabled || row.saved}
          description={row.saved ? 'Saved relations keep their identifier' : 'Letters, digits, @ _ = -'}
          onChange={(event) => onChange({ ...row, key: event.currentTarget.value })}
          error={errors.key ?? errors.server}
        />
        <TextInput
          label="Title"
          value={relation.title ?? ''}
          disabled={disabled}
          onChange={(event) => set({ title: event.currentTarget.value })}
        />
        <Select
          label="Target blueprint"
          required
          searchable
          data={withCurrent(blueprintOptions, relation.target)}
          value={relation.target || null}
          disabled={disabled}
          error={errors.target}
          onChange={(target) => set({ target: target ?? '' })}
        />
      </SimpleGrid>
      <Group gap="lg">
        <Checkbox
          label="Required"
          description={relation.many ? 'A many relation cannot be required' : 'Every entity must name one'}
          checked={relation.required}
          disabled={disabled || relation.many}
          onChange={(event) => set({ required: event.currentTarget.checked })}
        />
        <Checkbox
          label="Many"
          description="An entity may point to several"
          checked={relation.many}
          disabled={disabled}
          onChange={(event) =>
            set(event.currentTarget.checked ? { many: true, required: false } : { many: false })
          }
        />
      </Group>
      {!disabled && (
        <Group justify="flex-end">
          <Button variant="subtle" color="red" size="compact-sm" onClick={onRemove}>
            Remove relation {row.key}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** A target that is not (or no longer) in the list still shows as chosen. */
function withCurrent(options: Array<{ value: string; label: string }>, current: string) {
  return current && !options.some((o) => o.value === current)
    ? [...options, { value: current, label: current }]
    : options;
}
