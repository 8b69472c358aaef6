import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { jqStopped, type JqLimits } from './jq-errors.js';
import { isCompileError, parseEvaluations, wrapPrograms, type Evaluation } from './jq-program.js';
import { JqWorkerSlot, type JqWorkerSettings } from './jq-worker-slot.js';

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
  resolve(run: JqRun): void;
  reject(error: unknown): void;
}

/** A queue of runs, served in order by a fixed set of worker threads. */
export function createJqRunner(options: JqRunnerOptions): JqRunner {
  const settings = workerSettings(options);
  const slots = Array.from({ length: options.workers }, () => new JqWorkerSlot(settings));
  const queue: QueuedRun[] = [];
  let nextJobId = 0;
  let closed = false;

  const start = (slot: JqWorkerSlot, run: QueuedRun) => {
    slot.busy = true;
    const { program, input, limits } = run;
    slot
      .run({ id: nextJobId++, program, input, maxOutputBytes: limits.maxOutputBytes }, limits.timeoutMs)
      .then((outcome) => {
        if (closed) throw poolClosed();
        if (outcome.kind === 'stopped') throw jqStopped(outcome.reason, run.names, limits);
        run.resolve(readRun(outcome, run.expected));
      })
      .catch(run.reject)
      .finally(() => {
        slot.busy = false;
        dispatch();
      });
  };

  const dispatch = () => {
    for (const slot of slots) {
      if (queue.length === 0) return;
      if (!slot.busy) start(slot, queue.shift()!);
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
