import { sql, type RawBuilder } from 'kysely';
import { changeCounters } from '../storage/change-counters.js';
import type { Database, Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';

/** The bytes kept across every walk of a process, at most: its ids (8 bytes each) and its key. */
const MAX_KEPT_BYTES = 32 * 1024 * 1024;
/** A walk that takes more than this is used once and not kept. */
const MAX_WALK_BYTES = 8 * 1024 * 1024;
/** What a kept walk costs beyond its ids and key (the entry, the array's header). */
const ENTRY_BYTES = 200;

/**
 * What `walk` kept under `key` takes: its ids, and its key, which a client writes (up to 1,000 starting
 * identifiers of any length), so that walks that reach nothing are counted too (a review kept 104 MB of
 * them with 100 searches).
 */
const bytesOf = (key: string, walk: KeptWalk) => walk.ids.length * 8 + key.length * 2 + ENTRY_BYTES;

interface KeptWalk {
  /** The counter `relations` when the walk was read. */
  version: number;
  /** The ids it reaches, ascending. */
  ids: Float64Array;
}

/** A walk as a request finds it: kept, or to be read. */
export interface WalkLookup {
  /** The counter `relations` as the request read it, before looking the walk up. */
  version: number;
  /** The walk's ids, ascending, if kept at `version`: at least as new as every change before the request. */
  kept?: Float64Array;
  /** Reads the walk's ids now with the request's `db` (then keeps them); `kept` when there is one. */
  read(): Promise<Float64Array>;
}

export interface WalkMemo {
  /** `walk` (a select of `id` that depends on the relation rows alone), looked up for a request. */
  lookup(db: Db, walk: RawBuilder<unknown>): Promise<WalkLookup>;
  /** The bytes kept (tests). */
  bytes(): number;
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
  let keptBytes = 0;

  function keep(key: string, walk: KeptWalk) {
    const before = kept.get(key);
    if (before) keptBytes -= bytesOf(key, before);
    kept.delete(key);
    const bytes = bytesOf(key, walk);
    if (bytes > MAX_WALK_BYTES) return;
    kept.set(key, walk);
    keptBytes += bytes;
    for (const [oldest, walked] of kept) {
      if (keptBytes <= MAX_KEPT_BYTES) break;
      kept.delete(oldest);
      keptBytes -= bytesOf(oldest, walked);
    }
  }

  memo = {
    bytes: () => keptBytes,
    async lookup(db, walk) {
      const compiled = walk.compile(db);
      const key = JSON.stringify([compiled.sql, compiled.parameters]);
      // Read before the walk is looked up: a walk kept at this count is at least as new as every relation
      // change committed before this request.
      const version = await counter('relations');
      const found = kept.get(key);
      const hit = found?.version === version ? found : undefined;
      if (hit) {
        kept.delete(key);
        kept.set(key, hit);
      }
      return {
        version,
        ...(hit ? { kept: hit.ids } : {}),
        async read() {
          if (hit) return hit.ids;
          const read = await readWalk(db, database.dialect, walk);
          // Read after the count: as new as it, or newer (then kept for requests that see the newer count).
          keep(key, read);
          return read.ids;
        },
      };
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
