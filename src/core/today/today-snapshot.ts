// Today's snapshot, what every view shows, as a pure function of the core's state at an instant.
import type { LocalDate, Mission, Win } from '../../shared/mission.ts';
import type { TimeOffDay } from '../../shared/time-off.ts';
import { TODAY_LOG_LIMIT, type StoreNotice, type TodaySnapshot } from '../../shared/snapshot.ts';
import { missionToday } from '../missions/progress.ts';
import { dayStatusOf } from './day-status.ts';
import { canUndoWinOf } from '../missions/rules.ts';
import { streakWithToday, type Streak } from '../ledger/streak.ts';

export interface TodaySnapshotInput {
  now: Date;
  timeZone: string;
  locale: string;
  today: LocalDate;
  missions: readonly Mission[];
  /** Time off, in date order. */
  timeOff: readonly TimeOffDay[];
  /** The same days as a set. */
  awayDates: ReadonlySet<LocalDate>;
  /** Today's wins, every mission. */
  todayWins: readonly Win[];
  /** Wins so far of a mission, today's included. */
  totalOf: (missionId: string) => number;
  lastWin: Win | null;
  /** The streak through yesterday. */
  closedStreak: Streak;
  leadMinutes: number;
  notices: StoreNotice[];
}

/** A missed mission the rep has not reflected on yet (and has not hidden). */
export const awaitsReflection = (mission: Mission): boolean =>
  mission.status === 'missed' && mission.reflection === null && !mission.archived;

const byStart = (a: Mission, b: Mission): number =>
  a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0;

/** Running missions (active, not archived) with today's milestones and pace, oldest first. */
export function buildTodaySnapshot(input: TodaySnapshotInput): TodaySnapshot {
  const { now, timeZone, today } = input;
  const winsByMission = new Map<string, Win[]>();
  for (const win of input.todayWins) {
    const wins = winsByMission.get(win.missionId);
    if (wins) wins.push(win);
    else winsByMission.set(win.missionId, [win]);
  }
  const views = input.missions
    .filter((m) => m.status === 'active' && !m.archived)
    .sort(byStart)
    .map((mission) =>
      missionToday({
        mission,
        total: input.totalOf(mission.id),
        todayWins: winsByMission.get(mission.id) ?? [],
        today,
        now,
        timeZone,
        leadMinutes: input.leadMinutes,
        away: input.awayDates,
      }),
    );
  // Only a win undo can take back: the tray and the window offer undo exactly when this is set.
  const lastMission = input.lastWin
    ? input.missions.find((m) => m.id === input.lastWin?.missionId)
    : undefined;
  const last = input.lastWin && canUndoWinOf(lastMission) ? input.lastWin : null;
  const paused = input.awayDates.has(today);
  return {
    at: now.toISOString(),
    timeZone,
    locale: input.locale,
    today,
    missions: views,
    wins: input.todayWins
      .slice(-TODAY_LOG_LIMIT)
      .map(({ id, missionId, amount, at, note }) => ({
        id,
        missionId,
        amount,
        at,
        ...(note ? { note } : {}),
      }))
      .reverse(),
    lastWin: last && {
      id: last.id,
      missionId: last.missionId,
      missionTitle: lastMission?.title ?? '',
      amount: last.amount,
      at: last.at,
      source: last.source,
    },
    streak: streakWithToday(
      input.closedStreak,
      views.flatMap((v) => v.milestones),
      paused,
    ),
    status: paused ? 'idle' : dayStatusOf(views, today),
    paused,
    timeOff: input.timeOff.filter((d) => d.date >= today),
    awaitingReflection: input.missions.filter(awaitsReflection),
    notices: input.notices,
  };
}
