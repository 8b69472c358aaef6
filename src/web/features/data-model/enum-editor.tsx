import {
  ActionIcon,
  Button,
  ColorSwatch,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  getThemeColor,
  useMantineTheme,
} from '@mantine/core';
import type { JsonObject } from '../../../core/blueprint';
import { ENUM_COLORS } from './blueprint-draft';
import { mantineColorOf } from '../../components/enum-colors';

interface Props {
  /** The schema holding `enum` and `enumColors`: the property, or an array's items. */
  holder: JsonObject;
  onChange: (holder: JsonObject) => void;
  disabled: boolean;
  error?: string;
}

const COLOR_OPTIONS = Object.keys(ENUM_COLORS).map((name) => ({ value: name, label: name }));

/** The values a property may take, each with the colour Port shows it in. */
export function EnumEditor({ holder, onChange, disabled, error }: Props) {
  const values = Array.isArray(holder.enum) ? holder.enum : [];
  const colors = (holder.enumColors ?? {}) as Record<string, string>;
  const numeric = holder.type === 'number';

  function set(next: Array<{ value: unknown; color?: string }>) {
    const { enum: _e, enumColors: _c, ...kept } = holder;
    if (!next.length) return onChange(kept);
    const named = next.filter((entry) => entry.color);
    onChange({
      ...kept,
      enum: next.map((entry) => entry.value),
      ...(named.length
        ? { enumColors: Object.fromEntries(named.map((entry) => [String(entry.value), entry.color])) }
        : {}),
    });
  }
  const entries = values.map((value) => ({ value, color: colors[String(value)] }));
  const replace = (index: number, entry: { value: unknown; color?: string }) =>
    set(entries.map((old, i) => (i === index ? entry : old)));

  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        Allowed values
      </Text>
      {!entries.length && (
        <Text size="xs" c="dimmed">
          Any value. Add values to make this a choice among them.
        </Text>
      )}
      {entries.map((entry, index) => (
        <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
          {numeric ? (
            <NumberInput
              label={`Value ${index + 1}`}
              value={typeof entry.value === 'number' ? entry.value : ''}
              disabled={disabled}
              onChange={(v) => replace(index, { ...entry, value: typeof v === 'number' ? v : '' })}
              style={{ flex: 1 }}
            />
          ) : (
            <TextInput
              label={`Value ${index + 1}`}
              value={String(entry.value ?? '')}
              disabled={disabled}
              onChange={(event) => replace(index, { ...entry, value: event.currentTarget.value })}
              style={{ flex: 1 }}
            />
          )}
          <ColorPicker
            label={`Colour of value ${index + 1}`}
            value={entry.color}
            disabled={disabled}
            onChange={(color) => replace(index, { value: entry.value, ...(color ? { color } : {}) })}
          />
          {!disabled && (
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={`Remove value ${index + 1}`}
              onClick={() => set(entries.filter((_, i) => i !== index))}
            >
              ✕
            </ActionIcon>
          )}
        </Group>
      ))}
      {error && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
      {!disabled && (
        <Button
          variant="subtle"
          size="compact-sm"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => set([...entries, { value: '' }])}
        >
          Add value
        </Button>
      )}
    </Stack>
  );
}

function ColorPicker({
  label,
  value,
  disabled,
  onChange,
}: {
  label: string;
  value: string | undefined;
  disabled: boolean;
  onChange: (color: string | undefined) => void;
}) {
  const theme = useMantineTheme();
  const swatch = (name: string) => (
    <ColorSwatch size={14} color={getThemeColor(mantineColorOf(name), theme)} aria-hidden />
  );
  return (
    <Select
      label={label}
      placeholder="No colour"
      data={COLOR_OPTIONS}
      value={value ?? null}
      disabled={disabled}
      clearable
      searchable
      w={170}
      leftSection={value ? swatch(value) : undefined}
      renderOption={({ option }) => (
        <Group gap="xs" wrap="nowrap">
          {swatch(option.value)}
          {option.label}
        </Group>
      )}
      onChange={(color) => onChange(color ?? undefined)}
    />
  );
}
