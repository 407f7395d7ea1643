// Suggested targets from the rep's own history: what they actually achieved per working day on
// recent missions of the same metric and a similar length, scaled to the new period.
import { MissionTrayError } from '../kernel/errors.ts';
import { MAX_TARGET, metricLabel } from '../../shared/mission.ts';
import type { Metric, Mission } from '../../shared/mission.ts';
import type { Suggestion } from '../../shared/snapshot.ts';
import { workingDatesOf } from './planner.ts';
import type { PeriodSpec } from './planner.ts';

export interface SuggestTargetInput extends PeriodSpec {
  metric: Metric;
}

export interface PastMission {
  mission: Mission;
  /** Wins logged toward it. */
  total: number;
}

// A typical first pace per working day, for reps without history.
const DEFAULT_DAILY: Record<Metric['kind'], number> = {
  meetings: 2,
  calls: 20,
  'follow-ups': 10,
  opportunities: 1,
  demos: 1,
  custom: 5,
};
const SAMPLE_SIZE = 5;
// Periods count as similar within a factor of two of working days.
const SIMILAR_LENGTH = 2;
const CHALLENGING = 1.2;
const ELITE = 1.45;
// After a mission the rep called unrealistic, start from 15% under what they achieved.
const UNREALISTIC_CUT = 0.85;

export const metricKey = (metric: Metric): string =>
  metric.kind === 'custom'
    ? `custom:${metric.label.toLowerCase()}:${metric.unit.toLowerCase()}`
    : metric.kind;

const clamp = (n: number): number => Math.min(MAX_TARGET, Math.max(1, Math.round(n)));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const perDay = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));

function levels(daily: number, workingDays: number) {
  const attainable = clamp(daily * workingDays);
  const challenging = Math.min(
    MAX_TARGET,
    Math.max(attainable + 1, clamp(daily * CHALLENGING * workingDays)),
  );
  const elite = Math.min(MAX_TARGET, Math.max(challenging + 1, clamp(daily * ELITE * workingDays)));
  return { attainable, challenging, elite };
}

/** Three targets for a new mission, with the reason in a sentence. */
export function suggestTarget(
  input: SuggestTargetInput,
  history: readonly PastMission[],
): Suggestion {
  const workingDays = workingDatesOf(input).length;
  if (workingDays === 0) {
    throw new MissionTrayError(
      'invalid',
      `There are no working days between ${input.startDate} and ${input.endDate}. Pick more working days or a longer period.`,
      { path: ['workingDays'] },
    );
  }
  const unit = metricLabel(input.metric);
  const key = metricKey(input.metric);
  const ended = history
    .filter(
      (p) =>
        (p.mission.status === 'completed' || p.mission.status === 'missed') &&
        metricKey(p.mission.metric) === key,
    )
    .map((p) => ({ ...p, days: p.mission.plan.length }))
    .filter((p) => p.days > 0)
    .sort((a, b) => (a.mission.endDate < b.mission.endDate ? 1 : -1));
  const similar = ended.filter(
    (p) => p.days <= workingDays * SIMILAR_LENGTH && workingDays <= p.days * SIMILAR_LENGTH,
  );
  const sample = (similar.length > 0 ? similar : ended).slice(0, SAMPLE_SIZE);

  if (sample.length === 0) {
    const daily = DEFAULT_DAILY[input.metric.kind];
    return {
      ...levels(daily, workingDays),
      recommended: 'attainable',
      basis: 'default',
      sampleSize: 0,
      explanation: `No finished ${unit} missions yet, so this starts from ${daily} ${unit} a working day.`,
    };
  }

  const rates = sample.map((p) => p.total / p.days);
  const latest = sample[0];
  const unrealistic =
    latest?.mission.status === 'missed' &&
    latest.mission.reflection?.reason === 'unrealistic-target';
  const achieved = median(rates);
  const daily = unrealistic
    ? Math.min(achieved, latest.total / latest.days) * UNREALISTIC_CUT
    : achieved;
  const missions = sample.length === 1 ? `${unit} mission` : `${sample.length} ${unit} missions`;
  // After a miss, what the rep reached (lowered when they called the target unrealistic): the
  // level they would not set higher again. After a hit, the step up that keeps the momentum.
  const recommended = latest?.mission.status === 'completed' ? 'challenging' : 'attainable';
  const basis = `You averaged ${perDay(Math.round(achieved * 10) / 10)} ${unit} a working day on your last ${missions}.`;
  return {
    ...levels(daily, workingDays),
    recommended,
    basis: 'history',
    sampleSize: sample.length,
    explanation: unrealistic
      ? `Lowered: you marked your last ${unit} mission as an unrealistic target. ${basis}`
      : basis,
  };
}
