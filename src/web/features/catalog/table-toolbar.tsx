import {
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  Popover,
  ScrollArea,
  Select,
  Stack,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { lazy, Suspense, useRef, useState } from 'react';
import type { SearchRule } from '../../../core/search';
import type { EntitySearch } from '../../api/entity.queries';
import { Problem } from '../../components/problem';
import type { ColumnModel } from './columns';
import { download, exportView } from './export';
import { FilterBuilder } from './filter-builder';

const CodeEditor = lazy(() => import('../../components/code-view').then((m) => ({ default: m.CodeEditor })));

export function QuickFilter({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const [text, setText] = useState(value);
  const commit = useDebouncedCallback(onChange, 250);
  return (
    <TextInput
      aria-label="Filter by title or identifier"
      placeholder="Filter by title or identifier"
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        commit(event.currentTarget.value);
      }}
      w={260}
    />
  );
}

export function FiltersButton({
  columns,
  rules,
  onChange,
}: {
  columns: ColumnModel[];
  rules: SearchRule[];
  onChange: (rules: SearchRule[]) => void;
}) {
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" shadow="md" trapFocus withinPortal>
      <Popover.Target>
        <Button
          variant="default"
          onClick={() => setOpened((o) => !o)}
          rightSection={rules.length ? <Badge size="xs">{rules.length}</Badge> : null}
        >
          Filters
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Tabs defaultValue="rules" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="rules">Rules</Tabs.Tab>
            <Tabs.Tab value="json">JSON</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="rules" pt="xs">
            <FilterBuilder
              columns={columns}
              rules={rules}
              onChange={(next) => {
                onChange(next);
                setOpened(false);
              }}
            />
          </Tabs.Panel>
          <Tabs.Panel value="json" pt="xs">
            <RulesJson
              rules={rules}
              onChange={(next) => {
                onChange(next);
                setOpened(false);
              }}
            />
          </Tabs.Panel>
        </Tabs>
      </Popover.Dropdown>
    </Popover>
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

export function ColumnChooser({
  columns,
  shown,
  onChange,
}: {
  columns: ColumnModel[];
  shown: string[];
  onChange: (ids: string[]) => void;
}) {
  return (
    <Popover position="bottom-start" shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <Button variant="default">Columns</Button>
      </Popover.Target>
      <Popover.Dropdown>
        <ScrollArea.Autosize mah={360}>
          <Checkbox.Group
            label="Shown columns"
            value={shown}
            onChange={(ids) => onChange(columns.map((c) => c.id).filter((id) => ids.includes(id)))}
          >
            <Stack gap={6} mt="xs">
              {columns.map((column) => (
                <Checkbox
                  key={column.id}
                  value={column.id}
                  label={column.title}
                  disabled={column.id === '$title'}
                />
              ))}
            </Stack>
          </Checkbox.Group>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}

export function GroupBy({
  columns,
  value,
  onChange,
}: {
  columns: ColumnModel[];
  value: string | undefined;
  onChange: (id: string | undefined) => void;
}) {
  return (
    <Select
      aria-label="Group by"
      placeholder="Group by…"
      clearable
      w={170}
      data={columns
        .filter((c) => c.sortable && c.id !== '$identifier')
        .map((c) => ({ value: c.id, label: c.title }))}
      value={value ?? null}
      onChange={(id) => onChange(id ?? undefined)}
    />
  );
}

export function ExportMenu({
  name,
  search,
  columns,
}: {
  name: string;
  search: EntitySearch;
  columns: ColumnModel[];
}) {
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<AbortController | null>(null);
  const run = async (format: 'csv' | 'json') => {
    abort.current = new AbortController();
    setError(null);
    setProgress(0);
    try {
      const blob = await exportView(search, columns, format, setProgress, abort.current.signal);
      download(blob, `${name}.${format}`);
    } catch (caught) {
      if ((caught as Error).name !== 'AbortError') setError(caught);
    } finally {
      setProgress(null);
    }
  };
  return (
    <>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="default" loading={progress !== null}>
            Export
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => void run('csv')}>This view as CSV</Menu.Item>
          <Menu.Item onClick={() => void run('json')}>This view as JSON</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {progress !== null && (
        <Group gap="xs" role="status">
          <Text size="xs">Exporting: {progress.toLocaleString()} rows</Text>
          <Button size="compact-xs" variant="subtle" onClick={() => abort.current?.abort()}>
            Cancel
          </Button>
        </Group>
      )}
      {error !== null && <Problem error={error} title="The export stopped" />}
    </>
  );
}
