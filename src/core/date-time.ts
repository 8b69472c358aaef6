/**
 * Date-times as Portico stores and compares them: RFC 3339 with a time zone, years 0001 to 9999 (what both
 * databases can compare: PostgreSQL's timestamptz has no year 0000, SQLite's date functions stop at 9999),
 * written back in one canonical form, UTC with an upper-case `T` and `Z`, so that both databases read it.
 */
export const MIN_DATE_YEAR = 1;
export const MAX_DATE_YEAR = 9999;
/** The last instant a date-time may name; search bounds past it are clamped to it. */
export const LATEST_INSTANT = '9999-12-31T23:59:59.999Z';
export const LATEST_INSTANT_MS = Date.parse(LATEST_INSTANT);
/** The first instant a date-time may name. */
export const EARLIEST_INSTANT_MS = Date.parse('0001-01-01T00:00:00.000Z');

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2})(?::?(\d{2}))?)$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export type DateTimeProblem = 'format' | 'leap_second' | 'year';

export type ParsedDateTime =
  { ok: true; canonical: string; ms: number } | { ok: false; problem: DateTimeProblem };

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * Milliseconds since the epoch of a UTC date and time; unlike Date.UTC, years 0–99 are not 1900–1999.
 * @example new Date(utcMilliseconds(1, 1, 1)).toISOString() // '0001-01-01T00:00:00.000Z'
 */
export function utcMilliseconds(year: number, month: number, day: number, h = 0, m = 0, s = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(h, m, s, 0);
  return date.getTime();
}

/** True for a real calendar day, e.g. `isCalendarDate(2023, 2, 29) === false`. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** True when the instant `ms` lies in years 0001 to 9999 (UTC), e.g. `isInDateRange(0) === true`. */
export const isInDateRange = (ms: number) => ms >= EARLIEST_INSTANT_MS && ms <= LATEST_INSTANT_MS;

/**
 * Parses an RFC 3339 date-time (a zone is required; `t`/`z` in either case, a space for `T`) into its
 * canonical UTC form. Fractions of a second are kept digit for digit; leap seconds are refused, as neither
 * database can compare them.
 * @example parseDateTime('2024-05-01t14:00:00.5+02:00') // { ok: true, canonical: '2024-05-01T12:00:00.5Z', … }
 */
export function parseDateTime(text: string): ParsedDateTime {
  const match = DATE_TIME.exec(text);
  if (!match) return { ok: false, problem: 'format' };
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const fraction = match[7] ?? '';
  const zoneHours = Number(match[10] ?? 0);
  const zoneMinutes = Number(match[11] ?? 0);
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || zoneHours > 23 || zoneMinutes > 59)
    return { ok: false, problem: 'format' };
  if (second === 60) return { ok: false, problem: 'leap_second' };
  if (second > 59) return { ok: false, problem: 'format' };
  const offset = (match[9] === '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes) * 60_000;
  const ms = utcMilliseconds(year, month, day, hour, minute, second) - offset;
  if (!isInDateRange(ms)) return { ok: false, problem: 'year' };
  const canonical = `${new Date(ms).toISOString().slice(0, 19)}${fraction}Z`;
  return { ok: true, canonical, ms: ms + (fraction ? Math.floor(Number(fraction) * 1000) : 0) };
}

/**
 * Why a date-time was refused, as the end of a sentence naming the field.
 * @example `properties.when ${describeDateTimeProblem('leap_second')}`
 */
export function describeDateTimeProblem(problem: DateTimeProblem): string {
  switch (problem) {
    case 'leap_second':
      return 'must not be a leap second (…:60): use …:59';
    case 'year':
      return `must be a date-time in the years ${String(MIN_DATE_YEAR).padStart(4, '0')} to ${MAX_DATE_YEAR}`;
    case 'format':
      return 'must be an ISO-8601 date-time with a time zone, e.g. "2024-05-01T12:00:00Z"';
  }
}
