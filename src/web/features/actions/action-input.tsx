import type { ActionInput } from '../../../core/action';
import type { InputState } from '../../api/action.queries';
import { SchemaField } from '../catalog/schema-field';

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

/**
 * One input of an action's form (§5.2) as the server resolved it now: its choices, dataset, required and
 * disabled state; waiting while an input it depends on is empty; a boolean as Port's toggle.
 */
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
  return (
    <SchemaField
      label={input.title ?? name}
      description={[input.description, waiting].filter(Boolean).join(' ') || undefined}
      required={state.required}
      disabled={state.disabled || Boolean(waiting) || Boolean(busy)}
      error={error}
      schema={input}
      options={state.enum}
      booleanAs="switch"
      dataset={state.dataset}
      value={value}
      onChange={onChange}
    />
  );
}
