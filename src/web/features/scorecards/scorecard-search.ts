/** The periods a scorecard's level chart may cover, and how many days back each starts. */
export const PERIODS = [
  { value: 'all', label: 'Since it was created', days: undefined },
  { value: '7d', label: 'Last 7 days', days: 7 },
  { value: '30d', label: 'Last 30 days', days: 30 },
  { value: '90d', label: 'Last 90 days', days: 90 },
] as const;

export type Period = (typeof PERIODS)[number]['value'];

/** A scorecard page's view, in the URL: the team its levels are shown for, and the chart's period. */
export interface ScorecardSearch {
  /** Only this team's entities (`""`: those of no team); all of them when absent. */
  team?: string;
  period?: Exclude<Period, 'all'>;
}

export function parseScorecardSearch(search: Record<string, unknown>): ScorecardSearch {
  const period = PERIODS.find((p) => p.value === search.period && p.value !== 'all')?.value as
    ScorecardSearch['period'] | undefined;
  return {
    team: typeof search.team === 'string' && search.team.length <= 200 ? search.team : undefined,
    period,
  };
}

/** Where a period starts (undefined: at the scorecard's creation), on a day boundary so it caches. */
export function periodStart(period: Period | undefined, now = Date.now()): string | undefined {
  const days = PERIODS.find((p) => p.value === (period ?? 'all'))?.days;
  if (days === undefined) return undefined;
  const start = new Date(now - days * 86_400_000);
  start.setUTCHours(0, 0, 0, 0);
  return start.toISOString();
}
