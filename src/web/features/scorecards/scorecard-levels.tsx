import { Group, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ScorecardLevel } from '../../../core/scorecard';
import { levelsQuery, type LevelCounts } from '../../api/scorecard.queries';
import { Loading, Problem } from '../../components/problem';
import { LevelsNow, LevelsOverTime, type ChartPoint } from './level-chart';
import { teamLabel } from './levels';
import { PERIODS, periodStart, type ScorecardSearch } from './scorecard-search';

/** Points of the chart over a period. */
const POINTS = 30;
const ALL_TEAMS = '\u0000all';
const NONE: LevelCounts = { total: 0, levels: {} };

/**
 * A scorecard's level distribution: now, and over a period as stacked bars, for every entity or for one
 * team's (chosen in the URL, so the view can be shared).
 */
export function ScorecardLevels({
  blueprint,
  scorecard,
  levels,
  search,
  evaluating,
  onSearch,
}: {
  blueprint: string;
  scorecard: string;
  levels: readonly ScorecardLevel[];
  search: ScorecardSearch;
  evaluating: boolean;
  onSearch: (change: Partial<ScorecardSearch>) => void;
}) {
  const range = useMemo(() => ({ from: periodStart(search.period), points: POINTS }), [search.period]);
  const distribution = useQuery({
    ...levelsQuery(blueprint, scorecard, range),
    refetchInterval: evaluating ? 2000 : false,
  });
  const teams = useMemo(() => {
    const names = new Set<string>();
    for (const point of distribution.data?.points ?? [])
      for (const team of Object.keys(point.teams)) names.add(team);
    if (search.team !== undefined) names.add(search.team);
    return [...names].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  }, [distribution.data, search.team]);
  const points = useMemo<ChartPoint[]>(
    () =>
      (distribution.data?.points ?? []).map((point) => ({
        at: point.at,
        ...(search.team === undefined ? point : (point.teams[search.team] ?? NONE)),
      })),
    [distribution.data, search.team],
  );
  const now = points[points.length - 1];
  const who = search.team === undefined ? 'Every team' : teamLabel(search.team);

  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label="Team"
          w={220}
          data={[
            { value: ALL_TEAMS, label: 'Every team' },
            ...teams.map((team) => ({ value: team, label: teamLabel(team) })),
          ]}
          value={search.team ?? ALL_TEAMS}
          onChange={(value) => onSearch({ team: value === null || value === ALL_TEAMS ? undefined : value })}
          allowDeselect={false}
        />
        <Select
          label="Period"
          w={200}
          data={PERIODS.map((p) => ({ value: p.value, label: p.label }))}
          value={search.period ?? 'all'}
          onChange={(value) =>
            onSearch({ period: value && value !== 'all' ? (value as ScorecardSearch['period']) : undefined })
          }
          allowDeselect={false}
        />
      </Group>
      {distribution.isPending && <Loading label="Loading the levels…" />}
      {distribution.isError && (
        <Problem error={distribution.error} retry={() => void distribution.refetch()} />
      )}
      {now && (
        <>
          <Stack gap="xs">
            <Title order={3} size="h5">
              Now
            </Title>
            <Text size="sm" c="dimmed" data-testid="levels-total">
              {who}: {now.total.toLocaleString()} {now.total === 1 ? 'entity' : 'entities'} scored
            </Text>
            <LevelsNow
              blueprint={blueprint}
              scorecard={scorecard}
              levels={levels}
              counts={now}
              {...(search.team === undefined ? {} : { team: search.team })}
            />
          </Stack>
          <Stack gap="xs">
            <Title order={3} size="h5">
              Over time
            </Title>
            <LevelsOverTime levels={levels} points={points} label={`Levels over time: ${who}`} />
          </Stack>
        </>
      )}
    </Stack>
  );
}
