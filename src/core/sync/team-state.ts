// What the team may see of each mission, built with the core's own progress, pace and streak
// rules — so the board and the app agree. Private data is left out here, by construction: win
// notes never, a reflection only when the rep chose to share it.
import type { LocalDate, Mission, Win } from '../../shared/mission.ts';
import type { DayProgress, TeamMissionState } from '../../shared/team.ts';
import {
  expectedByNow,
  milestoneViews,
  paceOf,
  settledStatus,
  sumAmounts,
  tallyDay,
} from '../missions/progress.ts';
import { closedDaysStreak, streakWithToday } from '../ledger/streak.ts';
import { localDateOf } from '../kernel/time.ts';
/** One local mission as sync sees it. Deleted missions are simply absent. */
export interface SyncCandidate {
  id: string;
  title: string;
  /** Public and not archived: the only missions that may be on the server. */
  shareable: boolean;
  /** max(mission.seq, latest seq among its wins): grows with every change. */
  revision: number;
  /** null unless shareable. */
  state: TeamMissionState | null;
  /** It has a reflection the rep did not share (so the state has none). */
  reflectionKept: boolean;
}

export interface SyncSource {
  candidates(): Promise<SyncCandidate[]>;
  /**
   * The candidates as they would be with `drafted(live missions)` saved in place of the mission
   * with its id (or added): the team preview of a draft. Remembers nothing of the run.
   */
  whatIf(drafted: (live: readonly Mission[]) => Mission): Promise<SyncCandidate[]>;
}

export interface TeamStateInput {
  mission: Mission;
  /** Closed days' tallies of this mission (from the summary), any order. */
  closed: { date: LocalDate; count: number; hit: number; of: number }[];
  /** This mission's wins on days not yet folded into the summary. */
  openDays: Map<LocalDate, Win[]>;
  /** This mission's latest wins (any order; the newest 20 are sent). */
  recentWins: readonly Win[];
  /** Days of time off (the kind never leaves the laptop). */
  awayDates: ReadonlySet<LocalDate>;
  now: Date;
  timeZone: string;
}

const RECENT_WINS = 20;

export function teamStateOf(input: TeamStateInput): TeamMissionState {
  const { mission, now, timeZone } = input;
  const today = localDateOf(now, timeZone);
  const plans = new Map(mission.plan.map((day) => [day.date, day]));
  const days = new Map<LocalDate, DayProgress>();
  for (const tally of input.closed) days.set(tally.date, { ...tally });
  let todayMilestones: ReturnType<typeof milestoneViews> = [];
  for (const [date, wins] of input.openDays) {
    const plan = plans.get(date);
    if (date < today) {
      days.set(date, { date, ...tallyDay(plan, wins, timeZone) });
    } else if (date === today) {
      todayMilestones = plan
        ? milestoneViews({ plan, wins, today, now, timeZone, leadMinutes: 0 })
        : [];
      const hit = todayMilestones.filter((m) => m.state === 'done').length;
      const due = hit + todayMilestones.filter((m) => m.state === 'missed').length;
      days.set(date, { date, count: sumAmounts(wins), hit, of: due });
    }
  }
  const sorted = [...days.values()]
    .filter((d) => d.count > 0 || d.of > 0)
    .sort((a, b) => (a.date < b.date ? -1 : 1));
  const total = sorted.reduce((sum, d) => sum + d.count, 0);
  const pace = paceOf(expectedByNow(mission, today, now, timeZone, input.awayDates), total);
  const closedStreak = closedDaysStreak(
    sorted.filter((d) => d.date < today),
    input.awayDates,
  );
  const streak = streakWithToday(closedStreak, todayMilestones, input.awayDates.has(today));
  const reflection = mission.reflection?.shareWithTeam
    ? {
        reason: mission.reflection.reason,
        note: mission.reflection.note,
        nextStep: mission.reflection.nextStep,
      }
    : null;
  return {
    title: mission.title,
    metric: mission.metric,
    target: mission.target,
    startDate: mission.startDate,
    endDate: mission.endDate,
    workingDays: mission.workingDays,
    objective: mission.objective,
    status: settledStatus(mission, total, today),
    total,
    days: sorted,
    pace: {
      expected: Math.round(pace.expected),
      actual: pace.actual,
      delta: pace.delta,
      label: pace.label,
    },
    streak,
    recentWins: [...input.recentWins]
      .sort((a, b) => b.seq - a.seq)
      .slice(0, RECENT_WINS)
      .map((win) => ({ at: win.at, amount: win.amount })),
    reflection,
    // Dates only, of the mission's own working days: never the kind of time off.
    away: mission.plan.map((day) => day.date).filter((date) => input.awayDates.has(date)),
    asOf: now.toISOString(),
  };
}

export const missionRevision = (mission: Mission, wins: readonly Win[]): number =>
  wins.reduce((max, win) => Math.max(max, win.seq), mission.seq);
