import type { BackoffPolicy } from './job-types.js';

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 60 * 60_000 };

/**
 * How long to wait before the attempt after `attempt` (1 for the first): min(cap, base·2^(attempt-1)),
 * spread ±10 % so that jobs that failed together do not retry together; a server's `retryAfterMs` is
 * honoured as given, up to the cap.
 */
export function retryDelayMs(
  attempt: number,
  policy: BackoffPolicy,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(policy.capMs, Math.max(0, retryAfterMs));
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.9 + 0.2 * random()));
}
