// The milestone planner: spreads a mission's target over its working days and each day's wins
// over its deadlines. Pure: dates in, plans out.
//
// When the target is smaller than the number of working days, the later days get a count of 0
// ("rest days"). They stay in the plan, so a Mission's plan keeps one entry per working day and
// the rep can edit any day, but a checkpoint asking for 0 wins is not a milestone: it is never
// shown, never counted as hit or missed, and neither extends nor breaks a streak.
import { MissionTrayError } from '../kernel/errors.ts';
import { metricLabel } from '../../shared/mission.ts';
import type {
  Checkpoint,
  DayPlan,
  LocalDate,
  LocalTime,
  ParsedMissionDraft,
} from '../../shared/mission.ts';
import { datesInPeriod, isoWeekday, minutesOf } from '../kernel/time.ts';

export interface PeriodSpec {
  startDate: LocalDate;
  endDate: LocalDate;
  workingDays: readonly number[];
}

/** The working dates of a period, in order. */
export function workingDatesOf(period: PeriodSpec): LocalDate[] {
  return datesInPeriod(period.startDate, period.endDate).filter((d) =>
    period.workingDays.includes(isoWeekday(d)),
  );
}

/** `total` split into `parts` whole shares, the remainder going to the earliest shares. */
export function spread(total: number, parts: number): number[] {
  if (parts <= 0) return [];
  const base = Math.floor(total / parts);
  const extra = total % parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

/** Deadlines in time order without duplicates. */
export const orderedDeadlines = (deadlines: readonly LocalTime[]): LocalTime[] =>
  [...new Set(deadlines)].sort((a, b) => minutesOf(a) - minutesOf(b));

/**
 * One day's checkpoints for `count` wins: cumulative counts at each deadline, earlier deadlines
 * taking the remainder; no deadlines means one checkpoint by the end of the day.
 */
export function checkpointsFor(count: number, deadlines: readonly LocalTime[]): Checkpoint[] {
  const times = orderedDeadlines(deadlines);
  if (times.length === 0) return [{ count, by: null }];
  const shares = spread(count, times.length);
  let cumulative = 0;
  return times.map((by, i) => {
    cumulative += shares[i] ?? 0;
    return { count: cumulative, by };
  });
}

/** The wins a day's plan asks for in total (its last checkpoint). */
export const dayTarget = (plan: DayPlan): number => plan.checkpoints.at(-1)?.count ?? 0;

/** Spreads the draft's target over the period's working days, remainder to the earliest days. */
export function planMission(draft: ParsedMissionDraft): DayPlan[] {
  const dates = workingDatesOf(draft);
  const counts = spread(draft.target, dates.length);
  return dates.map((date, i) => ({
    date,
    checkpoints: checkpointsFor(counts[i] ?? 0, draft.deadlines),
  }));
}

/**
 * The plan a mission will keep: the rep's edited plan when there is one (checked against the
 * period, the working days and the target), else the automatic plan. Working days the edited
 * plan leaves out get a rest day (0 wins).
 */
export function resolvePlan(draft: ParsedMissionDraft): DayPlan[] {
  const dates = workingDatesOf(draft);
  if (dates.length === 0) {
    throw new MissionTrayError(
      'invalid',
      `There are no working days between ${draft.startDate} and ${draft.endDate}. Pick more working days or a longer period.`,
      { path: ['workingDays'] },
    );
  }
  if (!draft.plan) return planMission(draft);
  const byDate = new Map<LocalDate, DayPlan>();
  for (const [i, day] of draft.plan.entries()) {
    if (!dates.includes(day.date)) {
      throw new MissionTrayError(
        'invalid',
        `${day.date} is not a working day of this mission, so it can't have a milestone.`,
        { path: ['plan', i, 'date'] },
      );
    }
    if (byDate.has(day.date)) {
      throw new MissionTrayError('invalid', `${day.date} appears twice in the plan.`, {
        path: ['plan', i, 'date'],
      });
    }
    byDate.set(day.date, day);
  }
  const plan = dates.map(
    (date) => byDate.get(date) ?? { date, checkpoints: checkpointsFor(0, draft.deadlines) },
  );
  const planned = plan.reduce((sum, day) => sum + dayTarget(day), 0);
  if (planned !== draft.target) {
    const unit = metricLabel(draft.metric, draft.target);
    throw new MissionTrayError(
      'invalid',
      `The daily milestones add up to ${planned} but the target is ${draft.target} ${unit}. Change a day or the target so they match.`,
      { path: ['plan'] },
    );
  }
  return plan;
}

export interface CatchUpInput {
  /** Working dates left, today (if a working day) first. */
  dates: readonly LocalDate[];
  /** Wins still needed to reach the target. */
  remaining: number;
  deadlines: readonly LocalTime[];
  /** Local time now: today's deadlines already past are dropped from today's catch-up day. */
  nowTime: LocalTime;
  today: LocalDate;
}

/**
 * When behind: what remains, spread over the working days left (today included), remainder to
 * the earliest days. Counts are wins still to log from now on, not totals for the day.
 */
export function catchUpPlan(input: CatchUpInput): DayPlan[] {
  const remaining = Math.max(0, input.remaining);
  const counts = spread(remaining, input.dates.length);
  return input.dates.map((date, i) => {
    const count = counts[i] ?? 0;
    const deadlines =
      date === input.today
        ? input.deadlines.filter((t) => minutesOf(t) > minutesOf(input.nowTime))
        : input.deadlines;
    return { date, checkpoints: checkpointsFor(count, deadlines) };
  });
}

/**
 * A running mission's plan once time off changed, when the rep chose to spread: days off after
 * today ask for nothing, and what the plan still asks after today is spread over the working days
 * left that are not time off, as the catch-up planner spreads a shortfall. Today keeps its
 * milestones unless today itself is time off. The plan's sum stays the target. null when no
 * working day is left to take the days off's share (the plan stays as it was).
 */
export function planAroundTimeOff(
  mission: { plan: readonly DayPlan[]; target: number; deadlines: readonly LocalTime[] },
  away: ReadonlySet<LocalDate>,
  today: LocalDate,
): DayPlan[] | null {
  const kept = mission.plan
    .filter((day) => day.date <= today)
    .map((day) =>
      day.date === today && away.has(day.date)
        ? { date: day.date, checkpoints: checkpointsFor(0, mission.deadlines) }
        : day,
    );
  const later = mission.plan.filter((day) => day.date > today);
  const dates = later.filter((day) => !away.has(day.date)).map((day) => day.date);
  if (dates.length === 0) return null;
  const planned = kept.reduce((sum, day) => sum + dayTarget(day), 0);
  const spreadOver = new Map(
    catchUpPlan({
      dates,
      remaining: mission.target - planned,
      deadlines: mission.deadlines,
      nowTime: '00:00',
      today,
    }).map((day) => [day.date, day]),
  );
  return [
    ...kept,
    ...later.map(
      (day) =>
        spreadOver.get(day.date) ?? {
          date: day.date,
          checkpoints: checkpointsFor(0, mission.deadlines),
        },
    ),
  ];
}
