/** What triggered a firing, as its run's first log line says (src/server/automations/automation-runs.ts). */
export type FiringEvent =
  | { kind: 'entity'; id: string; action: string; entity: string; blueprint: string }
  | { kind: 'run'; id: string; action: string; runId: string };

const ENTITY = /^Triggered by (\S+) \((\S+) of entity "(.*)" of blueprint "([^"]*)"\)$/s;
const RUN = /^Triggered by (\S+) \((\S+) of run (\S+)\)$/s;
const CONDITION_FAILED = 'The condition could not be evaluated: ';

/** The event a firing's first log line names; undefined for a line of another shape. */
export function firingEventOf(line: string | undefined): FiringEvent | undefined {
  if (line === undefined) return undefined;
  const entity = ENTITY.exec(line);
  if (entity)
    return { kind: 'entity', id: entity[1]!, action: entity[2]!, entity: entity[3]!, blueprint: entity[4]! };
  const run = RUN.exec(line);
  if (run) return { kind: 'run', id: run[1]!, action: run[2]!, runId: run[3]! };
  return undefined;
}

/** jq's message, from the log line a firing whose condition could not be evaluated has. */
export function conditionErrorOf(lines: readonly string[]): string | undefined {
  const line = lines.find((message) => message.startsWith(CONDITION_FAILED));
  return line?.slice(CONDITION_FAILED.length);
}

/** A firing is a run; one whose condition could not be evaluated failed at once with this label. */
export const CONDITION_FAILED_LABEL = 'Condition failed';
