import { describe, expect, it } from 'vitest';
import { sameView } from '../../../../src/core/today/same-view.ts';
import { buildTodaySnapshot } from '../../../../src/core/today/today-snapshot.ts';

const snapshotAt = (now: string, awayDays: string[] = []) =>
  buildTodaySnapshot({
    now: new Date(now),
    timeZone: 'Europe/Berlin',
    locale: 'en-GB',
    today: '2026-11-23',
    missions: [],
    timeOff: awayDays.map((date) => ({ date, kind: 'away' as const })),
    awayDates: new Set(awayDays),
    todayWins: [],
    totalOf: () => 0,
    lastWin: null,
    closedStreak: { current: 0, best: 0 },
    leadMinutes: 60,
    notices: [],
  });

describe('sameView', () => {
  it('holds two snapshots that differ only in their instant to be the same view', () => {
    expect(sameView(snapshotAt('2026-11-23T08:00:00Z'), snapshotAt('2026-11-23T08:01:00Z'))).toBe(
      true,
    );
  });

  it('tells a changed view apart, and a first snapshot from none', () => {
    const now = '2026-11-23T08:00:00Z';
    expect(sameView(snapshotAt(now), snapshotAt(now, ['2026-11-23']))).toBe(false);
    expect(sameView(snapshotAt(now), null)).toBe(false);
  });
});
