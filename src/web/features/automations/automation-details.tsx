import { Anchor, Code, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { AutomationCondition, AutomationEvent } from '../../../core/action';
import type { Automation } from '../../api/automation.queries';

/** What an automation listens to, what must hold for it to fire, and what it then does. */
export function AutomationDetails({ automation }: { automation: Automation }) {
  const { event, condition } = automation.trigger;
  return (
    <div className="property-grid">
      <Text fw={500} size="sm">
        Event
      </Text>
      <EventText event={event} />
      <Text fw={500} size="sm">
        Condition
      </Text>
      <ConditionText condition={condition} />
      <Text fw={500} size="sm">
        Backend
      </Text>
      <Text size="sm">{automation.invocationMethod.type}</Text>
    </div>
  );
}

function EventText({ event }: { event: AutomationEvent }) {
  return (
    <Text size="sm" data-testid="automation-event">
      <Code>{event.type}</Code>{' '}
      {'blueprintIdentifier' in event ? (
        <>
          {'propertyIdentifier' in event && (
            <>
              of <Code>{event.propertyIdentifier}</Code>{' '}
            </>
          )}
          on{' '}
          <Anchor
            size="sm"
            renderRoot={(props) => (
              <Link to="/catalog/$blueprint" params={{ blueprint: event.blueprintIdentifier }} {...props} />
            )}
          >
            {event.blueprintIdentifier}
          </Anchor>
        </>
      ) : event.actionIdentifier ? (
        <>
          of <Code>{event.actionIdentifier}</Code>
        </>
      ) : (
        'of every self-service action'
      )}
    </Text>
  );
}

function ConditionText({ condition }: { condition: AutomationCondition | undefined }) {
  if (!condition?.expressions.length)
    return (
      <Text size="sm" c="dimmed">
        None: every event fires it
      </Text>
    );
  const several = condition.expressions.length > 1;
  return (
    <Stack gap={4} data-testid="automation-condition">
      {several && (
        <Text size="sm" c="dimmed">
          {condition.combinator === 'or' ? 'Any of these holds (or)' : 'All of these hold (and)'}
        </Text>
      )}
      {condition.expressions.map((expression, index) => (
        <Code key={index} block>
          {expression}
        </Code>
      ))}
    </Stack>
  );
}
