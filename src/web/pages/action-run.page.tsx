import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { actionQuery, isSelfServiceAction, type SelfServiceAction } from '../api/action.queries';
import { isNotFound } from '../api/client';
import { entityQuery } from '../api/entity.queries';
import { runQuery } from '../api/run.queries';
import { Page } from '../components/page';
import { Loading, Problem } from '../components/problem';
import { OPERATION_COLOR } from '../features/actions/action-card';
import { ActionForm } from '../features/actions/action-form';
import { rerunValues } from '../features/actions/form-values';
import { EntityPicker } from '../features/catalog/entity-picker';
import { NotFoundPage } from './not-found.page';

/** An action's form: for an entity (DAY-2, DELETE) when `?entity=` names one, filled from `?rerun=<run>`. */
export function ActionRunPage() {
  const { action: identifier } = useParams({ from: '/app/self-service/$action' });
  const { entity, rerun } = useSearch({ from: '/app/self-service/$action' });
  const action = useQuery(actionQuery(identifier));
  const previous = useQuery({ ...runQuery(rerun ?? ''), enabled: rerun !== undefined });

  if (isNotFound(action.error)) return <NotFoundPage what={`There is no action “${identifier}”`} />;
  if (action.isError) return <Problem error={action.error} retry={() => void action.refetch()} />;
  if (action.isPending || (rerun !== undefined && previous.isPending))
    return <Loading label="Loading the action…" />;
  if (previous.isError) return <Problem error={previous.error} retry={() => void previous.refetch()} />;

  const definition = action.data;
  // An automation has no form: its events start it.
  if (!isSelfServiceAction(definition))
    return <NotFoundPage message={`“${identifier}” is an automation: its events start it, not a form.`} />;
  const title = definition.title || definition.identifier;
  const onEntity = definition.trigger.operation !== 'CREATE';
  const initial = previous.data ? rerunValues(definition.trigger.userInputs, previous.data.properties) : {};
  return (
    <Page
      title={title}
      heading={
        <Group gap="sm" component="span">
          {title}
          <Badge variant="light" color={OPERATION_COLOR[definition.trigger.operation]}>
            {definition.trigger.operation}
          </Badge>
        </Group>
      }
    >
      <Stack maw={720}>
        {definition.description && <Text c="dimmed">{definition.description}</Text>}
        {previous.data && (
          <Text size="sm">
            Filled from{' '}
            <Anchor
              renderRoot={(props) => (
                <Link to="/runs/$runId" params={{ runId: previous.data.id }} {...props} />
              )}
            >
              an earlier run
            </Anchor>
            ; secret inputs are never filled.
          </Text>
        )}
        {onEntity && <EntityOfRun action={definition} entity={entity} />}
        {(!onEntity || entity !== undefined) && (
          <Card withBorder padding="lg">
            <ActionForm
              key={`${entity ?? ''}\u0000${rerun ?? ''}`}
              action={definition}
              {...(entity !== undefined ? { entity } : {})}
              initial={initial}
            />
          </Card>
        )}
      </Stack>
    </Page>
  );
}

/** The entity a DAY-2 or DELETE action runs on, or a picker to choose it. */
function EntityOfRun({ action, entity }: { action: SelfServiceAction; entity: string | undefined }) {
  const blueprint = action.trigger.blueprintIdentifier;
  const navigate = useNavigate({ from: '/self-service/$action' });
  const found = useQuery({
    ...entityQuery(blueprint ?? '', entity ?? ''),
    enabled: Boolean(blueprint && entity),
  });
  if (!blueprint) return null;
  if (entity === undefined)
    return (
      <EntityPicker
        label="Run it on"
        description="This action runs on an entity: choose one."
        target={blueprint}
        value={null}
        onChange={(chosen) => void navigate({ search: (s) => ({ ...s, entity: chosen ?? undefined }) })}
      />
    );
  if (found.isError && !isNotFound(found.error)) return <Problem error={found.error} />;
  return (
    <Text size="sm">
      On{' '}
      <Anchor
        renderRoot={(props) => (
          <Link to="/catalog/$blueprint/$entity" params={{ blueprint, entity }} {...props} />
        )}
      >
        {found.data?.title || entity}
      </Anchor>
      {isNotFound(found.error) && ' (not found)'}
    </Text>
  );
}
