import { Button, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Link } from '@tanstack/react-router';
import { useEffect, useMemo, useRef } from 'react';
import type { Entity } from '../../../core/entity';
import { entityListQuery, type EntitySearch } from '../../api/entity.queries';
import { Empty, Loading, Problem } from '../../components/problem';
import { PropertyValue, EntityChip } from './cells/property-value';
import { valueOf, type ColumnModel } from './columns';
import { LevelBadge } from '../scorecards/levels';

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, Entity>();
const ROW_HEIGHT = 40;
const NO_ROWS: Entity[] = [];

type Line = { kind: 'group'; label: string; count: number } | { kind: 'row'; index: number };

/**
 * A blueprint's entities as the server's search pages them: rows are fetched as they scroll into view and
 * only the visible ones are in the page, so 100,000 entities scroll as smoothly as 100.
 */
export function EntityTable({
  blueprint,
  search,
  columns,
  sort,
  group,
  onSort,
  onReset,
}: {
  blueprint: string;
  search: EntitySearch;
  columns: ColumnModel[];
  sort: string | undefined;
  group: ColumnModel | undefined;
  onSort: (sort: string | undefined) => void;
  /** Back to the blueprint's plain table, when this view cannot be shown. */
  onReset: () => void;
}) {
  const result = useInfiniteQuery(entityListQuery(search));
  const entities = useMemo(
    () => result.data?.pages.flatMap((page) => page.entities) ?? NO_ROWS,
    [result.data],
  );
  const tableColumns = useMemo(
    () =>
      helper.columns(
        columns.map((column) =>
          helper.display({
            id: column.id,
            header: column.title,
            cell: ({ row }) => <Cell blueprint={blueprint} column={column} entity={row.original} />,
          }),
        ),
      ),
    [blueprint, columns],
  );
  const table = useTable({
    features,
    columns: tableColumns,
    data: entities,
    getRowId: (row) => row.identifier,
  });
  const rows = table.getRowModel().rows;

  // Group headers go between rows whose grouped value differs: the search sorts by that value.
  const lines = useMemo<Line[]>(() => {
    if (!group) return rows.map((_, index) => ({ kind: 'row', index }));
    const out: Line[] = [];
    let previous: string | undefined;
    let header: { kind: 'group'; label: string; count: number } | undefined;
    rows.forEach((row, index) => {
      const label = groupLabel(valueOf(row.original, group.id));
      if (!header || label !== previous) {
        header = { kind: 'group', label, count: 0 };
        out.push(header);
        previous = label;
      }
      header.count++;
      out.push({ kind: 'row', index });
    });
    return out;
  }, [rows, group]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (last && last.index >= lines.length - 50 && result.hasNextPage && !result.isFetchingNextPage)
      void result.fetchNextPage();
  }, [last, lines.length, result]);

  if (result.isPending) return <Loading label="Loading entities…" />;
  if (result.isError)
    return (
      <Stack gap="xs" align="flex-start">
        <Problem error={result.error} retry={() => void result.refetch()} />
        <Button variant="subtle" size="xs" onClick={onReset}>
          Reset this view (no filters, sort or grouping)
        </Button>
      </Stack>
    );
  if (entities.length === 0) return <Empty>No entity matches this view.</Empty>;

  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (last?.end ?? 0);
  return (
    <>
      <div ref={scroller} className="table-scroller" tabIndex={0} aria-label="Entities (scroll for more)">
        <table className="entity-table" aria-rowcount={result.hasNextPage ? -1 : entities.length}>
          <thead>
            {table.getHeaderGroups().map((headerGroup) => (
              <tr key={headerGroup.id}>
                {headerGroup.headers.map((header) => {
                  const column = columns.find((c) => c.id === header.column.id)!;
                  const order =
                    sort === column.id ? 'ascending' : sort === `-${column.id}` ? 'descending' : undefined;
                  return (
                    <th key={header.id} aria-sort={order ?? 'none'} scope="col">
                      {column.sortable && !group ? (
                        <UnstyledButton
                          onClick={() =>
                            onSort(
                              order === 'ascending'
                                ? `-${column.id}`
                                : order === 'descending'
                                  ? undefined
                                  : column.id,
                            )
                          }
                          aria-label={`Sort by ${column.title}`}
                          fw={600}
                          fz="sm"
                        >
                          {column.title} {order === 'ascending' ? '▲' : order === 'descending' ? '▼' : ''}
                        </UnstyledButton>
                      ) : (
                        column.title
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {top > 0 && <tr style={{ height: top }} aria-hidden />}
            {items.map((item) => {
              const line = lines[item.index]!;
              if (line.kind === 'group')
                return (
                  <tr key={`group-${item.index}`} className="group-row">
                    <td colSpan={columns.length}>
                      {group?.title}: {line.label}{' '}
                      <Text span c="dimmed" size="xs">
                        ({line.count}
                        {result.hasNextPage ? '+' : ''})
                      </Text>
                    </td>
                  </tr>
                );
              const row = rows[line.index]!;
              return (
                <tr key={row.id} aria-rowindex={line.index + 2}>
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              );
            })}
            {bottom > 0 && <tr style={{ height: bottom }} aria-hidden />}
          </tbody>
        </table>
      </div>
      <Group justify="space-between">
        <Text size="xs" c="dimmed" role="status" aria-live="polite" data-testid="table-status">
          {entities.length.toLocaleString()} loaded
          {result.hasNextPage ? ', more as you scroll' : ', all shown'}
          {result.isFetching ? ' · updating…' : ''}
        </Text>
      </Group>
    </>
  );
}

const groupLabel = (value: unknown) =>
  value === undefined || value === null || value === ''
    ? '(empty)'
    : Array.isArray(value)
      ? value.join(', ')
      : String(value);

function Cell({ blueprint, column, entity }: { blueprint: string; column: ColumnModel; entity: Entity }) {
  const value = valueOf(entity, column.id);
  if (column.id === '$title')
    return (
      <Link to="/catalog/$blueprint/$entity" params={{ blueprint, entity: entity.identifier }}>
        {entity.title || entity.identifier}
      </Link>
    );
  if (column.id === '$team')
    return (
      <Group gap={4} wrap="nowrap">
        {entity.team.map((team) => (
          <EntityChip key={team} blueprint="_team" identifier={team} />
        ))}
      </Group>
    );
  if (column.id === '$createdAt' || column.id === '$updatedAt')
    return <PropertyValue schema={{ type: 'string', format: 'date-time' }} value={value} compact />;
  if (column.kind === 'relation') return <RelationCell value={value} target={column.target} />;
  if (column.kind === 'scorecard')
    return typeof value === 'string' ? (
      <LevelBadge levels={column.levels ?? []} level={value} size="sm" />
    ) : null;
  return <PropertyValue schema={column.schema} value={value} compact />;
}

function RelationCell({ value, target }: { value: unknown; target: string | undefined }) {
  const ids = value === null || value === undefined ? [] : ([] as unknown[]).concat(value).map(String);
  if (!target) return <span>{ids.join(', ')}</span>;
  return (
    <Group gap={4} wrap="nowrap">
      {ids.map((id) => (
        <EntityChip key={id} blueprint={target} identifier={id} />
      ))}
    </Group>
  );
}
