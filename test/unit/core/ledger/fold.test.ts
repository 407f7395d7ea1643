import { describe, expect, it } from 'vitest';
import { tallyClosedDays, totalsOf } from '../../../../src/core/ledger/fold.ts';
import { missionOf, winAt } from '../fixtures.ts';

describe('tallyClosedDays', () => {
  const running = missionOf({ id: 'run', target: 10, deadlines: ['12:00'] }); // 2 a day, Mon–Fri
  const archived = missionOf({ id: 'old', archived: true });
  const abandoned = missionOf({ id: 'gone', status: 'abandoned' });

  it('tallies every mission’s day, counting wins of hidden missions but not their milestones', () => {
    const days = tallyClosedDays({
      from: '2026-11-23',
      to: '2026-11-29',
      missions: [running, archived, abandoned],
      winsByDate: new Map([
        [
          '2026-11-23',
          [
            winAt('2026-11-23T09:00:00Z', 2, 'run'), // 10:00 Berlin, before noon
            winAt('2026-11-23T10:00:00Z', 1, 'old'),
            winAt('2026-11-23T10:00:00Z', 1, 'unknown'),
          ],
        ],
        ['2026-11-28', [winAt('2026-11-28T10:00:00Z', 1, 'run')]], // a Saturday
      ]),
      timeZone: 'Europe/Berlin',
    });
    expect(days['2026-11-23']).toEqual({
      run: { count: 2, hit: 1, of: 1 },
      old: { count: 1, hit: 0, of: 0 },
    });
    expect(days['2026-11-24']).toEqual({ run: { count: 0, hit: 0, of: 1 } });
    expect(days['2026-11-28']).toEqual({ run: { count: 1, hit: 0, of: 0 } });
    expect(days['2026-11-29']).toBeUndefined();
    expect(totalsOf(days)).toEqual(
      new Map([
        ['run', 3],
        ['old', 1],
      ]),
    );
  });
});
