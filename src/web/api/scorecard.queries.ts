import { queryOptions } from '@tanstack/react-query';
import type { Scorecard } from '../../core/scorecard';
import { api, seg } from './client';

/** Where the evaluation of every entity after the scorecard's last change is (Portico's, beside Port's). */
export interface ScorecardEvaluation {
  status: 'evaluating' | 'done';
  /** Only for a reader of every entity of the blueprint. */
  evaluated?: number;
  total?: number;
  startedAt: string;
  finishedAt: string | null;
}

export type ScorecardAnswer = Scorecard & { evaluation?: ScorecardEvaluation };

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

export interface LevelCounts {
  total: number;
  levels: Record<string, number>;
}

/** The level distribution at one instant, overall and per owning team (`""`: entities of no team). */
export interface DistributionPoint extends LevelCounts {
  at: string;
  teams: Record<string, LevelCounts>;
}

export interface Distribution {
  scorecard: string;
  blueprint: string;
  levels: string[];
  points: DistributionPoint[];
}

export interface Initiative {
  identifier: string;
  title: string;
  description?: string;
  blueprint: string;
  scorecard: string;
  level: string;
  dueDate: string;
  teams?: string[];
}

export interface TeamProgress {
  team: string;
  total: number;
  reached: number;
  percent: number;
  behind: Array<{ identifier: string; title: string | null; level: string }>;
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
