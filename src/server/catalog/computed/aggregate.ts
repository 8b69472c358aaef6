import type { JsonObject } from '../../../core/blueprint.js';
import type { AggregationSpec, AverageOf } from './computed-model.js';

export interface AggregatedEntity {
  properties: JsonObject;
  createdAt: string;
  updatedAt: string;
}

const HOUR = 3_600_000;
const INTERVAL_MS: Record<Exclude<AverageOf, 'total'>, number> = {
  hour: HOUR,
  day: 24 * HOUR,
  week: 7 * 24 * HOUR,
  // A month is a twelfth of an average Gregorian year.
  month: (365.2425 / 12) * 24 * HOUR,
};

/**
 * One aggregation over the entities it reaches. Counts and sums of nothing are 0; an average, minimum,
 * maximum or median of nothing is null. An average "per hour/day/week/month" divides by the intervals
 * from the earliest entity (by measureTimeBy) to `now`, a partial interval counting as a whole one.
 */
export function aggregate(
  spec: AggregationSpec,
  entities: readonly AggregatedEntity[],
  now: number,
): number | null {
  const numbers =
    spec.by === 'property'
      ? entities.flatMap((e) => {
          const value = Object.hasOwn(e.properties, spec.property!)
            ? e.properties[spec.property!]
            : undefined;
          return typeof value === 'number' && Number.isFinite(value) ? [value] : [];
        })
      : [];
  switch (spec.func) {
    case 'count':
      return entities.length;
    case 'sum':
      return round(numbers.reduce((a, b) => a + b, 0));
    case 'min':
      return numbers.length ? numbers.reduce((a, b) => (b < a ? b : a)) : null;
    case 'max':
      return numbers.length ? numbers.reduce((a, b) => (b > a ? b : a)) : null;
    case 'median':
      return median(numbers);
    case 'average': {
      if (spec.averageOf === 'total' || spec.averageOf === undefined) {
        if (spec.by === 'entities') return entities.length;
        return numbers.length ? round(numbers.reduce((a, b) => a + b, 0) / numbers.length) : null;
      }
      const total = spec.by === 'entities' ? entities.length : numbers.reduce((a, b) => a + b, 0);
      const times = entities.flatMap((e) => {
        const time = Date.parse(timeOf(e, spec.measureTimeBy));
        return Number.isFinite(time) ? [time] : [];
      });
      if (!times.length) return spec.by === 'entities' ? 0 : null;
      const span = Math.max(0, now - times.reduce((a, b) => (b < a ? b : a)));
      const intervals = Math.max(1, Math.ceil(span / INTERVAL_MS[spec.averageOf]));
      return round(total / intervals);
    }
  }
}

function timeOf(entity: AggregatedEntity, measureTimeBy: string): string {
  if (measureTimeBy === '$createdAt') return entity.createdAt;
  if (measureTimeBy === '$updatedAt') return entity.updatedAt;
  const value = Object.hasOwn(entity.properties, measureTimeBy)
    ? entity.properties[measureTimeBy]
    : undefined;
  return typeof value === 'string' ? value : '';
}

function median(numbers: number[]): number | null {
  if (!numbers.length) return null;
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : round((sorted[middle - 1]! + sorted[middle]!) / 2);
}

/** Sums and averages of decimals keep what JSON shows plainly (0.1 + 0.2 is 0.3). */
const round = (value: number) => Math.round(value * 1e9) / 1e9;
