// Folding closed days into tallies: one per mission per day, kept by year (closed-days.ts), so
// history never has to be re-read from the wins partitions.
import type { DayTallies } from '../../shared/documents.ts';
import type { DayPlan, LocalDate, Mission, Win } from '../../shared/mission.ts';
import { tallyDay } from '../missions/progress.ts';
import { datesInPeriod } from '../kernel/time.ts';

/** Whether a mission's milestones still count (for tallies and streaks). */
export const hasMilestones = (mission: Mission): boolean =>
  !mission.archived && mission.status !== 'abandoned';

export interface ClosedDaysInput {
  from: LocalDate;
  to: LocalDate;
  missions: readonly Mission[];
  /** The wins of each day in the range; missing days had none. */
  winsByDate: ReadonlyMap<LocalDate, readonly Win[]>;
  timeZone: string;
}

/**
 * Tallies of every mission on every day from `from` to `to`: a tally for each mission with
 * milestones or wins that day. Wins always count toward totals; milestones only for missions
 * that still have them (not archived, not abandoned).
 */
export function tallyClosedDays(input: ClosedDaysInput): DayTallies {
  const plans = new Map<string, Map<LocalDate, DayPlan>>();
  for (const mission of input.missions) {
    if (!hasMilestones(mission)) continue;
    const inRange = mission.plan.filter((d) => d.date >= input.from && d.date <= input.to);
    if (inRange.length > 0) plans.set(mission.id, new Map(inRange.map((d) => [d.date, d])));
  }
  const known = new Set(input.missions.map((m) => m.id));
  const days: DayTallies = {};
  for (const date of datesInPeriod(input.from, input.to)) {
    const winsByMission = new Map<string, Win[]>();
    for (const win of input.winsByDate.get(date) ?? []) {
      if (!known.has(win.missionId)) continue;
      const wins = winsByMission.get(win.missionId);
      if (wins) wins.push(win);
      else winsByMission.set(win.missionId, [win]);
    }
    const tallies: DayTallies[string] = {};
    for (const id of new Set([...plans.keys(), ...winsByMission.keys()])) {
      const plan = plans.get(id)?.get(date);
      const wins = winsByMission.get(id) ?? [];
      if (!plan && wins.length === 0) continue;
      const tally = tallyDay(plan, wins, input.timeZone);
      if (tally.of > 0 || tally.count > 0) tallies[id] = tally;
    }
    if (Object.keys(tallies).length > 0) days[date] = tallies;
  }
  return days;
}

/** Wins per mission over tallied days. */
export function totalsOf(days: DayTallies): Map<string, number> {
  const totals = new Map<string, number>();
  for (const tallies of Object.values(days)) {
    for (const [id, tally] of Object.entries(tallies)) {
      totals.set(id, (totals.get(id) ?? 0) + tally.count);
    }
  }
  return totals;
}
