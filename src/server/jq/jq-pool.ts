import type { DomainError } from '../errors.js';
import { jqCompileError, jqRunError, notAProgram, type JqLimits } from './jq-errors.js';
import {
  describeCompileError,
  errorText,
  findUnbalanced,
  rewritePortQuotes,
  type Evaluation,
} from './jq-program.js';
import { createJqRunner, type JqRun, type JqRunner } from './jq-runner.js';

export interface JqPoolOptions {
  /** Worker threads, each running one call at a time. Default 1. */
  workers?: number;
  /** Default time limit of a call, counted from when a worker starts it. Default 2,000 ms. */
  timeoutMs?: number;
  /** Default limit on what jq writes in one call. Default 16 MiB. */
  maxOutputBytes?: number;
  /** jq's own heap in each worker. Default 256 MB, jq-wasm's ceiling. */
  maxMemoryMb?: number;
}

export type JqCallOptions = Partial<JqLimits>;

/** One evaluation's answer: all of its outputs, or the jq_error it failed with. */
export type JqResult = { outputs: unknown[] } | { error: DomainError };

export interface JqPool {
  /** All outputs of `program` over `input`; throws a jq_error if it does not compile or fails. */
  evaluate(program: string, input: unknown, options?: JqCallOptions): Promise<unknown[]>;
  /**
   * `program` over each of `inputs` in one run of jq: one result per input, in order. Throws a jq_error if
   * the program does not compile.
   */
  evaluateEach(program: string, inputs: readonly unknown[], options?: JqCallOptions): Promise<JqResult[]>;
  /** Each of `programs` over `input` in one run of jq: one result per program, in order. */
  evaluateAll(programs: readonly string[], input: unknown, options?: JqCallOptions): Promise<JqResult[]>;
  /** Stops the workers; calls still waiting are rejected. */
  close(): Promise<void>;
}

export const DEFAULT_JQ_TIMEOUT_MS = 2_000;
export const DEFAULT_JQ_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

/** A program as given, and as jq runs it; or why it cannot run. */
type Prepared = { program: string; runnable: string } | { program: string; error: DomainError };

function prepare(program: unknown): Prepared {
  if (typeof program !== 'string') return { program: String(program), error: notAProgram(program) };
  const runnable = rewritePortQuotes(program);
  const unbalanced = findUnbalanced(runnable);
  return unbalanced ? { program, error: jqCompileError(program, unbalanced) } : { program, runnable };
}

const toResult = (program: string, evaluation: Evaluation): JqResult =>
  'ok' in evaluation
    ? { outputs: evaluation.ok }
    : { error: jqRunError(program, errorText(evaluation.error)) };

/**
 * Evaluates jq in worker threads (see docs/jq.md): the server's event loop never runs jq, every call has a
 * time, output and memory limit, and a call that breaks one is stopped without holding up the others.
 */
export function createJqPool(options: JqPoolOptions = {}): JqPool {
  const runner = createJqRunner({
    workers: options.workers ?? 1,
    maxMemoryMb: options.maxMemoryMb ?? 256,
  });
  const limitsOf = (call?: JqCallOptions): JqLimits => ({
    timeoutMs: call?.timeoutMs ?? options.timeoutMs ?? DEFAULT_JQ_TIMEOUT_MS,
    maxOutputBytes: call?.maxOutputBytes ?? options.maxOutputBytes ?? DEFAULT_JQ_MAX_OUTPUT_BYTES,
  });

  const pool: JqPool = {
    async evaluate(program, input, callOptions) {
      const result = (await pool.evaluateAll([program], input, callOptions))[0]!;
      if ('error' in result) throw result.error;
      return result.outputs;
    },
    async evaluateEach(program, inputs, callOptions) {
      const prepared = prepare(program);
      if ('error' in prepared) throw prepared.error;
      if (inputs.length === 0) return [];
      return evaluateInputs(runner, prepared, inputs, limitsOf(callOptions));
    },
    async evaluateAll(programs, input, callOptions) {
      const prepared = programs.map(prepare);
      const runnable = prepared.filter((p): p is Extract<Prepared, { runnable: string }> => 'runnable' in p);
      const answers = await evaluatePrograms(runner, runnable, input, limitsOf(callOptions));
      return prepared.map((p) => ('error' in p ? { error: p.error } : answers.get(p)!));
    },
    close: () => runner.close(),
  };
  return pool;
}

type Runnable = { program: string; runnable: string };

/** `program` over each input: an input that cannot be written as JSON or read by jq fails alone. */
async function evaluateInputs(
  runner: JqRunner,
  prepared: Runnable,
  inputs: readonly unknown[],
  limits: JqLimits,
): Promise<JqResult[]> {
  const texts = inputs.map(toJsonText);
  const written = texts.flatMap((text) => ('json' in text ? [text.json] : []));
  const answers = (await runInputs(runner, prepared, written, limits)).values();
  return texts.map((text) =>
    'json' in text ? answers.next().value! : { error: jqRunError(prepared.program, text.problem) },
  );
}

/** One run over all inputs; past an input jq cannot read, another run goes on with the next. */
async function runInputs(
  runner: JqRunner,
  { program, runnable }: Runnable,
  inputs: readonly string[],
  limits: JqLimits,
): Promise<JqResult[]> {
  const results: JqResult[] = [];
  while (results.length < inputs.length) {
    const run = await runner.run([runnable], [program], inputs.slice(results.length), limits);
    if (run.kind === 'compile_error')
      throw jqCompileError(program, describeCompileError(run.stderr, runnable));
    results.push(...run.evaluations.map((evaluation) => toResult(program, evaluation)));
    if (run.kind === 'failed') results.push({ error: jqRunError(program, run.failure) });
  }
  return results;
}

/** JSON text for jq-wasm (which reads a string as JSON text, not as a JSON string), or why there is none. */
function toJsonText(input: unknown): { json: string } | { problem: string } {
  try {
    return { json: JSON.stringify(input) ?? 'null' };
  } catch (error) {
    return { problem: `its input cannot be written as JSON: ${(error as Error).message}` };
  }
}

/**
 * All programs in one run. jq compiles them as one program, so when one does not compile, each runs alone
 * to tell which.
 */
async function evaluatePrograms(
  runner: JqRunner,
  programs: readonly Runnable[],
  input: unknown,
  limits: JqLimits,
): Promise<Map<Runnable, JqResult>> {
  const answers = new Map<Runnable, JqResult>();
  if (programs.length === 0) return answers;
  const text = toJsonText(input);
  if ('problem' in text) {
    for (const p of programs) answers.set(p, { error: jqRunError(p.program, text.problem) });
    return answers;
  }
  const names = programs.map((p) => p.program);
  const run = await runner.run(
    programs.map((p) => p.runnable),
    names,
    [text.json],
    limits,
  );
  if (run.kind === 'compile_error' && programs.length > 1) {
    const alone = await Promise.all(programs.map((p) => evaluatePrograms(runner, [p], input, limits)));
    for (const map of alone) for (const [p, result] of map) answers.set(p, result);
    return answers;
  }
  programs.forEach((p, i) => answers.set(p, resultOf(run, i, p)));
  return answers;
}

function resultOf(run: JqRun, index: number, { program, runnable }: Runnable): JqResult {
  if (run.kind === 'compile_error')
    return { error: jqCompileError(program, describeCompileError(run.stderr, runnable)) };
  const evaluation = run.evaluations[index];
  if (evaluation) return toResult(program, evaluation);
  return { error: jqRunError(program, run.kind === 'failed' ? run.failure : 'no answer') };
}
