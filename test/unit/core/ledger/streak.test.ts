import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closedDaysStreak,
  dayResultsOf,
  streakWithToday,
  type DayResult,
} from '../../../../src/core/ledger/streak.ts';
import type { DayTallies } from '../../../../src/shared/documents.ts';
import type { MilestoneView } from '../../../../src/shared/snapshot.ts';

const full = (date: string): DayResult => ({ date, hit: 2, of: 2 });
const short = (date: string): DayResult => ({ date, hit: 1, of: 2 });
const none = new Set<string>();

const milestone = (state: MilestoneView['state']): MilestoneView => ({
  date: '2026-11-30',
  by: '12:00',
  target: 2,
  count: state === 'done' ? 2 : 0,
  state,
});

describe('streak over closed days', () => {
  it('counts consecutive full days across a weekend without milestones', () => {
    const days = dayResultsOf({
      '2026-11-20': { m1: { count: 2, hit: 1, of: 1 } },
      '2026-11-21': { m1: { count: 0, hit: 0, of: 0 } },
      '2026-11-23': { m1: { count: 2, hit: 1, of: 1 }, m2: { count: 5, hit: 2, of: 2 } },
    } satisfies DayTallies);
    expect(days.map((d) => d.date)).toEqual(['2026-11-20', '2026-11-23']);
    expect(closedDaysStreak(days, none)).toEqual({ current: 2, best: 2 });
  });

  it('needs every milestone of every mission that day', () => {
    const days = dayResultsOf({
      '2026-11-23': { m1: { count: 2, hit: 1, of: 1 }, m2: { count: 1, hit: 0, of: 1 } },
    });
    expect(closedDaysStreak(days, none)).toEqual({ current: 0, best: 0 });
  });

  it('breaks on a short day and remembers the best run', () => {
    const days = [
      full('2026-11-16'),
      full('2026-11-17'),
      full('2026-11-18'),
      short('2026-11-19'),
      full('2026-11-20'),
    ];
    expect(closedDaysStreak(days, none)).toEqual({ current: 1, best: 3 });
  });

  it('lets a paused day neither break nor extend the streak', () => {
    const days = [full('2026-11-16'), short('2026-11-17'), full('2026-11-18')];
    expect(closedDaysStreak(days, new Set(['2026-11-17']))).toEqual({ current: 2, best: 2 });
  });

  it('is unchanged by adding paused days or days without milestones (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(40), fc.boolean()), { maxLength: 10 }),
        (hits, extras) => {
          const dates = (n: number) =>
            `2026-${String(1 + Math.floor(n / 28)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
          const base = hits.map((ok, i) => ({ date: dates(i * 2), hit: ok ? 1 : 0, of: 1 }));
          const paused = new Set<string>();
          const withExtras = [...base];
          for (const [slot, isPaused] of extras) {
            const date = dates(slot * 2 + 1);
            if (isPaused) {
              paused.add(date);
              withExtras.push({ date, hit: 0, of: 3 });
            } else withExtras.push({ date, hit: 0, of: 0 });
          }
          withExtras.sort((a, b) => (a.date < b.date ? -1 : 1));
          expect(closedDaysStreak(withExtras, paused)).toEqual(closedDaysStreak(base, none));
        },
      ),
    );
  });
});

describe('today in the streak', () => {
  const closed = { current: 4, best: 6 };

  it('counts today once all its milestones are done', () => {
    expect(streakWithToday(closed, [milestone('done'), milestone('done')], false)).toEqual({
      current: 5,
      best: 6,
    });
    expect(streakWithToday({ current: 6, best: 6 }, [milestone('done')], false)).toEqual({
      current: 7,
      best: 7,
    });
  });

  it('keeps yesterday’s streak while today is unfinished', () => {
    expect(streakWithToday(closed, [milestone('done'), milestone('on-track')], false)).toEqual(
      closed,
    );
    expect(streakWithToday(closed, [], false)).toEqual(closed);
  });

  it('breaks once a milestone of today is missed, unless today is paused', () => {
    expect(streakWithToday(closed, [milestone('missed'), milestone('on-track')], false)).toEqual({
      current: 0,
      best: 6,
    });
    expect(streakWithToday(closed, [milestone('missed')], true)).toEqual(closed);
  });
});
