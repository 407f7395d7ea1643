// Numbers, days and times in the OS locale (Electron passes it to the page as the default).
import { parseISO } from 'date-fns';

const number = new Intl.NumberFormat();
const dayLong = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
});
const dayShort = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});
const dayNumeric = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'numeric' });
const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });

export const formatNumber = (n: number): string => number.format(n);
export const formatPercent = (ratio: number): string => percent.format(ratio);

/** A local calendar day (`YYYY-MM-DD`), e.g. "Monday, 23 November". */
export const formatDayLong = (date: string): string => dayLong.format(parseISO(date));
/** A local calendar day, e.g. "Mon, 23 Nov". */
export const formatDay = (date: string): string => dayShort.format(parseISO(date));
/** A compact day for chart axes, e.g. "23/11". */
export const formatDayNumeric = (date: string): string => dayNumeric.format(parseISO(date));

/** A local wall-clock deadline (`HH:MM`), e.g. "12:00" or "12:00 PM"; null = end of the day. */
export function formatDeadline(by: string | null): string {
  if (by === null) return 'end of day';
  return time.format(parseISO(`2000-01-01T${by}:00`));
}

/** An instant (ISO string), as a local time of day. */
export const formatTime = (instant: string): string => time.format(new Date(instant));

const weekdayTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  hour: 'numeric',
  minute: '2-digit',
});

/** When something ends: its time today, else its weekday and time ("Tue 0:00"). */
export function formatUntil(instant: string, now: string): string {
  const end = new Date(instant);
  return end.toDateString() === new Date(now).toDateString()
    ? time.format(end)
    : weekdayTime.format(end);
}
