import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ActionRun } from '../../../core/action';
import { DateTime } from '../../components/time';
import { Markdown } from '../../components/markdown';
import { safeHref } from '../catalog/cells/safe-href';
import { RunStatusBadge } from './run-status';

const linksOf = (link: ActionRun['link']) => (link == null ? [] : Array.isArray(link) ? link : [link]);

/** Where a run stands: status and label, what it ran on, who ran it and when, its links and summary. */
export function RunSummary({ run }: { run: ActionRun }) {
  const links = linksOf(run.link);
  return (
    <Stack gap="sm">
      <Group gap="sm" aria-live="polite">
        <RunStatusBadge status={run.status} size="lg" testId="run-status" />
        {run.statusLabel && <Text data-testid="run-status-label">{run.statusLabel}</Text>}
      </Group>
      <div className="property-grid">
        {run.entity && run.blueprint && (
          <>
            <Text fw={500} size="sm">
              Entity
            </Text>
            <div>
              {run.entity.deleted ? (
                <Text span>{run.entity.title || run.entity.identifier} (deleted)</Text>
              ) : (
                <Anchor
                  renderRoot={(props) => (
                    <Link
                      to="/catalog/$blueprint/$entity"
                      params={{ blueprint: run.blueprint!.identifier, entity: run.entity!.identifier }}
                      {...props}
                    />
                  )}
                >
                  {run.entity.title || run.entity.identifier}
                </Anchor>
              )}
            </div>
          </>
        )}
        <Text fw={500} size="sm">
          Started
        </Text>
        <div>
          <DateTime value={run.createdAt} /> by {run.createdBy}
          {run.source !== 'UI' && ` (${run.source})`}
        </div>
        {run.endedAt && (
          <>
            <Text fw={500} size="sm">
              Ended
            </Text>
            <div>
              <DateTime value={run.endedAt} />
            </div>
          </>
        )}
        {run.approval && (
          <>
            <Text fw={500} size="sm">
              Approval
            </Text>
            <div>
              {run.approval.state.toLowerCase()}
              {run.approval.userId && ` by ${run.approval.userId}`}
              {run.approval.description && `: ${run.approval.description}`}
            </div>
          </>
        )}
        {links.length > 0 && (
          <>
            <Text fw={500} size="sm">
              Links
            </Text>
            <Stack gap={2}>
              {links.map((link, index) => {
                const href = safeHref(link);
                return href ? (
                  <Anchor key={index} href={href} target="_blank" rel="noopener noreferrer nofollow">
                    {link}
                  </Anchor>
                ) : (
                  <Text key={index} span>
                    {link}
                  </Text>
                );
              })}
            </Stack>
          </>
        )}
      </div>
      {run.summary && <Markdown>{run.summary}</Markdown>}
    </Stack>
  );
}
