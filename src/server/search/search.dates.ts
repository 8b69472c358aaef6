import {
  describeDateTimeProblem,
  isCalendarDate,
  isInDateRange,
  LATEST_INSTANT,
  LATEST_INSTANT_MS,
  parseDateTime,
  utcMilliseconds,
} from '../../core/date-time.js';
import { invalidRule, isPlainObject, type RulePath } from './search.values.js';

/** A span of time in canonical ISO form; a full date-time is the one-instant span [t, t]. */
export interface DateSpan {
  from: string;
  to: string;
  toInclusive: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// Port also takes a date-time without seconds or zone (UTC then); it is completed before parsing.
const SHORT_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

// Bounds past the last storable instant (a day-long span ending after 9999-12-31, a window reaching past
// it) are clamped to it: PostgreSQL's timestamptz and SQLite's date functions both stop at year 9999.
const iso = (ms: number) => new Date(Math.min(ms, LATEST_INSTANT_MS)).toISOString();
const startOfUtcDay = (now: Date) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());

/** Port's date presets; day-sized ones are whole UTC days, the others are sliding windows around now. */
const PRESETS = new Map<string, (now: Date) => DateSpan>(
  Object.entries({
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
  }),
);

export const DATE_PRESETS = [...PRESETS.keys()];

function days(dayStart: number, fromDays: number, toDays: number): DateSpan {
  return span(dayStart + fromDays * DAY_MS, dayStart + toDays * DAY_MS, false);
}

function window(fromMs: number, toMs: number): DateSpan {
  return span(fromMs, toMs, true);
}

/** [from, to) or [from, to]; an end past the last storable instant becomes that instant, included. */
function span(fromMs: number, toMs: number, toInclusive: boolean): DateSpan {
  if (toMs > LATEST_INSTANT_MS) return { from: iso(fromMs), to: LATEST_INSTANT, toInclusive: true };
  return { from: iso(fromMs), to: iso(toMs), toInclusive };
}

/**
 * An ISO date (a whole UTC day) or date-time (no zone means UTC) as a span; years 0001 to 9999, as stored
 * date-times are.
 */
export function parseDateValue(value: unknown, path: RulePath, what: string): DateSpan {
  const text = typeof value === 'string' ? value.trim() : '';
  const day = DATE_ONLY.exec(text);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    if (!isCalendarDate(year, month, date)) throw invalidDate(path, what);
    const start = utcMilliseconds(year, month, date);
    if (!isInDateRange(start)) throw invalidRule(path, `${what} ${describeDateTimeProblem('year')}`);
    return span(start, start + DAY_MS, false);
  }
  const short = SHORT_DATE_TIME.exec(text);
  if (!short) throw invalidDate(path, what);
  const parsed = parseDateTime(`${short[1]}${short[2] ?? ':00'}${short[3] ?? 'Z'}`);
  if (!parsed.ok)
    throw parsed.problem === 'format'
      ? invalidDate(path, what)
      : invalidRule(path, `${what} ${describeDateTimeProblem(parsed.problem)}`);
  // Meta dates are stored as toISOString() text and compared as text, so the bound takes that form too.
  const instant = iso(parsed.ms);
  return { from: instant, to: instant, toInclusive: true };
}

/** `{from, to}` (both required) or `{preset}` as one span. */
export function parseDateRange(value: unknown, path: RulePath, now: Date): DateSpan {
  if (!isPlainObject(value))
    throw invalidRule(path, 'value must be {"from": <date>, "to": <date>} or {"preset": <name>}');
  if ('preset' in value) {
    const preset = typeof value.preset === 'string' ? PRESETS.get(value.preset) : undefined;
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
