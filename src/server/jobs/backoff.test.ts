import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff.js';

describe('retry backoff', () => {
  const policy = { baseMs: 1_000, capMs: 60_000 };

  it('doubles from the base up to the cap, spread ±10 %', () => {
    const delays = (random: number) =>
      [1, 2, 3, 7, 8, 30].map((attempt) => retryDelayMs(attempt, policy, undefined, () => random));
    expect(delays(0.5)).toEqual([1_000, 2_000, 4_000, 60_000, 60_000, 60_000]);
    expect(delays(0)).toEqual([900, 1_800, 3_600, 54_000, 54_000, 54_000]);
    expect(delays(0.999_999)).toEqual([1_100, 2_200, 4_400, 66_000, 66_000, 66_000]);
  });

  it('waits as long as the server asked, up to the cap', () => {
    expect(retryDelayMs(1, policy, 30_000)).toBe(30_000);
    expect(retryDelayMs(1, policy, 3_600_000)).toBe(60_000);
    expect(retryDelayMs(1, policy, -5)).toBe(0);
  });
});
