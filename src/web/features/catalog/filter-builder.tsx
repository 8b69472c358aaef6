import {
  ActionIcon,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import type { PropertyRule, ScorecardRule, SearchRule } from '../../../core/search';
import {
  OPERATOR_LABELS,
  OPERATORS_BY_KIND,
  operandOf,
  type OperandKind,
  type PropertyOperator,
} from '../../../core/search-operators';
import { SCORECARD_COLUMN, type ColumnModel } from './columns';
import { isPropertyRule, isLevelRule } from './table-search';

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

/** Port's operators on a scorecard's level, in the words of the filter rows. */
const LEVEL_OPERATORS = [
  { value: '=', label: 'is' },
  { value: '!=', label: 'is not' },
  { value: '>=', label: 'is at least' },
  { value: '>', label: 'is above' },
  { value: '<=', label: 'is at most' },
  { value: '<', label: 'is below' },
  { value: 'in', label: 'is one of' },
  { value: 'notIn', label: 'is none of' },
];

/** A row: a property's rule, or a scorecard's (its level). */
type Row = PropertyRule | ScorecardRule;

/** The column a row filters: a property's, or a scorecard's (`scorecards.<id>`). */
const columnIdOf = (row: Row) =>
  'scorecard' in row ? `${SCORECARD_COLUMN}${row.scorecard}` : (row as PropertyRule).property;

/** A new row on `column`, with its first operator. */
function rowOn(column: ColumnModel): Row {
  if (column.kind === 'scorecard')
    return { scorecard: column.id.slice(SCORECARD_COLUMN.length), operator: '=' };
  return { property: column.id, operator: OPERATORS_BY_KIND[column.operand!][0]! };
}

/**
 * Port's rules, one row each: a property, an operator that fits its type, a value of that type; or a
 * scorecard and the levels it is to be at. Rules the rows cannot show (nested queries, relation rules) are
 * kept as they are and edited as JSON.
 */
export function FilterBuilder({ columns, rules, onChange }: RulesEditorProps) {
  const filterable = columns.filter((c) => c.operand !== null || c.kind === 'scorecard');
  const byId = new Map(filterable.map((c) => [c.id, c]));
  const editable = rules.filter(
    (r): r is Row => (isPropertyRule(r) || isLevelRule(r)) && byId.has(columnIdOf(r as Row)),
  );
  const other = rules.filter((r) => !editable.includes(r as Row));
  const [draft, setDraft] = useState<Row[]>(editable);

  const update = (index: number, rule: Row) => setDraft(draft.map((r, i) => (i === index ? rule : r)));
  const apply = () => onChange([...draft.filter(isComplete), ...other]);

  return (
    <Stack gap="xs" miw={320}>
      {draft.length === 0 && (
        <Text size="sm" c="dimmed">
          No filters: every entity is shown.
        </Text>
      )}
      {draft.map((rule, index) => {
        const column = byId.get(columnIdOf(rule));
        const kind = column?.operand ?? 'other';
        const scorecard = 'scorecard' in rule;
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
              data={filterable.map((c) => ({
                value: c.id,
                label: c.kind === 'scorecard' ? `${c.title} (level)` : c.title,
              }))}
              value={columnIdOf(rule)}
              onChange={(id) => {
                const next = byId.get(id ?? '');
                if (next) update(index, rowOn(next));
              }}
              allowDeselect={false}
            />
            <Select
              comboboxProps={IN_POPOVER}
              label="Operator"
              size="xs"
              w={150}
              data={
                scorecard
                  ? LEVEL_OPERATORS
                  : OPERATORS_BY_KIND[kind].map((op) => ({ value: op, label: OPERATOR_LABELS[op] }))
              }
              value={rule.operator}
              onChange={(operator) => {
                if (!operator) return;
                // A level's value is one title or a list of them, as the operator takes.
                const list = (o: string) => o === 'in' || o === 'notIn';
                update(
                  index,
                  'scorecard' in rule
                    ? {
                        scorecard: rule.scorecard,
                        operator,
                        ...(list(operator) === list(rule.operator) ? { value: rule.value } : {}),
                      }
                    : { property: rule.property, operator },
                );
              }}
              allowDeselect={false}
            />
            {'scorecard' in rule ? (
              <LevelValue
                column={column}
                rule={rule}
                onChange={(value) => update(index, { ...rule, value })}
              />
            ) : (
              <RuleValue
                column={column}
                kind={kind}
                rule={rule}
                onChange={(value) => update(index, { ...rule, value })}
              />
            )}
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
            setDraft([...draft, rowOn(filterable[0]!)]);
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

function isComplete(rule: Row) {
  const operand =
    'scorecard' in rule
      ? rule.operator === 'in' || rule.operator === 'notIn'
        ? 'list'
        : 'one'
      : operandOf(rule.operator);
  if (operand === 'none') return true;
  if (operand === 'list') return Array.isArray(rule.value) && rule.value.length > 0;
  return rule.value !== undefined && rule.value !== '';
}

/** The level (or levels) a scorecard's row compares with, from the scorecard's own. */
function LevelValue({
  column,
  rule,
  onChange,
}: {
  column: ColumnModel | undefined;
  rule: ScorecardRule;
  onChange: (value: unknown) => void;
}) {
  const levels = (column?.levels ?? []).map((level) => level.title);
  if (rule.operator === 'in' || rule.operator === 'notIn')
    return (
      <MultiSelect
        comboboxProps={IN_POPOVER}
        label="Levels"
        size="xs"
        w={220}
        data={levels}
        value={Array.isArray(rule.value) ? rule.value.map(String) : []}
        onChange={(list) => onChange(list.length ? list : undefined)}
      />
    );
  return (
    <Select
      comboboxProps={IN_POPOVER}
      label="Level"
      size="xs"
      w={160}
      data={levels}
      value={typeof rule.value === 'string' ? rule.value : null}
      onChange={(value) => onChange(value ?? undefined)}
    />
  );
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
