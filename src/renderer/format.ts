// Numbers, days and times in the rep's convention: the OS locale and time zone each snapshot
// carries, through the formatter the tray and the notifications use (shared/local-format.ts), so
// the window says "by 5:00 PM" exactly when they do. Not the page's own default locale: Chromium
// gives the page the UI language (app.getLocale()), not the region's format.
import { localFormat, type LocalFormat } from '../shared/local-format.ts';

let current: LocalFormat = localFormat(
  navigator.language,
  Intl.DateTimeFormat().resolvedOptions().timeZone,
);

/** Adopts a snapshot's locale and zone; App calls it as each snapshot arrives, before its views. */
export function adoptFormat(snapshot: { locale: string; timeZone: string }): void {
  current = localFormat(snapshot.locale, snapshot.timeZone);
}

export const formatNumber = (n: number): string => current.number(n);
export const formatPercent = (ratio: number): string => current.percent(ratio);

/** A local calendar day (`YYYY-MM-DD`), e.g. "Monday, 23 November". */
export const formatDayLong = (date: string): string => current.dayLong(date);
/** A local calendar day, e.g. "Mon, 23 Nov". */
export const formatDay = (date: string): string => current.day(date);
/** A day for a chart's axis, e.g. "23 Nov" ("Nov 23" in en-US). */
export const formatDayMonth = (date: string): string => current.dayMonth(date);

/** A milestone's deadline after "by": "noon" (English), "17:00", "5:00 PM"; null = end of day. */
export const formatDeadline = (by: string | null): string => current.deadline(by);

/** An instant (ISO string), as a time of day in the rep's zone. */
export const formatTime = (instant: string): string => current.time(instant);

/** When something ends: its time today, else its weekday and time ("Tue 00:00"). */
export const formatUntil = (instant: string, now: string): string => current.until(instant, now);
