// A metric's unit as a rep reads it ("1 meeting", "3 calls"). Free of zod on purpose: the window's
// first screen imports it, and its initial JavaScript has a budget.
import type { Metric } from './mission.ts';

const NAMES: Record<Exclude<Metric['kind'], 'custom'>, [string, string]> = {
  meetings: ['meeting', 'meetings'],
  calls: ['call', 'calls'],
  'follow-ups': ['follow-up', 'follow-ups'],
  opportunities: ['new opportunity', 'new opportunities'],
  demos: ['demo', 'demos'],
};

export function metricLabel(metric: Metric, count = 2): string {
  if (metric.kind === 'custom') return metric.unit;
  const [one, many] = NAMES[metric.kind];
  return count === 1 ? one : many;
}
