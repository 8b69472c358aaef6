import { Input, Loader } from '@mantine/core';
import { Suspense, useState } from 'react';
import { lazyWithRetry } from './lazy';

const CodeEditor = lazyWithRetry(() => import('./code-view').then((m) => ({ default: m.CodeEditor })));

interface Props {
  label: string;
  description?: string;
  required: boolean;
  disabled: boolean;
  error?: string;
  language: 'json' | 'yaml';
  value: unknown;
  onChange: (value: unknown) => void;
}

const textOf = (value: unknown, language: 'json' | 'yaml') =>
  value === undefined || value === null
    ? ''
    : language === 'yaml' && typeof value === 'string'
      ? value
      : JSON.stringify(value, null, 2);

/**
 * Objects and arrays as JSON, YAML inputs as text, in an editor. JSON is handed on only while it parses;
 * until then the input says why it does not.
 */
export function CodeInput({
  label,
  description,
  required,
  disabled,
  error,
  language,
  value,
  onChange,
}: Props) {
  // Until the person types, the editor shows the value as it is (a default the server filled, say).
  const [text, setText] = useState<string>();
  const [invalid, setInvalid] = useState<string>();
  const change = (next: string) => {
    setText(next);
    if (language === 'yaml') return onChange(next === '' ? undefined : next);
    if (next.trim() === '') {
      setInvalid(undefined);
      return onChange(undefined);
    }
    try {
      onChange(JSON.parse(next));
      setInvalid(undefined);
    } catch (caught) {
      setInvalid(`Not valid JSON: ${(caught as Error).message}`);
    }
  };
  return (
    <Input.Wrapper label={label} description={description} required={required} error={invalid ?? error}>
      <Suspense fallback={<Loader size="xs" />}>
        <CodeEditor
          label={label}
          language={language}
          value={text ?? textOf(value, language)}
          onChange={change}
          minHeight="6rem"
          readOnly={disabled}
        />
      </Suspense>
    </Input.Wrapper>
  );
}
