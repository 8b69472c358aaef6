import { expect, it } from 'vitest';
import { newRunId, orderedId } from './run-ids.js';

it('makes run ids in Port’s form, none twice across many refills of the random pool', () => {
  const ids = Array.from({ length: 5_000 }, () => newRunId());
  for (const id of ids) expect(id).toMatch(/^r_[A-Za-z0-9]{16}$/);
  expect(new Set(ids).size).toBe(ids.length);
});

it('makes run ids that sort in the order they were made, in the same millisecond too', () => {
  const ids = Array.from({ length: 1_200 }, (_, i) => newRunId(2_000 + Math.floor(i / 600)));
  expect([...ids].sort()).toEqual(ids);
});

it('makes ordered ids that sort in the order they were made, in the same millisecond too', () => {
  const ids = Array.from({ length: 3_000 }, (_, i) => orderedId('log_', 1_000 + Math.floor(i / 1_000)));
  expect([...ids].sort()).toEqual(ids);
  expect(new Set(ids).size).toBe(ids.length);
});
