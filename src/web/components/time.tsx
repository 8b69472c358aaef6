import { Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const local = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** "3 hours ago", "in 2 days". */
export function relativeTime(ms: number, now = Date.now()) {
  const delta = ms - now;
  for (const [unit, size] of UNITS)
    if (Math.abs(delta) >= size || unit === 'second') return relative.format(Math.round(delta / size), unit);
  return '';
}

export const localTime = (ms: number) => local.format(ms);

/** A moment in the reader's time zone, with how long ago it was (the stored UTC value on hover). */
export function DateTime({ value, compact }: { value: string; compact?: boolean }) {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return <span>{value}</span>;
  return (
    <Tooltip label={value} openDelay={400}>
      <time dateTime={value}>
        {localTime(ms)}
        {!compact && (
          <Text span c="dimmed" size="sm">
            {' '}
            ({relativeTime(ms)})
          </Text>
        )}
      </time>
    </Tooltip>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A timer: the time left, ticking every second, or that it has expired. */
export function Countdown({ value }: { value: string }) {
  const end = Date.parse(value);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (Number.isNaN(end) || end <= now) return;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [end, now]);
  if (Number.isNaN(end)) return <span>{value}</span>;
  const left = end - now;
  if (left <= 0)
    return (
      <Text span c="red" fw={500}>
        Expired{' '}
        <Text span c="dimmed" size="sm">
          ({relativeTime(end)})
        </Text>
      </Text>
    );
  const s = Math.floor(left / 1000);
  const days = Math.floor(s / 86_400);
  const clock = `${pad(Math.floor((s % 86_400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return (
    <Tooltip label={`Expires ${localTime(end)}`}>
      <span role="timer" aria-label={`expires ${relativeTime(end)}`}>
        {days > 0 ? `${days}d ` : ''}
        {clock} left
      </span>
    </Tooltip>
  );
}
