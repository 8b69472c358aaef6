import type { DomainError } from '../errors.js';
import {
  evaluateInputs,
  evaluateInputsAll,
  evaluatePrograms,
  toJsonText,
  type JqResult,
  type Runnable,
} from './jq-batches.js';
import { jqCompileError, notAProgram, type JqLimits } from './jq-errors.js';
import { findUnbalanced, rewritePortQuotes } from './jq-program.js';
import { followPath, plainPath, walkableInput } from './jq-paths.js';
import { createJqRunner } from './jq-runner.js';

export type { JqResult } from './jq-batches.js';

export interface JqPoolOptions {
  /** Worker threads, each running one call at a time. Default 1. */
  workers?: number;
  /**
   * Default time limit of a run of jq, counted from when a worker starts it. Default 2,000 ms. A call is
   * one run, except evaluateEach over more than about 512 KB of inputs, which runs them in chunks.
   */
  timeoutMs?: number;
  /** Default limit on what one run of jq writes. Default 16 MiB. */
  maxOutputBytes?: number;
  /** jq's own heap in each worker. Default 256 MB, jq-wasm's ceiling. */
  maxMemoryMb?: number;
}

export type JqCallOptions = Partial<JqLimits>;

export interface JqPool {
  /** All outputs of `program` over `input`; throws a jq_error if it does not compile or fails. */
  evaluate(program: string, input: unknown, options?: JqCallOptions): Promise<unknown[]>;
  /**
   * `program` over each of `inputs` in one run of jq: one result per input, in order. Throws a jq_error if
   * the program does not compile.
   */
  evaluateEach(program: string, inputs: readonly unknown[], options?: JqCallOptions): Promise<JqResult[]>;
  /**
   * Each of `programs` over each of `inputs`: per input, one result per program. The inputs run in chunks
   * spread over the workers. Throws a jq_error if a program does not compile.
   */
  evaluateEachAll(
    programs: readonly string[],
    inputs: readonly unknown[],
    options?: JqCallOptions,
  ): Promise<JqResult[][]>;
  /** Each of `programs` over `input` in one run of jq: one result per program, in order. */
  evaluateAll(programs: readonly string[], input: unknown, options?: JqCallOptions): Promise<JqResult[]>;
  /** Stops the workers; calls still waiting are rejected. */
  close(): Promise<void>;
}

export const DEFAULT_JQ_TIMEOUT_MS = 2_000;
export const DEFAULT_JQ_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

/** A program as given, and as jq runs it; or why it cannot run. */
type Prepared = Runnable | { program: string; error: DomainError };

function prepare(program: unknown): Prepared {
  if (typeof program !== 'string') return { program: String(program), error: notAProgram(program) };
  const runnable = rewritePortQuotes(program);
  const unbalanced = findUnbalanced(runnable);
  return unbalanced ? { program, error: jqCompileError(program, unbalanced) } : { program, runnable };
}

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
    async evaluateEachAll(programs, inputs, callOptions) {
      const prepared = programs.map(prepare);
      for (const p of prepared) if ('error' in p) throw p.error;
      if (inputs.length === 0 || programs.length === 0) return inputs.map(() => []);
      return evaluateInputsAll(runner, prepared as Runnable[], inputs, limitsOf(callOptions));
    },
    async evaluateAll(programs, input, callOptions) {
      const limits = limitsOf(callOptions);
      const prepared = programs.map(prepare);
      const walked = new Map<Prepared, JqResult>();
      const paths = prepared.map((p) => ('runnable' in p ? plainPath(p.runnable) : undefined));
      const text = toJsonText(input);
      const walkable =
        paths.some(Boolean) && 'json' in text ? walkableInput(text.json, limits.maxOutputBytes) : undefined;
      if (walkable)
        paths.forEach((keys, i) => {
          const answer = keys && followPath(walkable.value, keys);
          if (answer) walked.set(prepared[i]!, answer);
        });
      const runnable = prepared.filter((p): p is Runnable => 'runnable' in p && !walked.has(p));
      const answers = await evaluatePrograms(runner, runnable, text, limits);
      return prepared.map((p) => ('error' in p ? { error: p.error } : (walked.get(p) ?? answers.get(p)!)));
    },
    close: () => runner.close(),
  };
  return pool;
}
