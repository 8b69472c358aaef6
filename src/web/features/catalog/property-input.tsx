import type { PropertySchema } from '../../../core/blueprint';
import { SchemaField } from './schema-field';

interface Props {
  id: string;
  schema: PropertySchema;
  value: unknown;
  onChange: (value: unknown) => void;
  required: boolean;
  disabled: boolean;
  error?: string;
}

/**
 * One input per property, chosen by its type and format, with the server's refusal beside it. A boolean
 * is a Yes/No choice, since a property may also have no value.
 */
export function PropertyInput({ id, schema, value, onChange, required, disabled, error }: Props) {
  return (
    <SchemaField
      label={schema.title ?? id}
      description={typeof schema.description === 'string' ? schema.description : undefined}
      required={required}
      disabled={disabled}
      error={error}
      schema={schema}
      options={schema.enum}
      booleanAs="choice"
      value={value}
      onChange={onChange}
    />
  );
}
