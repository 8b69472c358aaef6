import { Alert, Anchor, Breadcrumbs, Button, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { lazy, Suspense, useState } from 'react';
import { isSystemBlueprint } from '../../core/system-blueprints';
import { accessQuery, blueprintQuery } from '../api/blueprint.queries';
import { isNotFound } from '../api/client';
import { Page } from '../components/page';
import { Loading, Problem } from '../components/problem';
import { localTime } from '../components/time';
import { BlueprintEditor } from '../features/data-model/blueprint-editor';
import { NotFoundPage } from './not-found.page';

const DeleteBlueprintDialog = lazy(() =>
  import('../features/data-model/delete-blueprint').then((m) => ({ default: m.DeleteBlueprintDialog })),
);

/** One blueprint's definition: editable by Admins and its moderators, read-only for everyone else. */
export function BlueprintEditorPage() {
  const { blueprint: identifier } = useParams({ from: '/app/data-model/$blueprint' });
  const navigate = useNavigate();
  const blueprint = useQuery(blueprintQuery(identifier));
  const access = useQuery(accessQuery(identifier));
  const [deleting, setDeleting] = useState(false);
  const [savedAt, setSavedAt] = useState<number>();

  if (blueprint.isPending || access.isPending) return <Loading label="Loading the blueprint…" />;
  if (isNotFound(blueprint.error)) return <NotFoundPage what={`There is no blueprint “${identifier}”`} />;
  if (blueprint.isError) return <Problem error={blueprint.error} retry={() => void blueprint.refetch()} />;

  const canEdit = access.data?.changeBlueprint ?? false;
  const current = blueprint.data;
  return (
    <Page
      title={`${current.title} · Data model`}
      heading={current.title}
      actions={
        <>
          <Button
            variant="default"
            renderRoot={(props) => (
              <Link to="/catalog/$blueprint" params={{ blueprint: identifier }} {...props} />
            )}
          >
            Open in catalog
          </Button>
          {canEdit && !isSystemBlueprint(identifier) && (
            <Button color="red" variant="light" onClick={() => setDeleting(true)}>
              Delete blueprint
            </Button>
          )}
        </>
      }
    >
      <Breadcrumbs>
        <Anchor renderRoot={(props) => <Link to="/data-model" {...props} />}>Data model</Anchor>
        <Text size="sm" ff="monospace">
          {identifier}
        </Text>
      </Breadcrumbs>
      {access.isError && <Problem error={access.error} title="Cannot tell what you may change" />}
      {!canEdit && access.isSuccess && (
        <Alert color="gray" title="Read-only">
          Only Admins and this blueprint&apos;s moderators may change it.
        </Alert>
      )}
      {savedAt !== undefined && (
        <Alert color="green" role="status" withCloseButton onClose={() => setSavedAt(undefined)}>
          Saved at {localTime(savedAt)}.
        </Alert>
      )}
      <BlueprintEditor
        key={identifier}
        blueprint={current}
        canEdit={canEdit}
        onSaved={() => setSavedAt(Date.now())}
      />
      {deleting && (
        <Suspense fallback={null}>
          <DeleteBlueprintDialog
            blueprint={current}
            onClose={() => setDeleting(false)}
            onDeleted={() => void navigate({ to: '/data-model' })}
          />
        </Suspense>
      )}
    </Page>
  );
}
