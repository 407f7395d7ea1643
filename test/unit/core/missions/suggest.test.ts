import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suggestTarget, type PastMission } from '../../../../src/core/missions/suggest.ts';
import { addDays } from '../../../../src/core/kernel/time.ts';
import { MAX_TARGET } from '../../../../src/shared/mission.ts';
import type { Mission, Reflection } from '../../../../src/shared/mission.ts';
import { missionOf } from '../fixtures.ts';

const week = {
  metric: { kind: 'meetings' },
  startDate: '2026-11-30',
  endDate: '2026-12-04',
  workingDays: [1, 2, 3, 4, 5],
} as const;

/** A finished Mon–Fri mission `weeksAgo` weeks before 23 Nov 2026. */
function past(
  weeksAgo: number,
  total: number,
  over: Partial<Mission> = {},
  target = 10,
): PastMission {
  const startDate = addDays('2026-11-23', -7 * weeksAgo);
  const mission = missionOf({
    id: `past-${weeksAgo}`,
    target,
    startDate,
    endDate: addDays(startDate, 4),
    status: total >= target ? 'completed' : 'missed',
    ...over,
  });
  return { mission, total };
}

const unrealistic: Reflection = {
  reason: 'unrealistic-target',
  note: 'Too many',
  nextStep: 'Aim lower',
  shareWithTeam: false,
  at: '2026-11-21T10:00:00Z',
};

describe('suggestTarget', () => {
  it('starts from a sensible default without history', () => {
    expect(suggestTarget(week, [])).toEqual({
      attainable: 10,
      challenging: 12,
      elite: 15,
      recommended: 'attainable',
      basis: 'default',
      sampleSize: 0,
      explanation:
        'No finished meetings missions yet, so this starts from 2 meetings a working day.',
    });
  });

  it('builds on what the rep achieved per working day on recent missions', () => {
    const history = [past(1, 12), past(2, 8), past(3, 10)];
    const suggestion = suggestTarget({ ...week, endDate: '2026-12-11' }, history); // 10 days
    expect(suggestion).toMatchObject({
      attainable: 20,
      challenging: 24,
      elite: 29,
      basis: 'history',
      sampleSize: 3,
    });
    expect(suggestion.explanation).toBe(
      'You averaged 2 meetings a working day on your last 3 meetings missions.',
    );
  });

  it('ignores other metrics, abandoned and running missions', () => {
    const history = [
      past(1, 40, { metric: { kind: 'calls' } }),
      past(2, 1, { status: 'abandoned' }),
      past(0, 0, { status: 'active' }),
      past(3, 15),
    ];
    expect(suggestTarget(week, history)).toMatchObject({ attainable: 15, sampleSize: 1 });
  });

  it('prefers missions of a similar length', () => {
    const quarter = missionOf({
      id: 'quarter',
      target: 300,
      startDate: '2026-06-01',
      endDate: '2026-08-28',
      status: 'completed',
    });
    const history = [past(2, 10), { mission: quarter, total: 320 }];
    expect(suggestTarget(week, history)).toMatchObject({ attainable: 10, sampleSize: 1 });
  });

  it('lowers the next suggestion after a mission missed as an unrealistic target', () => {
    const before = [past(1, 8, {}, 15), past(2, 10), past(3, 12)];
    const after = [past(1, 8, { reflection: unrealistic }, 15), past(2, 10), past(3, 12)];
    const plain = suggestTarget(week, before);
    const lowered = suggestTarget(week, after);
    expect(plain.attainable).toBe(10);
    expect(lowered.attainable).toBeLessThan(plain.attainable);
    expect(lowered.attainable).toBeLessThanOrEqual(8);
    expect(lowered.explanation).toMatch(/^Lowered: you marked your last meetings mission/);
  });

  it('recommends what the rep reached after a miss, the step up after a hit', () => {
    // Book 10 meetings, ended 8 of 10 and called unrealistic: 7 is offered, not the old 10.
    const missed = suggestTarget(week, [past(1, 8, { reflection: unrealistic })]);
    expect(missed).toMatchObject({ attainable: 7, challenging: 8, elite: 10 });
    expect(missed.recommended).toBe('attainable');
    expect(suggestTarget(week, [past(1, 8)]).recommended).toBe('attainable');
    // Hit 10 of 10: 12 is offered, the week after.
    const hit = suggestTarget(week, [past(1, 10)]);
    expect(hit).toMatchObject({ attainable: 10, challenging: 12, recommended: 'challenging' });
    // The latest mission decides, whatever came before it.
    expect(suggestTarget(week, [past(1, 8), past(2, 10)]).recommended).toBe('attainable');
  });

  it('explains a period without working days', () => {
    expect(() =>
      suggestTarget({ ...week, startDate: '2026-12-05', endDate: '2026-12-06' }, []),
    ).toThrow('There are no working days between 2026-12-05 and 2026-12-06');
  });

  it('always offers three rising whole targets within the limits (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100_000 }), fc.boolean()), { maxLength: 6 }),
        fc.integer({ min: 0, max: 365 }),
        (totals, length) => {
          const history = totals.map(([total, wasUnrealistic], i) =>
            past(i + 1, total, wasUnrealistic ? { reflection: unrealistic } : {}),
          );
          const s = suggestTarget(
            {
              ...week,
              workingDays: [1, 2, 3, 4, 5, 6, 7],
              endDate: addDays(week.startDate, length),
            },
            history,
          );
          expect(s.attainable).toBeGreaterThanOrEqual(1);
          expect(s.attainable).toBeLessThanOrEqual(s.challenging);
          expect(s.challenging).toBeLessThanOrEqual(s.elite);
          expect(s.elite).toBeLessThanOrEqual(MAX_TARGET);
          expect([s.attainable, s.challenging, s.elite].every(Number.isInteger)).toBe(true);
        },
      ),
    );
  });
});
