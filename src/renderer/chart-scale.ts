// The History chart's count axis: round values a rep reads at a glance.

/**
 * Ticks from 0 to at least `max`, 1, 2 or 5 times a power of ten apart, at most five of them:
 * 6 → 0 2 4 6, 7 → 0 2 4 6 8, 23 → 0 10 20 30, 0 → 0 1.
 */
export function countTicks(max: number): number[] {
  const top = Math.max(1, Math.ceil(max));
  // Whole counts only: the smallest round step from a tenth of the magnitude up, at least 1.
  const tenth = Math.max(1, 10 ** (Math.floor(Math.log10(top)) - 1));
  const step =
    [1, 2, 5, 10, 20, 50, 100].map((m) => m * tenth).find((s) => Math.ceil(top / s) <= 4) ??
    100 * tenth;
  const count = Math.ceil(top / step);
  return Array.from({ length: count + 1 }, (_, i) => i * step);
}
