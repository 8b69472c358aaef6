import {
  Accordion,
  Button,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  type TitleOrder,
} from '@mantine/core';
import { useState, type ReactNode } from 'react';
import {
  newPropertyRow,
  newRelationRow,
  type BlueprintDraft,
  type DraftProblems,
  type PropertyRow,
  type RelationRow,
} from './blueprint-draft';
import { PropertyEditor } from './property-editor';
import { RelationEditor } from './relation-editor';
import { PropertySummary, RelationSummary } from './row-summary';

interface Props {
  draft: BlueprintDraft;
  onChange: (draft: BlueprintDraft) => void;
  creating: boolean;
  disabled: boolean;
  /** The form's own checks and the server's refusal, by field (see fieldErrorsOf in blueprint-editor). */
  errors: DraftProblems;
  blueprintOptions: Array<{ value: string; label: string }>;
  headingOrder: TitleOrder;
}

const COMPUTED = ['mirrorProperties', 'calculationProperties', 'aggregationProperties', 'ownership'];

/** The blueprint as fields: what it is, then a fieldset per property and per relation. */
export function BlueprintForm({
  draft,
  onChange,
  creating,
  disabled,
  errors,
  blueprintOptions,
  headingOrder,
}: Props) {
  const [added, setAdded] = useState<string>();
  const [open, setOpen] = useState<string[]>([]);
  const add = (uid: string) => {
    setAdded(uid);
    setOpen((was) => [...was, uid]);
  };
  // A row the form's checks or the server refused opens, so its message is seen.
  const refused = [...draft.properties, ...draft.relations]
    .filter((row) => Object.keys(errors).some((field) => field.split('.')[1] === row.uid))
    .map((row) => row.uid);
  const shownOpen = [...new Set([...open, ...refused])];
  const rest = draft.rest;
  const setRest = (key: string, value: string) => onChange({ ...draft, rest: { ...rest, [key]: value } });
  const text = (key: string) => (typeof rest[key] === 'string' ? (rest[key] as string) : '');
  const replace = <T extends { uid: string }>(rows: T[], next: T) =>
    rows.map((row) => (row.uid === next.uid ? next : row));
  const setProperty = (row: PropertyRow) =>
    onChange({ ...draft, properties: replace(draft.properties, row) });
  const setRelation = (row: RelationRow) => onChange({ ...draft, relations: replace(draft.relations, row) });
  const kept = COMPUTED.filter((key) => {
    const value = rest[key];
    return value !== undefined && !(typeof value === 'object' && value && !Object.keys(value).length);
  });

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {creating && (
          <TextInput
            label="Identifier"
            required
            description="Cannot change once created"
            value={text('identifier')}
            disabled={disabled}
            onChange={(event) => setRest('identifier', event.currentTarget.value)}
            error={errors.identifier}
            data-autofocus
          />
        )}
        <TextInput
          label="Title"
          required
          value={text('title')}
          disabled={disabled}
          onChange={(event) => setRest('title', event.currentTarget.value)}
          error={errors.title}
        />
        <TextInput
          label="Icon"
          description="One of Port's icon names, e.g. Microservice"
          value={text('icon')}
          disabled={disabled}
          onChange={(event) => setRest('icon', event.currentTarget.value)}
          error={errors.icon}
        />
      </SimpleGrid>
      <Textarea
        label="Description"
        autosize
        minRows={2}
        maxLength={200}
        value={text('description')}
        disabled={disabled}
        onChange={(event) => setRest('description', event.currentTarget.value)}
        error={errors.description}
      />

      <RowsSection
        title="Properties"
        headingOrder={headingOrder}
        rows={draft.properties}
        open={shownOpen}
        onOpen={setOpen}
        addLabel={disabled ? undefined : 'Add property'}
        onAdd={() => {
          const row = newPropertyRow();
          add(row.uid);
          onChange({ ...draft, properties: [...draft.properties, row] });
        }}
        summary={(row) => <PropertySummary row={row} />}
        editor={(row) => (
          <PropertyEditor
            row={row}
            autoFocus={row.uid === added}
            onChange={setProperty}
            onRemove={() =>
              onChange({ ...draft, properties: draft.properties.filter((r) => r.uid !== row.uid) })
            }
            disabled={disabled}
            errors={{
              key: errors[`properties.${row.uid}.key`],
              enum: errors[`properties.${row.uid}.enum`],
              server: errors[`properties.${row.uid}`],
            }}
            blueprintOptions={blueprintOptions}
          />
        )}
      />
      <RowsSection
        title="Relations"
        headingOrder={headingOrder}
        rows={draft.relations}
        open={shownOpen}
        onOpen={setOpen}
        addLabel={disabled ? undefined : 'Add relation'}
        onAdd={() => {
          const row = newRelationRow();
          add(row.uid);
          onChange({ ...draft, relations: [...draft.relations, row] });
        }}
        summary={(row) => <RelationSummary row={row} />}
        editor={(row) => (
          <RelationEditor
            row={row}
            autoFocus={row.uid === added}
            onChange={setRelation}
            onRemove={() =>
              onChange({ ...draft, relations: draft.relations.filter((r) => r.uid !== row.uid) })
            }
            disabled={disabled}
            errors={{
              key: errors[`relations.${row.uid}.key`],
              target: errors[`relations.${row.uid}.target`],
              server: errors[`relations.${row.uid}`],
            }}
            blueprintOptions={blueprintOptions}
          />
        )}
      />
      {kept.length > 0 && (
        <Text size="sm" c="dimmed">
          This blueprint also has {kept.join(', ')}: the form keeps them as they are; the JSON tab edits them.
        </Text>
      )}
    </Stack>
  );
}

/** The properties or the relations: one collapsible row each, and a button that adds one. */
function RowsSection<Row extends { uid: string }>({
  title,
  headingOrder,
  rows,
  open,
  onOpen,
  addLabel,
  onAdd,
  summary,
  editor,
}: {
  title: string;
  headingOrder: TitleOrder;
  rows: Row[];
  open: string[];
  onOpen: (open: string[]) => void;
  /** No button when the form is read-only. */
  addLabel: string | undefined;
  onAdd: () => void;
  summary: (row: Row) => ReactNode;
  editor: (row: Row) => ReactNode;
}) {
  return (
    <Stack gap="sm">
      <Title order={headingOrder} size="h4">
        {title}
      </Title>
      {!rows.length && (
        <Text size="sm" c="dimmed">
          No {title.toLowerCase()} yet.
        </Text>
      )}
      <Accordion multiple variant="separated" value={open} onChange={onOpen}>
        {rows.map((row) => (
          <Accordion.Item key={row.uid} value={row.uid}>
            <Accordion.Control>{summary(row)}</Accordion.Control>
            <Accordion.Panel>{editor(row)}</Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      {addLabel && <AddButton label={addLabel} onClick={onAdd} />}
    </Stack>
  );
}

function AddButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Group>
      <Button variant="light" size="sm" onClick={onClick}>
        {label}
      </Button>
    </Group>
  );
}
