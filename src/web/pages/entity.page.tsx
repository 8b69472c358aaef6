import { Badge, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { lazyWithRetry } from '../components/lazy';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { Suspense, useState } from 'react';
import { accessQuery } from '../api/blueprint.queries';
import { isNotFound } from '../api/client';
import { deleteEntity } from '../api/entity.queries';
import { scorecardListQuery } from '../api/scorecard.queries';
import { ConfirmDialog } from '../components/confirm-dialog';
import { Page } from '../components/page';
import { Loading, Problem } from '../components/problem';
import { EntityActions } from '../features/actions/entity-actions';
import { EntityChip } from '../features/catalog/cells/property-value';
import { useEntityPage } from '../features/catalog/use-entity';
import { NotFoundPage } from './not-found.page';

const EntityFormModal = lazyWithRetry(() =>
  import('../features/catalog/entity-form').then((m) => ({ default: m.EntityFormModal })),
);

const TABS = [
  { to: '/catalog/$blueprint/$entity', label: 'Overview', suffix: '' },
  { to: '/catalog/$blueprint/$entity/scorecards', label: 'Scorecards', suffix: '/scorecards' },
  { to: '/catalog/$blueprint/$entity/related', label: 'Related entities', suffix: '/related' },
  { to: '/catalog/$blueprint/$entity/graph', label: 'Graph', suffix: '/graph' },
  { to: '/catalog/$blueprint/$entity/history', label: 'History', suffix: '/history' },
] as const;

/** One layout for every entity: its title, owners and actions, and its tabs as child routes. */
export function EntityPage() {
  const { params, blueprint, entity } = useEntityPage();
  const access = useQuery({ ...accessQuery(params.blueprint, params.entity), enabled: entity.isSuccess });
  const scorecards = useQuery(scorecardListQuery(params.blueprint));
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  if (entity.isPending || blueprint.isPending) return <Loading label="Loading the entity…" />;
  if (isNotFound(blueprint.error))
    return <NotFoundPage what={`There is no blueprint “${params.blueprint}”`} />;
  if (isNotFound(entity.error))
    return <NotFoundPage what={`There is no entity “${params.entity}” in ${params.blueprint}`} />;
  if (blueprint.isError) return <Problem error={blueprint.error} retry={() => void blueprint.refetch()} />;
  if (entity.isError) return <Problem error={entity.error} retry={() => void entity.refetch()} />;

  const base = `/catalog/${encodeURIComponent(params.blueprint)}/${encodeURIComponent(params.entity)}`;
  // The Scorecards tab is there when the blueprint has scorecards (or when its address was opened).
  const tabs = TABS.filter(
    (tab) => tab.label !== 'Scorecards' || scorecards.data?.length || pathname.endsWith(tab.suffix),
  );
  const current =
    tabs.find((t) => t.suffix && pathname.endsWith(t.suffix) && decodeURI(pathname) !== decodeURI(base))
      ?.label ?? 'Overview';
  const title = entity.data.title || entity.data.identifier;
  return (
    <Page
      title={`${title} · ${blueprint.data.title}`}
      heading={title}
      actions={
        <>
          <EntityActions blueprint={params.blueprint} entity={params.entity} />
          {access.data &&
            (access.data.update ||
              access.data.updateProperties.length > 0 ||
              access.data.updateRelations.length > 0) && (
              <Button onClick={() => setEditing(true)}>Edit</Button>
            )}
          {access.data?.unregister && (
            <Button color="red" variant="light" onClick={() => setDeleting(true)}>
              Delete
            </Button>
          )}
        </>
      }
    >
      <Group gap="xs">
        <Badge
          variant="light"
          renderRoot={(props) => (
            <Link to="/catalog/$blueprint" params={{ blueprint: params.blueprint }} {...props} />
          )}
          style={{ cursor: 'pointer' }}
        >
          {blueprint.data.title}
        </Badge>
        <Text size="sm" c="dimmed">
          {entity.data.identifier}
        </Text>
        {entity.data.team.length > 0 && (
          <Group gap={4} aria-label="Owning teams">
            <Text size="sm" c="dimmed">
              Owned by
            </Text>
            {entity.data.team.map((team) => (
              <EntityChip key={team} blueprint="_team" identifier={team} />
            ))}
          </Group>
        )}
      </Group>
      <Tabs value={current}>
        <Tabs.List aria-label="Entity sections">
          {tabs.map((tab) => (
            <Tabs.Tab
              key={tab.label}
              value={tab.label}
              renderRoot={(props) => (
                <Link
                  to={tab.to}
                  params={{ blueprint: params.blueprint, entity: params.entity }}
                  {...props}
                />
              )}
            >
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Stack>
        <Outlet />
      </Stack>
      {editing && (
        <Suspense fallback={null}>
          <EntityFormModal
            blueprint={blueprint.data}
            entity={entity.data}
            onClose={() => setEditing(false)}
          />
        </Suspense>
      )}
      {deleting && (
        <DeleteDialog
          blueprint={params.blueprint}
          identifier={params.entity}
          title={title}
          onClose={() => setDeleting(false)}
        />
      )}
    </Page>
  );
}

function DeleteDialog({
  blueprint,
  identifier,
  title,
  onClose,
}: {
  blueprint: string;
  identifier: string;
  title: string;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (
    <ConfirmDialog
      title={`Delete ${title}?`}
      confirmLabel="Delete"
      onClose={onClose}
      onConfirm={async () => {
        await deleteEntity(blueprint, identifier);
        queryClient.removeQueries({ queryKey: ['entities', 'one', blueprint, identifier] });
        void queryClient.invalidateQueries({ queryKey: ['entities', 'list', blueprint] });
        await navigate({ to: '/catalog/$blueprint', params: { blueprint } });
      }}
    >
      The entity is deleted for everyone. Its history stays in the audit log.
    </ConfirmDialog>
  );
}
