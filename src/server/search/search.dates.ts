import { invalidRule, isPlainObject, type RulePath } from './search.values.js';

/** A span of time in canonical ISO form; a full date-time is the one-instant span [t, t]. */
export interface DateSpan {
  from: string;
  to: string;
  toInclusive: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$/;
const HAS_ZONE = /([Zz]|[+-]\d{2}:?\d{2})$/;

const iso = (ms: number) => new Date(ms).toISOString();
const startOfUtcDay = (now: Date) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());

/** Port's date presets; day-sized ones are whole UTC days, the others are sliding windows around now. */
const PRESETS: Record<string, (now: Date) => DateSpan> = {
  today: (now) => days(startOfUtcDay(now), 0, 1),
  tomorrow: (now) => days(startOfUtcDay(now), 1, 2),
  yesterday: (now) => days(startOfUtcDay(now), -1, 0),
  ...Object.fromEntries(
    (
      [
        ['lastDay', 1],
        ['lastWeek', 7],
        ['last2Weeks', 14],
        ['lastMonth', 30],
        ['last3Months', 90],
        ['last6Months', 180],
        ['last12Months', 365],
        ['last2Years', 730],
        ['last3Years', 1095],
      ] as const
    ).map(([name, n]) => [name, (now: Date) => window(now.getTime() - n * DAY_MS, now.getTime())]),
  ),
  ...Object.fromEntries(
    (
      [
        ['nextDay', 1],
        ['nextWeek', 7],
        ['next2Weeks', 14],
        ['nextMonth', 30],
        ['next3Months', 90],
        ['next6Months', 180],
        ['next12Months', 365],
      ] as const
    ).map(([name, n]) => [name, (now: Date) => window(now.getTime(), now.getTime() + n * DAY_MS)]),
  ),
};

export const DATE_PRESETS = Object.keys(PRESETS);

function days(dayStart: number, fromDays: number, toDays: number): DateSpan {
  return { from: iso(dayStart + fromDays * DAY_MS), to: iso(dayStart + toDays * DAY_MS), toInclusive: false };
}

function window(fromMs: number, toMs: number): DateSpan {
  return { from: iso(fromMs), to: iso(toMs), toInclusive: true };
}

/** An ISO date (a whole UTC day) or date-time (no zone means UTC) as a span. */
export function parseDateValue(value: unknown, path: RulePath, what: string): DateSpan {
  const text = typeof value === 'string' ? value.trim() : '';
  if (DATE_ONLY.test(text)) {
    const start = Date.parse(`${text}T00:00:00Z`);
    if (Number.isNaN(start)) throw invalidDate(path, what);
    return { from: iso(start), to: iso(start + DAY_MS), toInclusive: false };
  }
  if (!DATE_TIME.test(text)) throw invalidDate(path, what);
  const ms = Date.parse(HAS_ZONE.test(text) ? text : `${text}Z`);
  if (Number.isNaN(ms)) throw invalidDate(path, what);
  return { from: iso(ms), to: iso(ms), toInclusive: true };
}

/** `{from, to}` (both required) or `{preset}` as one span. */
export function parseDateRange(value: unknown, path: RulePath, now: Date): DateSpan {
  if (!isPlainObject(value))
    throw invalidRule(path, 'value must be {"from": <date>, "to": <date>} or {"preset": <name>}');
  if ('preset' in value) {
    const preset = typeof value.preset === 'string' ? PRESETS[value.preset] : undefined;
    if (!preset) throw invalidRule(path, `value.preset must be one of ${DATE_PRESETS.join(', ')}`);
    return preset(now);
  }
  if (value.from === undefined || value.to === undefined)
    throw invalidRule(path, 'value needs both "from" and "to" dates (or a "preset")');
  const from = parseDateValue(value.from, path, 'value.from');
  const to = parseDateValue(value.to, path, 'value.to');
  return { from: from.from, to: to.to, toInclusive: to.toInclusive };
}

function invalidDate(path: RulePath, what: string) {
  return invalidRule(path, `${what} must be an ISO-8601 date or date-time, e.g. "2024-05-01T12:00:00Z"`);
}
