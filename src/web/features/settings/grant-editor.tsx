import { Fieldset, MultiSelect, SimpleGrid, Switch, Text } from '@mantine/core';
import type { Grant } from '../../api/permission.queries';

export interface GrantChoices {
  roles: string[];
  users: string[];
  teams: string[];
}

/** Who one permission is granted to: roles, users, teams, and the members of an entity's owning teams. */
export function GrantEditor({
  legend,
  description,
  grant,
  choices,
  error,
  onChange,
}: {
  legend: string;
  description?: string;
  grant: Grant;
  choices: GrantChoices;
  error?: string;
  onChange: (grant: Grant) => void;
}) {
  // Names the server holds but the lists lack (a user deleted meanwhile) stay visible, so they can go.
  const options = (known: string[], chosen: string[]) => [...new Set([...known, ...chosen])];
  return (
    <Fieldset legend={legend} variant="filled">
      {description && (
        <Text size="xs" c="dimmed" mb="xs">
          {description}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        <MultiSelect
          label="Roles"
          placeholder={grant.roles.length ? undefined : 'No role'}
          data={options(choices.roles, grant.roles)}
          value={grant.roles}
          onChange={(roles) => onChange({ ...grant, roles })}
          searchable
          clearable
        />
        <MultiSelect
          label="Users"
          placeholder={grant.users.length ? undefined : 'No user'}
          data={options(choices.users, grant.users)}
          value={grant.users}
          onChange={(users) => onChange({ ...grant, users })}
          searchable
          clearable
        />
        <MultiSelect
          label="Teams"
          placeholder={grant.teams.length ? undefined : 'No team'}
          data={options(choices.teams, grant.teams)}
          value={grant.teams}
          onChange={(teams) => onChange({ ...grant, teams })}
          searchable
          clearable
        />
      </SimpleGrid>
      <Switch
        mt="sm"
        label="Members of the entity’s owning teams"
        checked={grant.ownedByTeam}
        onChange={(event) => onChange({ ...grant, ownedByTeam: event.currentTarget.checked })}
      />
      {error && (
        <Text size="sm" c="red" mt="xs" role="alert">
          {error}
        </Text>
      )}
    </Fieldset>
  );
}
