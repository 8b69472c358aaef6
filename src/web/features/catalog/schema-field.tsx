import {
  MultiSelect,
  NumberInput,
  PasswordInput,
  Select,
  Switch,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { SearchQuery, SearchSort } from '../../../core/search';
import { CodeInput } from '../../components/code-input';
import { EntityMultiPicker, EntityPicker } from './entity-picker';
import { fieldKind, type FieldKind, type FieldSchema } from './field-kind';

interface FieldLabels {
  label: string;
  description?: string;
  required: boolean;
  disabled: boolean;
  error?: string;
}

export interface SchemaFieldProps extends FieldLabels {
  schema: FieldSchema;
  /** The choices as they are now: a property's enum, or an action input's as its jqQuery gave it. */
  options: unknown[] | undefined;
  /**
   * A boolean as a switch (Port's toggle: off is false), or as a Yes/No choice that may stay empty (a
   * property that has no value).
   */
  booleanAs: 'switch' | 'choice';
  /** Only the entities this query finds (an entity input's dataset). */
  dataset?: SearchQuery;
  value: unknown;
  /** Gets undefined when the field is emptied. */
  onChange: (value: unknown) => void;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as a `datetime-local` input shows it: the reader's own time zone. */
export function toLocalInput(value: unknown) {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An option's text in a list, and back: enums may hold numbers or booleans as well as strings. */
const optionText = (option: unknown) => (typeof option === 'string' ? option : JSON.stringify(option));
const optionOf = (options: unknown[], text: string | null) =>
  text === null ? undefined : options.find((option) => optionText(option) === text);

/** Entity values may hold the entity (a jqQuery default can give one) or its identifier. */
const identifierOf = (value: unknown): string | null =>
  typeof value === 'string'
    ? value
    : typeof value === 'object' &&
        value !== null &&
        typeof (value as { identifier?: unknown }).identifier === 'string'
      ? (value as { identifier: string }).identifier
      : null;

/**
 * One value of a blueprint property or an action input, its control chosen by type and format: the
 * entity editor and the action form both show their fields with it.
 */
export function SchemaField({
  schema,
  options,
  booleanAs,
  dataset,
  value,
  onChange,
  ...labels
}: SchemaFieldProps) {
  const kind = fieldKind(schema, options);
  const text = typeof value === 'string' ? value : '';
  const setText = (next: string) => onChange(next === '' ? undefined : next);
  const setList = (next: unknown[]) => onChange(next.length ? next : undefined);
  switch (kind.control) {
    case 'select':
      return (
        <Select
          {...labels}
          data={[...new Set(kind.options.map(optionText))]}
          value={value === undefined || value === null ? null : optionText(value)}
          onChange={(v) => onChange(optionOf(kind.options, v))}
          clearable={!labels.required}
        />
      );
    case 'multi-select':
      return (
        <MultiSelect
          {...labels}
          data={[...new Set(kind.options.map(optionText))]}
          value={Array.isArray(value) ? value.map(optionText) : []}
          onChange={(v) => setList(v.map((t) => optionOf(kind.options, t)))}
        />
      );
    case 'secret':
      return (
        <PasswordInput
          {...labels}
          autoComplete="new-password"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...labels}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => onChange(typeof v === 'number' ? v : undefined)}
        />
      );
    case 'boolean':
      return <BooleanField {...labels} as={booleanAs} value={value} onChange={onChange} />;
    case 'date-time':
      return (
        <TextInput
          {...labels}
          type="datetime-local"
          value={toLocalInput(value)}
          onChange={(e) => {
            const local = e.currentTarget.value;
            onChange(local ? new Date(local).toISOString() : undefined);
          }}
        />
      );
    case 'long-text':
      return (
        <Textarea
          {...labels}
          autosize
          minRows={3}
          maxRows={16}
          styles={
            kind.monospace ? { input: { fontFamily: 'var(--mantine-font-family-monospace)' } } : undefined
          }
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
      );
    case 'code':
      return <CodeInput {...labels} language={kind.language} value={value} onChange={onChange} />;
    case 'entity':
      return (
        <EntityField
          {...labels}
          schema={schema}
          kind={kind}
          dataset={dataset}
          value={value}
          onChange={onChange}
        />
      );
    case 'tags':
      return (
        <TagsInput
          {...labels}
          value={Array.isArray(value) ? value.map(String) : []}
          onChange={setList}
          placeholder="Enter to add"
        />
      );
    case 'text':
      return (
        <TextInput
          {...labels}
          type={kind.type}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
      );
  }
}

function BooleanField({
  as,
  value,
  onChange,
  ...labels
}: FieldLabels & { as: 'switch' | 'choice'; value: unknown; onChange: (value: unknown) => void }) {
  if (as === 'switch')
    return (
      <Switch
        {...labels}
        // A switch draws no asterisk of its own.
        label={labels.required ? `${labels.label} *` : labels.label}
        checked={value === true}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
    );
  return (
    <Select
      {...labels}
      data={[
        { value: 'true', label: 'Yes' },
        { value: 'false', label: 'No' },
      ]}
      value={typeof value === 'boolean' ? String(value) : null}
      onChange={(v) => onChange(v === null ? undefined : v === 'true')}
      clearable={!labels.required}
    />
  );
}

function EntityField({
  schema,
  kind,
  dataset,
  value,
  onChange,
  ...labels
}: FieldLabels & {
  schema: FieldSchema;
  kind: Extract<FieldKind, { control: 'entity' }>;
  dataset: SearchQuery | undefined;
  value: unknown;
  onChange: (value: unknown) => void;
}) {
  const spec = kind.many ? ((schema.items ?? {}) as FieldSchema) : schema;
  const scope = {
    target: kind.blueprint,
    ...(dataset ? { dataset } : {}),
    ...(spec.sort ? { sort: spec.sort as SearchSort } : {}),
  };
  if (kind.many) {
    const list = Array.isArray(value) ? value.map(identifierOf).filter((v): v is string => v !== null) : [];
    return (
      <EntityMultiPicker
        {...labels}
        {...scope}
        value={list}
        onChange={(v) => onChange(v.length ? v : undefined)}
      />
    );
  }
  return (
    <EntityPicker
      {...labels}
      {...scope}
      value={identifierOf(value)}
      onChange={(v) => onChange(v ?? undefined)}
    />
  );
}
