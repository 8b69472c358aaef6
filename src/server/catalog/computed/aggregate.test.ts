import { describe, expect, it } from 'vitest';
import { aggregate, type AggregatedEntity } from './aggregate.js';
import type { AggregationSpec } from './computed-model.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);
const entity = (daysAgo: number, properties: Record<string, unknown> = {}): AggregatedEntity => ({
  properties,
  createdAt: new Date(NOW - daysAgo * DAY).toISOString(),
  updatedAt: new Date(NOW).toISOString(),
});
const spec = (over: Partial<AggregationSpec>): AggregationSpec => ({
  key: 'k',
  target: 't',
  paths: [],
  by: 'entities',
  func: 'count',
  measureTimeBy: '$createdAt',
  ...over,
});

describe('aggregate', () => {
  const entities = [entity(1, { n: 4 }), entity(3, { n: 1 }), entity(20, { n: 10 }), entity(2, { n: 'x' })];

  it('counts, sums, and takes the minimum, maximum and median of numbers alone', () => {
    expect(aggregate(spec({}), entities, NOW)).toBe(4);
    const by = (func: AggregationSpec['func']) =>
      aggregate(spec({ by: 'property', property: 'n', func }), entities, NOW);
    expect([by('sum'), by('min'), by('max'), by('median')]).toEqual([15, 1, 10, 4]);
    expect(
      aggregate(spec({ by: 'property', property: 'n', func: 'median' }), entities.slice(0, 2), NOW),
    ).toBe(2.5);
  });

  it('averages per interval from the earliest entity to now, a partial interval counting whole', () => {
    // 4 entities over 20 days: 3 weeks (the third partial), 20 days.
    expect(aggregate(spec({ func: 'average', averageOf: 'week' }), entities, NOW)).toBeCloseTo(4 / 3, 9);
    expect(aggregate(spec({ func: 'average', averageOf: 'day' }), entities, NOW)).toBe(0.2);
    expect(
      aggregate(spec({ func: 'average', averageOf: 'total', by: 'property', property: 'n' }), entities, NOW),
    ).toBe(5);
    expect(
      aggregate(spec({ func: 'average', averageOf: 'week', by: 'property', property: 'n' }), entities, NOW),
    ).toBe(5);
  });

  it('gives 0 for a count or sum of nothing and null for the rest', () => {
    expect(aggregate(spec({}), [], NOW)).toBe(0);
    expect(aggregate(spec({ by: 'property', property: 'n', func: 'sum' }), [], NOW)).toBe(0);
    for (const func of ['min', 'max', 'median'] as const)
      expect(aggregate(spec({ by: 'property', property: 'n', func }), [], NOW)).toBeNull();
    expect(aggregate(spec({ func: 'average', averageOf: 'week' }), [], NOW)).toBe(0);
  });
});
