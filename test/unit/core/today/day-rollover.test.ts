// Settling at the day's turn, as a plain function: which missions end and with what status.
import { describe, expect, it } from 'vitest';
import { settlements } from '../../../../src/core/today/day-rollover.ts';
import { missionOf } from '../fixtures.ts';

describe('settlements', () => {
  const at = '2026-11-28T00:00:05.000Z';
  // Both Mon 23 – Fri 27 Nov 2026, target 10.
  const short = missionOf({ id: 'short' });
  const met = missionOf({ id: 'met' });
  const running = missionOf({ id: 'running', endDate: '2026-12-04' });
  const totals: Record<string, number> = { short: 6, met: 10, running: 3 };
  const totalOf = (id: string) => totals[id] ?? 0;

  it('ends the missions whose period is over: completed at the target, missed short of it', () => {
    const { settled, lastSeq } = settlements([short, met, running], totalOf, '2026-11-28', at, 40);
    expect([...settled.values()].map((m) => [m.id, m.status, m.seq, m.updatedAt])).toEqual([
      ['short', 'missed', 41, at],
      ['met', 'completed', 42, at],
    ]);
    expect(lastSeq).toBe(42);
  });

  it('leaves a mission alone on its last day, and one already ended', () => {
    expect(settlements([short, running], totalOf, '2026-11-27', at, 40)).toEqual({
      settled: new Map(),
      lastSeq: 40,
    });
    const abandoned = { ...short, status: 'abandoned' as const };
    expect(settlements([abandoned], totalOf, '2026-11-28', at, 40).settled.size).toBe(0);
  });
});
