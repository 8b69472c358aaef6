import { Button, Group, MultiSelect, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { AuditFilter } from '../../api/audit.queries';
import { blueprintListQuery } from '../../api/blueprint.queries';
import { AUDIT_ACTIONS, AUDIT_ORIGINS, AUDIT_RESOURCES, AUDIT_STATUSES } from './audit-search';

type Change = (change: Partial<AuditFilter>, typing?: boolean) => void;

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO time as a datetime-local input's value, in the reader's time zone. */
function localInput(iso: string | undefined) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const fromLocalInput = (value: string) => {
  const ms = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
};

const blank = (value: string | null | undefined) => (value ? value : undefined);
const many = (values: string[]) => (values.length ? values : undefined);

/** Port's audit filters; each change goes to the URL, which is the only copy. */
export function AuditFilters({ filter, onChange }: { filter: AuditFilter; onChange: Change }) {
  const blueprints = useQuery(blueprintListQuery());
  const active = Object.values(filter).some((value) => value !== undefined);
  return (
    <form role="search" aria-label="Audit log filters" onSubmit={(event) => event.preventDefault()}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" verticalSpacing="xs">
        <MultiSelect
          label="Resource type"
          placeholder={filter.resources ? undefined : 'Any'}
          data={AUDIT_RESOURCES}
          value={filter.resources ?? []}
          onChange={(values) => onChange({ resources: many(values) })}
          clearable
        />
        <Select
          label="Action"
          placeholder="Any"
          data={AUDIT_ACTIONS}
          value={filter.action ?? null}
          onChange={(value) => onChange({ action: blank(value) })}
          clearable
        />
        <Select
          label="Status"
          placeholder="Any"
          data={AUDIT_STATUSES}
          value={filter.status ?? null}
          onChange={(value) => onChange({ status: blank(value) })}
          clearable
        />
        <MultiSelect
          label="Origin"
          placeholder={filter.origin ? undefined : 'Any'}
          data={AUDIT_ORIGINS}
          value={filter.origin ?? []}
          onChange={(values) => onChange({ origin: many(values) })}
          clearable
        />
        <Select
          label="Blueprint"
          placeholder="Any"
          data={(blueprints.data ?? []).map((b) => ({ value: b.identifier, label: b.title || b.identifier }))}
          value={filter.blueprint ?? null}
          onChange={(value) => onChange({ blueprint: blank(value) })}
          searchable
          clearable
          nothingFoundMessage="No blueprint matches"
        />
        <TypedFilter
          label="Entity identifier"
          value={filter.entity ?? ''}
          onCommit={(value) => onChange({ entity: blank(value) }, true)}
        />
        <TypedFilter
          label="From"
          type="datetime-local"
          value={localInput(filter.from)}
          onCommit={(value) => onChange({ from: fromLocalInput(value) }, true)}
        />
        <TypedFilter
          label="To"
          type="datetime-local"
          value={localInput(filter.to)}
          onCommit={(value) => onChange({ to: fromLocalInput(value) }, true)}
        />
      </SimpleGrid>
      {active && (
        <Group mt="xs">
          <Button
            variant="subtle"
            size="xs"
            onClick={() =>
              onChange({
                blueprint: undefined,
                entity: undefined,
                identifier: undefined,
                resources: undefined,
                action: undefined,
                status: undefined,
                origin: undefined,
                from: undefined,
                to: undefined,
              })
            }
          >
            Clear filters
          </Button>
        </Group>
      )}
    </form>
  );
}

/**
 * A typed filter: what is being typed stays in the input while each keystroke replaces the URL (the
 * navigation is asynchronous, and a half-typed date has no value yet); a change of the URL from elsewhere
 * (Clear filters, Back) shows in the input.
 */
function TypedFilter({
  label,
  type,
  value,
  onCommit,
}: {
  label: string;
  type?: string;
  value: string;
  onCommit: (value: string) => void;
}) {
  const [typed, setTyped] = useState(value);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // While someone types here, the URL trails their keystrokes: only a change from elsewhere replaces them.
    if (document.activeElement !== input.current) setTyped(value);
  }, [value]);
  return (
    <TextInput
      ref={input}
      label={label}
      type={type}
      placeholder="Any"
      value={typed}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setTyped(next);
        onCommit(next);
      }}
    />
  );
}
