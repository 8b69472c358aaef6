import { Anchor, Button, Group, List, Progress, Stack, Table, Text, Tooltip } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useId, useState } from 'react';
import type { ScorecardLevel } from '../../../core/scorecard';
import type { SearchRule } from '../../../core/search';
import type { LevelCounts } from '../../api/scorecard.queries';
import { localTime } from '../../components/time';
import { cssColorOf, levelColorOf, LevelBadge } from './levels';

const percentOf = (part: number, whole: number) => (whole ? Math.round((1000 * part) / whole) / 10 : 0);

/**
 * The levels now: one bar of every level's share, and beside it each level's count, a link to the
 * catalog's table of the entities at that level.
 */
export function LevelsNow({
  blueprint,
  scorecard,
  levels,
  counts,
  team,
}: {
  blueprint: string;
  scorecard: string;
  levels: readonly ScorecardLevel[];
  counts: LevelCounts;
  /** Only this team's entities (`""`: of no team). */
  team?: string;
}) {
  if (counts.total === 0)
    return (
      <Text size="sm" c="dimmed">
        No entity is scored{team === undefined ? '' : ' for this team'} yet.
      </Text>
    );
  return (
    <Stack gap="xs">
      <Progress.Root size={24} aria-hidden>
        {levels.map((level) => {
          const count = counts.levels[level.title] ?? 0;
          if (!count) return null;
          return (
            <Tooltip key={level.title} label={`${level.title}: ${count}`}>
              <Progress.Section
                value={percentOf(count, counts.total)}
                color={levelColorOf(levels, level.title)}
              >
                <Progress.Label>{level.title}</Progress.Label>
              </Progress.Section>
            </Tooltip>
          );
        })}
      </Progress.Root>
      <List listStyleType="none" aria-label="Entities by level now">
        <Group gap="lg" wrap="wrap">
          {levels.map((level) => {
            const count = counts.levels[level.title] ?? 0;
            const rules: SearchRule[] = [
              { scorecard, operator: '=', value: level.title },
              ...(team === undefined
                ? []
                : team === ''
                  ? [{ property: '$team', operator: 'isEmpty' }]
                  : [{ property: '$team', operator: 'containsAny', value: [team] }]),
            ];
            return (
              <List.Item key={level.title} data-level={level.title}>
                <Group gap={6} wrap="nowrap">
                  <LevelBadge levels={levels} level={level.title} />
                  <Anchor
                    size="sm"
                    aria-label={`${count} ${count === 1 ? 'entity' : 'entities'} at ${level.title}`}
                    renderRoot={(props) => (
                      <Link to="/catalog/$blueprint" params={{ blueprint }} search={{ rules }} {...props} />
                    )}
                  >
                    {count.toLocaleString()}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    ({percentOf(count, counts.total)}%)
                  </Text>
                </Group>
              </List.Item>
            );
          })}
        </Group>
      </List>
    </Stack>
  );
}

export interface ChartPoint extends LevelCounts {
  at: string;
}

const WIDTH = 720;
const HEIGHT = 220;
const LEFT = 36;
const BOTTOM = 22;

/**
 * The levels over time as stacked bars, lowest level at the bottom; a table of the same numbers can be
 * shown for whoever cannot see the bars.
 */
export function LevelsOverTime({
  levels,
  points,
  label,
}: {
  levels: readonly ScorecardLevel[];
  points: ChartPoint[];
  label: string;
}) {
  const [asTable, setAsTable] = useState(false);
  const tableId = useId();
  const max = Math.max(1, ...points.map((p) => p.total));
  const slot = (WIDTH - LEFT) / Math.max(points.length, 1);
  const plot = HEIGHT - BOTTOM;
  const first = points[0];
  const last = points[points.length - 1];
  // Within two days the axis names times, beyond it days.
  const short =
    first && last && Date.parse(last.at) - Date.parse(first.at) < 2 * 86_400_000
      ? (at: string) => localTime(Date.parse(at))
      : (at: string) => new Date(at).toLocaleDateString();
  const summary =
    first && last
      ? `${label}: stacked bars of the entities at each level, from ${localTime(Date.parse(first.at))} (${first.total}) to ${localTime(Date.parse(last.at))} (${last.total})`
      : label;
  return (
    <Stack gap="xs">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} className="level-chart">
        <line x1={LEFT} x2={WIDTH} y1={plot} y2={plot} className="level-chart-axis" />
        <text x={LEFT - 6} y={10} textAnchor="end" className="level-chart-label">
          {max}
        </text>
        <text x={LEFT - 6} y={plot} textAnchor="end" className="level-chart-label">
          0
        </text>
        {points.map((point, i) => {
          let y = plot;
          return (
            <g key={point.at}>
              <title>
                {`${localTime(Date.parse(point.at))}: ${levels
                  .map((l) => `${l.title} ${point.levels[l.title] ?? 0}`)
                  .join(', ')}`}
              </title>
              {/* the whole slot, so that hovering an empty day still shows its numbers */}
              <rect x={LEFT + i * slot} y={0} width={slot} height={plot} fill="transparent" />
              {levels.map((level) => {
                const count = point.levels[level.title] ?? 0;
                if (!count) return null;
                const height = (count / max) * (plot - 12);
                y -= height;
                return (
                  <rect
                    key={level.title}
                    x={LEFT + i * slot + slot * 0.1}
                    y={y}
                    width={slot * 0.8}
                    height={height}
                    fill={cssColorOf(levelColorOf(levels, level.title))}
                  />
                );
              })}
            </g>
          );
        })}
        {first && (
          <text x={LEFT} y={HEIGHT - 6} className="level-chart-label">
            {short(first.at)}
          </text>
        )}
        {last && points.length > 1 && (
          <text x={WIDTH} y={HEIGHT - 6} textAnchor="end" className="level-chart-label">
            {short(last.at)}
          </text>
        )}
      </svg>
      <Group gap="md" aria-hidden>
        {[...levels].reverse().map((level) => (
          <Group key={level.title} gap={4}>
            <span
              className="level-chart-swatch"
              style={{ background: cssColorOf(levelColorOf(levels, level.title)) }}
            />
            <Text size="xs">{level.title}</Text>
          </Group>
        ))}
      </Group>
      <Group>
        <Button
          variant="subtle"
          size="compact-sm"
          aria-expanded={asTable}
          aria-controls={tableId}
          onClick={() => setAsTable((shown) => !shown)}
        >
          {asTable ? 'Hide the numbers' : 'Show the numbers'}
        </Button>
      </Group>
      <div id={tableId} hidden={!asTable}>
        {asTable && (
          <Table.ScrollContainer minWidth={400}>
            <Table striped withTableBorder>
              <Table.Caption>{label}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">When</Table.Th>
                  {levels.map((level) => (
                    <Table.Th scope="col" key={level.title}>
                      {level.title}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">Scored</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {points.map((point) => (
                  <Table.Tr key={point.at}>
                    <Table.Th scope="row" fw={400}>
                      {localTime(Date.parse(point.at))}
                    </Table.Th>
                    {levels.map((level) => (
                      <Table.Td key={level.title}>{point.levels[level.title] ?? 0}</Table.Td>
                    ))}
                    <Table.Td>{point.total}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </div>
    </Stack>
  );
}
