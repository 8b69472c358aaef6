import { Badge, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { Blueprint } from '../../core/blueprint';
import { isSystemBlueprint } from '../../core/system-blueprints';
import { blueprintListQuery, entityCountQuery } from '../api/blueprint.queries';
import { Empty } from '../components/problem';
import { Page } from '../components/page';

/** Every blueprint, the catalog's own first and Portico's users and teams after, filtered as you type. */
export function CatalogPage() {
  const { data: blueprints } = useSuspenseQuery(blueprintListQuery());
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = blueprints
    .filter(
      (b) => !needle || b.identifier.toLowerCase().includes(needle) || b.title.toLowerCase().includes(needle),
    )
    .sort((a, b) => a.title.localeCompare(b.title));
  const groups = [
    { title: 'Software catalog', blueprints: shown.filter((b) => !isSystemBlueprint(b.identifier)) },
    { title: 'People and teams', blueprints: shown.filter((b) => isSystemBlueprint(b.identifier)) },
  ];
  return (
    <Page title="Catalog">
      <TextInput
        label="Find a blueprint"
        placeholder="Service, environment…"
        value={filter}
        onChange={(event) => setFilter(event.currentTarget.value)}
        maw={360}
      />
      {shown.length === 0 && <Empty>No blueprint matches “{filter}”.</Empty>}
      {groups
        .filter((group) => group.blueprints.length)
        .map((group) => (
          <Stack key={group.title} gap="xs">
            <Title order={2} size="h4">
              {group.title}
            </Title>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 4 }}>
              {group.blueprints.map((blueprint) => (
                <BlueprintCard key={blueprint.identifier} blueprint={blueprint} />
              ))}
            </SimpleGrid>
          </Stack>
        ))}
    </Page>
  );
}

function BlueprintCard({ blueprint }: { blueprint: Blueprint }) {
  const count = useQuery(entityCountQuery(blueprint.identifier));
  return (
    <Card
      withBorder
      padding="md"
      renderRoot={(props) => (
        <Link to="/catalog/$blueprint" params={{ blueprint: blueprint.identifier }} {...props} />
      )}
    >
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600} truncate>
          {blueprint.title}
        </Text>
        <Badge variant="light" aria-label="entities">
          {count.data === undefined ? '…' : count.data.toLocaleString()}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" lineClamp={2}>
        {blueprint.description || blueprint.identifier}
      </Text>
    </Card>
  );
}
