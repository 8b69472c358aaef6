import type { Actor } from '../identity/actor.js';

/**
 * Port's `run_id` on entity writes: the entities a run's backend writes are listed on the run. Known to the
 * catalog only by this shape (action runs sit above it).
 */
export interface RunLinks {
  /** not_found unless the caller may see the run. */
  check(actor: Actor, runId: string): Promise<void>;
  link(
    runId: string,
    blueprint: string,
    written: Array<{ identifier: string; created: boolean }>,
  ): Promise<void>;
}
