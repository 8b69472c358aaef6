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
  Text,
  TextInput,
} from '@mantine/core';
import { lazyWithRetry } from '../../components/lazy';
import { useDebouncedCallback } from '@mantine/hooks';
import { Suspense, useRef, useState } from 'react';
import type { EntitySearch } from '../../api/entity.queries';
import { Problem } from '../../components/problem';
import type { ColumnModel } from './columns';
import type { RulesEditorProps } from './filter-builder';
import { download, exportView } from './export';

const FilterPanel = lazyWithRetry(() => import('./filter-panel').then((m) => ({ default: m.FilterPanel })));

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

export function FiltersButton({ columns, rules, onChange }: RulesEditorProps) {
  const [opened, setOpened] = useState(false);
  return (
    // Escape closes a dropdown inside the panel, not the panel with the rules being written in it.
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-start"
      shadow="md"
      trapFocus
      withinPortal
      closeOnEscape={false}
    >
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
        <Suspense fallback={<Text size="sm">Loading the filters…</Text>}>
          <FilterPanel
            key={JSON.stringify(rules)}
            columns={columns}
            rules={rules}
            onChange={(next) => {
              onChange(next);
              setOpened(false);
            }}
          />
        </Suspense>
      </Popover.Dropdown>
    </Popover>
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
            onChange={(ids) =>
              onChange([
                ...shown.filter((id) => ids.includes(id)),
                ...ids.filter((id) => !shown.includes(id)),
              ])
            }
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
