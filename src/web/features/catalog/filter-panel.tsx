import { Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { lazyWithRetry } from '../../components/lazy';
import { Suspense, useState } from 'react';
import type { SearchRule } from '../../../core/search';
import { FilterBuilder, type RulesEditorProps } from './filter-builder';

const CodeEditor = lazyWithRetry(() =>
  import('../../components/code-view').then((m) => ({ default: m.CodeEditor })),
);

/** The filters popover's content, loaded when it first opens: rows of rules, or the rules as JSON. */
export function FilterPanel({ columns, rules, onChange }: RulesEditorProps) {
  return (
    <Tabs defaultValue="rules" keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="rules">Rules</Tabs.Tab>
        <Tabs.Tab value="json">JSON</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="rules" pt="xs">
        <FilterBuilder columns={columns} rules={rules} onChange={onChange} />
      </Tabs.Panel>
      <Tabs.Panel value="json" pt="xs">
        <RulesJson rules={rules} onChange={onChange} />
      </Tabs.Panel>
    </Tabs>
  );
}

/** The rules as Port's JSON, for what the rows cannot say (nested `or`, relatedTo, matchAny). */
function RulesJson({ rules, onChange }: { rules: SearchRule[]; onChange: (rules: SearchRule[]) => void }) {
  const [text, setText] = useState(JSON.stringify(rules, null, 2));
  const [error, setError] = useState('');
  return (
    <Stack gap="xs" w={480} maw="90vw">
      <Text size="xs" c="dimmed">
        A list of Port rules, joined by “and” (docs/searching.md).
      </Text>
      <Suspense fallback={<Text size="sm">Loading the editor…</Text>}>
        <CodeEditor value={text} onChange={setText} language="json" label="Rules as JSON" />
      </Suspense>
      {error && (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      )}
      <Group>
        <Button
          size="xs"
          onClick={() => {
            try {
              const parsed: unknown = JSON.parse(text);
              if (!Array.isArray(parsed)) throw new Error('the rules must be a JSON list: [ {…}, … ]');
              setError('');
              onChange(parsed as SearchRule[]);
            } catch (caught) {
              setError((caught as Error).message);
            }
          }}
        >
          Apply JSON
        </Button>
      </Group>
    </Stack>
  );
}
