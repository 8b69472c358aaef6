import type { CompiledQuery } from 'kysely';
import { retry, succeeded, type Job, type JobHandler, type JobOutcome } from './job-types.js';

/**
 * Runs one attempt of `job` to its outcome: what the handler returned (nothing is success), a retry for
 * one that threw, or a retry once `timeoutMs` has passed, when its signal aborts. The outcome of a handler
 * that ignores its signal comes too late and is dropped. `interrupt` aborts it too (the process stops).
 */
export async function runAttempt(
  handler: JobHandler,
  job: Job,
  interrupt: AbortSignal,
  successWrite: () => CompiledQuery,
): Promise<JobOutcome> {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort(interrupt.reason);
  interrupt.addEventListener('abort', onInterrupt, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<JobOutcome>((resolve) => {
    timer = setTimeout(() => {
      const message = `timed out after ${handler.timeoutMs} ms`;
      controller.abort(new Error(message));
      resolve(retry(message));
    }, handler.timeoutMs);
  });
  const ran = Promise.resolve()
    .then(() => handler.run(job, { signal: controller.signal, attempt: job.attempt, successWrite }))
    .then(
      (outcome) => outcome ?? succeeded(),
      (error: unknown) => retry(messageOf(error)),
    );
  try {
    return await Promise.race([ran, timedOut]);
  } finally {
    clearTimeout(timer);
    interrupt.removeEventListener('abort', onInterrupt);
  }
}

export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === 'string' ? error : 'the handler failed';
