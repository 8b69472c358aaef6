import type { DomainError } from '../errors.js';
import { jqCompileError, jqRunError, type JqLimits } from './jq-errors.js';
import { describeCompileError, errorText, type Evaluation } from './jq-program.js';
import type { JqRun, JqRunner } from './jq-runner.js';

/** One evaluation's answer: all of its outputs, or the jq_error it failed with. */
export type JqResult = { outputs: unknown[] } | { error: DomainError };

/** A program as given, and as jq runs it (in Port's dialect, its brackets balanced). */
export type Runnable = { program: string; runnable: string };

// A batch of inputs runs in chunks of about this much JSON: the server thread writes and reads one chunk
// at a time (each a few milliseconds of its time, not one long stop), and other calls take turns between.
const CHUNK_CHARS = 512 * 1024;

/** `program` over each input: an input that cannot be written as JSON or read by jq fails alone. */
export async function evaluateInputs(
  runner: JqRunner,
  prepared: Runnable,
  inputs: readonly unknown[],
  limits: JqLimits,
): Promise<JqResult[]> {
  const results: JqResult[] = [];
  let chunk: { index: number; json: string }[] = [];
  let chars = 0;
  for (const [index, input] of inputs.entries()) {
    const text = toJsonText(input);
    if ('problem' in text) results[index] = { error: jqRunError(prepared.program, text.problem) };
    else {
      chunk.push({ index, json: text.json });
      chars += text.json.length;
    }
    if (chars < CHUNK_CHARS && index < inputs.length - 1) continue;
    const answers = await runInputs(
      runner,
      prepared,
      chunk.map(({ json }) => json),
      limits,
    );
    chunk.forEach(({ index }, i) => (results[index] = answers[i]!));
    chunk = [];
    chars = 0;
  }
  return results;
}

const toResult = (program: string, evaluation: Evaluation): JqResult =>
  'ok' in evaluation
    ? { outputs: evaluation.ok }
    : { error: jqRunError(program, errorText(evaluation.error)) };

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

/**
 * Each of `programs` over each input: the inputs are written in chunks of about CHUNK_CHARS, and the
 * chunks run at once, spread over the workers. An input that cannot be written as JSON or read by jq
 * fails alone (for every program).
 */
export async function evaluateInputsAll(
  runner: JqRunner,
  programs: readonly Runnable[],
  inputs: readonly unknown[],
  limits: JqLimits,
): Promise<JqResult[][]> {
  const results: JqResult[][] = new Array(inputs.length);
  const chunks: Array<Array<{ index: number; json: string }>> = [];
  let chunk: Array<{ index: number; json: string }> = [];
  let chars = 0;
  for (const [index, input] of inputs.entries()) {
    const text = toJsonText(input);
    if ('problem' in text)
      results[index] = programs.map((p) => ({ error: jqRunError(p.program, text.problem) }));
    else {
      chunk.push({ index, json: text.json });
      chars += text.json.length;
    }
    if (chars < CHUNK_CHARS && index < inputs.length - 1) continue;
    if (chunk.length) chunks.push(chunk);
    chunk = [];
    chars = 0;
  }
  await Promise.all(
    chunks.map(async (part) => {
      const answers = await runInputsAll(
        runner,
        programs,
        part.map(({ json }) => json),
        limits,
      );
      part.forEach(({ index }, i) => (results[index] = answers[i]!));
    }),
  );
  return results;
}

/** One run of every program over all inputs; past an input jq cannot read, another run goes on. */
async function runInputsAll(
  runner: JqRunner,
  programs: readonly Runnable[],
  inputs: readonly string[],
  limits: JqLimits,
): Promise<JqResult[][]> {
  const results: JqResult[][] = [];
  const names = programs.map((p) => p.program);
  const width = programs.length;
  while (results.length < inputs.length) {
    const run = await runner.run(
      programs.map((p) => p.runnable),
      names,
      inputs.slice(results.length),
      limits,
    );
    if (run.kind === 'compile_error') {
      // Which one: each compiled alone, over nothing.
      for (const p of programs) {
        const alone = await runner.run([p.runnable], [p.program], [], limits);
        if (alone.kind === 'compile_error')
          throw jqCompileError(p.program, describeCompileError(alone.stderr, p.runnable));
      }
      throw jqCompileError(names.join('; '), describeCompileError(run.stderr, names.join('; ')));
    }
    const complete = Math.floor(run.evaluations.length / width);
    for (let i = 0; i < complete; i++)
      results.push(programs.map((p, j) => toResult(p.program, run.evaluations[i * width + j]!)));
    if (run.kind === 'failed')
      results.push(programs.map((p) => ({ error: jqRunError(p.program, run.failure) })));
    else if (complete === 0)
      while (results.length < inputs.length)
        results.push(programs.map((p) => ({ error: jqRunError(p.program, 'no answer') })));
  }
  return results;
}

/** An input written as JSON, or why it cannot be. */
export type JsonText = { json: string } | { problem: string };

/** JSON text for jq-wasm (which reads a string as JSON text, not as a JSON string), or why there is none. */
export function toJsonText(input: unknown): JsonText {
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
export async function evaluatePrograms(
  runner: JqRunner,
  programs: readonly Runnable[],
  text: JsonText,
  limits: JqLimits,
): Promise<Map<Runnable, JqResult>> {
  if (programs.length === 0) return new Map();
  if ('problem' in text)
    return new Map(programs.map((p) => [p, { error: jqRunError(p.program, text.problem) }]));
  const runTogether = async (together: readonly Runnable[]) => {
    const names = together.map((p) => p.program);
    const runnables = together.map((p) => p.runnable);
    return runner.run(runnables, names, [text.json], limits);
  };
  const run = await runTogether(programs);
  if (run.kind !== 'compile_error' || programs.length === 1)
    return new Map(programs.map((p, i) => [p, resultOf(run, i, p)]));
  const alone = await Promise.all(programs.map((p) => runTogether([p])));
  return new Map(programs.map((p, i) => [p, resultOf(alone[i]!, 0, p)]));
}

function resultOf(run: JqRun, index: number, { program, runnable }: Runnable): JqResult {
  if (run.kind === 'compile_error')
    return { error: jqCompileError(program, describeCompileError(run.stderr, runnable)) };
  const evaluation = run.evaluations[index];
  if (evaluation) return toResult(program, evaluation);
  return { error: jqRunError(program, run.kind === 'failed' ? run.failure : 'no answer') };
}
