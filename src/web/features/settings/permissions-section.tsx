import { Accordion, Alert, Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { blueprintListQuery } from '../../api/blueprint.queries';
import { teamListQuery, userListQuery } from '../../api/people.queries';
import {
  changePermissions,
  permissionsQuery,
  type BlueprintPermissions,
  type EntityAction,
  type Grant,
} from '../../api/permission.queries';
import { Loading, Problem } from '../../components/problem';
import { fieldError, shownAtField } from './form-errors';
import { GrantEditor, type GrantChoices } from './grant-editor';
import { permissionsChange } from './permissions-change';
import { allRoles, moderatedBy } from './roles';

const ACTIONS: Array<{ action: EntityAction; legend: string; description: string }> = [
  { action: 'read', legend: 'Read', description: 'See its entities (a grant to change them implies it).' },
  { action: 'register', legend: 'Register', description: 'Create entities.' },
  { action: 'update', legend: 'Update', description: 'Change any field of its entities.' },
  { action: 'unregister', legend: 'Unregister', description: 'Delete entities.' },
];

/** Pick a blueprint (Admins: any; moderators: theirs) and edit who may do what with its entities. */
export function PermissionsSection({
  admin,
  roles,
  blueprint,
  onBlueprintChange,
}: {
  admin: boolean;
  roles: string[];
  /** The blueprint shown (the page keeps it in the URL). */
  blueprint: string | undefined;
  onBlueprintChange: (blueprint: string | undefined) => void;
}) {
  const blueprints = useQuery(blueprintListQuery());
  const mine = useMemo(() => {
    const moderated = moderatedBy(roles);
    return (blueprints.data ?? []).filter((b) => admin || moderated.includes(b.identifier));
  }, [admin, roles, blueprints.data]);

  if (blueprints.isPending) return <Loading label="Loading the blueprints…" />;
  if (blueprints.isError) return <Problem error={blueprints.error} retry={() => void blueprints.refetch()} />;
  if (!mine.length)
    return (
      <Alert color="gray" title="Nothing to manage here">
        Only an Admin, or a moderator of a blueprint, sees and changes who may read and change its entities.
      </Alert>
    );
  const chosen = mine.some((b) => b.identifier === blueprint) ? blueprint : undefined;
  return (
    <Stack>
      <Select
        label="Blueprint"
        placeholder="Pick a blueprint"
        data={mine.map((b) => ({
          value: b.identifier,
          label: `${b.title || b.identifier} (${b.identifier})`,
        }))}
        value={chosen ?? null}
        onChange={(value) => onBlueprintChange(value ?? undefined)}
        searchable
        maw={420}
        nothingFoundMessage="No blueprint matches"
      />
      {blueprint !== undefined && chosen === undefined && (
        <Alert color="yellow" role="alert" title="No such blueprint here">
          There is no blueprint “{blueprint}” whose permissions you manage: pick one above.
        </Alert>
      )}
      {chosen && <PermissionsEditor key={chosen} blueprint={chosen} />}
    </Stack>
  );
}

function PermissionsEditor({ blueprint }: { blueprint: string }) {
  const permissions = useQuery(permissionsQuery(blueprint));
  const users = useQuery(userListQuery());
  const teams = useQuery(teamListQuery());
  const blueprints = useQuery(blueprintListQuery());
  const [savedOnce, setSavedOnce] = useState(false);
  const choices: GrantChoices = useMemo(
    () => ({
      roles: allRoles((blueprints.data ?? []).map((b) => b.identifier)),
      users: (users.data ?? []).map((u) => u.email),
      teams: (teams.data ?? []).map((t) => t.name),
    }),
    [blueprints.data, users.data, teams.data],
  );
  if (permissions.isPending) return <Loading label="Loading the permissions…" />;
  if (permissions.isError)
    return <Problem error={permissions.error} retry={() => void permissions.refetch()} />;
  return (
    <PermissionsForm
      key={permissions.dataUpdatedAt}
      blueprint={blueprint}
      saved={permissions.data}
      choices={choices}
      justSaved={savedOnce}
      onSaved={() => setSavedOnce(true)}
    />
  );
}

function PermissionsForm({
  blueprint,
  saved,
  choices,
  justSaved,
  onSaved,
}: {
  blueprint: string;
  saved: BlueprintPermissions;
  choices: GrantChoices;
  /** The form comes back with the saved permissions after a save: it says so until the next change. */
  justSaved: boolean;
  onSaved: () => void;
}) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(saved);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const change = permissionsChange(saved, draft);

  const setAction = (action: EntityAction, grant: Grant) =>
    setDraft((d) => ({ ...d, entities: { ...d.entities, [action]: grant } }));
  const setKeyed = (kind: 'updateProperties' | 'updateRelations', key: string, grant: Grant) =>
    setDraft((d) => ({ ...d, entities: { ...d.entities, [kind]: { ...d.entities[kind], [key]: grant } } }));

  async function save() {
    if (!change) return;
    setBusy(true);
    setError(null);
    try {
      const answered = await changePermissions(blueprint, change);
      onSaved();
      queryClient.setQueryData(permissionsQuery(blueprint).queryKey, answered);
      void queryClient.invalidateQueries({ queryKey: ['access', blueprint] });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  const grantError = (path: string) => fieldError(error, [`entities.${path}`]);
  return (
    <Stack>
      {error !== null && !shownAtField(error, ['entities']) && <Problem error={error} title="Not saved" />}
      {justSaved && !change && (
        <Alert color="teal" role="status" title="Saved">
          The permissions of {blueprint} apply from the next request on.
        </Alert>
      )}
      {saved.entities.read.policy !== undefined && (
        <Alert color="gray">
          A read policy also lets people read entities it matches; change it through the API (
          <code>entities.read.policy</code>).
        </Alert>
      )}
      <Stack>
        {ACTIONS.map(({ action, legend, description }) => (
          <GrantEditor
            key={action}
            legend={legend}
            description={description}
            grant={draft.entities[action]}
            choices={choices}
            error={grantError(action)}
            onChange={(grant) => setAction(action, grant)}
          />
        ))}
      </Stack>
      <KeyedGrants
        title="Update single properties"
        explanation="Without Update, a change is allowed when every property it changes is granted here."
        kind="updateProperties"
        grants={draft.entities.updateProperties}
        choices={choices}
        errorOf={grantError}
        onChange={(key, grant) => setKeyed('updateProperties', key, grant)}
      />
      <KeyedGrants
        title="Update single relations"
        explanation="Likewise for each relation."
        kind="updateRelations"
        grants={draft.entities.updateRelations}
        choices={choices}
        errorOf={grantError}
        onChange={(key, grant) => setKeyed('updateRelations', key, grant)}
      />
      <Group justify="flex-end" pos="sticky" bottom={0} py="sm" bg="var(--mantine-color-body)">
        <Button variant="default" disabled={!change || busy} onClick={() => setDraft(saved)}>
          Discard changes
        </Button>
        <Button disabled={!change} loading={busy} onClick={() => void save()}>
          Save permissions
        </Button>
      </Group>
    </Stack>
  );
}

function KeyedGrants({
  title,
  explanation,
  kind,
  grants,
  choices,
  errorOf,
  onChange,
}: {
  title: string;
  explanation: string;
  kind: 'updateProperties' | 'updateRelations';
  grants: Record<string, Grant>;
  choices: GrantChoices;
  errorOf: (path: string) => string | undefined;
  onChange: (key: string, grant: Grant) => void;
}) {
  const keys = Object.keys(grants);
  if (!keys.length) return null;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {title}
      </Title>
      <Text size="sm" c="dimmed">
        {explanation}
      </Text>
      {/* Closed items are unmounted: a blueprint may have hundreds of properties. */}
      <Accordion multiple keepMounted={false} variant="separated">
        {keys.map((key) => (
          <Accordion.Item key={key} value={key}>
            <Accordion.Control>
              <Text size="sm" ff="monospace">
                {key}
              </Text>
            </Accordion.Control>
            <Accordion.Panel>
              <GrantEditor
                legend={`${kind === 'updateProperties' ? 'Property' : 'Relation'} ${key}`}
                grant={grants[key]!}
                choices={choices}
                error={errorOf(`${kind}.${key}`)}
                onChange={(grant) => onChange(key, grant)}
              />
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Stack>
  );
}
