// Local calendar and wall-clock math. Every function takes the IANA zone explicitly (from the
// ClockPort), so results never depend on the process's own time zone (process.env.TZ).
// Calendar-only math (dates without a time) runs on plain dates at local noon: noon exists on
// every day in every zone, so adding days or asking for a weekday gives the same answer whatever
// the process's zone (and plain dates are ten times faster than zoned ones).
import { TZDate } from '@date-fns/tz';
import {
  addDays as addDaysFns,
  differenceInCalendarDays,
  format,
  getISODay,
  lightFormat,
} from 'date-fns';
import type { LocalDate, LocalTime } from '../../shared/mission.ts';

const MS_PER_MINUTE = 60_000;

/** Year, month (1–12) and day of `YYYY-MM-DD`. */
function partsOf(date: LocalDate): [number, number, number] {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  return [y, m, d];
}

function calendarDay(date: LocalDate): Date {
  const [y, m, d] = partsOf(date);
  return new Date(y, m - 1, d, 12);
}

const formatDate = (day: Date): LocalDate => lightFormat(day, 'yyyy-MM-dd');

/** The local calendar day of an instant in a zone, `YYYY-MM-DD`. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  return formatDate(new TZDate(instant.getTime(), timeZone));
}

/** The local wall-clock time of an instant in a zone, `HH:MM`. */
export function localTimeOf(instant: Date, timeZone: string): LocalTime {
  return format(new TZDate(instant.getTime(), timeZone), 'HH:mm');
}

/**
 * The instant a local date and time happen in a zone. `time: null` means the end of the day,
 * which is the instant the next day starts (exclusive), so a day is 23 or 25 hours long on DST
 * changes. A time skipped by a spring-forward change moves forward by the gap (02:30 → 03:30);
 * a time that happens twice at a fall-back change is the first of the two.
 */
export function instantOf(date: LocalDate, time: LocalTime | null, timeZone: string): Date {
  const key = `${timeZone} ${date} ${time ?? 'end'}`;
  let ms = instants.get(key);
  if (ms === undefined) {
    ms = zonedInstant(date, time, timeZone);
    // Views ask for the same few deadlines on every snapshot; zoned math is the slow part.
    if (instants.size >= MAX_CACHED_INSTANTS) instants.clear();
    instants.set(key, ms);
  }
  return new Date(ms);
}

const MAX_CACHED_INSTANTS = 4096;
const instants = new Map<string, number>();

function zonedInstant(date: LocalDate, time: LocalTime | null, timeZone: string): number {
  const [y, mo, d] = partsOf(date);
  if (time === null) return new TZDate(y, mo - 1, d + 1, 0, 0, timeZone).getTime();
  const minutes = minutesOf(time);
  const ms = new TZDate(y, mo - 1, d, Math.floor(minutes / 60), minutes % 60, timeZone).getTime();
  // At a fall-back change the time happens twice, and which one TZDate picks depends on the
  // process's own zone: take the first pass explicitly (DST shifts are an hour, or half of one).
  for (const shift of [60, 30]) {
    const earlier = new Date(ms - minutesToMs(shift));
    if (localTimeOf(earlier, timeZone) === time && localDateOf(earlier, timeZone) === date) {
      return earlier.getTime();
    }
  }
  return ms;
}

/** The instant a local day starts in a zone. */
export const startOfLocalDay = (date: LocalDate, timeZone: string): Date =>
  instantOf(date, '00:00', timeZone);

/** The calendar year of a date, `2026-11-23` → 2026. */
export const yearOf = (date: LocalDate): number => Number(date.slice(0, 4));

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export const isoWeekday = (date: LocalDate): number => getISODay(calendarDay(date));

export const addDays = (date: LocalDate, days: number): LocalDate =>
  formatDate(addDaysFns(calendarDay(date), days));

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: LocalDate, to: LocalDate): number =>
  differenceInCalendarDays(calendarDay(to), calendarDay(from));

/** Every date from `start` to `end`, both included; empty when `end` is before `start`. */
export function datesInPeriod(start: LocalDate, end: LocalDate): LocalDate[] {
  const dates: LocalDate[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) dates.push(d);
  return dates;
}

/** Minutes since local midnight for `HH:MM`. */
export function minutesOf(time: LocalTime): number {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return h * 60 + m;
}

export const minutesToMs = (minutes: number): number => minutes * MS_PER_MINUTE;
