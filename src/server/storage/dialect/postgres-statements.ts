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

/**
 * `sql` with its parameters $1, $2, … renumbered from `offset` + 1; text in quotes (strings, quoted
 * names, dollar-quoted bodies) and comments is left as it is.
 */
export function shiftParameters(sql: string, offset: number): string {
  if (offset === 0) return sql;
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const skipped = skipQuoted(sql, i);
    if (skipped > i) {
      out += sql.slice(i, skipped);
      i = skipped;
      continue;
    }
    const parameter = /^\$(\d+)/.exec(sql.slice(i, i + 12));
    if (parameter && !/[\w$]/.test(sql[i - 1] ?? '')) {
      out += `$${Number(parameter[1]) + offset}`;
      i += parameter[0].length;
      continue;
    }
    out += sql[i];
    i += 1;
  }
  return out;
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
  const tag = /^\$([A-Za-z_]\w*)?\$/.exec(sql.slice(i, i + 64));
  if (char === '$' && tag) {
    const end = sql.indexOf(tag[0], i + tag[0].length);
    return end < 0 ? sql.length : end + tag[0].length;
  }
  return i;
}
