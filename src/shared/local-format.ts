// Times, dates and numbers in the rep's own convention: one formatter for the window, the tray and
// the notifications, from the OS locale and the rep's time zone (the snapshot carries both), so a
// rep reads "by 5:00 PM" or "by 17:00" the same in all three. Intl only: no zod, no date-fns, as
// the window's first screen imports it.
import type { LocalDate, LocalTime } from './mission.ts';

export interface LocalFormat {
  readonly locale: string;
  readonly timeZone: string;
  /** "1,500" (en), "1.500" (de). */
  number(n: number): string;
  /** "80%". */
  percent(ratio: number): string;
  /** A local calendar day, "Monday 23 November" (en-GB), "Monday, November 23" (en-US). */
  dayLong(date: LocalDate): string;
  /** "Mon 23 Nov" (en-GB), "Mon, Nov 23" (en-US). */
  day(date: LocalDate): string;
  /** A day for a chart's axis, "23 Nov" (en-GB), "Nov 23" (en-US). */
  dayMonth(date: LocalDate): string;
  /** Two days as one range, "25 Nov – 1 Dec" (en-GB), "Nov 25 – Dec 1" (en-US). */
  dayRange(start: LocalDate, end: LocalDate): string;
  /**
   * A milestone's deadline after "by": "noon" at 12:00 in English, else the wall-clock time in
   * the locale ("17:00", "5:00 PM"); null is "end of day".
   */
  deadline(by: LocalTime | null): string;
  /** An instant as a time of day in the rep's zone, "17:00" or "5:00 PM". */
  time(instant: Date | string): string;
  /** When something ends: its time if today (in the rep's zone), else weekday and time. */
  until(instant: Date | string, now: Date | string): string;
}

/** Chromium's range and time separators differ from Node's (thin and narrow spaces): one form. */
const plainSpaces = (text: string): string => text.replace(/[\u2009\u202f]/g, ' ');

/**
 * The OS's locale as a BCP 47 tag Intl accepts: "en_US.UTF-8" (a POSIX LANG) is "en-US"; an
 * empty or unusable value falls back to the runtime's default.
 */
export function localeTag(raw: string): string {
  const tag = raw
    .trim()
    .replace(/[.@].*$/, '')
    .replaceAll('_', '-');
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (canonical && canonical !== 'C' && canonical.toLowerCase() !== 'posix') return canonical;
  } catch {
    // Not a language tag (e.g. "C"): the runtime's default below.
  }
  return new Intl.DateTimeFormat().resolvedOptions().locale;
}

/** Midday UTC of a calendar day: formatted in UTC it is that day whatever the process's zone. */
function utcNoon(date: LocalDate): Date {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, 12));
}

function wallClock(time: LocalTime): Date {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return new Date(Date.UTC(2000, 0, 1, h, m));
}

const instantOf = (value: Date | string): Date =>
  typeof value === 'string' ? new Date(value) : value;

function build(locale: string, timeZone: string): LocalFormat {
  const tag = localeTag(locale);
  const inUtc = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(tag, { ...options, timeZone: 'UTC' });
  const inZone = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(tag, { ...options, timeZone });
  const number = new Intl.NumberFormat(tag);
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  const dayLong = inUtc({ weekday: 'long', day: 'numeric', month: 'long' });
  const dayShort = inUtc({ weekday: 'short', day: 'numeric', month: 'short' });
  const dayMonth = inUtc({ day: 'numeric', month: 'short' });
  // The locale's own short time ("09:05", "9:05 AM"); hour: 'numeric' would drop en-GB's zero.
  const wallTime = inUtc({ timeStyle: 'short' });
  const zonedTime = inZone({ timeStyle: 'short' });
  // (timeStyle does not combine with a weekday; with one, these fields give the same clock.)
  const zonedWeekdayTime = inZone({ weekday: 'short', hour: 'numeric', minute: '2-digit' });
  const zonedDay = inZone({ year: 'numeric', month: '2-digit', day: '2-digit' });
  const english = new Intl.Locale(tag).language === 'en';

  return {
    locale: tag,
    timeZone,
    number: (n) => number.format(n),
    percent: (ratio) => percent.format(ratio),
    dayLong: (date) => dayLong.format(utcNoon(date)),
    day: (date) => plainSpaces(dayShort.format(utcNoon(date))),
    dayMonth: (date) => plainSpaces(dayMonth.format(utcNoon(date))),
    dayRange: (start, end) => plainSpaces(dayMonth.formatRange(utcNoon(start), utcNoon(end))),
    deadline(by) {
      if (by === null) return 'end of day';
      // "by noon" is how English says it; other languages' "by" reads the time itself.
      if (by === '12:00' && english) return 'noon';
      return plainSpaces(wallTime.format(wallClock(by)));
    },
    time: (instant) => plainSpaces(zonedTime.format(instantOf(instant))),
    until(instant, now) {
      const end = instantOf(instant);
      const sameDay = zonedDay.format(end) === zonedDay.format(instantOf(now));
      return plainSpaces((sameDay ? zonedTime : zonedWeekdayTime).format(end));
    },
  };
}

const cache = new Map<string, LocalFormat>();
const MAX_CACHED = 16;

/** The formatter for a locale and IANA zone; built once per pair (Intl formatters are costly). */
export function localFormat(locale: string, timeZone: string): LocalFormat {
  const key = `${locale}|${timeZone}`;
  let format = cache.get(key);
  if (!format) {
    format = build(locale, timeZone);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, format);
  }
  return format;
}
