import { JobError, type Job, type JobContext } from './jobs.js';
import { PorticoError, type PorticoClient } from './portico-client.js';

export interface RunnerOptions {
  client: PorticoClient;
  /** The jobs this runner does, by the path of the URL an action names. */
  jobs: ReadonlyMap<string, Job>;
  /** A pause between a job's steps (default none). */
  stepDelayMs?: number;
  /** Told of what the runner could not report to Portico (default: printed to stderr). */
  onError?(error: unknown, runId: string): void;
  /** How many run ids it remembers to recognise a redelivery (default 10,000). */
  remember?: number;
}

export type Runner = ReturnType<typeof createRunner>;

/**
 * Carries out runs, each once: a run id seen before (a webhook redelivered after a timeout, a run claimed
 * twice) is not worked on again. Every run ends with a status reported back, success or failure.
 */
export function createRunner(options: RunnerOptions) {
  const seen = new Set<string>();
  const working = new Set<Promise<void>>();
  const remember = options.remember ?? 10_000;
  const onError =
    options.onError ?? ((error, runId) => console.error(`run ${runId}: ${(error as Error).message}`));

  /** Starts the run's job in the background; false when this run was taken before. */
  function accept(runId: string, path: string, body: Record<string, unknown>): boolean {
    if (seen.has(runId)) return false;
    seen.add(runId);
    // A Set iterates in insertion order: the oldest id is the first one.
    if (seen.size > remember) seen.delete(seen.values().next().value!);
    const work = carryOut(runId, path, body)
      .catch((error: unknown) => onError(error, runId))
      .finally(() => working.delete(work));
    working.add(work);
    return true;
  }

  async function carryOut(runId: string, path: string, body: Record<string, unknown>) {
    const { client } = options;
    // Remembered ids do not survive a restart: a run that has ended already is left alone.
    if ((await client.status(runId)) !== 'IN_PROGRESS') return;
    const job = options.jobs.get(path);
    if (!job) return end(runId, 'FAILURE', `This runner has no job at ${path}`);
    const context: JobContext = {
      runId,
      client,
      log: async (line) => void (await client.log(runId, line)),
      step: () => new Promise((resolve) => setTimeout(resolve, options.stepDelayMs ?? 0)),
    };
    let result;
    try {
      result = await job(body, context);
    } catch (error) {
      const known = error instanceof JobError || error instanceof PorticoError;
      const message = known ? error.message : `The runner failed: ${(error as Error).message}`;
      return end(runId, 'FAILURE', message, 'Failed');
    }
    await end(runId, 'SUCCESS', result.message, result.statusLabel);
  }

  async function end(runId: string, status: 'SUCCESS' | 'FAILURE', message: string, label?: string) {
    try {
      await options.client.finish(runId, status, message, label);
    } catch (error) {
      // 409: the run ended meanwhile (cancelled by someone): there is nothing left to report.
      if (!(error instanceof PorticoError && error.status === 409)) throw error;
    }
  }

  /** Whether this runner has a job at `path`. */
  const handles = (path: string) => options.jobs.has(path);

  /** Resolves once every run accepted so far has been carried out (for tests and a clean stop). */
  async function idle() {
    while (working.size) await Promise.allSettled([...working]);
  }

  return { accept, handles, idle };
}
