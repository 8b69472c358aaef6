import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import { useComputedColorScheme } from '@mantine/core';
import CodeMirror, { EditorView } from '@uiw/react-codemirror';

const LANGUAGES = { json: [json()], yaml: [yaml()], text: [] };

/** Read-only, highlighted JSON or YAML (loaded only where a page shows some). */
export function CodeView({ value, language }: { value: string; language: keyof typeof LANGUAGES }) {
  const scheme = useComputedColorScheme('light');
  return (
    <CodeMirror
      value={value}
      editable={false}
      readOnly
      theme={scheme}
      basicSetup={{ lineNumbers: false, foldGutter: true, highlightActiveLine: false }}
      extensions={[...LANGUAGES[language], EditorView.lineWrapping]}
      maxHeight="24rem"
    />
  );
}

/** An editable JSON or YAML document, for forms and the blueprint's JSON. */
export function CodeEditor({
  value,
  onChange,
  language,
  label,
  minHeight = '12rem',
  readOnly = false,
}: {
  value: string;
  onChange: (value: string) => void;
  language: keyof typeof LANGUAGES;
  label: string;
  minHeight?: string;
  readOnly?: boolean;
}) {
  const scheme = useComputedColorScheme('light');
  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      readOnly={readOnly}
      editable={!readOnly}
      theme={scheme}
      aria-label={label}
      extensions={[
        ...LANGUAGES[language],
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': label }),
      ]}
      minHeight={minHeight}
      maxHeight="70vh"
    />
  );
}
