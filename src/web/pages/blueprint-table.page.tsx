import { Anchor, Button, Group, Text } from '@mantine/core';
import { lazyWithRetry } from '../components/lazy';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { Suspense, useMemo, useState } from 'react';
import { accessQuery, blueprintQuery, entityCountQuery } from '../api/blueprint.queries';
import { isNotFound } from '../api/client';
import { scorecardListQuery, type ScorecardAnswer } from '../api/scorecard.queries';
import { Page } from '../components/page';
import { Loading, Problem } from '../components/problem';
import { columnsOf, defaultColumnIds } from '../features/catalog/columns';
import { EntityTable } from '../features/catalog/entity-table';
import { entitySearchOf, type TableSearch } from '../features/catalog/table-search';
import {
  ColumnChooser,
  ExportMenu,
  FiltersButton,
  GroupBy,
  QuickFilter,
} from '../features/catalog/table-toolbar';
import { SavedViews } from '../features/catalog/saved-views';
import { NotFoundPage } from './not-found.page';

const EntityFormModal = lazyWithRetry(() =>
  import('../features/catalog/entity-form').then((m) => ({ default: m.EntityFormModal })),
);

export function BlueprintTablePage() {
  const { blueprint: identifier } = useParams({ from: '/app/catalog/$blueprint' });
  const search = useSearch({ from: '/app/catalog/$blueprint' });
  const navigate = useNavigate({ from: '/catalog/$blueprint' });
  const blueprint = useQuery(blueprintQuery(identifier));
  const access = useQuery(accessQuery(identifier));
  const count = useQuery(entityCountQuery(identifier));
  const scorecardList = useQuery(scorecardListQuery(identifier));
  const [creating, setCreating] = useState(false);

  // A table without its scorecards' columns when they cannot be read: the rest of it still works.
  const scorecards = scorecardList.data ?? NO_SCORECARDS;
  const columns = useMemo(
    () => (blueprint.data ? columnsOf(blueprint.data, undefined, scorecards) : []),
    [blueprint.data, scorecards],
  );
  const shownIds = search.columns ?? (blueprint.data ? defaultColumnIds(blueprint.data, scorecards) : []);
  const shown = useMemo(
    () => shownIds.map((id) => columns.find((c) => c.id === id)).filter((c) => c !== undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [columns, shownIds.join('\u0000')],
  );
  const entitySearch = useMemo(() => entitySearchOf(identifier, search), [identifier, search]);

  if (blueprint.isPending || scorecardList.isPending) return <Loading label="Loading the blueprint…" />;
  if (isNotFound(blueprint.error)) return <NotFoundPage what={`There is no blueprint “${identifier}”`} />;
  if (blueprint.isError) return <Problem error={blueprint.error} retry={() => void blueprint.refetch()} />;

  const set = (change: Partial<TableSearch>, replace = false) =>
    void navigate({ search: (previous: TableSearch) => ({ ...previous, ...change }), replace });
  const filtered = Boolean(search.q || search.rules?.length);

  return (
    <Page
      title={blueprint.data.title}
      actions={
        access.data?.register && (
          <Button onClick={() => setCreating(true)}>Create {blueprint.data.title}</Button>
        )
      }
    >
      <Text c="dimmed" size="sm">
        {count.data === undefined ? '' : `${count.data.toLocaleString()} entities in all`}
        {filtered ? ' · this view is filtered' : ''}
      </Text>
      {scorecards.length > 0 && <ScorecardLinks blueprint={identifier} scorecards={scorecards} />}
      <Group gap="xs" wrap="wrap">
        <QuickFilter value={search.q ?? ''} onChange={(q) => set({ q: q || undefined }, true)} />
        <FiltersButton
          columns={columns}
          rules={search.rules ?? []}
          onChange={(rules) => set({ rules: rules.length ? rules : undefined })}
        />
        <ColumnChooser columns={columns} shown={shownIds} onChange={(ids) => set({ columns: ids })} />
        <GroupBy columns={columns} value={search.group} onChange={(group) => set({ group })} />
        <SavedViews
          blueprint={identifier}
          search={search}
          onOpen={(view) => void navigate({ search: view })}
        />
        <ExportMenu name={identifier} search={entitySearch} columns={shown} />
      </Group>
      <EntityTable
        blueprint={identifier}
        search={entitySearch}
        columns={shown}
        sort={search.sort}
        group={columns.find((c) => c.id === search.group)}
        onSort={(sort) => set({ sort })}
        onReset={() => void navigate({ search: {} })}
      />
      {creating && (
        <Suspense fallback={null}>
          <EntityFormModal blueprint={blueprint.data} onClose={() => setCreating(false)} />
        </Suspense>
      )}
    </Page>
  );
}

const NO_SCORECARDS: ScorecardAnswer[] = [];

/** The blueprint's scorecards, each a link to its page. */
function ScorecardLinks({ blueprint, scorecards }: { blueprint: string; scorecards: ScorecardAnswer[] }) {
  return (
    <Group gap="xs" component="nav" aria-label="Scorecards">
      <Text size="sm" fw={500}>
        Scorecards:
      </Text>
      {scorecards.map((scorecard) => (
        <Anchor
          key={scorecard.identifier}
          size="sm"
          renderRoot={(props) => (
            <Link
              to="/scorecards/$blueprint/$scorecard"
              params={{ blueprint, scorecard: scorecard.identifier }}
              {...props}
            />
          )}
        >
          {scorecard.title}
        </Anchor>
      ))}
    </Group>
  );
}
