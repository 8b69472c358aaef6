/**
 * How Portico runs a jq program: in Port's dialect (see docs/jq.md), and wrapped so that one run of jq
 * answers many evaluations, one line each. jq-wasm compiles the program (and jq's builtins) on every run,
 * about a millisecond, so many inputs go through one run as a stream and many programs run as one.
 */

export { rewritePortQuotes } from '../../core/jq-dialect.js';

// `env` and `$ENV` are empty, as in Port. A stream of inputs must stay a set of separate evaluations, so
// `input`/`inputs` may not read the next one, `halt` may not end the others, and `input_line_number` may
// not tell where in the stream an input was (the one input of an evaluation alone is on line 0).
const PRELUDE = [
  'def env: {}; {} as $ENV |',
  'def input: error("input and inputs are not available"); def inputs: input;',
  'def input_line_number: 0;',
  'def halt: error("halt and halt_error are not available"); def halt_error: halt; def halt_error($_): halt;',
].join('\n');

const open = '(try ({ok: [\n';
// Two line breaks: a comment at the program's end may go on past one with a trailing backslash.
const close = '\n\n]}) catch {error: .})';

/** The line of the wrapped text where a single program's first line is. */
const FIRST_PROGRAM_LINE = `${PRELUDE}\n${open}`.split('\n').length;

/**
 * One jq program whose every run prints one line per evaluation: `{"ok": [outputs]}` or `{"error": e}`.
 * Each of `programs` must have passed findUnbalanced, so that none can close the wrapping around it.
 */
export function wrapPrograms(programs: readonly string[]): string {
  return `${PRELUDE}\n${programs.map((program) => `${open}${program}${close}`).join(',\n')}`;
}

export type Evaluation = { ok: unknown[] } | { error: unknown };

/** The evaluations a run printed, one per line (compact JSON never spans lines). */
export function parseEvaluations(stdout: string): Evaluation[] {
  return stdout === '' ? [] : stdout.split('\n').map((line) => JSON.parse(line) as Evaluation);
}

export function errorText(error: unknown): string {
  return typeof error === 'string' ? error : JSON.stringify(error);
}

const COMPILE_ERRORS = /jq: \d+ compile errors?$/;

export function isCompileError(stderr: string): boolean {
  return COMPILE_ERRORS.test(stderr);
}

const LOCATION = / at <top-level>, line (\d+)(?:, column (\d+))?:?$/;

/** jq's compile errors for a program run alone through wrapPrograms, with lines counted in the program. */
export function describeCompileError(stderr: string, program: string): string {
  const lines = program.split('\n').length;
  const errors = stderr
    .split('\n')
    .filter((line) => line.startsWith('jq: error: '))
    .map((line) =>
      line.slice('jq: error: '.length).replace(LOCATION, (_, jqLine: string, column?: string) => {
        const line = Number(jqLine) - FIRST_PROGRAM_LINE + 1;
        if (line < 1 || line > lines) return ' at the end of the program';
        return lines === 1 && column
          ? ` at column ${column}`
          : ` at line ${line}${column ? `, column ${column}` : ''}`;
      }),
    );
  return errors.length > 0 ? errors.join('; ') : stderr;
}

const CLOSING: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/**
 * Why the brackets of `program` do not balance, or undefined when they do. jq's lexer would reject such a
 * program alone; inside a wrapping, an extra `]` could close the wrapping's own bracket instead. Strings
 * (with `\(…)` interpolations) and comments (which a backslash continues onto the next line) are skipped.
 */
export function findUnbalanced(program: string): string | undefined {
  const opened: { bracket: string; at: number }[] = [];
  for (let i = 0; i < program.length; i++) {
    const char = program[i]!;
    const innermost = opened.at(-1)?.bracket;
    if (innermost === '"') {
      if (char === '"') opened.pop();
      else if (char === '\\' && program[i + 1] === '(') opened.push({ bracket: '\\(', at: i++ });
      else if (char === '\\') i++;
    } else if (char === '#') {
      i = commentEnd(program, i);
    } else if (char === '"' || char === '(' || char === '[' || char === '{') {
      opened.push({ bracket: char, at: i });
    } else if (char in CLOSING) {
      const bracket = opened.pop()?.bracket;
      if (bracket !== CLOSING[char] && !(char === ')' && bracket === '\\('))
        return `"${char}" ${where(program, i)} has no matching opening bracket`;
    }
  }
  const unclosed = opened.at(-1);
  if (!unclosed) return undefined;
  if (unclosed.bracket === '"') return `the string that starts ${where(program, unclosed.at)} never ends`;
  return `"${unclosed.bracket}" ${where(program, unclosed.at)} is never closed`;
}

/**
 * Where the comment that starts at `start` ends: before its line break, or at the program's end. As jq
 * 1.8's lexer reads it, to the character: a backslash before a line break (LF or CRLF) continues the
 * comment onto the next line, and one before another backslash escapes it. Any difference would let a
 * program hide a bracket from this check that jq then reads, or the other way round.
 */
function commentEnd(program: string, start: number): number {
  let i = start + 1;
  while (i < program.length) {
    const char = program[i]!;
    if (char === '\\') {
      const next = program.slice(i + 1, i + 3);
      i += next.startsWith('\\') || next.startsWith('\n') ? 2 : next === '\r\n' ? 3 : 1;
      continue;
    }
    if (char === '\n' || (char === '\r' && program[i + 1] === '\n')) return i - 1;
    i++;
  }
  return program.length;
}

function where(program: string, index: number): string {
  const before = program.slice(0, index).split('\n');
  const column = before.at(-1)!.length + 1;
  return before.length === 1 ? `at column ${column}` : `at line ${before.length}, column ${column}`;
}
