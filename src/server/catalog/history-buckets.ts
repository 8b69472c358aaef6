import { TZDate } from '@date-fns/tz';
import {
  addDays,
  addHours,
  addMonths,
  addQuarters,
  addWeeks,
  startOfDay,
  startOfHour,
  startOfISOWeek,
  startOfMonth,
  startOfQuarter,
  subDays,
} from 'date-fns';
import { unprocessable } from '../errors.js';

export type HistoryInterval = 'hour' | 'day' | 'isoWeek' | 'month' | 'quarter';

/** Port's presets for properties-history: how far back from now the range starts. */
const PRESET_DAYS: Record<string, number> = {
  lastDay: 1,
  lastWeek: 7,
  last2Weeks: 14,
  lastMonth: 30,
  last3Months: 90,
  last6Months: 180,
  last12Months: 365,
  last2Years: 730,
  last3Years: 1095,
};

const START: Record<HistoryInterval, (date: TZDate) => TZDate> = {
  hour: startOfHour,
  day: startOfDay,
  isoWeek: startOfISOWeek,
  month: startOfMonth,
  quarter: startOfQuarter,
};
const NEXT: Record<HistoryInterval, (date: TZDate) => TZDate> = {
  hour: (d) => addHours(d, 1),
  day: (d) => addDays(d, 1),
  isoWeek: (d) => addWeeks(d, 1),
  month: (d) => addMonths(d, 1),
  quarter: (d) => addQuarters(d, 1),
};

/** More intervals than a chart can show (an hourly line over three years) are refused. */
const MAX_INTERVALS = 2_000;

export interface HistoryBuckets {
  minDate: number;
  maxDate: number;
  /** Each interval's start and end (epoch ms), in order; the last ends at now. */
  starts: number[];
  ends: number[];
}

/** The intervals of `preset` in `timeZone`, aligned on its calendar (days start at its midnight). */
export function historyBuckets(
  preset: string,
  interval: HistoryInterval,
  timeZone: string,
  now: Date,
): HistoryBuckets {
  if (!isTimeZone(timeZone))
    throw unprocessable('invalid_time_zone', `timeRange.timeZone: unknown time zone "${timeZone}"`);
  const end = new TZDate(now.getTime(), timeZone);
  let from: TZDate;
  if (preset === 'today') from = startOfDay(end);
  else if (preset === 'yesterday') from = subDays(startOfDay(end), 1);
  else if (Object.hasOwn(PRESET_DAYS, preset)) from = subDays(end, PRESET_DAYS[preset]!);
  else
    throw unprocessable(
      'invalid_time_range',
      `timeRange.preset must be one of today, yesterday, ${Object.keys(PRESET_DAYS).join(', ')}`,
    );
  const until = preset === 'yesterday' ? startOfDay(end) : end;
  const starts: number[] = [];
  const ends: number[] = [];
  for (let at = START[interval](from); at.getTime() < until.getTime(); at = NEXT[interval](at)) {
    if (starts.length >= MAX_INTERVALS)
      throw unprocessable(
        'too_many_intervals',
        `timeInterval: "${interval}" over ${preset} makes more than ${MAX_INTERVALS} intervals`,
      );
    starts.push(at.getTime());
    ends.push(Math.min(NEXT[interval](at).getTime() - 1, until.getTime()));
  }
  return { minDate: from.getTime(), maxDate: until.getTime(), starts, ends };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
