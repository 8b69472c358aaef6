import { queryOptions } from '@tanstack/react-query';
import type {
  DistributionPoint,
  InitiativeDefinition,
  ScorecardAnswer,
  TeamProgress,
} from '../../core/scorecard';

export type {
  DistributionPoint,
  LevelCounts,
  ScorecardAnswer,
  ScorecardEvaluation,
  TeamProgress,
} from '../../core/scorecard';
export type Initiative = InitiativeDefinition;
import { api, seg } from './client';

/** One change of an entity's result under a scorecard (newest first from the API). */
export interface ScorecardChange {
  at: string;
  scorecard: string;
  level: string | null;
  previousLevel: string | null;
  flipped: Array<{ identifier: string; status: string | null; was: string | null }>;
  /** `entity`: a write (of the entity or of what its computed values read); `scorecard`: its definition. */
  cause: string;
  actor: string;
}

export interface Distribution {
  scorecard: string;
  blueprint: string;
  levels: string[];
  points: DistributionPoint[];
}

export interface InitiativeProgress {
  initiative: string;
  level: string;
  dueDate: string;
  daysLeft: number;
  overdue: boolean;
  total: number;
  reached: number;
  percent: number;
  teams: TeamProgress[];
}

// Definitions are small and change rarely (no live event announces them): kept a little, refetched on focus.
export const scorecardListQuery = (blueprint: string) =>
  queryOptions({
    queryKey: ['scorecards', 'list', blueprint],
    staleTime: 30_000,
    queryFn: async () =>
      (await api.get<{ scorecards: ScorecardAnswer[] }>(`/v1/blueprints/${seg(blueprint)}/scorecards`))
        .scorecards,
  });

export const allScorecardsQuery = () =>
  queryOptions({
    queryKey: ['scorecards', 'all'],
    staleTime: 30_000,
    queryFn: async () => (await api.get<{ scorecards: ScorecardAnswer[] }>('/v1/scorecards')).scorecards,
  });

export const scorecardQuery = (blueprint: string, identifier: string) =>
  queryOptions({
    queryKey: ['scorecards', 'one', blueprint, identifier],
    queryFn: async () =>
      (
        await api.get<{ scorecard: ScorecardAnswer }>(
          `/v1/blueprints/${seg(blueprint)}/scorecards/${seg(identifier)}`,
        )
      ).scorecard,
  });

/** How many of an entity's latest changes its Scorecards tab shows, per scorecard. */
export const TIMELINE_LIMIT = 20;

export const scorecardHistoryQuery = (blueprint: string, entity: string, scorecard: string) =>
  queryOptions({
    queryKey: ['entities', 'scorecard-history', blueprint, entity, scorecard],
    queryFn: async ({ signal }) => {
      const query = new URLSearchParams({ scorecard, limit: String(TIMELINE_LIMIT) });
      return (
        await api.get<{ history: ScorecardChange[] }>(
          `/v1/blueprints/${seg(blueprint)}/entities/${seg(entity)}/scorecard-history?${query}`,
          signal,
        )
      ).history;
    },
  });

export const levelsQuery = (blueprint: string, scorecard: string, range: { from?: string; points: number }) =>
  queryOptions({
    queryKey: ['scorecards', 'levels', blueprint, scorecard, range],
    queryFn: async ({ signal }) => {
      const query = new URLSearchParams({ points: String(range.points) });
      if (range.from) query.set('from', range.from);
      const { ok: _ok, ...distribution } = await api.get<Distribution & { ok: true }>(
        `/v1/blueprints/${seg(blueprint)}/scorecards/${seg(scorecard)}/levels?${query}`,
        signal,
      );
      return distribution as Distribution;
    },
  });

export const initiativeListQuery = () =>
  queryOptions({
    queryKey: ['initiatives', 'list'],
    staleTime: 30_000,
    queryFn: async () => (await api.get<{ initiatives: Initiative[] }>('/v1/initiatives')).initiatives,
  });

export const initiativeProgressQuery = (identifier: string) =>
  queryOptions({
    queryKey: ['initiatives', 'progress', identifier],
    queryFn: async ({ signal }) =>
      (await api.get<{ progress: InitiativeProgress }>(`/v1/initiatives/${seg(identifier)}/progress`, signal))
        .progress,
  });
