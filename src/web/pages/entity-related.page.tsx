import { Anchor, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { Entity } from '../../core/entity';
import { relatedQuery, type Direction } from '../api/related.queries';
import { Empty, Loading, Problem } from '../components/problem';
import { DateTime } from '../components/time';
import { useEntityPage } from '../features/catalog/use-entity';

/** Everything connected to the entity through chains of relations, by blueprint. */
export function EntityRelatedPage() {
  const { params } = useEntityPage();
  const [direction, setDirection] = useState<Direction>('both');
  const related = useQuery(relatedQuery(params.blueprint, params.entity, direction));
  const byBlueprint = new Map<string, Entity[]>();
  for (const entity of related.data ?? [])
    byBlueprint.set(entity.blueprint, [...(byBlueprint.get(entity.blueprint) ?? []), entity]);
  return (
    <Stack>
      <SegmentedControl
        aria-label="Direction"
        value={direction}
        onChange={(value) => setDirection(value as Direction)}
        data={[
          { value: 'both', label: 'Both ways' },
          { value: 'upstream', label: 'What it depends on' },
          { value: 'downstream', label: 'What depends on it' },
        ]}
        w="fit-content"
      />
      {related.isPending && <Loading label="Finding related entities…" />}
      {related.isError && <Problem error={related.error} retry={() => void related.refetch()} />}
      {related.isSuccess && related.data.length === 0 && <Empty>No entity is related this way.</Empty>}
      {related.isSuccess && related.data.length === 500 && (
        <Text size="sm" c="dimmed">
          The first 500 are shown.
        </Text>
      )}
      {[...byBlueprint].map(([blueprint, entities]) => (
        <Stack key={blueprint} gap="xs">
          <Title order={2} size="h5">
            {blueprint} ({entities.length})
          </Title>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Title</Table.Th>
                <Table.Th>Identifier</Table.Th>
                <Table.Th>Last updated</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entities.map((entity) => (
                <Table.Tr key={entity.identifier}>
                  <Table.Td>
                    <Anchor
                      renderRoot={(props) => (
                        <Link
                          to="/catalog/$blueprint/$entity"
                          params={{ blueprint, entity: entity.identifier }}
                          {...props}
                        />
                      )}
                    >
                      {entity.title || entity.identifier}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{entity.identifier}</Table.Td>
                  <Table.Td>{entity.updatedAt && <DateTime value={entity.updatedAt} compact />}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ))}
    </Stack>
  );
}
