import { Anchor, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { Automation } from '../../api/automation.queries';
import { AutomationDetails } from './automation-details';
import { PublishSwitch } from './publish-switch';

/** An automation in the list: its name leads to its history. */
export function AutomationCard({ automation }: { automation: Automation }) {
  const title = automation.title || automation.identifier;
  return (
    <Card withBorder padding="md" component="article" aria-label={title}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={0}>
            <Text fw={600} component="h2" m={0} size="md">
              <Anchor
                inherit
                renderRoot={(props) => (
                  <Link
                    to="/automations/$automation"
                    params={{ automation: automation.identifier }}
                    {...props}
                  />
                )}
              >
                {title}
              </Anchor>
            </Text>
            <Text size="xs" c="dimmed">
              {automation.identifier}
            </Text>
          </Stack>
          <PublishSwitch automation={automation} />
        </Group>
        {automation.description && (
          <Text size="sm" c="dimmed">
            {automation.description}
          </Text>
        )}
        <AutomationDetails automation={automation} />
      </Stack>
    </Card>
  );
}
