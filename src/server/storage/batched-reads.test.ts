import { expect, it } from 'vitest';
import { batchedReads } from './batched-reads.js';

/** A table in memory that counts the queries made of it. */
function table(rows: Record<string, number>) {
  const queries: string[][] = [];
  const read = batchedReads(async (keys: readonly string[]) => {
    queries.push([...keys]);
    if (keys.includes('broken')) throw new Error('the query failed');
    return new Map(keys.filter((key) => Object.hasOwn(rows, key)).map((key) => [key, rows[key]!]));
  });
  return { read, queries };
}

it('reads the keys asked for in one turn in one query, each answered with its own row', async () => {
  const { read, queries } = table({ a: 1, b: 2 });
  expect(await Promise.all([read('a'), read('b'), read('missing'), read('a')])).toEqual([1, 2, undefined, 1]);
  expect(queries).toEqual([['a', 'b', 'missing']]);
});

it('remembers nothing: a later read sees the row as it is then', async () => {
  const rows: Record<string, number> = { a: 1 };
  const { read, queries } = table(rows);
  expect(await read('a')).toBe(1);
  rows.a = 2;
  expect(await read('a')).toBe(2);
  expect(queries).toEqual([['a'], ['a']]);
});

it('fails every reader of a query that failed, and only those', async () => {
  const { read } = table({ a: 1 });
  const together = [read('a'), read('broken')];
  await expect(together[0]).rejects.toThrow('the query failed');
  await expect(together[1]).rejects.toThrow('the query failed');
  expect(await read('a')).toBe(1);
});

it('reads at most 500 keys to a query', async () => {
  const { read, queries } = table({});
  await Promise.all(Array.from({ length: 1_200 }, (_, i) => read(`k${i}`)));
  expect(queries.map((keys) => keys.length)).toEqual([500, 500, 200]);
});
