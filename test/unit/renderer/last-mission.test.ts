// Where a rep stands with nothing running: which mission ended last, and what the button that
// starts the next one says.
import { describe, expect, it } from 'vitest';
import { lastEnded, nextPeriodWords } from '../../../src/renderer/last-mission.ts';
import { nextMissionForm } from '../../../src/renderer/views/mission-form-state.ts';
import type { HistorySnapshot } from '../../../src/shared/snapshot.ts';
import { missionOf } from '../core/fixtures.ts';

const week = (id: string, startDate: string, endDate: string, updatedAt = '2026-11-20T10:00:00Z') =>
  missionOf({ id, title: `Book 10 meetings (${id})`, target: 10, startDate, endDate, updatedAt });

const history = (missions: HistorySnapshot['missions']): HistorySnapshot => ({
  missions,
  daily: [],
  hitRateByMetric: [],
});

describe('lastEnded', () => {
  it('is the ended mission with the latest end, whatever its outcome; running ones do not count', () => {
    const h = history([
      { mission: week('running', '2026-11-30', '2026-12-04'), total: 1, outcome: 'active' },
      { mission: week('older', '2026-11-16', '2026-11-20'), total: 10, outcome: 'hit' },
      { mission: week('last', '2026-11-23', '2026-11-27'), total: 8, outcome: 'missed' },
    ]);
    expect(lastEnded(h)).toMatchObject({ mission: { id: 'last' }, total: 8, outcome: 'missed' });
  });

  it('on the same end day, the one changed last (an abandon after a miss)', () => {
    const h = history([
      {
        mission: week('a', '2026-11-23', '2026-11-27', '2026-11-27T17:00:00Z'),
        total: 8,
        outcome: 'missed',
      },
      {
        mission: week('b', '2026-11-23', '2026-11-27', '2026-11-27T18:00:00Z'),
        total: 2,
        outcome: 'abandoned',
      },
    ]);
    expect(lastEnded(h)?.mission.id).toBe('b');
  });

  it('is null without an ended mission: a true first run', () => {
    expect(lastEnded(history([]))).toBeNull();
  });
});

describe('the next mission from the last', () => {
  const last = week('last', '2026-11-23', '2026-11-29');

  it('is this week’s while a working day is left in it, next week’s at the weekend', () => {
    expect(nextPeriodWords(last, '2026-11-30')).toBe('Start this week’s mission');
    expect(nextPeriodWords(last, '2026-12-04')).toBe('Start this week’s mission');
    expect(nextPeriodWords(last, '2026-12-05')).toBe('Start next week’s mission');
    expect(nextMissionForm(last, '2026-12-05')).toMatchObject({
      startDate: '2026-12-07',
      endDate: '2026-12-13',
    });
  });

  it('keeps the last one’s metric, title, deadlines and visibility over the week ahead', () => {
    const form = nextMissionForm({ ...last, visibility: 'public' }, '2026-11-30');
    expect(form).toMatchObject({
      title: 'Book 10 meetings (last)',
      metricKind: 'meetings',
      target: '10',
      startDate: '2026-11-30',
      endDate: '2026-12-06',
      visibility: 'public',
      deadlines: last.deadlines,
    });
  });

  it('a one-day mission is followed by one today', () => {
    const oneDay = week('calls', '2026-11-27', '2026-11-27');
    expect(nextPeriodWords(oneDay, '2026-11-30')).toBe('Start today’s mission');
    expect(nextMissionForm(oneDay, '2026-11-30')).toMatchObject({
      startDate: '2026-11-30',
      endDate: '2026-11-30',
      workingDays: [1],
    });
  });
});
