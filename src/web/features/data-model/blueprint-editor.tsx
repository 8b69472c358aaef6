import { Alert, Button, Group, Stack, Tabs, Text, type TitleOrder } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef, useState, type FormEvent } from 'react';
import type { Blueprint, BlueprintDefinition, JsonObject } from '../../../core/blueprint';
import {
  blueprintListQuery,
  blueprintQuery,
  createBlueprint,
  replaceBlueprint,
} from '../../api/blueprint.queries';
import { ApiError } from '../../api/client';
import { Loading, Problem } from '../../components/problem';
import {
  definitionOf,
  draftOf,
  emptyDefinition,
  problemsOf,
  type BlueprintDraft,
  type DraftProblems,
} from './blueprint-draft';
import { BlueprintForm } from './blueprint-form';

const CodeEditor = lazy(() => import('../../components/code-view').then((m) => ({ default: m.CodeEditor })));
const CodeView = lazy(() => import('../../components/code-view').then((m) => ({ default: m.CodeView })));

interface Props {
  /** The stored blueprint; none to create one. */
  blueprint?: Blueprint;
  canEdit: boolean;
  onSaved: (blueprint: Blueprint) => void;
  onCancel?: () => void;
  headingOrder?: TitleOrder;
}

type Mode = 'form' | 'json';

const savedKeysOf = (blueprint?: Blueprint) => ({
  properties: Object.keys(blueprint?.schema.properties ?? {}),
  relations: Object.keys(blueprint?.relations ?? {}),
});
const draftFrom = (blueprint?: Blueprint) => draftOf(blueprint ?? emptyDefinition(), savedKeysOf(blueprint));
const jsonOf = (draft: BlueprintDraft) => JSON.stringify(definitionOf(draft), null, 2);

/**
 * A blueprint's definition, edited as a form or as JSON (switching keeps the edits), saved whole over the
 * version it was read at. The server's refusal (a breaking change names the entities) shows beside the
 * field it names, else atop the form.
 */
export function BlueprintEditor({ blueprint, canEdit, onSaved, onCancel, headingOrder = 2 }: Props) {
  const creating = blueprint === undefined;
  const queryClient = useQueryClient();
  const list = useQuery(blueprintListQuery());
  const [mode, setMode] = useState<Mode>('form');
  const [draft, setDraftState] = useState(() => draftFrom(blueprint));
  const [json, setJson] = useState(() => jsonOf(draftFrom(blueprint)));
  const [jsonError, setJsonError] = useState<string>();
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [base, setBase] = useState(blueprint?.version);
  const dirty = useRef(false);
  const form = useRef<HTMLFormElement>(null);

  function reset(to: Blueprint | undefined) {
    const next = draftFrom(to);
    setDraftState(next);
    setJson(jsonOf(next));
    setBase(to?.version);
    setJsonError(undefined);
    setChecked(false);
    dirty.current = false;
  }
  // Someone else's change arrives (live updates): show it, unless this person is editing.
  useEffect(() => {
    if (blueprint && blueprint.version !== base && !dirty.current) reset(blueprint);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [blueprint?.version]);

  const setDraft = (next: BlueprintDraft) => {
    dirty.current = true;
    setDraftState(next);
  };
  const problems = checked ? problemsOf(draft, creating) : {};
  const placed = mode === 'form' ? fieldErrorsOf(error, draft, creating) : undefined;
  const errors: DraftProblems = { ...placed, ...problems };

  // Errors take focus: the first field the server or the form's checks refused.
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error, checked]);

  function switchTo(next: Mode) {
    if (next === mode) return;
    if (next === 'json') {
      setJson(jsonOf(draft));
      setMode('json');
      return;
    }
    try {
      setDraftState(draftOf(JSON.parse(json), savedKeysOf(blueprint), draft));
      setJsonError(undefined);
      setMode('form');
    } catch (caught) {
      setJsonError(`Fix the JSON to go back to the form: ${(caught as Error).message}`);
    }
  }

  function definitionToSend(): JsonObject | undefined {
    if (mode === 'form') {
      setChecked(true);
      if (Object.keys(problemsOf(draft, creating)).length) return undefined;
      return definitionOf(draft);
    }
    try {
      const parsed: unknown = JSON.parse(json);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('the blueprint must be a JSON object');
      return parsed as JsonObject;
    } catch (caught) {
      setJsonError(`Not valid JSON: ${(caught as Error).message}`);
      return undefined;
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const definition = definitionToSend();
    if (!definition) return;
    setBusy(true);
    try {
      const saved = creating
        ? await createBlueprint(definition as Partial<BlueprintDefinition>)
        : await replaceBlueprint(blueprint.identifier, definition, base);
      queryClient.setQueryData(blueprintQuery(saved.identifier).queryKey, saved);
      void queryClient.invalidateQueries({ queryKey: ['blueprints', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['access', saved.identifier] });
      void queryClient.invalidateQueries({ queryKey: ['entities', 'list', saved.identifier] });
      reset(saved);
      onSaved(saved);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const options = [
    ...(list.data ?? []).map((b) => ({ value: b.identifier, label: `${b.title} (${b.identifier})` })),
  ];
  const own = typeof draft.rest.identifier === 'string' ? draft.rest.identifier : '';
  if (creating && own && !options.some((o) => o.value === own))
    options.push({ value: own, label: `${own} (this blueprint)` });

  return (
    <form ref={form} onSubmit={submit} noValidate aria-label={creating ? 'New blueprint' : 'Blueprint'}>
      <Stack gap="md">
        {error !== null && !placed && (
          <Problem
            error={error}
            title={error instanceof ApiError && error.status === 412 ? undefined : 'Not saved'}
          />
        )}
        <Tabs value={mode} onChange={(value) => switchTo(value as Mode)} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="form">Form</Tabs.Tab>
            <Tabs.Tab value="json">JSON</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="form" pt="md">
            <BlueprintForm
              draft={draft}
              onChange={setDraft}
              creating={creating}
              disabled={!canEdit}
              errors={errors}
              blueprintOptions={options}
              headingOrder={headingOrder}
            />
          </Tabs.Panel>
          <Tabs.Panel value="json" pt="md">
            <Suspense fallback={<Loading label="Loading the editor…" />}>
              <Stack gap="xs">
                {jsonError && (
                  <Alert color="red" role="alert" title="Invalid JSON">
                    {jsonError}
                  </Alert>
                )}
                {canEdit ? (
                  <CodeEditor
                    label="Blueprint JSON"
                    language="json"
                    value={json}
                    minHeight="24rem"
                    onChange={(value) => {
                      dirty.current = true;
                      setJson(value);
                    }}
                  />
                ) : (
                  <CodeView language="json" value={json} />
                )}
                {canEdit && (
                  <Text size="xs" c="dimmed">
                    Port&apos;s blueprint JSON. Saving replaces the whole definition.
                  </Text>
                )}
              </Stack>
            </Suspense>
          </Tabs.Panel>
        </Tabs>
        {canEdit && (
          <Group justify="flex-end">
            {onCancel && (
              <Button variant="default" onClick={onCancel}>
                Cancel
              </Button>
            )}
            <Button type="submit" loading={busy}>
              {creating ? 'Create blueprint' : 'Save blueprint'}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

/**
 * The server's refusal placed beside the field its `details.field` names (`title`, `schema.properties.x…`,
 * `relations.y…`), keyed as the form keys its fields; undefined when no field shown takes it.
 */
function fieldErrorsOf(error: unknown, draft: BlueprintDraft, creating: boolean): DraftProblems | undefined {
  if (!(error instanceof ApiError) || !error.field) return undefined;
  const field = error.field;
  const shown = creating ? ['identifier', 'title', 'icon', 'description'] : ['title', 'icon', 'description'];
  if (shown.includes(field)) return { [field]: error.message };
  const match = /^(?:schema\.)?(properties|relations)\.([^.]+)/.exec(field);
  if (!match) return undefined;
  const [, kind, key] = match;
  const rows = kind === 'properties' ? draft.properties : draft.relations;
  const row = rows.find((r) => r.key === key);
  return row ? { [`${kind}.${row.uid}`]: error.message } : undefined;
}
