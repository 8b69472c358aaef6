import { Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ActionOperation } from '../../../core/action';
import type { SelfServiceAction } from '../../api/action.queries';

export const OPERATION_COLOR: Record<ActionOperation, string> = {
  CREATE: 'green',
  'DAY-2': 'blue',
  DELETE: 'red',
};

/**
 * An action in the hub. A CREATE action opens its form from here; a DAY-2 or DELETE one runs on an entity,
 * so the card points to its blueprint's entities instead.
 */
export function ActionCard({
  action,
  blueprintTitle,
}: {
  action: SelfServiceAction;
  blueprintTitle?: string;
}) {
  const { operation, blueprintIdentifier } = action.trigger;
  const title = action.title || action.identifier;
  return (
    <Card withBorder padding="md" component="article" aria-label={title}>
      <Stack gap="xs" h="100%" justify="space-between">
        <Stack gap={4}>
          <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
            <Text fw={600} component="h3" m={0} size="md" lineClamp={2}>
              {title}
            </Text>
            <Badge variant="light" color={OPERATION_COLOR[operation]} style={{ flexShrink: 0 }}>
              {operation}
            </Badge>
          </Group>
          {action.description && (
            <Text size="sm" c="dimmed" lineClamp={3}>
              {action.description}
            </Text>
          )}
        </Stack>
        {operation === 'CREATE' ? (
          <Group justify="flex-end">
            <Button
              size="xs"
              renderRoot={(props) => (
                <Link
                  to="/self-service/$action"
                  params={{ action: action.identifier }}
                  search={{}}
                  {...props}
                />
              )}
            >
              {action.trigger.actionCardButtonText ?? 'Create'}
            </Button>
          </Group>
        ) : (
          blueprintIdentifier && (
            <Text size="xs" c="dimmed">
              Runs on an entity: open one of{' '}
              <Anchor
                size="xs"
                renderRoot={(props) => (
                  <Link to="/catalog/$blueprint" params={{ blueprint: blueprintIdentifier }} {...props} />
                )}
              >
                {blueprintTitle ?? blueprintIdentifier}
              </Anchor>
            </Text>
          )
        )}
      </Stack>
    </Card>
  );
}
