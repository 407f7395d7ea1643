// One definition of the day's status: what the tray (icon, tooltip, title, menu) and the window
// say about the same moment, in the cases where they used to disagree.
import { describe, expect, it } from 'vitest';
import { dayStatusOf } from '../../../../src/core/today/day-status.ts';
import type { MilestoneState, MissionToday } from '../../../../src/shared/snapshot.ts';
import { mission, snapshot } from '../notifications/scheduler-fixtures.ts';

const week = mission('m1', 'Book 20 meetings', { startDate: '2026-11-23', endDate: '2026-11-29' });

function today(
  date: string,
  milestones: { target: number; count: number; state: MilestoneState }[],
  delta: number,
): MissionToday[] {
  const base = snapshot(date, 'Europe/Berlin', [
    { mission: week, milestones: milestones.map((m, i) => ({ ...m, by: i ? '17:00' : '12:00' })) },
  ]);
  return base.missions.map((m) => ({
    ...m,
    milestones: m.milestones.map((view, i) => ({
      ...view,
      state: milestones[i]?.state ?? 'upcoming',
    })),
    pace: { ...m.pace, delta, label: delta < 0 ? `behind by ${-delta}` : 'on pace' },
  }));
}

describe("the day's status", () => {
  it('a milestone missed earlier today while the pace holds: on track, as the cards say', () => {
    const missions = today(
      '2026-11-25',
      [
        { target: 2, count: 1, state: 'missed' },
        { target: 4, count: 3, state: 'on-track' },
      ],
      0,
    );
    expect(dayStatusOf(missions, '2026-11-25')).toBe('on-track');
  });

  it('a weekend with nothing due: nothing due, not "Behind", whatever the pace', () => {
    expect(dayStatusOf(today('2026-11-28', [], -6), '2026-11-28')).toBe('idle');
  });

  it('every milestone of today done but the week behind by 2: behind, never "done"', () => {
    const missions = today(
      '2026-11-25',
      [
        { target: 2, count: 2, state: 'done' },
        { target: 4, count: 4, state: 'done' },
      ],
      -2,
    );
    expect(dayStatusOf(missions, '2026-11-25')).toBe('behind');
    const caughtUp = today('2026-11-25', [{ target: 2, count: 2, state: 'done' }], 0);
    expect(dayStatusOf(caughtUp, '2026-11-25')).toBe('done');
  });

  it('behind pace on a working day, or nothing running: behind, idle', () => {
    const behind = today('2026-11-25', [{ target: 2, count: 0, state: 'at-risk' }], -3);
    expect(dayStatusOf(behind, '2026-11-25')).toBe('behind');
    expect(dayStatusOf([], '2026-11-25')).toBe('idle');
    expect(dayStatusOf(behind, '2026-11-30')).toBe('idle');
  });
});
