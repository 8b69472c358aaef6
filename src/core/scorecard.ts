import { ENUM_COLORS, type JsonObject } from './blueprint.js';

/** Port's colours of scorecard levels: those of enum values. */
export const LEVEL_COLORS = ENUM_COLORS;

export interface ScorecardLevel {
  title: string;
  color: (typeof LEVEL_COLORS)[number];
}

/** Port's levels when a scorecard names none. */
export const DEFAULT_LEVELS: readonly ScorecardLevel[] = [
  { title: 'Basic', color: 'paleBlue' },
  { title: 'Bronze', color: 'bronze' },
  { title: 'Silver', color: 'silver' },
  { title: 'Gold', color: 'gold' },
];

/** A rule's query or a scorecard's filter: Port's conditions (a property's or a relation's). */
export interface ScorecardQuery {
  combinator: 'and' | 'or';
  conditions: JsonObject[];
}

export interface ScorecardRule {
  identifier: string;
  title: string;
  description?: string;
  level: string;
  query: ScorecardQuery;
}

/** A scorecard as a client writes it. */
export interface ScorecardDefinition {
  identifier: string;
  title: string;
  filter?: ScorecardQuery;
  levels: ScorecardLevel[];
  rules: ScorecardRule[];
  properties?: JsonObject;
}

/** A scorecard as the API answers it. */
export interface Scorecard extends ScorecardDefinition {
  id: string;
  blueprint: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export type RuleStatus = 'SUCCESS' | 'FAILURE';

/** One rule's result on an entity, as Port answers it (`reason`: why it could not be evaluated). */
export interface RuleResult {
  identifier: string;
  status: RuleStatus;
  level: string;
  reason?: string;
}

/** An entity's result under one scorecard: `entity.scorecards[<identifier>]`. */
export interface ScorecardResult {
  level: string;
  rules: RuleResult[];
}

/** Fields of a scorecard's answer that a client may send back unchanged (they are not its to set). */
export const SCORECARD_META_FIELDS = [
  'id',
  'blueprint',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'evaluation',
];

/**
 * Levels are ordered and cumulative: an entity starts at the first and reaches a level only when every
 * rule of that level and of each level below it passes. A level without rules is passed through but
 * never reached on its own: with rules on Bronze only, passing them all is Bronze, not Gold.
 */
export function levelReached(
  levels: readonly ScorecardLevel[],
  rules: readonly { level: string; status: RuleStatus }[],
): string {
  let reached = levels[0]!.title;
  for (const level of levels.slice(1)) {
    const own = rules.filter((rule) => rule.level === level.title);
    if (own.some((rule) => rule.status !== 'SUCCESS')) break;
    if (own.length) reached = level.title;
  }
  return reached;
}

/** A level's place among the scorecard's levels (0: the first); -1 when it has none of that name. */
export const levelIndexOf = (levels: readonly ScorecardLevel[], title: string) =>
  levels.findIndex((level) => level.title === title);

/**
 * Port's condition list as a search query: `not: true` on isEmpty/isNotEmpty turns the operator round;
 * relation conditions are search rules of their own (`{"relation", "operator", "value"}`).
 */
export function searchQueryOf(query: ScorecardQuery): { combinator: 'and' | 'or'; rules: JsonObject[] } {
  return {
    combinator: query.combinator,
    rules: query.conditions.map((condition) => {
      const { not, ...rest } = condition;
      if (not !== true) return rest;
      const operator = rest.operator === 'isEmpty' ? 'isNotEmpty' : 'isEmpty';
      return { ...rest, operator };
    }),
  };
}

/** Where the evaluation of every entity after the scorecard's last change is (Portico's, beside Port's). */
export interface ScorecardEvaluation {
  status: 'evaluating' | 'done';
  /** Answered to a reader of every entity of the blueprint only. */
  evaluated?: number;
  total?: number;
  startedAt: string;
  finishedAt: string | null;
}

/** A scorecard as the API answers it, with Portico's `evaluation` beside Port's fields. */
export type ScorecardAnswer = Scorecard & { evaluation?: ScorecardEvaluation };

/** Entities at each level (`total`: all of them). */
export interface LevelCounts {
  total: number;
  levels: Record<string, number>;
}

/** One point of a scorecard's level distribution, overall and per owning team (`""`: no team). */
export interface DistributionPoint extends LevelCounts {
  at: string;
  teams: Record<string, LevelCounts>;
}

/** A level of a scorecard to reach by a date, for some teams (all, when none are named). */
export interface InitiativeDefinition {
  identifier: string;
  title: string;
  description?: string;
  blueprint: string;
  scorecard: string;
  level: string;
  /** The date (`YYYY-MM-DD`) or instant it is due. */
  dueDate: string;
  teams?: string[];
}

export interface TeamProgress {
  /** `""`: entities that no team owns. */
  team: string;
  total: number;
  reached: number;
  percent: number;
  /** The entities still below the level (the first 100), lowest level first. */
  behind: Array<{ identifier: string; title: string | null; level: string }>;
}
