import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MissionTrayError } from '../../../../src/core/kernel/errors.ts';
import {
  catchUpPlan,
  checkpointsFor,
  dayTarget,
  planMission,
  resolvePlan,
  workingDatesOf,
} from '../../../../src/core/missions/planner.ts';
import { addDays, isoWeekday } from '../../../../src/core/kernel/time.ts';
import { DayPlan, MissionDraft } from '../../../../src/shared/mission.ts';
import type { ParsedMissionDraft } from '../../../../src/shared/mission.ts';

const draft = (over: Partial<ParsedMissionDraft> = {}): ParsedMissionDraft =>
  MissionDraft.parse({
    title: 'Book meetings',
    metric: { kind: 'meetings' },
    target: 10,
    startDate: '2026-11-23', // a Monday
    endDate: '2026-11-29',
    workingDays: [1, 2, 3, 4, 5],
    ...over,
  });

const counts = (plan: DayPlan[]) => plan.map(dayTarget);

describe('planMission', () => {
  it('spreads a week’s target over the working days, remainder to the earliest', () => {
    const plan = planMission(draft({ target: 12 }));
    expect(plan.map((d) => d.date)).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
    ]);
    expect(counts(plan)).toEqual([3, 3, 2, 2, 2]);
    expect(plan[0]?.checkpoints).toEqual([{ count: 3, by: null }]);
  });

  it('turns deadlines into cumulative checkpoints, earlier ones taking the remainder', () => {
    const plan = planMission(draft({ target: 25, deadlines: ['17:00', '12:00'] }));
    expect(plan[0]?.checkpoints).toEqual([
      { count: 3, by: '12:00' },
      { count: 5, by: '17:00' },
    ]);
    expect(checkpointsFor(4, ['09:00', '12:00', '17:00'])).toEqual([
      { count: 2, by: '09:00' },
      { count: 3, by: '12:00' },
      { count: 4, by: '17:00' },
    ]);
  });

  it('keeps rest days with 0 wins when the target is smaller than the working days', () => {
    const plan = planMission(draft({ target: 3 }));
    expect(counts(plan)).toEqual([1, 1, 1, 0, 0]);
  });

  it('plans across a DST change by calendar day', () => {
    const plan = planMission(
      draft({ startDate: '2026-10-23', endDate: '2026-10-27', workingDays: [5, 6, 7, 1, 2] }),
    );
    expect(plan.map((d) => d.date)).toEqual([
      '2026-10-23',
      '2026-10-24',
      '2026-10-25',
      '2026-10-26',
      '2026-10-27',
    ]);
  });

  it('sums to the target, only on working days, never negative, valid day plans (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.date({
          min: new Date('2025-01-01T00:00:00Z'),
          max: new Date('2028-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 120 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        fc.uniqueArray(
          fc
            .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
            .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
          { maxLength: 4 },
        ),
        (target, start, length, workingDays, deadlines) => {
          const startDate = start.toISOString().slice(0, 10);
          const d = draft({
            target,
            startDate,
            endDate: addDays(startDate, length),
            workingDays,
            deadlines,
          });
          const plan = planMission(d);
          expect(plan).toHaveLength(workingDatesOf(d).length);
          if (plan.length === 0) return;
          expect(counts(plan).reduce((a, b) => a + b, 0)).toBe(target);
          for (const day of plan) {
            expect(d.workingDays).toContain(isoWeekday(day.date));
            expect(DayPlan.safeParse(day).success).toBe(true);
            for (const c of day.checkpoints) expect(c.count).toBeGreaterThanOrEqual(0);
          }
          // Earlier days never get fewer wins than later ones.
          const c = counts(plan);
          expect(c.every((n, i) => i === 0 || n <= (c[i - 1] ?? 0))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('resolvePlan', () => {
  it('uses the automatic plan when the rep did not edit it', () => {
    expect(resolvePlan(draft())).toEqual(planMission(draft()));
  });

  it('keeps the rep’s edited plan and fills left-out working days with rest days', () => {
    const plan = resolvePlan(
      draft({
        target: 10,
        plan: [
          { date: '2026-11-23', checkpoints: [{ count: 6, by: '12:00' }] },
          { date: '2026-11-25', checkpoints: [{ count: 4, by: null }] },
        ],
      }),
    );
    expect(counts(plan)).toEqual([6, 0, 4, 0, 0]);
  });

  it.each([
    [
      'a weekend day',
      [{ date: '2026-11-28', checkpoints: [{ count: 10, by: null }] }],
      '2026-11-28 is not a working day',
    ],
    [
      'a day outside the period',
      [{ date: '2026-12-01', checkpoints: [{ count: 10, by: null }] }],
      '2026-12-01 is not a working day',
    ],
    [
      'a day twice',
      [
        { date: '2026-11-23', checkpoints: [{ count: 5, by: null }] },
        { date: '2026-11-23', checkpoints: [{ count: 5, by: null }] },
      ],
      'appears twice',
    ],
    [
      'a plan short of the target',
      [{ date: '2026-11-23', checkpoints: [{ count: 9, by: null }] }],
      'add up to 9 but the target is 10 meetings',
    ],
  ])('rejects an edited plan with %s, saying why', (_, plan, message) => {
    expect(() => resolvePlan(draft({ plan }))).toThrow(message);
  });

  it('rejects a period without working days', () => {
    const attempt = () =>
      resolvePlan(draft({ startDate: '2026-11-28', endDate: '2026-11-29', workingDays: [1] }));
    expect(attempt).toThrow(MissionTrayError);
    expect(attempt).toThrow('There are no working days between 2026-11-28 and 2026-11-29');
  });
});

describe('catchUpPlan', () => {
  it('spreads what remains over the days left and drops today’s past deadlines', () => {
    const plan = catchUpPlan({
      dates: ['2026-11-25', '2026-11-26', '2026-11-27'],
      remaining: 7,
      deadlines: ['12:00', '17:00'],
      nowTime: '13:10',
      today: '2026-11-25',
    });
    expect(plan).toEqual([
      { date: '2026-11-25', checkpoints: [{ count: 3, by: '17:00' }] },
      {
        date: '2026-11-26',
        checkpoints: [
          { count: 1, by: '12:00' },
          { count: 2, by: '17:00' },
        ],
      },
      {
        date: '2026-11-27',
        checkpoints: [
          { count: 1, by: '12:00' },
          { count: 2, by: '17:00' },
        ],
      },
    ]);
  });

  it('sums to what remains, never negative (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 60 }),
        (remaining, days) => {
          const dates = Array.from({ length: days }, (_, i) => addDays('2026-11-23', i));
          const plan = catchUpPlan({
            dates,
            remaining,
            deadlines: ['12:00'],
            nowTime: '08:00',
            today: '2026-11-23',
          });
          expect(counts(plan).reduce((a, b) => a + b, 0)).toBe(remaining);
          expect(counts(plan).every((n) => n >= 0)).toBe(true);
        },
      ),
    );
  });
});
