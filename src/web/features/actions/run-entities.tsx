import { Anchor, Badge, Group, List, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ActionRun } from '../../../core/action';
import { runEntitiesQuery } from '../../api/run.queries';
import { Problem } from '../../components/problem';

const ACTION_COLOR: Record<string, string> = { CREATE: 'green', UPDATE: 'blue', DELETE: 'red' };

/** The entities the run created, changed or deleted, each a link (but the deleted). */
export function RunEntities({ run }: { run: ActionRun }) {
  const entities = useQuery(runEntitiesQuery(run.id));
  if (entities.isError) return <Problem error={entities.error} retry={() => void entities.refetch()} />;
  if (!entities.data?.length) return null;
  return (
    <Stack gap="xs" component="section" aria-label="Changed entities">
      <Title order={2} size="h4">
        Entities it changed
      </Title>
      <List spacing={4} size="sm" listStyleType="none">
        {entities.data.map((entity) => (
          <List.Item key={`${entity.blueprint}\u0000${entity.identifier}\u0000${entity.at}`}>
            <Group gap="xs">
              <Badge
                size="sm"
                variant="light"
                color={Object.hasOwn(ACTION_COLOR, entity.action) ? ACTION_COLOR[entity.action] : 'gray'}
              >
                {entity.action.toLowerCase()}
              </Badge>
              {entity.action === 'DELETE' ? (
                <span>
                  {entity.blueprint} / {entity.identifier}
                </span>
              ) : (
                <Anchor
                  renderRoot={(props) => (
                    <Link
                      to="/catalog/$blueprint/$entity"
                      params={{ blueprint: entity.blueprint, entity: entity.identifier }}
                      {...props}
                    />
                  )}
                >
                  {entity.blueprint} / {entity.identifier}
                </Anchor>
              )}
            </Group>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
