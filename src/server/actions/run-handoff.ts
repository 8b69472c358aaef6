import type { RunRow } from './run.repo.js';

/**
 * Runs this process accepted a moment ago, as written, for their delivery here: the first attempt takes
 * its run from memory instead of reading back the row it has just written. A run whose job another
 * process claims is never taken and ages out. Taking is safe however the run changed meanwhile: delivery
 * records its outcome guarded by the run's version, and reads the run again when that moved.
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
    /** The run as handed over, once; undefined when it was not (or has aged out). */
    take(id: string): RunRow | undefined {
      const entry = rows.get(id);
      if (!entry) return undefined;
      rows.delete(id);
      return Date.now() - entry.at < maxAgeMs ? entry.row : undefined;
    },
  };
}

export type RunHandoff = ReturnType<typeof createRunHandoff>;
