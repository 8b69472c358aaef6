import { Button, Checkbox, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { JsonObject, PropertySchema, PropertyType } from '../../../core/blueprint';
import { PropertyInput } from '../catalog/property-input';
import {
  enumHolderOf,
  FORMATS,
  ITEM_TYPES,
  PROPERTY_TYPES,
  takesEnum,
  withFormat,
  withType,
  type PropertyRow,
} from './blueprint-draft';
import { EnumEditor } from './enum-editor';

interface Props {
  row: PropertyRow;
  onChange: (row: PropertyRow) => void;
  onRemove: () => void;
  /** Just added: its identifier takes focus. */
  autoFocus?: boolean;
  disabled: boolean;
  /** Messages by field: `key`, `enum`, or `server` for the server's refusal naming this property. */
  errors: { key?: string; enum?: string; server?: string };
  blueprintOptions: Array<{ value: string; label: string }>;
}

const TYPE_LABELS: Record<PropertyType, string> = {
  string: 'String',
  number: 'Number',
  boolean: 'Boolean',
  object: 'Object',
  array: 'Array',
};
const typeOptions = (types: PropertyType[]) => types.map((t) => ({ value: t, label: TYPE_LABELS[t] }));
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** One property of a blueprint: its identifier, type and format, title, rules, allowed values and default. */
export function PropertyEditor({
  row,
  onChange,
  onRemove,
  autoFocus,
  disabled,
  errors,
  blueprintOptions,
}: Props) {
  const { schema } = row;
  const setSchema = (next: PropertySchema) => onChange({ ...row, schema: next });
  const setText = (key: 'title' | 'description', value: string) => {
    const { [key]: _old, ...kept } = schema;
    setSchema((value === '' && key === 'description' ? kept : { ...kept, [key]: value }) as PropertySchema);
  };
  const items = (schema.items ?? { type: 'string' }) as JsonObject & { type?: PropertyType };
  const name = row.key || 'new';

  return (
    <Stack gap="sm" role="group" aria-label={`Property ${name}`}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="Identifier"
          required
          autoFocus={autoFocus}
          value={row.key}
          disabled={disabled || row.saved}
          description={row.saved ? 'Saved properties keep their identifier' : 'Letters, digits, @ _ = -'}
          onChange={(event) => onChange({ ...row, key: event.currentTarget.value })}
          error={errors.key ?? errors.server}
        />
        <TextInput
          label="Title"
          value={text(schema.title)}
          disabled={disabled}
          onChange={(event) => setText('title', event.currentTarget.value)}
        />
        <Select
          label="Type"
          data={typeOptions(PROPERTY_TYPES)}
          value={schema.type}
          allowDeselect={false}
          disabled={disabled}
          onChange={(type) => type && setSchema(withType(schema, type as PropertyType))}
        />
        {schema.type === 'array' ? (
          <Select
            label="Item type"
            data={typeOptions(ITEM_TYPES)}
            value={items.type ?? 'string'}
            allowDeselect={false}
            disabled={disabled}
            onChange={(type) => type && setSchema({ ...schema, items: { type } })}
          />
        ) : (
          <FormatPicker
            schema={schema}
            disabled={disabled}
            onChange={(next) => setSchema(next as PropertySchema)}
            blueprintOptions={blueprintOptions}
          />
        )}
        {schema.type === 'array' && (
          <FormatPicker
            label="Item format"
            schema={items}
            disabled={disabled}
            onChange={(next) => setSchema({ ...schema, items: next })}
            blueprintOptions={blueprintOptions}
          />
        )}
      </SimpleGrid>
      <TextInput
        label="Description"
        value={text(schema.description)}
        disabled={disabled}
        onChange={(event) => setText('description', event.currentTarget.value)}
      />
      <Checkbox
        label="Required"
        description="Every entity must have a value (existing entities included)"
        checked={row.required}
        disabled={disabled}
        onChange={(event) => onChange({ ...row, required: event.currentTarget.checked })}
      />
      {takesEnum(schema) && (
        <EnumEditor
          holder={enumHolderOf(schema)!}
          disabled={disabled}
          error={errors.enum}
          onChange={(holder) =>
            setSchema(schema.type === 'array' ? { ...schema, items: holder } : (holder as PropertySchema))
          }
        />
      )}
      <DefaultInput row={row} disabled={disabled} onChange={setSchema} />
      {!disabled && (
        <Group justify="flex-end">
          <Button variant="subtle" color="red" size="compact-sm" onClick={onRemove}>
            Remove property {row.key}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function FormatPicker({
  label = 'Format',
  schema,
  disabled,
  onChange,
  blueprintOptions,
}: {
  label?: string;
  schema: JsonObject;
  disabled: boolean;
  onChange: (schema: JsonObject) => void;
  blueprintOptions: Array<{ value: string; label: string }>;
}) {
  const formats = FORMATS[(schema.type as PropertyType | undefined) ?? 'string'] ?? [];
  if (!formats.length) return null;
  const format = typeof schema.format === 'string' ? schema.format : null;
  return (
    <>
      <Select
        label={label}
        placeholder="None"
        data={formats}
        value={format}
        clearable
        searchable
        disabled={disabled}
        onChange={(next) => onChange(withFormat(schema, next))}
      />
      {format === 'entity' && (
        <Select
          label={label === 'Format' ? 'Entities of' : 'Item entities of'}
          required
          data={blueprintOptions}
          value={typeof schema.blueprint === 'string' ? schema.blueprint : null}
          searchable
          disabled={disabled}
          onChange={(blueprint) => onChange({ ...schema, ...(blueprint ? { blueprint } : {}) })}
        />
      )}
    </>
  );
}

/** The default, entered as a value of the property itself (the catalog's own input for its kind). */
function DefaultInput({
  row,
  disabled,
  onChange,
}: {
  row: PropertyRow;
  disabled: boolean;
  onChange: (schema: PropertySchema) => void;
}) {
  const { schema } = row;
  const holder = enumHolderOf(schema);
  // Select refuses duplicate or empty options, which an enum being typed may hold.
  const choices = Array.isArray(holder?.enum) ? [...new Set(holder.enum.filter((v) => v !== ''))] : undefined;
  const shown = {
    ...schema,
    title: 'Default',
    description: 'What entities without a value get, existing ones included',
    ...(schema.type === 'array'
      ? { items: { ...holder, ...(choices ? { enum: choices } : {}) } }
      : choices
        ? { enum: choices }
        : {}),
  } as PropertySchema;
  const shape = JSON.stringify([schema.type, schema.format, holder?.type, holder?.format, choices]);
  return (
    <PropertyInput
      key={shape}
      id={`${row.uid}-default`}
      schema={shown}
      value={schema.default}
      required={false}
      disabled={disabled}
      onChange={(value) => {
        const { default: _old, ...kept } = schema;
        onChange((value === undefined ? kept : { ...kept, default: value }) as PropertySchema);
      }}
    />
  );
}
