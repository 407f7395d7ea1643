// What the window celebrates: a milestone that became done since the last snapshot, once.
import { describe, expect, it } from 'vitest';
import type { MilestoneView, TodaySnapshot } from '../../../src/shared/snapshot.ts';
import { milestoneHits } from '../../../src/renderer/milestone-hits.ts';
import { storedMission } from '../../e2e/seed-history.ts';

const mission = storedMission(
  { id: 'm1', title: 'Book 10 meetings', target: 10, startDate: '2026-11-23', seq: 1 },
  'Europe/Berlin',
);

function snapshot(milestones: MilestoneView[]): TodaySnapshot {
  return {
    at: '2026-11-23T10:00:00.000Z',
    timeZone: 'Europe/Berlin',
    locale: 'en-GB',
    today: '2026-11-23',
    missions: [
      {
        mission,
        total: 0,
        todayCount: 0,
        todayTarget: 2,
        milestones,
        pace: { expected: 0, actual: 0, delta: 0, label: 'on pace' },
        catchUp: null,
        workingDaysLeft: 5,
      },
    ],
    lastWin: null,
    wins: [],
    streak: { current: 0, best: 0 },
    paused: false,
    timeOff: [],
    status: 'on-track',
    awaitingReflection: [],
    notices: [],
  };
}

const noon = (count: number, state: MilestoneView['state']): MilestoneView => ({
  date: '2026-11-23',
  by: '12:00',
  target: 1,
  count,
  state,
});

describe('milestoneHits', () => {
  it('celebrates the milestone a win completed', () => {
    const hits = milestoneHits(snapshot([noon(0, 'on-track')]), snapshot([noon(1, 'done')]));
    expect(hits.map((h) => [h.mission.id, h.milestone.by])).toEqual([['m1', '12:00']]);
  });

  it('does not celebrate again on the next snapshot, nor on the first one', () => {
    expect(milestoneHits(snapshot([noon(1, 'done')]), snapshot([noon(1, 'done')]))).toEqual([]);
    expect(milestoneHits(null, snapshot([noon(1, 'done')]))).toEqual([]);
  });

  it('a missed milestone is no celebration', () => {
    expect(milestoneHits(snapshot([noon(0, 'at-risk')]), snapshot([noon(0, 'missed')]))).toEqual(
      [],
    );
  });
});
