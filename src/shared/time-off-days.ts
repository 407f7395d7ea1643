// Time off's kinds and words, and its days grouped into ranges for the window. Free of zod on
// purpose, like metric-label.ts: Today's first screen imports it.

export const TIME_OFF_KINDS = ['holiday', 'training', 'field', 'sick', 'away'] as const;
export type TimeOffKindName = (typeof TIME_OFF_KINDS)[number];

/** What the window calls each kind ("away" is a day paused from the tray or Today). */
export const TIME_OFF_LABELS: Record<TimeOffKindName, string> = {
  holiday: 'Holiday',
  training: 'Training',
  field: 'Field day',
  sick: 'Ill',
  away: 'Away',
};

export interface TimeOffRange {
  from: string;
  to: string;
  kind: TimeOffKindName;
  /** How many days it holds. */
  days: number;
}

const nextDay = (date: string): string => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** Days of time off (in date order) as ranges of consecutive days of one kind. */
export function timeOffRanges(
  days: readonly { date: string; kind: TimeOffKindName }[],
): TimeOffRange[] {
  const ranges: TimeOffRange[] = [];
  for (const day of days) {
    const last = ranges.at(-1);
    if (last && last.kind === day.kind && nextDay(last.to) === day.date) {
      last.to = day.date;
      last.days += 1;
    } else ranges.push({ from: day.date, to: day.date, kind: day.kind, days: 1 });
  }
  return ranges;
}
