// The History chart's count axis: round ticks that reach the tallest day.
import { describe, expect, it } from 'vitest';
import { countTicks } from '../../../src/renderer/chart-scale.ts';

describe('countTicks', () => {
  it('gives round values from 0 past the tallest day, five at most', () => {
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(1)).toEqual([0, 1]);
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(countTicks(5)).toEqual([0, 2, 4, 6]);
    expect(countTicks(6)).toEqual([0, 2, 4, 6]);
    expect(countTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(countTicks(9)).toEqual([0, 5, 10]);
    expect(countTicks(23)).toEqual([0, 10, 20, 30]);
    expect(countTicks(100)).toEqual([0, 50, 100]);
    expect(countTicks(101)).toEqual([0, 50, 100, 150]);
  });

  it('always reaches the maximum, in at most five ticks', () => {
    for (let max = 0; max <= 5000; max += 7) {
      const ticks = countTicks(max);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(5);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
    }
  });
});
