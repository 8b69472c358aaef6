import { Button, Menu } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { actionAppliesQuery, actionListQuery } from '../../api/action.queries';

/**
 * The DAY-2 and DELETE actions of the entity's blueprint that apply to it: an action with a condition only
 * when a search for the condition and the entity finds it. Each opens its form for this entity.
 */
export function EntityActions({ blueprint, entity }: { blueprint: string; entity: string }) {
  const actions = useQuery(actionListQuery(blueprint));
  const candidates = (actions.data ?? []).filter(
    (action) => action.trigger.operation !== 'CREATE' && action.trigger.blueprintIdentifier === blueprint,
  );
  const applies = useQueries({
    queries: candidates.map((action) => actionAppliesQuery(action, blueprint, entity)),
  });
  const applicable = candidates.filter((_, index) => applies[index]?.data === true);
  if (!applicable.length) return null;
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="light">Actions</Button>
      </Menu.Target>
      <Menu.Dropdown>
        {applicable.map((action) => (
          <Menu.Item
            key={action.identifier}
            color={action.trigger.operation === 'DELETE' ? 'red' : undefined}
            renderRoot={(props) => (
              <Link
                to="/self-service/$action"
                params={{ action: action.identifier }}
                search={{ entity }}
                {...props}
              />
            )}
          >
            {action.title || action.identifier}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
