import { Anchor, Badge, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Fragment, useMemo, useState } from 'react';
import { ApiError } from '../../api/client';
import { auditQuery, auditRecordsOf, type AuditFilter, type AuditRecord } from '../../api/audit.queries';
import { DateTime, relativeTime } from '../../components/time';
import { Empty, Loading, Problem } from '../../components/problem';
import { AuditDiff } from './audit-diff';

const ACTION_COLOR = { CREATE: 'green', UPDATE: 'blue', DELETE: 'red' } as const;

/**
 * Audit records newest first, a page at a time, each opening onto what it changed. `resource` leaves out
 * the resource column where every record is of one entity (its history tab).
 */
export function AuditRecords({
  filter,
  resource = true,
  refusedTitle,
}: {
  filter: AuditFilter;
  resource?: boolean;
  refusedTitle?: string;
}) {
  const query = useInfiniteQuery({ ...auditQuery(filter), placeholderData: keepPreviousData });
  const records = useMemo(() => withKeys(auditRecordsOf(query.data?.pages ?? [])), [query.data]);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());

  const moreFailed = query.isFetchNextPageError ? query.error : null;
  if (query.isPending) return <Loading label="Loading the audit log…" />;
  if (query.isError && !moreFailed)
    return (
      <Problem
        error={query.error}
        title={refusedTitle && isRefusal(query.error) ? refusedTitle : undefined}
        retry={() => void query.refetch()}
      />
    );
  if (!records.length) return <Empty>No audit record matches.</Empty>;

  const toggle = (key: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const messages = records.some(({ record }) => record.message);
  const columns = 6 + (resource ? 1 : 0) + (messages ? 1 : 0);
  const tight = { whiteSpace: 'nowrap' } as const;
  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={800}>
        <Table verticalSpacing="xs" striped={false} highlightOnHover aria-label="Audit records">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Time</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>Origin</Table.Th>
              <Table.Th>Action</Table.Th>
              {resource && <Table.Th>Resource</Table.Th>}
              <Table.Th>Status</Table.Th>
              {messages && <Table.Th>Message</Table.Th>}
              <Table.Th>
                <VisuallyHidden>Changes</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {records.map(({ record, key }, i) => {
              const expanded = open.has(key);
              const panel = `audit-changes-${i}`;
              const name = `${record.action} ${resourceName(record)}`;
              return (
                <Fragment key={key}>
                  <Table.Tr aria-label={name}>
                    <Table.Td style={tight}>
                      <When at={record.trigger.at} />
                    </Table.Td>
                    <Table.Td miw={160}>
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {record.trigger.by.userId}
                      </Text>
                    </Table.Td>
                    <Table.Td style={tight}>
                      <Badge miw="max-content" variant="default" size="sm">
                        {record.trigger.origin}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={tight}>
                      <Badge miw="max-content" color={ACTION_COLOR[record.action]} variant="light" size="sm">
                        {record.action}
                      </Badge>
                    </Table.Td>
                    {resource && (
                      <Table.Td>
                        <ResourceCell record={record} />
                      </Table.Td>
                    )}
                    <Table.Td style={tight}>
                      <Badge
                        miw="max-content"
                        color={record.status === 'SUCCESS' ? 'teal' : 'red'}
                        variant="dot"
                        size="sm"
                      >
                        {record.status}
                      </Badge>
                    </Table.Td>
                    {messages && (
                      <Table.Td>
                        <Text size="sm">{record.message ?? ''}</Text>
                      </Table.Td>
                    )}
                    <Table.Td style={tight}>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        aria-expanded={expanded}
                        aria-controls={expanded ? panel : undefined}
                        aria-label={`${expanded ? 'Hide' : 'Show'} changes of ${name}`}
                        onClick={() => toggle(key)}
                      >
                        {expanded ? 'Hide changes' : 'Changes'}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                  {expanded && (
                    <Table.Tr id={panel}>
                      <Table.Td colSpan={columns} bg="var(--mantine-color-default-hover)">
                        <AuditDiff
                          before={record.diff.before}
                          after={record.diff.after}
                          label={`Changes of ${name}`}
                        />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="center">
        {query.hasNextPage ? (
          <Button
            variant="default"
            loading={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            Load more
          </Button>
        ) : (
          <Text size="sm" c="dimmed" role="status">
            {records.length === 1 ? 'The only record.' : `All ${records.length} records shown.`}
          </Text>
        )}
      </Group>
      {moreFailed && <Problem error={moreFailed} retry={() => void query.fetchNextPage()} />}
    </Stack>
  );
}

/** The local time, and below it how long ago (the stored UTC time on hover). */
function When({ at }: { at: string }) {
  return (
    <Stack gap={0}>
      <DateTime value={at} compact />
      <Text size="xs" c="dimmed">
        {Number.isNaN(Date.parse(at)) ? '' : relativeTime(Date.parse(at))}
      </Text>
    </Stack>
  );
}

const isRefusal = (error: unknown) => error instanceof ApiError && error.status === 403;

/** A key per record that stays when newer records arrive above it (what is open stays open). */
function withKeys(records: AuditRecord[]) {
  const count = new Map<string, number>();
  return records.map((record) => {
    const base = `${record.trigger.at}|${record.resourceType}|${record.identifier}|${record.action}`;
    const n = (count.get(base) ?? 0) + 1;
    count.set(base, n);
    return { record, key: `${base}|${n}` };
  });
}

function resourceName(record: AuditRecord) {
  const { blueprint, entity } = record.context;
  if (record.resourceType === 'entity' && blueprint) return `${blueprint} / ${entity ?? record.identifier}`;
  return `${record.resourceType} ${record.identifier}`;
}

/** The resource, linked while it exists (a deleted one has no page to open). */
function ResourceCell({ record }: { record: AuditRecord }) {
  const { blueprint } = record.context;
  const gone = record.action === 'DELETE';
  if (record.resourceType === 'entity' && typeof blueprint === 'string') {
    const entity = record.identifier;
    return (
      <Stack gap={0}>
        <Text size="xs" c="dimmed">
          {blueprint}
        </Text>
        {gone ? (
          <Text size="sm">{entity}</Text>
        ) : (
          <Anchor
            size="sm"
            renderRoot={(props) => (
              <Link to="/catalog/$blueprint/$entity" params={{ blueprint, entity }} {...props} />
            )}
          >
            {entity}
          </Anchor>
        )}
      </Stack>
    );
  }
  if (record.resourceType === 'blueprint' && !gone)
    return (
      <Stack gap={0}>
        <Text size="xs" c="dimmed">
          blueprint
        </Text>
        <Anchor
          size="sm"
          renderRoot={(props) => (
            <Link to="/data-model/$blueprint" params={{ blueprint: record.identifier }} {...props} />
          )}
        >
          {record.identifier}
        </Anchor>
      </Stack>
    );
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {record.resourceType}
      </Text>
      <Text size="sm">{record.identifier}</Text>
    </Stack>
  );
}
