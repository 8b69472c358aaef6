import { sql } from 'kysely';
import type { Db } from './database.js';
import type { Dialect } from './dialect/index.js';

/** Writes before the first refresh of a process, and the least growth between two refreshes. */
const MIN_ROWS = 1000;
/** A refresh follows once the rows written since the last one are this many times the rows it saw. */
const GROWTH = 3;

export interface StatisticsRefresher {
  /** Counts rows written to the entity tables; refreshes the statistics when they have quadrupled. */
  noteWrites(rows: number): void;
  /** Resolves when no refresh is running (before closing the database). */
  idle(): Promise<void>;
}

/**
 * Query planners only choose well with statistics that match the data. SQLite has none until ANALYZE runs
 * (it then scans every row of a blueprint to find 50 in id order, or walks a blueprint index where the
 * primary key would do); PostgreSQL's autovacuum catches up a minute or so after a bulk load. So once the
 * table has grown to four times what the last refresh saw, the entity tables are analysed again, after
 * the write and off its path. Plans only need the proportions right, which a 4x growth barely moves, and
 * the spacing keeps the cost a small share of the writes (SQLite: 0.2 s at 100,000 entities, 1.4 s at
 * 1,000,000; PostgreSQL with its extended statistics: about 1 s of database time at 64,000).
 */
export function createStatisticsRefresher(db: Db, dialect: Dialect): StatisticsRefresher {
  let written = 0;
  let nextAt = MIN_ROWS;
  let running: Promise<void> | undefined;

  async function refresh() {
    for (const statement of dialect.analyzeEntityTables) await sql.raw(statement).execute(db);
    const { n } = await db
      .selectFrom('entities')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    nextAt = written + Math.max(MIN_ROWS, GROWTH * Number(n));
  }

  return {
    noteWrites(rows) {
      written += rows;
      if (written < nextAt || running) return;
      // Statistics only make plans better: a failed refresh (say, the database closing) is tried again later.
      running = refresh()
        .catch(() => {
          nextAt = written + MIN_ROWS;
        })
        .finally(() => {
          running = undefined;
        });
    },
    idle: async () => {
      await running;
    },
  };
}
