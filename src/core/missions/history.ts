// The history view: past missions and their outcomes, the last four weeks of wins against the
// plan, and the hit rate of finished missions by metric. Archived missions are left out: archiving
// is how a rep hides a mission.
import type { DayTallies } from '../../shared/documents.ts';
import { metricLabel } from '../../shared/mission.ts';
import type { LocalDate, Metric, Mission, Win } from '../../shared/mission.ts';
import type { HistorySnapshot } from '../../shared/snapshot.ts';
import { dayTarget } from './planner.ts';
import { sumAmounts } from './progress.ts';
import { addDays } from '../kernel/time.ts';

export const HISTORY_DAYS = 28;

export interface HistoryInput {
  missions: readonly Mission[];
  /** Wins so far per mission id, today's included. */
  totals: ReadonlyMap<string, number>;
  /** Closed days' tallies. */
  days: DayTallies;
  todayWins: readonly Win[];
  today: LocalDate;
}

const OUTCOME = {
  completed: 'hit',
  missed: 'missed',
  abandoned: 'abandoned',
  active: 'active',
} as const;

const metricName = (metric: Metric): string =>
  metric.kind === 'custom' ? metric.label : metricLabel(metric);

export function buildHistory(input: HistoryInput): HistorySnapshot {
  const shown = input.missions
    .filter((m) => !m.archived)
    .sort((a, b) => (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : 0));

  const planned = new Map<LocalDate, number>();
  for (const mission of shown) {
    if (mission.status === 'abandoned') continue;
    for (const day of mission.plan) {
      planned.set(day.date, (planned.get(day.date) ?? 0) + dayTarget(day));
    }
  }
  const daily = Array.from({ length: HISTORY_DAYS }, (_, i) => {
    const date = addDays(input.today, i - HISTORY_DAYS + 1);
    const wins =
      date === input.today
        ? sumAmounts(input.todayWins)
        : Object.values(input.days[date] ?? {}).reduce((sum, tally) => sum + tally.count, 0);
    return { date, wins, planned: planned.get(date) ?? 0 };
  });

  const rates = new Map<string, { hit: number; total: number }>();
  for (const mission of shown) {
    if (mission.status !== 'completed' && mission.status !== 'missed') continue;
    const name = metricName(mission.metric);
    const rate = rates.get(name) ?? { hit: 0, total: 0 };
    rate.total += 1;
    if (mission.status === 'completed') rate.hit += 1;
    rates.set(name, rate);
  }

  return {
    missions: shown.map((mission) => ({
      mission,
      total: input.totals.get(mission.id) ?? 0,
      outcome: OUTCOME[mission.status],
    })),
    daily,
    hitRateByMetric: [...rates].map(([metric, { hit, total }]) => ({
      metric,
      hit,
      total,
      rate: hit / total,
    })),
  };
}
