import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { blueprintListQuery } from '../api/blueprint.queries';
import { isAdmin, sessionQuery } from '../api/session.queries';
import { lazyWithRetry } from '../components/lazy';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/problem';
import { BlueprintList } from '../features/data-model/blueprint-list';

const ModelGraph = lazyWithRetry(() =>
  import('../features/data-model/model-graph').then((m) => ({ default: m.ModelGraph })),
);
const CreateBlueprintModal = lazy(() =>
  import('../features/data-model/create-blueprint').then((m) => ({ default: m.CreateBlueprintModal })),
);

/** Every blueprint and how they relate: a graph to look at, a list to read, and a way to add one. */
export function DataModelPage() {
  const { data: session } = useSuspenseQuery(sessionQuery());
  const blueprints = useQuery(blueprintListQuery());
  const [creating, setCreating] = useState(false);
  const admin = session ? isAdmin(session.user) : false;

  const sorted = [...(blueprints.data ?? [])].sort((a, b) => a.title.localeCompare(b.title));
  return (
    <Page
      title="Data model"
      actions={admin && <Button onClick={() => setCreating(true)}>Create blueprint</Button>}
    >
      {blueprints.isPending && <Loading label="Loading the blueprints…" />}
      {blueprints.isError && <Problem error={blueprints.error} retry={() => void blueprints.refetch()} />}
      {blueprints.isSuccess && !sorted.length && <Empty>No blueprints yet.</Empty>}
      {sorted.length > 0 && (
        <>
          <Paper
            withBorder
            component="section"
            aria-label="Graph of the blueprints and their relations"
            style={{ height: 'min(60vh, 640px)', minHeight: 360, overflow: 'hidden' }}
          >
            <Suspense fallback={<Loading label="Drawing the data model…" />}>
              <ModelGraph blueprints={sorted} />
            </Suspense>
          </Paper>
          <Stack gap="xs">
            <Title order={2} size="h4">
              Blueprints
            </Title>
            <Text size="sm" c="dimmed">
              Solid arrows are required relations, dashed ones optional. Open a blueprint to see or change its
              properties and relations.
            </Text>
            <BlueprintList blueprints={sorted} />
          </Stack>
        </>
      )}
      {creating && (
        <Suspense fallback={null}>
          <CreateBlueprintModal onClose={() => setCreating(false)} />
        </Suspense>
      )}
    </Page>
  );
}
