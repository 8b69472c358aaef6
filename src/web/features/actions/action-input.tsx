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
import type { ActionInput } from '../../../core/action';
import type { SearchSort } from '../../../core/search';
import type { InputState } from '../../api/action.queries';
import { EntityMultiPicker, EntityPicker } from '../catalog/entity-picker';
import { toLocalInput } from '../catalog/property-input';
import { CodeInput } from './code-input';
import { inputKind } from './input-kind';

export interface ActionInputProps {
  name: string;
  input: ActionInput;
  state: InputState;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Set while inputs it depends on are empty, or while the form is sent. */
  waitingFor?: string[];
  busy?: boolean;
  error?: string;
}

/** An option's text in a list, and back: enums may hold numbers or booleans as well as strings. */
const optionText = (option: unknown) => (typeof option === 'string' ? option : JSON.stringify(option));
const optionOf = (options: unknown[], text: string | null) =>
  text === null ? undefined : options.find((option) => optionText(option) === text);

/** Entity inputs may hold the entity (a jqQuery default can give one) or its identifier. */
const identifierOf = (value: unknown): string | null =>
  typeof value === 'string'
    ? value
    : typeof value === 'object' &&
        value !== null &&
        typeof (value as { identifier?: unknown }).identifier === 'string'
      ? (value as { identifier: string }).identifier
      : null;

/** One input of an action's form, its control chosen by type and format (§5.2). */
export function ActionInputField({
  name,
  input,
  state,
  value,
  onChange,
  waitingFor,
  busy,
  error,
}: ActionInputProps) {
  const waiting = waitingFor?.length ? `Fill ${waitingFor.join(', ')} first.` : undefined;
  const common = {
    label: input.title ?? name,
    description: [input.description, waiting].filter(Boolean).join(' ') || undefined,
    required: state.required,
    disabled: state.disabled || Boolean(waiting) || Boolean(busy),
    error,
  };
  const kind = inputKind(input, state.enum);
  const text = typeof value === 'string' ? value : '';
  const setText = (next: string) => onChange(next === '' ? undefined : next);
  switch (kind.control) {
    case 'select':
      return (
        <Select
          {...common}
          data={[...new Set(kind.options.map(optionText))]}
          value={value === undefined || value === null ? null : optionText(value)}
          onChange={(v) => onChange(optionOf(kind.options, v))}
          clearable={!state.required}
        />
      );
    case 'multi-select':
      return (
        <MultiSelect
          {...common}
          data={[...new Set(kind.options.map(optionText))]}
          value={Array.isArray(value) ? value.map(optionText) : []}
          onChange={(v) => onChange(v.map((t) => optionOf(kind.options, t)))}
        />
      );
    case 'secret':
      return (
        <PasswordInput
          {...common}
          autoComplete="new-password"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => onChange(typeof v === 'number' ? v : undefined)}
        />
      );
    case 'toggle':
      return (
        <Switch
          {...common}
          label={state.required ? `${common.label} *` : common.label}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
      );
    case 'date-time':
      return (
        <TextInput
          {...common}
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
          {...common}
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
      return <CodeInput {...common} language={kind.language} value={value} onChange={onChange} />;
    case 'entity':
      return (
        <EntityInput {...common} input={input} state={state} kind={kind} value={value} onChange={onChange} />
      );
    case 'tags':
      return (
        <TagsInput
          {...common}
          value={Array.isArray(value) ? value.map(String) : []}
          onChange={(v) => onChange(v.length ? v : undefined)}
          placeholder="Enter to add"
        />
      );
    case 'text':
      return (
        <TextInput
          {...common}
          type={kind.type}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
      );
  }
}

function EntityInput({
  input,
  state,
  kind,
  value,
  onChange,
  ...common
}: {
  label: string;
  description?: string;
  required: boolean;
  disabled: boolean;
  error?: string;
  input: ActionInput;
  state: InputState;
  kind: { blueprint: string; many: boolean };
  value: unknown;
  onChange: (value: unknown) => void;
}) {
  const spec = kind.many ? ((input.items ?? {}) as ActionInput) : input;
  const scope = {
    target: kind.blueprint,
    ...(state.dataset ? { dataset: state.dataset } : {}),
    ...(spec.sort ? { sort: spec.sort as SearchSort } : {}),
  };
  if (kind.many) {
    const list = Array.isArray(value) ? value.map(identifierOf).filter((v): v is string => v !== null) : [];
    return (
      <EntityMultiPicker
        {...common}
        {...scope}
        value={list}
        onChange={(v) => onChange(v.length ? v : undefined)}
      />
    );
  }
  return (
    <EntityPicker
      {...common}
      {...scope}
      value={identifierOf(value)}
      onChange={(v) => onChange(v ?? undefined)}
    />
  );
}
