import { unprocessable, type DomainError } from '../errors.js';

/** Why a call was stopped before jq finished: its time, output or memory limit, or jq itself failed. */
export type JqStopReason = 'timeout' | 'output' | 'memory' | 'crash';

/** The codes of errors that stop a whole call (as opposed to one evaluation's jq_error). */
export const JQ_STOP_CODES: ReadonlySet<string> = new Set([
  'jq_timeout',
  'jq_output_too_large',
  'jq_memory_limit',
  'jq_crashed',
]);

const SHOWN_CHARS = 200;

export function showProgram(program: string): string {
  return JSON.stringify(program.length > SHOWN_CHARS ? `${program.slice(0, SHOWN_CHARS)}…` : program);
}

export const jqCompileError = (program: string, message: string) =>
  unprocessable('jq_error', `the jq program ${showProgram(program)} does not compile: ${message}`, {
    program,
    phase: 'compile',
  });

export const jqRunError = (program: string, message: string) =>
  unprocessable('jq_error', `the jq program ${showProgram(program)} failed: ${message}`, {
    program,
    phase: 'run',
  });

export const notAProgram = (program: unknown) =>
  unprocessable(
    'jq_error',
    `a jq program must be a string, not ${JSON.stringify(program) ?? typeof program}`,
  );

export interface JqLimits {
  timeoutMs: number;
  maxOutputBytes: number;
}

/** The error of a call that was stopped; `programs` are those that were running together. */
export function jqStopped(reason: JqStopReason, programs: readonly string[], limits: JqLimits): DomainError {
  const shown = programs.slice(0, 3).map(showProgram).join(', ');
  const subject =
    programs.length === 1
      ? `the jq program ${shown}`
      : `one of the jq programs ${shown}${programs.length > 3 ? ` (and ${programs.length - 3} more)` : ''}`;
  const details = programs.length === 1 ? { program: programs[0] } : { programs };
  switch (reason) {
    case 'timeout':
      return unprocessable('jq_timeout', `${subject} did not finish within ${limits.timeoutMs} ms`, {
        ...details,
        timeoutMs: limits.timeoutMs,
      });
    case 'output':
      return unprocessable(
        'jq_output_too_large',
        `${subject} wrote more than ${limits.maxOutputBytes} bytes of output`,
        { ...details, maxOutputBytes: limits.maxOutputBytes },
      );
    case 'memory':
      return unprocessable('jq_memory_limit', `${subject} needed more memory than jq may use`, details);
    case 'crash':
      return unprocessable('jq_crashed', `jq stopped unexpectedly while running ${subject}`, details);
  }
}
