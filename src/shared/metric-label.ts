// A metric's unit as a rep reads it ("1 meeting", "3 calls", "1 proposal"). Free of zod on purpose:
// the window's first screen imports it, and its initial JavaScript has a budget.
import type { Metric } from './mission.ts';

const NAMES: Record<Exclude<Metric['kind'], 'custom'>, [string, string]> = {
  meetings: ['meeting', 'meetings'],
  calls: ['call', 'calls'],
  'follow-ups': ['follow-up', 'follow-ups'],
  opportunities: ['new opportunity', 'new opportunities'],
  demos: ['demo', 'demos'],
};

/** One English plural noun made singular by the regular rules; anything else is kept. */
function singularWord(word: string): string {
  const lower = word.toLowerCase();
  if (/[^aeiou]ies$/.test(lower)) return `${word.slice(0, -3)}y`;
  if (/(ss|sh|ch|x|zz)es$/.test(lower)) return word.slice(0, -2);
  // Not an abbreviation ("sms") or a word in -is ("analysis"): those keep their s.
  const stem = lower.slice(0, -1);
  if (/[^su]s$/.test(lower) && !/[^aeiou]is$/.test(lower) && /[aeiouy]/.test(stem)) {
    return word.slice(0, -1);
  }
  return word;
}

/**
 * The singular a custom unit starts with: "proposals" → "proposal", "case studies" → "case
 * study", "hours of calls" → "hour of calls". The form shows it for the rep to correct
 * ("people" → "person"); a mission stored without one reads it.
 */
export function singularOf(unit: string): string {
  const text = unit.trim();
  // "hours of calls": the counted word is the one before "of".
  const of = text.search(/\s(of|per|with|to|for)\s/i);
  const head = of > 0 ? text.slice(0, of) : text;
  const rest = of > 0 ? text.slice(of) : '';
  const match = /^(.*?)(\S+)$/.exec(head);
  if (!match) return text;
  return `${match[1] ?? ''}${singularWord(match[2] ?? '')}${rest}`;
}

/** The metric's unit for a count: the singular for exactly 1, else the plural. */
export function metricLabel(metric: Metric, count = 2): string {
  if (metric.kind === 'custom') {
    return count === 1 ? (metric.singular ?? singularOf(metric.unit)) : metric.unit;
  }
  const [one, many] = NAMES[metric.kind];
  return count === 1 ? one : many;
}
