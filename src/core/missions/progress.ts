// Progress against a mission's plan: milestone states, pace, a closed day's tally and the status a
// mission settles on when its period ends. Pure: the caller passes the instant and the zone.
import type { DayPlan, LocalDate, LocalTime, Mission, Win } from '../../shared/mission.ts';
import type { DayTally } from '../../shared/documents.ts';
import type { MilestoneView, MissionToday, Pace } from '../../shared/snapshot.ts';
import { catchUpPlan, dayTarget } from './planner.ts';
import { instantOf, localTimeOf, minutesOf, minutesToMs } from '../kernel/time.ts';

/** The reminder lead time used when the caller has no setting (DEFAULT_SETTINGS agrees). */
export const DEFAULT_LEAD_MINUTES = 60;

// Pace spreads a day's plan over these working hours, so a rep is not "behind" at 08:00 and an
// end-of-day milestone is expected by the end of the working day rather than at midnight.
const WORKDAY_START: LocalTime = '09:00';
const WORKDAY_END: LocalTime = '17:00';

export const sumAmounts = (wins: readonly Win[]): number =>
  wins.reduce((sum, win) => sum + win.amount, 0);

// Every snapshot compares each of today's wins with each deadline; a busy day has hundreds of
// wins, so each win's instant is parsed once. Win objects are never changed in place.
const loggedAt = new WeakMap<Win, number>();
function timeOf(win: Win): number {
  let ms = loggedAt.get(win);
  if (ms === undefined) {
    ms = Date.parse(win.at);
    loggedAt.set(win, ms);
  }
  return ms;
}

/** Wins logged strictly before `deadline`: what counts toward a milestone due then. */
export function countBefore(wins: readonly Win[], deadline: Date): number {
  const limit = deadline.getTime();
  return wins.reduce((sum, win) => (timeOf(win) < limit ? sum + win.amount : sum), 0);
}

export interface DayMilestonesInput {
  plan: DayPlan;
  /** The mission's wins logged on `plan.date` (local). */
  wins: readonly Win[];
  today: LocalDate;
  now: Date;
  timeZone: string;
  leadMinutes: number;
}

/**
 * One day's milestones and their states. A checkpoint asking for 0 wins is a rest day, not a
 * milestone. On a past day a milestone is done or missed. Today, the first one still open is
 * at-risk once its deadline is within the reminder lead (when the reminder fires), else
 * on-track; the ones after it are upcoming, as are every milestone of a future day.
 */
export function milestoneViews(input: DayMilestonesInput): MilestoneView[] {
  const { plan, wins, today, now, timeZone } = input;
  let open = false;
  const views: MilestoneView[] = [];
  for (const checkpoint of plan.checkpoints) {
    if (checkpoint.count === 0) continue;
    const deadline = instantOf(plan.date, checkpoint.by, timeZone);
    const count = countBefore(wins, deadline);
    const base = { date: plan.date, by: checkpoint.by, target: checkpoint.count, count };
    if (count >= checkpoint.count) views.push({ ...base, state: 'done' });
    else if (plan.date > today) views.push({ ...base, state: 'upcoming' });
    else if (plan.date < today || now.getTime() >= deadline.getTime())
      views.push({ ...base, state: 'missed' });
    else if (open) views.push({ ...base, state: 'upcoming' });
    else {
      open = true;
      const soon = deadline.getTime() - now.getTime() <= minutesToMs(input.leadMinutes);
      views.push({ ...base, state: soon ? 'at-risk' : 'on-track' });
    }
  }
  return views;
}

/** A closed day's result for one mission: every win that day, milestones met by their deadline. */
export function tallyDay(
  plan: DayPlan | undefined,
  wins: readonly Win[],
  timeZone: string,
): DayTally {
  const milestones = (plan?.checkpoints ?? []).filter((c) => c.count > 0);
  const hit = plan
    ? milestones.filter((c) => countBefore(wins, instantOf(plan.date, c.by, timeZone)) >= c.count)
        .length
    : 0;
  return { count: sumAmounts(wins), hit, of: milestones.length };
}

/**
 * Wins a day's plan expects by `now`: linear between checkpoints, from the start of the working
 * day (or midnight, when a milestone falls before it) to each deadline in turn.
 */
export function expectedWithinDay(plan: DayPlan, now: Date, timeZone: string): number {
  const first = plan.checkpoints[0];
  const startTime =
    first?.by !== null && first !== undefined && minutesOf(first.by) <= minutesOf(WORKDAY_START)
      ? '00:00'
      : WORKDAY_START;
  let fromMs = instantOf(plan.date, startTime, timeZone).getTime();
  let fromCount = 0;
  let lastTime: LocalTime = startTime;
  for (const checkpoint of plan.checkpoints) {
    const by = checkpoint.by ?? (minutesOf(lastTime) < minutesOf(WORKDAY_END) ? WORKDAY_END : null);
    const toMs = instantOf(plan.date, by, timeZone).getTime();
    if (now.getTime() < toMs) {
      const share = toMs > fromMs ? Math.max(0, now.getTime() - fromMs) / (toMs - fromMs) : 1;
      return fromCount + (checkpoint.count - fromCount) * share;
    }
    fromMs = toMs;
    fromCount = checkpoint.count;
    if (by !== null) lastTime = by;
  }
  return dayTarget(plan);
}

const NO_DAYS: ReadonlySet<LocalDate> = new Set();

/**
 * Wins the plan expects by `now`: whole plans of past days plus today's share so far. Days of
 * time off (`away`) expect nothing: the rep was not there to log.
 */
export function expectedByNow(
  mission: Pick<Mission, 'plan' | 'target'>,
  today: LocalDate,
  now: Date,
  timeZone: string,
  away: ReadonlySet<LocalDate> = NO_DAYS,
): number {
  let expected = 0;
  for (const day of mission.plan) {
    if (away.has(day.date)) continue;
    if (day.date < today) expected += dayTarget(day);
    else if (day.date === today) expected += expectedWithinDay(day, now, timeZone);
  }
  return Math.min(expected, mission.target);
}

export function paceOf(expected: number, actual: number): Pace {
  const rounded = Math.round(actual - expected);
  const delta = rounded === 0 ? 0 : rounded;
  const label = delta > 0 ? `ahead by ${delta}` : delta < 0 ? `behind by ${-delta}` : 'on pace';
  return { expected, actual, delta, label };
}

export interface MissionTodayInput {
  mission: Mission;
  /** Every win of the mission so far, today's included. */
  total: number;
  /** The mission's wins logged today. */
  todayWins: readonly Win[];
  today: LocalDate;
  now: Date;
  timeZone: string;
  leadMinutes: number;
  /** Days of time off: left out of pace, of the catch-up and of the working days left. */
  away?: ReadonlySet<LocalDate>;
}

/** Everything a view shows about one mission today. */
export function missionToday(input: MissionTodayInput): MissionToday {
  const { mission, total, todayWins, today, now, timeZone } = input;
  const away = input.away ?? NO_DAYS;
  const todayPlan = mission.plan.find((day) => day.date === today);
  const milestones = todayPlan
    ? milestoneViews({
        plan: todayPlan,
        wins: todayWins,
        today,
        now,
        timeZone,
        leadMinutes: input.leadMinutes,
      })
    : [];
  const pace = paceOf(expectedByNow(mission, today, now, timeZone, away), total);
  const nowTime = localTimeOf(now, timeZone);
  // Once today's last deadline has passed, today is no longer a day to catch up on.
  const todayOver =
    mission.deadlines.length > 0 &&
    mission.deadlines.every((t) => minutesOf(t) <= minutesOf(nowTime));
  const daysLeft = mission.plan.filter(
    (day) => !away.has(day.date) && (day.date > today || (day.date === today && !todayOver)),
  );
  const datesLeft = daysLeft.map((day) => day.date);
  const remaining = mission.target - total;
  const plan =
    pace.delta < 0 && remaining > 0 && datesLeft.length > 0
      ? catchUpPlan({ dates: datesLeft, remaining, deadlines: mission.deadlines, nowTime, today })
      : null;
  // A catch-up that asks each day for what the plan already asks (a first morning) is no plan.
  const catchUp =
    plan && plan.some((day, i) => dayTarget(day) !== dayTarget(daysLeft[i] ?? day)) ? plan : null;
  return {
    mission,
    total,
    todayCount: sumAmounts(todayWins),
    todayTarget: todayPlan ? dayTarget(todayPlan) : 0,
    milestones,
    pace,
    catchUp,
    workingDaysLeft: datesLeft.length,
  };
}

/** The status an active mission settles on once its period has ended. */
export function settledStatus(
  mission: Pick<Mission, 'status' | 'endDate' | 'target'>,
  total: number,
  today: LocalDate,
): Mission['status'] {
  if (mission.status !== 'active' || today <= mission.endDate) return mission.status;
  return total >= mission.target ? 'completed' : 'missed';
}
