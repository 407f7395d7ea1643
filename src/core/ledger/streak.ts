// The streak: consecutive working days on which every milestone was hit. A day with no
// milestones (a non-working day, a rest day, no mission running) and a day of time off neither
// extend nor break it.
import type { DayTallies } from '../../shared/documents.ts';
import type { LocalDate } from '../../shared/mission.ts';
import type { MilestoneView } from '../../shared/snapshot.ts';

export interface DayResult {
  date: LocalDate;
  /** Milestones met that day, over every mission. */
  hit: number;
  /** Milestones planned that day, over every mission. */
  of: number;
}

export interface Streak {
  current: number;
  best: number;
}

/** Closed days' results from the summary, oldest first, days without milestones left out. */
export function dayResultsOf(days: DayTallies): DayResult[] {
  const results: DayResult[] = [];
  for (const [date, tallies] of Object.entries(days)) {
    let hit = 0;
    let of = 0;
    for (const tally of Object.values(tallies)) {
      hit += Math.min(tally.hit, tally.of);
      of += tally.of;
    }
    if (of > 0) results.push({ date, hit, of });
  }
  return results.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The streak over closed days: the run ending on the last one, and the best run — continuing
 * `from`, the streak over the days before them (carried over years not read again).
 */
export function closedDaysStreak(
  days: readonly DayResult[],
  awayDates: ReadonlySet<LocalDate>,
  from: Streak = { current: 0, best: 0 },
): Streak {
  let { current, best } = from;
  for (const day of days) {
    if (day.of === 0 || awayDates.has(day.date)) continue;
    current = day.hit >= day.of ? current + 1 : 0;
    best = Math.max(best, current);
  }
  return { current, best };
}

/**
 * Adds today to the closed days' streak. Today counts once every milestone is done; while some
 * are still open it leaves the streak as it was, and a missed one breaks it at once (the day can
 * no longer be a full day).
 */
export function streakWithToday(
  closed: Streak,
  todayMilestones: readonly MilestoneView[],
  todayAway: boolean,
): Streak {
  if (todayAway || todayMilestones.length === 0) return closed;
  if (todayMilestones.every((m) => m.state === 'done')) {
    const current = closed.current + 1;
    return { current, best: Math.max(closed.best, current) };
  }
  if (todayMilestones.some((m) => m.state === 'missed')) return { current: 0, best: closed.best };
  return closed;
}
