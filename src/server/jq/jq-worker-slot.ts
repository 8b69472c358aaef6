import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../workers/worker-thread.js';
import type { JqJob, JqLimit, JqWorkerData, JqWorkerReply } from './jq-protocol.js';

export type JqJobOutcome =
  | { kind: 'done'; stdout: string; stderr: string; exitCode: number }
  | { kind: 'stopped'; reason: JqLimit | 'timeout' };

export interface JqWorkerSettings extends JqWorkerData {
  /** The worker's JavaScript heap (inputs and outputs on their way), in MB. */
  maxHeapMb: number;
}

const noop = () => undefined;

/**
 * One worker thread, running one job at a time. A job that breaks a limit leaves jq in no state to run
 * another (its heap may be full, its output half written): its thread is terminated, and the next job
 * starts a fresh one.
 */
export class JqWorkerSlot {
  busy = false;
  private closed = false;
  private worker?: Promise<Worker>;
  private readonly stopping = new Set<Promise<unknown>>();

  constructor(private readonly settings: () => Promise<JqWorkerSettings>) {}

  async run(job: JqJob, timeoutMs: number): Promise<JqJobOutcome> {
    const worker = await this.started();
    const outcome = await runOnWorker(worker, job, timeoutMs);
    if (outcome.kind === 'stopped') this.replace();
    return outcome;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.discard();
    await Promise.all(this.stopping);
  }

  private started(): Promise<Worker> {
    if (this.closed) return Promise.reject(new Error('the jq pool is closed'));
    if (this.worker) return this.worker;
    const forget = () => {
      if (this.worker === starting) this.worker = undefined;
    };
    const starting = this.settings()
      .then(startJqWorker)
      .then(
        (worker) => {
          // A thread that dies between jobs must not take the server with it ('error' unheard throws).
          worker.on('error', noop);
          worker.once('exit', forget);
          return worker;
        },
        (error: unknown) => {
          forget();
          throw error;
        },
      );
    this.worker = starting;
    return starting;
  }

  /** Starts the next thread now, so that the next job need not wait for it. */
  private replace() {
    this.discard();
    if (!this.closed) this.started().catch(noop);
  }

  private discard() {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const stopped = worker.then((w) => w.terminate()).catch(noop);
    this.stopping.add(stopped);
    void stopped.finally(() => this.stopping.delete(stopped));
  }
}

function startJqWorker({ maxHeapMb, ...data }: JqWorkerSettings): Promise<Worker> {
  const worker = startModuleWorker(new URL('./jq-worker.ts', import.meta.url), data, {
    resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
  });
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (!error) return resolve(worker);
      void worker.terminate().catch(noop);
      reject(error);
    };
    const onMessage = (reply: JqWorkerReply) =>
      settle(
        reply.kind === 'failed' ? new Error(`the jq worker did not start: ${reply.message}`) : undefined,
      );
    const onError = (error: Error) => settle(error);
    const onExit = (code: number) => settle(new Error(`the jq worker exited (code ${code}) as it started`));
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}

/** Runs one job; past `timeoutMs`, or when the thread dies, the job is stopped and the caller told why. */
function runOnWorker(worker: Worker, job: JqJob, timeoutMs: number): Promise<JqJobOutcome> {
  return new Promise((resolve) => {
    const finish = (outcome: JqJobOutcome) => {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      resolve(outcome);
    };
    const onMessage = (reply: JqWorkerReply) => {
      if (reply.kind === 'done' && reply.id === job.id) finish({ ...reply, kind: 'done' });
      else if (reply.kind === 'limit' && reply.id === job.id)
        finish({ kind: 'stopped', reason: reply.limit });
    };
    const onError = (error: Error & { code?: string }) =>
      finish({ kind: 'stopped', reason: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crash' });
    const onExit = () => finish({ kind: 'stopped', reason: 'crash' });
    const timer = setTimeout(() => finish({ kind: 'stopped', reason: 'timeout' }), timeoutMs);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(job);
  });
}
