import type { CompiledQuery } from 'kysely';
import type { Db } from '../storage/database.js';

/** A job as its handler sees it. Times are epoch milliseconds. */
export interface Job {
  id: number;
  kind: string;
  key: string | null;
  payload: unknown;
  /** 1 on the first attempt. */
  attempt: number;
  maxAttempts: number;
  runAt: number;
  createdAt: number;
}

/** What a handler's attempt came to; a handler that returns nothing succeeded, one that throws asks a retry. */
export type JobOutcome =
  | { outcome: 'succeeded'; written?: true }
  | { outcome: 'retry'; error: string; retryAfterMs?: number }
  | { outcome: 'failed'; error: string };

export const succeeded = (): JobOutcome => ({ outcome: 'succeeded' });

/** Succeeded, and the handler committed its context's successWrite() with its own last write. */
export const succeededAndWritten = (): JobOutcome => ({ outcome: 'succeeded', written: true });

/** Try again later: after `retryAfterMs` when given (a server's Retry-After), else after the backoff. */
export const retry = (error: string, retryAfterMs?: number): JobOutcome =>
  retryAfterMs === undefined ? { outcome: 'retry', error } : { outcome: 'retry', error, retryAfterMs };

/** Give up now, whatever attempts are left. */
export const failed = (error: string): JobOutcome => ({ outcome: 'failed', error });

/** Waits between attempts: the n-th retry comes min(capMs, baseMs·2^(n-1)) ±10 % after the failure. */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export interface AttemptContext {
  /** Aborts at the handler's timeout, or when the process stops and cannot wait any longer. */
  signal: AbortSignal;
  attempt: number;
  /**
   * The write that marks this attempt succeeded where its worker still holds it, for a handler whose
   * attempt ends in a write of its own: committed with it (one transaction, one trip to the database
   * instead of two), after which the handler returns succeededAndWritten(). Not to be written otherwise.
   */
  successWrite(): CompiledQuery;
}

export interface JobHandler {
  /** The attempt is aborted, and counts as a retry, past this. The lease is this plus the queue's grace. */
  timeoutMs: number;
  /** For jobs enqueued without their own; default 5. */
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  run(job: Job, context: AttemptContext): Promise<JobOutcome | void>;
  /**
   * Runs in the transaction that marks the job failed for good (attempts used up, a `failed` outcome, or
   * a lease that expired on its last attempt), so that what the job stood for ends with it.
   */
  onFailed?(trx: Db, job: Job, error: string): Promise<void>;
}

/** A handler per job kind. */
export type JobHandlers = Readonly<Record<string, JobHandler>>;

export interface JobToEnqueue {
  kind: string;
  /**
   * At most one job holds a key. Enqueueing with a key that a job holds replaces it (default): a job that
   * has not started yet takes the new payload and time in place; one that started, finished or waits for a
   * retry gives the key up (and, if waiting, is cancelled) to a new job. With `ifKeyExists: 'keep'` the
   * existing job stays as it is and nothing is added.
   */
  key?: string;
  ifKeyExists?: 'replace' | 'keep';
  payload: unknown;
  /** Epoch milliseconds or a Date; default now. */
  runAt?: number | Date;
  maxAttempts?: number;
}

/** One attempt at a job, for a run page. */
export interface JobAttempt {
  attempt: number;
  worker: string;
  startedAt: string;
  endedAt: string | null;
  /** null while it runs. */
  outcome: 'succeeded' | 'retried' | 'failed' | 'interrupted' | 'lease expired' | null;
  error: string | null;
}

export type JobState = 'available' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** An injectable clock: epoch milliseconds. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
