import { CompiledQuery } from 'kysely';
import type { GuardedQuery } from './index.js';

/**
 * An expression that turns off waiting for the disk at commit for its statement's transaction alone, once
 * evaluated (before the statement commits).
 */
export const UNFLUSHED_COMMIT = `set_config('synchronous_commit', 'off', true)`;

/** What a combined statement fails with when a guarded write changed other than its expected rows. */
export const GUARD_FAILED_CODE = 'PT409';

/**
 * Writes that do not read one another's rows, as one PostgreSQL statement: each a data-modifying WITH
 * query, which PostgreSQL runs exactly once, all in the statement's own transaction and on one snapshot
 * (so none sees what another writes, which is why they must be independent). One trip to the database
 * instead of a begin, one per write and a commit, each waiting for the server thread in between. A write
 * with `expectChanges` must change exactly that many rows, or the statement fails with GUARD_FAILED_CODE
 * (raised by portico_expect_changes, migration 0015) and writes nothing. `unflushed`: its commit does not
 * wait for the disk.
 */
export function combinedWrites(
  queries: readonly GuardedQuery[],
  { unflushed = false }: { unflushed?: boolean } = {},
): CompiledQuery {
  const parameters: unknown[] = [];
  const guards: string[] = [];
  const writes = queries.map((query, i) => {
    if (!/^\s*(insert|update|delete)\b/i.test(query.sql))
      throw new Error(`only insert, update and delete statements combine, not: ${query.sql.slice(0, 40)}`);
    let sql = shiftParameters(query.sql, parameters.length);
    parameters.push(...query.parameters);
    if (query.expectChanges !== undefined) {
      if (/\breturning\b/i.test(sql)) throw new Error('a guarded write combines without its own returning');
      sql += ' returning 1';
      guards.push(`portico_expect_changes((select count(*) from w${i}), ${Number(query.expectChanges)})`);
    }
    return `w${i} as (${sql})`;
  });
  // The final select always runs, before the statement commits: set there, the setting holds for its commit.
  if (unflushed) guards.push(UNFLUSHED_COMMIT);
  return CompiledQuery.raw(`with ${writes.join(', ')} select ${guards.join(', ') || '1'}`, parameters);
}

/** Parameters of one combined statement at most (PostgreSQL takes 65,535). */
export const MAX_COMBINED_PARAMETERS = 30_000;

/**
 * Writes of one combined statement at most: PostgreSQL plans a statement of many WITH queries in time that
 * grows faster than their number (10,000 inserts took 0.13 s in statements of 100, 1 s in statements of 2,000).
 */
const MAX_COMBINED_WRITES = 100;

/** `queries` combined in order, in statements of at most MAX_COMBINED_WRITES and the parameter limit. */
export function combinedChunks(queries: readonly GuardedQuery[]): CompiledQuery[] {
  const statements: CompiledQuery[] = [];
  let chunk: GuardedQuery[] = [];
  let parameters = 0;
  const close = () => {
    if (chunk.length) statements.push(combinedWrites(chunk));
    chunk = [];
    parameters = 0;
  };
  for (const query of queries) {
    const full = chunk.length >= MAX_COMBINED_WRITES;
    if (chunk.length && (full || parameters + query.parameters.length > MAX_COMBINED_PARAMETERS)) close();
    chunk.push(query);
    parameters += query.parameters.length;
  }
  close();
  return statements;
}

/**
 * `sql` with its parameters $1, $2, … renumbered from `offset` + 1; text in quotes (strings, quoted
 * names, dollar-quoted bodies) and comments is left as it is.
 */
export function shiftParameters(sql: string, offset: number): string {
  if (offset === 0) return sql;
  // The same few statements are combined over and over, at the same offsets.
  const key = `${offset}:${sql}`;
  let shifted = shiftedCache.get(key);
  if (shifted === undefined) {
    if (shiftedCache.size >= SHIFTED_CACHE_SIZE) shiftedCache.clear();
    shiftedCache.set(key, (shifted = shiftedNow(sql, offset)));
  }
  return shifted;
}

const SHIFTED_CACHE_SIZE = 1_000;
const shiftedCache = new Map<string, string>();

function shiftedNow(sql: string, offset: number): string {
  // Only the characters that may start a parameter, a quote or a comment are looked at.
  const special = /['"$]|--|\/\*/g;
  const parameter = /\$(\d+)/y;
  let out = '';
  let copied = 0;
  for (let match = special.exec(sql); match; match = special.exec(sql)) {
    const i = match.index;
    const skipped = skipQuoted(sql, i);
    if (skipped > i) {
      special.lastIndex = skipped;
      continue;
    }
    parameter.lastIndex = i;
    const found = parameter.exec(sql);
    if (!found || /[\w$]/.test(sql[i - 1] ?? '')) continue;
    out += `${sql.slice(copied, i)}$${Number(found[1]) + offset}`;
    copied = i + found[0].length;
    special.lastIndex = copied;
  }
  return out + sql.slice(copied);
}

/** Where the quoted text or comment starting at `i` ends, or `i` when none starts there. */
function skipQuoted(sql: string, i: number): number {
  const char = sql[i];
  if (char === "'" || char === '"') {
    let j = i + 1;
    // A doubled quote stands for one inside the text.
    while (j < sql.length && (sql[j] !== char || sql[j + 1] === char)) j += sql[j] === char ? 2 : 1;
    return Math.min(sql.length, j + 1);
  }
  if (sql.startsWith('--', i)) {
    const end = sql.indexOf('\n', i);
    return end < 0 ? sql.length : end + 1;
  }
  if (sql.startsWith('/*', i)) {
    const end = sql.indexOf('*/', i + 2);
    return end < 0 ? sql.length : end + 2;
  }
  if (char !== '$') return i;
  const dollarQuote = /\$([A-Za-z_]\w*)?\$/y;
  dollarQuote.lastIndex = i;
  const tag = dollarQuote.exec(sql);
  if (!tag) return i;
  const end = sql.indexOf(tag[0], i + tag[0].length);
  return end < 0 ? sql.length : end + tag[0].length;
}
