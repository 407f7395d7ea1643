import fc from 'fast-check';
import { dayStatusOf } from '../../../../src/core/today/day-status.ts';
import { describe, expect, it } from 'vitest';
import { dayTarget } from '../../../../src/core/missions/planner.ts';
import {
  expectedByNow,
  milestoneViews,
  missionToday,
  paceOf,
  settledStatus,
  tallyDay,
} from '../../../../src/core/missions/progress.ts';
import { instantOf, localDateOf } from '../../../../src/core/kernel/time.ts';
import type { DayPlan } from '../../../../src/shared/mission.ts';
import { missionOf, winAt } from '../fixtures.ts';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';

const twoDeadlines: DayPlan = {
  date: '2026-11-24',
  checkpoints: [
    { count: 2, by: '12:00' },
    { count: 4, by: '17:00' },
  ],
};

const states = (plan: DayPlan, wins: string[], now: string, zone = BERLIN) =>
  milestoneViews({
    plan,
    wins: wins.map((at) => winAt(at)),
    today: localDateOf(new Date(now), zone),
    now: new Date(now),
    timeZone: zone,
    leadMinutes: 60,
  }).map((m) => `${m.count}/${m.target} ${m.state}`);

describe('milestones', () => {
  it('shows the current milestone on track and later ones upcoming', () => {
    expect(states(twoDeadlines, ['2026-11-24T08:30:00Z'], '2026-11-24T09:00:00Z')).toEqual([
      '1/2 on-track',
      '1/4 upcoming',
    ]);
  });

  it('marks the milestone at risk within the reminder lead, missed after its deadline', () => {
    const wins = ['2026-11-24T08:30:00Z'];
    expect(states(twoDeadlines, wins, '2026-11-24T10:15:00Z')[0]).toBe('1/2 at-risk');
    expect(states(twoDeadlines, wins, '2026-11-24T11:00:00Z')).toEqual([
      '1/2 missed',
      '1/4 on-track',
    ]);
  });

  it('counts a win toward a milestone only if logged before its deadline', () => {
    // 12:00:30 Berlin is too late for the noon milestone but counts toward 17:00.
    const wins = ['2026-11-24T09:00:00Z', '2026-11-24T11:00:30Z'];
    expect(states(twoDeadlines, wins, '2026-11-24T12:00:00Z')).toEqual([
      '1/2 missed',
      '2/4 on-track',
    ]);
  });

  it('is done as soon as the count is reached', () => {
    const wins = ['2026-11-24T08:00:00Z', '2026-11-24T08:10:00Z'];
    expect(states(twoDeadlines, wins, '2026-11-24T08:15:00Z')).toEqual([
      '2/2 done',
      '2/4 on-track',
    ]);
  });

  it('shows a future day as upcoming and a past day as done or missed', () => {
    expect(states(twoDeadlines, [], '2026-11-23T12:00:00Z')).toEqual([
      '0/2 upcoming',
      '0/4 upcoming',
    ]);
    const wins = ['2026-11-24T08:00:00Z', '2026-11-24T08:10:00Z', '2026-11-24T15:00:00Z'];
    expect(states(twoDeadlines, wins, '2026-11-25T12:00:00Z')).toEqual(['2/2 done', '3/4 missed']);
  });

  it('leaves rest days (0 wins planned) without milestones', () => {
    const rest: DayPlan = { date: '2026-11-24', checkpoints: [{ count: 0, by: null }] };
    expect(states(rest, [], '2026-11-24T12:00:00Z')).toEqual([]);
  });

  it('uses the day’s own UTC offset on DST-change days (New York, spring forward)', () => {
    const sunday: DayPlan = { date: '2026-03-08', checkpoints: [{ count: 1, by: '12:00' }] };
    // 12:00 EDT is 16:00Z; with yesterday's offset (EST) it would be 17:00Z.
    expect(states(sunday, ['2026-03-08T16:30:00Z'], '2026-03-08T20:00:00Z', NEW_YORK)).toEqual([
      '0/1 missed',
    ]);
    expect(states(sunday, ['2026-03-08T15:30:00Z'], '2026-03-08T20:00:00Z', NEW_YORK)).toEqual([
      '1/1 done',
    ]);
  });

  it('uses the day’s own UTC offset on DST-change days (Berlin, fall back)', () => {
    const sunday: DayPlan = { date: '2026-10-25', checkpoints: [{ count: 1, by: '12:00' }] };
    // 12:00 CET is 11:00Z; with yesterday's offset (CEST) it would be 10:00Z.
    expect(tallyDay(sunday, [winAt('2026-10-25T10:30:00Z')], BERLIN).hit).toBe(1);
    expect(tallyDay(sunday, [winAt('2026-10-25T11:30:00Z')], BERLIN).hit).toBe(0);
  });
});

describe('tallyDay', () => {
  it('counts every win of the day and the milestones met by their deadline', () => {
    const wins = [
      winAt('2026-11-24T08:00:00Z', 2),
      winAt('2026-11-24T14:00:00Z'),
      winAt('2026-11-24T19:00:00Z'),
    ];
    expect(tallyDay(twoDeadlines, wins, BERLIN)).toEqual({ count: 4, hit: 1, of: 2 });
  });

  it('tallies a day without a plan as wins only', () => {
    expect(tallyDay(undefined, [winAt('2026-11-28T10:00:00Z', 3)], BERLIN)).toEqual({
      count: 3,
      hit: 0,
      of: 0,
    });
  });
});

describe('pace', () => {
  const mission = missionOf({ target: 10 }); // 2 a day, Mon 23 – Fri 27 Nov 2026
  const at = (iso: string, wins: string[]) => {
    const now = new Date(iso);
    const today = localDateOf(now, BERLIN);
    const all = wins.map((w) => winAt(w));
    return missionToday({
      mission,
      total: all.length,
      todayWins: all.filter((w) => localDateOf(new Date(w.at), BERLIN) === today),
      today,
      now,
      timeZone: BERLIN,
      leadMinutes: 60,
    });
  };

  it('is on pace before the working day starts', () => {
    const view = at('2026-11-23T07:00:00Z', []); // 08:00 Berlin
    expect(view.pace).toMatchObject({ expected: 0, label: 'on pace' });
    expect(view.catchUp).toBeNull();
  });

  it('expects the day’s wins pro rata through the working day', () => {
    const view = at('2026-11-23T12:00:00Z', []); // 13:00 Berlin: half of 09:00–17:00
    expect(view.pace).toMatchObject({ expected: 1, actual: 0, delta: -1, label: 'behind by 1' });
  });

  it('counts past days in full and offers a catch-up plan when behind', () => {
    const view = at('2026-11-25T08:00:00Z', [
      '2026-11-23T10:00:00Z',
      '2026-11-23T11:00:00Z',
      '2026-11-24T10:00:00Z',
    ]); // Wednesday 09:00: 4 expected, 3 done
    expect(view.pace.label).toBe('behind by 1');
    expect(view.workingDaysLeft).toBe(3);
    expect(view.catchUp?.map(dayTarget)).toEqual([3, 2, 2]);
  });

  it('leaves today out of the catch-up once its last deadline has passed', () => {
    const late = missionOf({ target: 10, deadlines: ['12:00', '17:00'] });
    const now = new Date('2026-11-25T16:30:00Z'); // Wednesday 17:30 Berlin
    const view = missionToday({
      mission: late,
      total: 3,
      todayWins: [],
      today: '2026-11-25',
      now,
      timeZone: BERLIN,
      leadMinutes: 60,
    });
    expect(view.pace.delta).toBeLessThan(0);
    expect(view.workingDaysLeft).toBe(2);
    expect(view.catchUp?.map((d) => [d.date, dayTarget(d)])).toEqual([
      ['2026-11-26', 4],
      ['2026-11-27', 3],
    ]);
  });

  it("offers no catch-up that only repeats the plan (a mission's first day)", () => {
    const view = at('2026-11-23T12:00:00Z', []); // Monday 13:00, behind by 1, nothing missed yet
    expect(view.pace.label).toBe('behind by 1');
    expect(view.catchUp).toBeNull();
  });

  it('says how far ahead the rep is', () => {
    const view = at('2026-11-23T09:00:00Z', [
      '2026-11-23T08:10:00Z',
      '2026-11-23T08:20:00Z',
      '2026-11-23T08:30:00Z',
    ]); // Monday 10:00: 0.25 expected
    expect(view.pace.label).toBe('ahead by 3');
    expect(view.todayCount).toBe(3);
    expect(view.todayTarget).toBe(2);
  });

  it('never expects more than the target and never goes down over time (property)', () => {
    const dst = missionOf({
      target: 37,
      startDate: '2026-10-20',
      endDate: '2026-11-06',
      workingDays: [1, 2, 3, 4, 5, 6, 7],
      deadlines: ['08:00', '12:00', '17:00'],
    });
    fc.assert(
      fc.property(
        fc.constantFrom(BERLIN, NEW_YORK),
        fc.integer({
          min: Date.parse('2026-10-19T00:00:00Z'),
          max: Date.parse('2026-11-08T00:00:00Z'),
        }),
        fc.integer({ min: 0, max: 3 * 86_400_000 }),
        (zone, t, dt) => {
          const e = (ms: number) =>
            expectedByNow(dst, localDateOf(new Date(ms), zone), new Date(ms), zone);
          expect(e(t)).toBeLessThanOrEqual(e(t + dt) + 1e-9);
          expect(e(t + dt)).toBeLessThanOrEqual(37);
        },
      ),
      { numRuns: 300 },
    );
    const end = instantOf('2026-11-06', null, NEW_YORK);
    expect(expectedByNow(dst, '2026-11-07', end, NEW_YORK)).toBe(37);
  });

  it('labels deltas', () => {
    expect(paceOf(4, 6).label).toBe('ahead by 2');
    expect(paceOf(1.4, 1).label).toBe('on pace');
    expect(paceOf(2.6, 1).label).toBe('behind by 2');
  });
});

describe('settling and the tray status', () => {
  it('settles an ended mission as completed or missed, and not before it ends', () => {
    const mission = missionOf({ target: 10 });
    expect(settledStatus(mission, 10, '2026-11-27')).toBe('active');
    expect(settledStatus(mission, 10, '2026-11-28')).toBe('completed');
    expect(settledStatus(mission, 9, '2026-11-28')).toBe('missed');
    expect(settledStatus({ ...mission, status: 'abandoned' }, 0, '2026-11-28')).toBe('abandoned');
  });

  it('shows idle, on-track, behind and done', () => {
    const mission = missionOf({ target: 10, deadlines: ['12:00'] });
    const view = (iso: string, wins: string[]) => {
      const now = new Date(iso);
      const all = wins.map((w) => winAt(w));
      return missionToday({
        mission,
        total: all.length,
        todayWins: all,
        today: localDateOf(now, BERLIN),
        now,
        timeZone: BERLIN,
        leadMinutes: 60,
      });
    };
    expect(dayStatusOf([], '2026-11-23')).toBe('idle');
    expect(dayStatusOf([view('2026-11-23T08:10:00Z', [])], '2026-11-23')).toBe('on-track');
    expect(dayStatusOf([view('2026-11-23T10:30:00Z', [])], '2026-11-23')).toBe('behind');
    const done = view('2026-11-23T10:30:00Z', ['2026-11-23T08:00:00Z', '2026-11-23T09:00:00Z']);
    expect(dayStatusOf([done], '2026-11-23')).toBe('done');
    expect(dayStatusOf([view('2026-11-30T10:00:00Z', [])], '2026-11-30')).toBe('idle');
  });
});
