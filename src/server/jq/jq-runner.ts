import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { jqStopped, type JqLimits } from './jq-errors.js';
import { isCompileError, parseEvaluations, wrapPrograms, type Evaluation } from './jq-program.js';
import { JqWorkerSlot, type JqJobOutcome, type JqWorkerSettings } from './jq-worker-slot.js';

export interface JqRunnerOptions {
  workers: number;
  /** jq's own heap in each worker, in MB. */
  maxMemoryMb: number;
}

// A worker's JavaScript heap holds a job's input and output text (bounded by the output limit), and
// little else: this is a backstop, not a limit a call is expected to reach.
const WORKER_HEAP_MB = 256;

/**
 * What one run of jq printed: an evaluation per line, as many as were asked for; or the compile errors
 * of its program; or, after `evaluations`, why it stopped reading its inputs (`failure`).
 */
export type JqRun =
  | { kind: 'evaluated'; evaluations: Evaluation[] }
  | { kind: 'compile_error'; stderr: string }
  | { kind: 'failed'; evaluations: Evaluation[]; failure: string };

export interface JqRunner {
  /**
   * Runs `programs` (in Port's dialect, balanced) over each of `inputs` (JSON texts) in one run of jq. Throws a jq_timeout,
   * jq_output_too_large, jq_memory_limit or jq_crashed error, naming `names`, when the run is stopped.
   */
  run(
    programs: readonly string[],
    names: readonly string[],
    inputs: readonly string[],
    limits: JqLimits,
  ): Promise<JqRun>;
  close(): Promise<void>;
}

interface QueuedRun {
  program: string;
  input: string;
  names: readonly string[];
  limits: JqLimits;
  expected: number;
  /** Run by itself: a shared run it took part in was stopped or could not read an input. */
  alone?: boolean;
  resolve(run: JqRun): void;
  reject(error: unknown): void;
}

// Runs of one program that wait together share one run of jq (jq compiles the program and its builtins,
// about a millisecond, on every run), up to this much input; a busy server renders the same webhook for
// many runs at once.
const SHARED_RUN_CHARS = 256 * 1024;
const SHARED_RUN_MAX = 64;

/** A queue of runs, served in order by a fixed set of worker threads. */
export function createJqRunner(options: JqRunnerOptions): JqRunner {
  const settings = workerSettings(options);
  const slots = Array.from({ length: options.workers }, () => new JqWorkerSlot(settings));
  const queue: QueuedRun[] = [];
  let nextJobId = 0;
  let closed = false;

  const start = (slot: JqWorkerSlot, runs: QueuedRun[]) => {
    slot.busy = true;
    const [{ program, limits }] = runs as [QueuedRun];
    const input = runs.map((run) => run.input).join('\n');
    slot
      .run({ id: nextJobId++, program, input, maxOutputBytes: limits.maxOutputBytes }, limits.timeoutMs)
      .then((outcome) => {
        if (closed) throw poolClosed();
        if (runs.length > 1) return settleShared(runs, outcome);
        if (outcome.kind === 'stopped') throw jqStopped(outcome.reason, runs[0]!.names, limits);
        runs[0]!.resolve(readRun(outcome, runs[0]!.expected));
      })
      .catch((error: unknown) => runs.forEach((run) => run.reject(error)))
      .finally(() => {
        slot.busy = false;
        dispatch();
      });
  };

  /**
   * Answers each run of a shared run as if it had run alone; when the shared run was stopped or did not
   * read every input, each runs again by itself, so that a limit or a bad input fails only its own run.
   */
  const settleShared = (runs: QueuedRun[], outcome: JqJobOutcome) => {
    const read = outcome.kind === 'done' ? readShared(outcome, runs) : undefined;
    if (read) return runs.forEach((run, i) => run.resolve(read[i]!));
    queue.unshift(...runs.map((run) => ({ ...run, alone: true })));
  };

  const dispatch = () => {
    for (const slot of slots) {
      if (queue.length === 0) return;
      if (!slot.busy) start(slot, takeRuns(queue));
    }
  };

  return {
    run(programs, names, inputs, limits) {
      return new Promise((resolve, reject) => {
        if (closed) return reject(poolClosed());
        const program = wrapPrograms(programs);
        const input = inputs.join('\n');
        queue.push({
          program,
          input,
          names,
          limits,
          expected: programs.length * inputs.length,
          resolve,
          reject,
        });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const run of queue.splice(0)) run.reject(poolClosed());
      await Promise.all(slots.map((slot) => slot.close()));
    },
  };
}

/** The first queued run, with the later ones of the same program and limits that fit beside it. */
function takeRuns(queue: QueuedRun[]): QueuedRun[] {
  const first = queue.shift()!;
  const runs = [first];
  let chars = first.input.length;
  for (let i = 0; !first.alone && i < queue.length && runs.length < SHARED_RUN_MAX;) {
    const next = queue[i]!;
    const fits =
      !next.alone &&
      next.program === first.program &&
      next.limits.timeoutMs === first.limits.timeoutMs &&
      next.limits.maxOutputBytes === first.limits.maxOutputBytes &&
      chars + next.input.length <= SHARED_RUN_CHARS;
    if (!fits) {
      i++;
      continue;
    }
    runs.push(...queue.splice(i, 1));
    chars += next.input.length;
  }
  return runs;
}

/** Each run's evaluations (they come in input order), or undefined unless every input was evaluated. */
function readShared(
  outcome: { stdout: string; stderr: string; exitCode: number },
  runs: readonly QueuedRun[],
): JqRun[] | undefined {
  let whole: JqRun;
  try {
    whole = readRun(
      outcome,
      runs.reduce((sum, run) => sum + run.expected, 0),
    );
  } catch {
    return undefined;
  }
  if (whole.kind === 'compile_error') return runs.map(() => whole);
  if (whole.kind !== 'evaluated') return undefined;
  let from = 0;
  return runs.map((run) => {
    const evaluations = whole.evaluations.slice(from, (from += run.expected));
    return { kind: 'evaluated', evaluations };
  });
}

const poolClosed = () => new Error('the jq pool is closed');

function readRun(
  { stdout, stderr, exitCode }: { stdout: string; stderr: string; exitCode: number },
  expected: number,
): JqRun {
  if (exitCode !== 0 && isCompileError(stderr)) return { kind: 'compile_error', stderr };
  const evaluations = parseEvaluations(stdout);
  if (evaluations.length === expected) return { kind: 'evaluated', evaluations };
  // jq stops at an input it cannot read (e.g. nested deeper than its parser allows).
  if (exitCode !== 0 && evaluations.length < expected) {
    const reason = stderr
      .replace(/^jq: (?:parse )?error(?: \(at [^)]*\))?: /, '')
      .replace(/ at line \d+, column \d+$/, '');
    return { kind: 'failed', evaluations, failure: `jq could not read the input: ${reason}` };
  }
  throw new Error(`jq printed ${evaluations.length} evaluations where ${expected} were expected`);
}

const JQ_WASM = createRequire(import.meta.url).resolve('jq-wasm/jq.wasm');

/** Compiles jq-wasm once, when the first worker starts; workers are given the compiled module. */
function workerSettings({ maxMemoryMb }: JqRunnerOptions): () => Promise<JqWorkerSettings> {
  let settings: Promise<JqWorkerSettings> | undefined;
  return () => {
    settings ??= readFile(JQ_WASM)
      .then((bytes) => WebAssembly.compile(bytes))
      .then((module) => ({ module, maxMemoryBytes: maxMemoryMb * 1024 * 1024, maxHeapMb: WORKER_HEAP_MB }));
    settings.catch(() => (settings = undefined));
    return settings;
  };
}
