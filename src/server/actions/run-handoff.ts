import type { RunRow } from './run.repo.js';

/**
 * Runs this process accepted a moment ago, as written, for their delivery here: the first attempt takes
 * its run from memory instead of reading back the row it has just written. A run that changes after it
 * was handed over (a backend or an Admin ends it, here or in another process: see drop) is read again,
 * so that a run ended before its delivery starts is not delivered. A run whose job another process
 * claims is never taken and ages out. Delivery records its outcome guarded by the run's version.
 */
export function createRunHandoff({ maxRuns = 10_000, maxAgeMs = 60_000 } = {}) {
  const rows = new Map<string, { row: RunRow; at: number }>();

  function evict(now: number) {
    for (const [id, entry] of rows) {
      if (rows.size < maxRuns && now - entry.at < maxAgeMs) return;
      rows.delete(id);
    }
  }

  return {
    put(row: RunRow) {
      const now = Date.now();
      evict(now);
      rows.set(row.id, { row, at: now });
    },
    /** The run changed since it was handed over (or may have: clear). */
    drop(id: string) {
      rows.delete(id);
    },
    clear() {
      rows.clear();
    },
    /** The run as handed over, once; undefined when it was not, or has changed or aged out since. */
    take(id: string): RunRow | undefined {
      const entry = rows.get(id);
      if (!entry) return undefined;
      rows.delete(id);
      return Date.now() - entry.at < maxAgeMs ? entry.row : undefined;
    },
  };
}

export type RunHandoff = ReturnType<typeof createRunHandoff>;
