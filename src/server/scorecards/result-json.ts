import type { ScorecardResult } from '../../core/scorecard.js';

const texts = new WeakMap<object, string>();

/**
 * The JSON text of a value the evaluator writes in several places (an entity's results, their history, the
 * event of their change), serialized once: entities with the same rule statuses share one result object.
 * The value must not change afterwards.
 */
export function jsonText(value: object): string {
  let text = texts.get(value);
  if (text === undefined) texts.set(value, (text = JSON.stringify(value)));
  return text;
}

/** The JSON text of results by scorecard (null: none there; undefined: left out, as JSON.stringify does). */
export function resultsText(results: Readonly<Record<string, ScorecardResult | null | undefined>>): string {
  const parts: string[] = [];
  for (const [key, result] of Object.entries(results))
    if (result !== undefined)
      parts.push(`${JSON.stringify(key)}:${result === null ? 'null' : jsonText(result)}`);
  return `{${parts.join(',')}}`;
}

interface ScorecardsValues {
  scorecards: Record<string, ScorecardResult | null>;
  scorecardsStats: number | null;
}

const valuesText = (values: ScorecardsValues) =>
  `{"scorecards":${resultsText(values.scorecards)},"scorecardsStats":${JSON.stringify(values.scorecardsStats)}}`;

/** The JSON text of an entity's derived change of `scorecards` and `scorecardsStats` (a DerivedChange). */
export function scorecardsChangeText(
  entity: string,
  title: string | null,
  before: ScorecardsValues,
  after: ScorecardsValues,
): string {
  return `{"entity":${JSON.stringify(entity)},"title":${JSON.stringify(title)},"before":${valuesText(before)},"after":${valuesText(after)}}`;
}

/** An entity's team as JSON text: its column's text on SQLite, its value on PostgreSQL. */
export const teamText = (team: unknown): string =>
  team === null || team === undefined ? '[]' : typeof team === 'string' ? team : JSON.stringify(team);
