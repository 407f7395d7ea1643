// The team preview in words a rep reads: one labelled row per field of the payload the sync engine
// sends (TeamMissionState), in the payload's own order. A field this file does not know yet (a new
// one in the protocol) still gets a row, its name in words and its value as it is sent: the preview
// shows whatever the payload holds, never a description kept apart from it.
import { metricLabel } from '../shared/metric-label.ts';
import type { MissionStatus } from '../shared/mission.ts';
import type { DayProgress, TeamMissionState } from '../shared/team.ts';
import { REASON_LABEL } from './reason-labels.ts';
import { formatDay, formatNumber, formatTime } from './format.ts';

export interface PreviewRow {
  /** The payload's field. */
  key: string;
  label: string;
  value: string;
}

const STATUS_LABEL: Record<MissionStatus, string> = {
  active: 'Active',
  completed: 'Completed',
  missed: 'Missed',
  abandoned: 'Abandoned',
};
const WEEKDAY = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** `recentWins` → "Recent wins". */
const words = (key: string) => capitalized(key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());
const plural = (n: number, one: string, many: string) =>
  `${formatNumber(n)} ${n === 1 ? one : many}`;

/** Any value as sent, for a field without its own words. */
export function plainValue(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return LOCAL_DATE.test(value) ? formatDay(value) : value;
  if (Array.isArray(value)) return value.length ? value.map(plainValue).join(', ') : 'None';
  if (typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => `${words(k)}: ${plainValue(v)}`)
      .join('; ');
  return String(value);
}

/** How the reflection reads: included with its words, or why it is not. */
export function reflectionValue(state: TeamMissionState, kept: boolean): string {
  const r = state.reflection;
  if (r) {
    const parts = [REASON_LABEL[r.reason], r.note, r.nextStep && `Next: ${r.nextStep}`];
    return `Included — ${parts.filter(Boolean).join('. ')}`;
  }
  return kept ? 'Not included: you kept it to yourself' : 'Not included: none written';
}

export function previewRows(state: TeamMissionState, reflectionKept: boolean): PreviewRow[] {
  const unit = (n: number) => metricLabel(state.metric, n);
  // null: shown in another field's row (the period's end).
  const labelled: Partial<Record<keyof TeamMissionState, [string, string] | null>> = {
    title: ['Title', state.title],
    metric: [
      'Metric',
      state.metric.kind === 'custom'
        ? `${state.metric.label} (${state.metric.unit})`
        : capitalized(unit(2)),
    ],
    target: ['Target', `${formatNumber(state.target)} ${unit(state.target)}`],
    startDate: ['Period', `${formatDay(state.startDate)} – ${formatDay(state.endDate)}`],
    endDate: null,
    workingDays: ['Working days', state.workingDays.map((d) => WEEKDAY[d] ?? String(d)).join(', ')],
    objective: ['Team objective', state.objective ?? 'None'],
    status: ['Outcome', STATUS_LABEL[state.status]],
    total: ['Logged so far', `${formatNumber(state.total)} ${unit(state.total)}`],
    days: [
      'Days with progress',
      state.days.length ? plural(state.days.length, 'day', 'days') : 'None yet',
    ],
    pace: ['Pace', `${state.pace.label} (${formatNumber(state.pace.expected)} expected by now)`],
    streak: [
      'Streak',
      `${plural(state.streak.current, 'day', 'days')} (best ${formatNumber(state.streak.best)})`,
    ],
    recentWins: [
      'Latest wins',
      state.recentWins.length
        ? `${state.recentWins
            .map((w) => `${formatNumber(w.amount)} at ${formatTime(w.at)}`)
            .join(', ')} (amount and time only)`
        : 'None yet',
    ],
    reflection: ['Reflection', reflectionValue(state, reflectionKept)],
    asOf: ['Worked out at', formatTime(state.asOf)],
  };
  const known = new Map(Object.entries(labelled));
  const rows: PreviewRow[] = [];
  for (const [key, value] of Object.entries(state)) {
    const row: [string, string] | null | undefined = known.has(key)
      ? known.get(key)
      : [words(key), plainValue(value)];
    if (row) rows.push({ key, label: row[0], value: row[1] });
  }
  return rows;
}

/** One day of progress: its date, wins, milestones, and any other field the day carries. */
export function dayRow(day: DayProgress): { date: string; wins: string; milestones: string } {
  const extra = Object.entries<unknown>(day)
    .filter(([key]) => !['date', 'count', 'hit', 'of'].includes(key))
    .map(([key, value]) => (value === true ? words(key) : `${words(key)}: ${plainValue(value)}`));
  return {
    date: formatDay(day.date),
    wins: formatNumber(day.count),
    milestones: [
      day.of ? `${formatNumber(day.hit)} of ${formatNumber(day.of)} hit` : '—',
      ...extra,
    ].join(' · '),
  };
}
