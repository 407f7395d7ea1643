// The words of each notification, for a rep glancing at the corner of the screen. Times, dates and
// numbers come from the rep's locale (shared/local-format.ts), as in the tray and the window.
import type { LocalFormat } from '../../shared/local-format.ts';
import { metricLabel } from '../../shared/mission.ts';
import type { Metric } from '../../shared/mission.ts';

/** "1 hour", "45 minutes", "1 h 30 min". Past a quarter hour, to the nearest 5 minutes. */
export function durationLabel(minutes: number): string {
  const exact = Math.max(0, Math.round(minutes));
  // A check that runs a few seconds late should still say "1 hour", not "59 minutes".
  const m = exact >= 15 ? Math.round(exact / 5) * 5 : exact;
  if (m < 60) return m === 1 ? '1 minute' : `${m} minutes`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (rest === 0) return h === 1 ? '1 hour' : `${h} hours`;
  return `${h} h ${rest} min`;
}

/** "1 of 2 meetings", "1,200 of 1,500 calls". */
export const progressLabel = (
  count: number,
  target: number,
  metric: Metric,
  format: LocalFormat,
): string => `${format.number(count)} of ${format.number(target)} ${metricLabel(metric, target)}`;
