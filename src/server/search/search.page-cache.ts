import { LRUCache } from 'lru-cache';
import type { Actor } from '../identity/actor.js';
import { changeCounters, type ChangeCounter } from '../storage/change-counters.js';
import type { Database } from '../storage/database.js';

/** A page of whole entities as the database wrote them: what a kept page holds. */
export interface TextPage {
  texts: string[];
  matchingBlueprints: string[];
  next?: string;
}

/**
 * Everything a page of the current catalog is read from: entity rows (computed values and owners among
 * them), relation rows, the data model and its permissions, who the callers are and their teams. Each is
 * raised in the transaction of every change, on any replica (migrations 0026, 0028, 0029).
 */
const COUNTED: readonly ChangeCounter[] = ['entities', 'relations', 'model', 'identity'];

/** Search pages kept per process unless configured (PORTICO_SEARCH_CACHE_MB). */
export const DEFAULT_SEARCH_CACHE_MB = 64;
/** A page bigger than this (a global search of thousands) is answered and not kept. */
const MAX_PAGE_BYTES = 4 * 1024 * 1024;
/** What a kept page costs beyond its texts and key (the entry, the arrays). */
const ENTRY_BYTES = 300;

interface KeptPage {
  /** The COUNTED counters when the request that read the page began. */
  stamp: readonly number[];
  page: TextPage;
}

const sameStamp = (a: readonly number[], b: readonly number[]) => a.every((n, i) => n === b[i]);
/** Counters only rise: a stamp is older than another when any of its counters is lower. */
const olderStamp = (a: readonly number[], b: readonly number[]) => a.some((n, i) => n < b[i]!);

/** A page as a request finds it: kept, or to be read and then kept. */
export interface PageLookup {
  /** The page, if kept at the counters read for this request: at least as new as every change before it. */
  kept?: TextPage;
  /** Keeps `page`, read after this lookup, for requests that see the same counters. */
  keep(page: TextPage): void;
}

export interface PageCache {
  /** The page of `key` for a request beginning now; undefined when pages are not kept. */
  lookup(key: string): Promise<PageLookup | undefined>;
  /** The bytes kept (tests). */
  bytes(): number;
}

/** Strings are counted at two bytes a character, as V8 may keep them. */
const bytesOf = (key: string, { page }: KeptPage) =>
  ENTRY_BYTES +
  2 *
    (key.length +
      (page.next?.length ?? 0) +
      page.texts.reduce((sum, text) => sum + text.length, 0) +
      page.matchingBlueprints.reduce((sum, name) => sum + name.length, 0));

/**
 * Pages of searches kept between requests (issue 16): a table or a client polling the same page asks the
 * same search again and again between writes, and a page is 50 entities' text the database writes anew each
 * time. A page is kept for the searcher who read it (what they may see is theirs), under their exact
 * request, and is answered only while none of the COUNTED counters has moved since, read when the request
 * begins; least recently used out past `maxBytes`, keys counted (a client writes them).
 */
export function pageCache(database: Database, maxBytes: number): PageCache {
  if (maxBytes <= 0) return { lookup: async () => undefined, bytes: () => 0 };
  const counter = changeCounters(database);
  const kept = new LRUCache<string, KeptPage>({
    maxSize: maxBytes,
    maxEntrySize: Math.min(MAX_PAGE_BYTES, maxBytes),
    sizeCalculation: (value, key) => bytesOf(key, value),
  });
  return {
    bytes: () => kept.calculatedSize,
    async lookup(key) {
      // Read before the page is looked up (all counters in one read): a page kept at these counts is at
      // least as new as every change committed before this request, on any replica.
      const stamp = await Promise.all(COUNTED.map((name) => counter(name)));
      const found = kept.get(key);
      if (found && sameStamp(found.stamp, stamp)) return { kept: found.page, keep: () => undefined };
      // A page of older counts is never answered again: its room goes to pages that may be.
      if (found && olderStamp(found.stamp, stamp)) kept.delete(key);
      return {
        // Read after the counts: as new as they are, or newer (then answered only to requests that read
        // these counts, which began before the newer change committed). A slow request does not put its
        // page over one a later request kept at newer counts.
        keep(page) {
          const now = kept.peek(key);
          if (!now || olderStamp(now.stamp, stamp)) kept.set(key, { stamp, page });
        },
      };
    },
  };
}

/**
 * The key of a searcher's request: who they are as far as reading goes (their role, teams and moderated
 * blueprints decide what they may see) and every field of the request that shapes the page.
 */
export const pageKey = (actor: Actor, blueprint: string | undefined, request: Record<string, unknown>) =>
  JSON.stringify([
    actor.kind,
    actor.id,
    actor.role,
    actor.moderates,
    actor.teams,
    blueprint ?? null,
    request,
  ]);
