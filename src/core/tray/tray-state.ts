// What the tray says about today: status words, the tooltip, the macOS menu-bar title, and each
// mission's one-line progress. Pure functions of the snapshot.
import { differenceInCalendarDays, isSameISOWeek, isSameMonth, parseISO } from 'date-fns';
import { localFormat, type LocalFormat } from '../../shared/local-format.ts';
import { metricLabel } from '../../shared/mission.ts';
import type { Mission } from '../../shared/mission.ts';
import type { MissionToday, TodaySnapshot, TrayStatus } from '../../shared/snapshot.ts';

export const STATUS_TEXT: Record<TrayStatus, string> = {
  idle: 'No milestones today',
  'on-track': 'On track',
  behind: 'Behind',
  done: 'All milestones done',
};

/** The status in words; a paused day says so rather than "No milestones today". */
export const statusText = (snapshot: TodaySnapshot): string =>
  snapshot.paused ? 'Today is paused' : STATUS_TEXT[snapshot.status];

/** How the tray writes times, dates and numbers: the snapshot's locale, in the rep's zone. */
export const formatOf = (snapshot: TodaySnapshot): LocalFormat =>
  localFormat(snapshot.locale, snapshot.timeZone);

/**
 * "this week" or "this month" only when the mission is exactly within one (a Wednesday-to-Tuesday
 * mission is not "this week" on its Monday): otherwise the period itself, in the rep's locale:
 * "over 25 Nov – 1 Dec" (en-GB), "over Nov 25 – Dec 1" (en-US).
 */
export function periodLabel(
  mission: Pick<Mission, 'startDate' | 'endDate'>,
  format: LocalFormat,
): string {
  const start = parseISO(mission.startDate);
  const end = parseISO(mission.endDate);
  const days = differenceInCalendarDays(end, start) + 1;
  if (days <= 7 && isSameISOWeek(start, end)) return 'this week';
  if (days <= 31 && isSameMonth(start, end)) return 'this month';
  return `over ${format.dayRange(mission.startDate, mission.endDate)}`;
}

/** The first of today's milestones still open ("1/2 by noon"), or "today done ✓". */
export function nextMilestoneLabel(today: MissionToday, format: LocalFormat): string | null {
  const todays = today.milestones.filter((m) => m.target > 0);
  if (todays.length === 0) return null;
  const open = todays.find((m) => m.count < m.target && m.state !== 'missed');
  if (!open) {
    return todays.every((m) => m.state === 'done')
      ? 'today done ✓'
      : `${format.number(today.todayCount)} today`;
  }
  return `${format.number(open.count)}/${format.number(open.target)} by ${format.deadline(open.by)}`;
}

/** "3/10 this week · 1/2 by noon". */
export function progressLine(today: MissionToday, format: LocalFormat): string {
  const counts = `${format.number(today.total)}/${format.number(today.mission.target)}`;
  const total = `${counts} ${periodLabel(today.mission, format)}`;
  const next = nextMilestoneLabel(today, format);
  return next ? `${total} · ${next}` : total;
}

/** Windows cuts tray tooltips at 127 characters (NOTIFYICONDATA.szTip holds 128). */
export const MAX_TOOLTIP = 127;

export function trayTooltip(snapshot: TodaySnapshot): string {
  const format = formatOf(snapshot);
  const lines = snapshot.missions
    .filter((m) => m.mission.status === 'active')
    .map((m) => `${m.mission.title}: ${progressLine(m, format)}`);
  return clipAtWord(['Mission Tray — ' + statusText(snapshot), ...lines].join('\n'), MAX_TOOLTIP);
}

/** At most `max` characters, cut after a whole word ("by noon…", never "by no…"). */
export function clipAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  // Room for the words and the ellipsis; the last word counts only if it ends within the room.
  const room = text.slice(0, max - 1);
  const endsWithWord = /\s/.test(text.charAt(max - 1));
  const lastBreak = room.search(/\s\S*$/);
  const words = endsWithWord || lastBreak <= 0 ? room : room.slice(0, lastBreak);
  // No dangling separator before the ellipsis ("Calls: 3/10 ·…").
  return `${words.replace(/[\s·:—,;-]+$/u, '')}…`;
}

/** The mission the shortcut logs to: the rep's focus mission if active, else the first active. */
export function focusMission(
  snapshot: TodaySnapshot,
  focusMissionId: string | null,
): MissionToday | undefined {
  const active = snapshot.missions.filter((m) => m.mission.status === 'active');
  return active.find((m) => m.mission.id === focusMissionId) ?? active[0];
}

/** The short text beside the macOS menu-bar icon: the focus mission's next milestone. */
export function trayTitle(snapshot: TodaySnapshot, focusMissionId: string | null): string {
  const focus = focusMission(snapshot, focusMissionId);
  if (!focus) return '';
  const open = focus.milestones.find((m) => m.target > 0 && m.count < m.target);
  if (snapshot.status === 'done') return '✓';
  return open ? `${open.count}/${open.target}` : `${focus.todayCount}`;
}

/** "meeting" for a menu item's verb: "Log meeting". */
export const unitOf = (mission: Mission): string => metricLabel(mission.metric, 1);
