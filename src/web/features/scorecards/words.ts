import type { InitiativeProgress, ScorecardChange } from '../../api/scorecard.queries';

/** What changed, in words: the level (up, down, in, out), else that it stayed while rules flipped. */
export function changeSummary(change: Pick<ScorecardChange, 'level' | 'previousLevel'>): string {
  if (change.previousLevel === null && change.level !== null) return `Entered at ${change.level}`;
  if (change.level === null) return 'Left the scorecard (no longer matches its filter)';
  if (change.previousLevel === change.level) return `Stayed ${change.level}`;
  return `${change.previousLevel} → ${change.level}`;
}

const CAUSES: Record<string, string> = {
  entity: 'after a change of the entity or of what it reads',
  scorecard: 'after a change of the scorecard',
};

/** Why a result changed: a write (of the entity, or of what its computed values read), or the definition. */
export const causeText = (cause: string) => CAUSES[cause] ?? cause;

export const statusWord = (status: string | null) =>
  status === 'SUCCESS' ? 'passing' : status === 'FAILURE' ? 'failing' : 'not evaluated';

/** When an initiative is due, in words: reached, days left, due today, or overdue. */
export function dueText(progress: Pick<InitiativeProgress, 'daysLeft' | 'reached' | 'total'>) {
  const { daysLeft } = progress;
  if (progress.total > 0 && progress.reached === progress.total) return 'reached';
  if (daysLeft > 1) return `${daysLeft} days left`;
  if (daysLeft === 1) return '1 day left';
  if (daysLeft === 0) return 'due today';
  return `overdue by ${-daysLeft} day${daysLeft === -1 ? '' : 's'}`;
}
