import { JsonInput, MultiSelect, NumberInput, Select, TagsInput, Textarea, TextInput } from '@mantine/core';
import type { PropertySchema } from '../../../core/blueprint';
import { EntityMultiPicker, EntityPicker } from './entity-picker';

interface Props {
  id: string;
  schema: PropertySchema;
  value: unknown;
  onChange: (value: unknown) => void;
  required: boolean;
  disabled: boolean;
  error?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as a `datetime-local` input shows it: the reader's own time zone. */
export function toLocalInput(value: unknown) {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** One input per property, chosen by its type and format, with the server's refusal beside it. */
export function PropertyInput({ id, schema, value, onChange, required, disabled, error }: Props) {
  const common = {
    label: schema.title ?? id,
    description: typeof schema.description === 'string' ? schema.description : undefined,
    required,
    disabled,
    error,
  };
  const items = (schema.items ?? {}) as PropertySchema;
  if (schema.type === 'string' && schema.enum)
    return (
      <Select
        {...common}
        data={schema.enum.map(String)}
        value={typeof value === 'string' ? value : null}
        onChange={(v) => onChange(v ?? undefined)}
        clearable={!required}
      />
    );
  if (schema.type === 'string') {
    const text = typeof value === 'string' ? value : '';
    switch (schema.format) {
      case 'date-time':
      case 'timer':
        return (
          <TextInput
            {...common}
            type="datetime-local"
            value={toLocalInput(value)}
            onChange={(event) => {
              const local = event.currentTarget.value;
              onChange(local ? new Date(local).toISOString() : undefined);
            }}
          />
        );
      case 'markdown':
      case 'yaml':
      case 'multi-line':
      case 'proto':
        return (
          <Textarea
            {...common}
            autosize
            minRows={3}
            maxRows={16}
            styles={
              schema.format === 'markdown' || schema.format === 'multi-line'
                ? undefined
                : { input: { fontFamily: 'var(--mantine-font-family-monospace)' } }
            }
            value={text}
            onChange={(event) => onChange(event.currentTarget.value || undefined)}
          />
        );
      case 'user':
        return (
          <EntityPicker
            {...common}
            target="_user"
            value={text || null}
            onChange={(v) => onChange(v ?? undefined)}
          />
        );
      case 'team':
        return (
          <EntityPicker
            {...common}
            target="_team"
            value={text || null}
            onChange={(v) => onChange(v ?? undefined)}
          />
        );
      case 'entity':
        if (typeof schema.blueprint === 'string')
          return (
            <EntityPicker
              {...common}
              target={schema.blueprint}
              value={text || null}
              onChange={(v) => onChange(v ?? undefined)}
            />
          );
    }
    return (
      <TextInput
        {...common}
        type={schema.format === 'url' ? 'url' : schema.format === 'email' ? 'email' : 'text'}
        value={text}
        onChange={(event) =>
          onChange(event.currentTarget.value === '' ? undefined : event.currentTarget.value)
        }
      />
    );
  }
  if (schema.type === 'number')
    return (
      <NumberInput
        {...common}
        value={typeof value === 'number' ? value : ''}
        onChange={(v) => onChange(typeof v === 'number' ? v : undefined)}
      />
    );
  if (schema.type === 'boolean')
    return (
      <Select
        {...common}
        data={[
          { value: 'true', label: 'Yes' },
          { value: 'false', label: 'No' },
        ]}
        value={typeof value === 'boolean' ? String(value) : null}
        onChange={(v) => onChange(v === null ? undefined : v === 'true')}
        clearable={!required}
      />
    );
  if (schema.type === 'array' && items.type === 'string') {
    const list = Array.isArray(value) ? value.map(String) : [];
    const set = (next: string[]) => onChange(next.length ? next : undefined);
    if (
      items.format === 'user' ||
      items.format === 'team' ||
      (items.format === 'entity' && typeof items.blueprint === 'string')
    ) {
      const target =
        items.format === 'user' ? '_user' : items.format === 'team' ? '_team' : String(items.blueprint);
      return <EntityMultiPicker {...common} target={target} value={list} onChange={set} />;
    }
    if (items.enum)
      return <MultiSelect {...common} data={items.enum.map(String)} value={list} onChange={set} />;
    return <TagsInput {...common} value={list} onChange={set} placeholder="Enter to add" />;
  }
  return <JsonField {...common} value={value} onChange={onChange} />;
}

/** Objects and other arrays, as JSON; the value changes only while the text parses. */
function JsonField({
  value,
  onChange,
  ...common
}: { value: unknown; onChange: (v: unknown) => void } & Record<string, unknown>) {
  return (
    <JsonInput
      {...(common as object)}
      defaultValue={value === undefined ? '' : JSON.stringify(value, null, 2)}
      validationError="Not valid JSON"
      formatOnBlur
      autosize
      minRows={3}
      onChange={(text) => {
        if (text.trim() === '') return onChange(undefined);
        try {
          onChange(JSON.parse(text));
        } catch {
          /* kept until it parses: the input shows the JSON error on blur */
        }
      }}
    />
  );
}
