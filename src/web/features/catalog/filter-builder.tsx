import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import type { PropertyRule, SearchRule } from '../../../core/search';
import {
  OPERATOR_LABELS,
  OPERATORS_BY_KIND,
  operandOf,
  type OperandKind,
  type PropertyOperator,
} from '../../../core/search-operators';
import type { ColumnModel } from './columns';
import { isPropertyRule } from './table-search';

// Inside the filters popover: a dropdown in a portal would count as a click outside it and close it.
const IN_POPOVER = { withinPortal: false };

const DATE_PRESETS = [
  'today',
  'yesterday',
  'lastWeek',
  'last2Weeks',
  'lastMonth',
  'last3Months',
  'nextWeek',
  'nextMonth',
];

/** An editor of a table's rules: the columns they may name, the rules, and where the edited rules go. */
export interface RulesEditorProps {
  columns: ColumnModel[];
  rules: SearchRule[];
  onChange: (rules: SearchRule[]) => void;
}

/**
 * Port's rules, one row each: a property, an operator that fits its type, a value of that type. Rules the
 * rows cannot show (nested queries, relation rules) are kept as they are and edited as JSON.
 */
export function FilterBuilder({ columns, rules, onChange }: RulesEditorProps) {
  const filterable = columns.filter((c) => c.operand !== null);
  const byId = new Map(filterable.map((c) => [c.id, c]));
  const editable = rules.filter((r): r is PropertyRule => isPropertyRule(r) && byId.has(r.property));
  const other = rules.filter((r) => !editable.includes(r as PropertyRule));
  const [draft, setDraft] = useState<PropertyRule[]>(editable);

  const update = (index: number, rule: PropertyRule) =>
    setDraft(draft.map((r, i) => (i === index ? rule : r)));
  const apply = () => onChange([...draft.filter(isComplete), ...other]);

  return (
    <Stack gap="xs" miw={320}>
      {draft.length === 0 && (
        <Text size="sm" c="dimmed">
          No filters: every entity is shown.
        </Text>
      )}
      {draft.map((rule, index) => {
        const column = byId.get(rule.property);
        const kind = column?.operand ?? 'other';
        return (
          <Group
            key={index}
            gap="xs"
            align="flex-end"
            wrap="wrap"
            role="group"
            aria-label={`Filter ${index + 1}`}
          >
            <Select
              comboboxProps={IN_POPOVER}
              label="Property"
              size="xs"
              w={160}
              searchable
              data={filterable.map((c) => ({ value: c.id, label: c.title }))}
              value={rule.property}
              onChange={(property) => {
                const next = byId.get(property ?? '');
                if (next)
                  update(index, { property: next.id, operator: OPERATORS_BY_KIND[next.operand!][0]! });
              }}
              allowDeselect={false}
            />
            <Select
              comboboxProps={IN_POPOVER}
              label="Operator"
              size="xs"
              w={150}
              data={OPERATORS_BY_KIND[kind].map((op) => ({ value: op, label: OPERATOR_LABELS[op] }))}
              value={rule.operator}
              onChange={(operator) => operator && update(index, { property: rule.property, operator })}
              allowDeselect={false}
            />
            <RuleValue
              column={column}
              kind={kind}
              rule={rule}
              onChange={(value) => update(index, { ...rule, value })}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove filter ${index + 1}`}
              onClick={() => setDraft(draft.filter((_, i) => i !== index))}
            >
              ✕
            </ActionIcon>
          </Group>
        );
      })}
      {other.length > 0 && (
        <Text size="xs" c="dimmed">
          And {other.length} more rule{other.length > 1 ? 's' : ''} (nested or on relations): edit them as
          JSON.
        </Text>
      )}
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          disabled={filterable.length === 0}
          onClick={() => {
            const first = filterable[0]!;
            setDraft([...draft, { property: first.id, operator: OPERATORS_BY_KIND[first.operand!][0]! }]);
          }}
        >
          Add filter
        </Button>
        <Button size="xs" onClick={apply}>
          Apply filters
        </Button>
      </Group>
    </Stack>
  );
}

function isComplete(rule: PropertyRule) {
  const operand = operandOf(rule.operator);
  if (operand === 'none') return true;
  if (operand === 'list') return Array.isArray(rule.value) && rule.value.length > 0;
  return rule.value !== undefined && rule.value !== '';
}

function RuleValue({
  column,
  kind,
  rule,
  onChange,
}: {
  column: ColumnModel | undefined;
  kind: OperandKind;
  rule: PropertyRule;
  onChange: (value: unknown) => void;
}) {
  const operand = operandOf(rule.operator as PropertyOperator);
  const options = column?.schema?.enum?.map(String);
  if (operand === 'none') return null;
  if (operand === 'range') {
    const value = (rule.value ?? {}) as { preset?: string };
    return (
      <Select
        comboboxProps={IN_POPOVER}
        label="Period"
        size="xs"
        w={150}
        data={DATE_PRESETS}
        value={value.preset ?? null}
        onChange={(preset) => onChange(preset ? { preset } : undefined)}
      />
    );
  }
  if (operand === 'list') {
    const values = Array.isArray(rule.value) ? rule.value.map(String) : [];
    return (
      <TagsInput
        comboboxProps={IN_POPOVER}
        label="Values"
        size="xs"
        w={220}
        data={options}
        value={values}
        onChange={(list) => onChange(kind === 'number' ? list.map(Number).filter(Number.isFinite) : list)}
        placeholder="Enter to add"
      />
    );
  }
  if (kind === 'number')
    return (
      <NumberInput
        label="Value"
        size="xs"
        w={120}
        value={typeof rule.value === 'number' ? rule.value : ''}
        onChange={(value) => onChange(typeof value === 'number' ? value : undefined)}
      />
    );
  if (kind === 'boolean')
    return (
      <Select
        comboboxProps={IN_POPOVER}
        label="Value"
        size="xs"
        w={100}
        data={['true', 'false']}
        value={rule.value === undefined ? null : String(rule.value)}
        onChange={(value) => onChange(value === null ? undefined : value === 'true')}
      />
    );
  if (options && rule.operator === '=')
    return (
      <Select
        comboboxProps={IN_POPOVER}
        label="Value"
        size="xs"
        w={160}
        data={options}
        value={(rule.value as string) ?? null}
        onChange={(v) => onChange(v ?? undefined)}
      />
    );
  return (
    <TextInput
      label="Value"
      size="xs"
      w={180}
      placeholder={kind === 'date' ? '2026-11-20 or …T10:00:00Z' : undefined}
      value={typeof rule.value === 'string' ? rule.value : ''}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}
