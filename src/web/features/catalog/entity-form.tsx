import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useRef, useState, type FormEvent } from 'react';
import type { Blueprint } from '../../../core/blueprint';
import type { Entity, EntityInput } from '../../../core/entity';
import { accessQuery } from '../../api/blueprint.queries';
import { ApiError } from '../../api/client';
import { createEntity, updateEntity } from '../../api/entity.queries';
import { EntityMultiPicker, EntityPicker } from './entity-picker';
import { PropertyInput } from './property-input';

interface Draft {
  identifier: string;
  title: string;
  team: string[];
  properties: Record<string, unknown>;
  relations: Record<string, string | string[] | null>;
}

const draftOf = (entity: Entity | undefined): Draft => ({
  identifier: entity?.identifier ?? '',
  title: entity?.title ?? '',
  team: entity?.team ?? [],
  properties: { ...(entity?.properties ?? {}) },
  relations: { ...(entity?.relations ?? {}) },
});

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Create an entity, or change one: a field per property and relation of the blueprint. A change sends
 * only what was changed, over the version the form was filled from (a change made meanwhile is refused,
 * never overwritten). Fields the person may not change are shown but disabled.
 */
export function EntityFormModal({
  blueprint,
  entity,
  onClose,
}: {
  blueprint: Blueprint;
  entity?: Entity;
  onClose: () => void;
}) {
  const editing = entity !== undefined;
  const access = useQuery(accessQuery(blueprint.identifier, entity?.identifier));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(() => draftOf(entity));
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const alert = useRef<HTMLDivElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const original = useRef(draftOf(entity));
  // The version the form was filled from: a live refresh of the entity must not move it, or a save would
  // write over a change this person never saw.
  const version = useRef(entity?.version);

  const fieldError = (field: string) =>
    error instanceof ApiError && error.field === field ? error.message : undefined;
  const wholeForm =
    error && !(error instanceof ApiError && error.field && isShownField(error.field, blueprint));
  const mayChange = (kind: 'properties' | 'relations' | 'meta', id?: string) => {
    if (!editing) return true;
    if (!access.data) return false;
    if (access.data.update) return true;
    if (kind === 'properties') return access.data.updateProperties.includes(id!);
    if (kind === 'relations') return access.data.updateRelations.includes(id!);
    return false;
  };

  function input(): EntityInput {
    if (!editing)
      return {
        identifier: draft.identifier,
        ...(draft.title ? { title: draft.title } : {}),
        ...(draft.team.length ? { team: draft.team } : {}),
        properties: defined(draft.properties),
        relations: Object.fromEntries(
          Object.entries(draft.relations).filter(([, v]) => v !== null && !(Array.isArray(v) && !v.length)),
        ),
      };
    const was = original.current;
    const changed: EntityInput = {};
    if (draft.title !== was.title) changed.title = draft.title || null;
    if (!same(draft.team, was.team)) changed.team = draft.team;
    const properties = Object.keys(blueprint.schema.properties).filter(
      (id) => !same(draft.properties[id], was.properties[id]),
    );
    if (properties.length)
      changed.properties = Object.fromEntries(properties.map((id) => [id, draft.properties[id] ?? null]));
    const relations = Object.keys(blueprint.relations).filter(
      (id) => !same(draft.relations[id], was.relations[id]),
    );
    if (relations.length)
      changed.relations = Object.fromEntries(relations.map((id) => [id, draft.relations[id] ?? null]));
    return changed;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = editing
        ? await updateEntity(blueprint.identifier, entity.identifier, input(), version.current)
        : await createEntity(blueprint.identifier, input());
      queryClient.setQueryData(['entities', 'one', blueprint.identifier, saved.identifier], saved);
      void queryClient.invalidateQueries({ queryKey: ['entities', 'list', blueprint.identifier] });
      void queryClient.invalidateQueries({ queryKey: ['entities', 'count', blueprint.identifier] });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
      onClose();
      if (!editing)
        await navigate({
          to: '/catalog/$blueprint/$entity',
          params: { blueprint: blueprint.identifier, entity: saved.identifier },
        });
    } catch (caught) {
      setError(caught as Error);
      setTimeout(() =>
        (form.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? alert.current)?.focus(),
      );
    } finally {
      setBusy(false);
    }
  }

  const required = new Set(blueprint.schema.required);
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': 'Close' }}
      size="lg"
      title={editing ? `Edit ${entity.title || entity.identifier}` : `Create ${blueprint.title}`}
    >
      <form ref={form} onSubmit={submit} noValidate>
        <Stack>
          {wholeForm && (
            <Alert
              ref={alert}
              tabIndex={-1}
              color="red"
              role="alert"
              title={error instanceof ApiError && error.status === 412 ? 'Changed meanwhile' : 'Not saved'}
            >
              {error.message}
              {error instanceof ApiError &&
                error.status === 412 &&
                ' Close this form and open it again to edit the latest version.'}
            </Alert>
          )}
          {!editing && (
            <TextInput
              label="Identifier"
              required
              value={draft.identifier}
              onChange={(e) => setDraft({ ...draft, identifier: e.currentTarget.value })}
              error={fieldError('identifier')}
            />
          )}
          <TextInput
            label="Title"
            value={draft.title}
            disabled={!mayChange('meta')}
            onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
            error={fieldError('title')}
          />
          <EntityMultiPicker
            label="Owning teams"
            target="_team"
            value={draft.team}
            disabled={!mayChange('meta')}
            onChange={(team) => setDraft({ ...draft, team })}
            error={fieldError('team')}
          />
          {Object.entries(blueprint.schema.properties).map(([id, schema]) => (
            <PropertyInput
              key={id}
              id={id}
              schema={schema}
              value={draft.properties[id]}
              required={required.has(id)}
              disabled={!mayChange('properties', id)}
              error={fieldError(`properties.${id}`)}
              onChange={(value) => setDraft((d) => ({ ...d, properties: { ...d.properties, [id]: value } }))}
            />
          ))}
          {Object.entries(blueprint.relations).map(([id, relation]) => {
            const common = {
              label: relation.title ?? id,
              description: `${relation.many ? 'Entities' : 'An entity'} of ${relation.target}`,
              target: relation.target,
              required: relation.required,
              disabled: !mayChange('relations', id),
              error: fieldError(`relations.${id}`),
            };
            const value = draft.relations[id];
            const set = (next: string | string[] | null) =>
              setDraft((d) => ({ ...d, relations: { ...d.relations, [id]: next } }));
            return relation.many ? (
              <EntityMultiPicker
                key={id}
                {...common}
                value={Array.isArray(value) ? value : value ? [value] : []}
                onChange={set}
              />
            ) : (
              <EntityPicker
                key={id}
                {...common}
                value={typeof value === 'string' ? value : null}
                onChange={set}
              />
            );
          })}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              {editing ? 'Save' : 'Create'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const defined = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));

function isShownField(field: string, blueprint: Blueprint) {
  if (field === 'identifier' || field === 'title' || field === 'team') return true;
  const [kind, id] = [field.slice(0, field.indexOf('.')), field.slice(field.indexOf('.') + 1)];
  if (kind === 'properties') return Object.hasOwn(blueprint.schema.properties, id);
  if (kind === 'relations') return Object.hasOwn(blueprint.relations, id);
  return false;
}
