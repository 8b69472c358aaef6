import { sql, type RawBuilder } from 'kysely';
import { changeCounters } from '../storage/change-counters.js';
import type { Database, Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';

/** Ids kept across every walk of a process, at most (8 bytes each): 32 MB. */
const MAX_KEPT_IDS = 4_000_000;
/** A walk that reaches more than this is used once and not kept. */
const MAX_WALK_IDS = 1_000_000;

interface KeptWalk {
  /** The counter `relations` when the walk was read. */
  version: number;
  /** The ids it reaches, ascending. */
  ids: Float64Array;
}

export interface WalkMemo {
  /**
   * The ids `walk` (a select of `id` that depends on the relation rows alone) reaches, ascending: kept from
   * an earlier request while no relation row has changed since, on any replica (the counter `relations`,
   * raised in every such change's transaction), otherwise read now with `db` (a request's reads: under the
   * query time limit, stopped when the client goes).
   */
  reached(db: Db, walk: RawBuilder<unknown>): Promise<Float64Array>;
}

const memos = new WeakMap<Database, WalkMemo>();

/**
 * The relation walks of relatedTo rules, kept between requests (issue 16): a team's services and what
 * depends on them is a walk through a hundred thousand rows of a long chain, the same for every search of
 * that team until a relation changes. Kept least recently used first out.
 */
export function walkMemo(database: Database): WalkMemo {
  let memo = memos.get(database);
  if (memo) return memo;
  const counter = changeCounters(database);
  const kept = new Map<string, KeptWalk>();
  let keptIds = 0;

  function keep(key: string, walk: KeptWalk) {
    const before = kept.get(key);
    if (before) keptIds -= before.ids.length;
    kept.delete(key);
    if (walk.ids.length > MAX_WALK_IDS) return;
    kept.set(key, walk);
    keptIds += walk.ids.length;
    for (const [oldest, { ids }] of kept) {
      if (keptIds <= MAX_KEPT_IDS) break;
      kept.delete(oldest);
      keptIds -= ids.length;
    }
  }

  memo = {
    async reached(db, walk) {
      const compiled = walk.compile(db);
      const key = JSON.stringify([compiled.sql, compiled.parameters]);
      // Read before the walk is looked up: a walk kept at this count is at least as new as every relation
      // change committed before this request.
      const version = await counter('relations');
      const found = kept.get(key);
      if (found?.version === version) {
        kept.delete(key);
        kept.set(key, found);
        return found.ids;
      }
      const read = await readWalk(db, database.dialect, walk);
      // Read after the count: as new as it, or newer (then kept for the requests that see the newer count).
      keep(key, read);
      return read.ids;
    },
  };
  memos.set(database, memo);
  return memo;
}

/** The walk's ids with the counter `relations` they go with: one statement, so one view of the database. */
async function readWalk(db: Db, dialect: Dialect, walk: RawBuilder<unknown>): Promise<KeptWalk> {
  const ids = dialect.joinedText(sql`cast(w.id as text)`, 'w.id');
  // A select of Kysely's, not a raw statement: a read (the reader's thread on SQLite, the time limit).
  const row = await db
    .selectNoFrom([
      sql<string | number>`(select version from change_counters where name = 'relations')`.as('version'),
      sql<string | null>`(select ${ids} from (select distinct id from (${walk}) as r) as w)`.as('ids'),
    ])
    .executeTakeFirstOrThrow();
  return {
    version: Number(row.version),
    ids: row.ids ? Float64Array.from(row.ids.split(','), Number) : new Float64Array(0),
  };
}
