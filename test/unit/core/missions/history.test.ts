import { describe, expect, it } from 'vitest';
import { buildHistory } from '../../../../src/core/missions/history.ts';
import { HistorySnapshot } from '../../../../src/shared/snapshot.ts';
import { missionOf, winAt } from '../fixtures.ts';

describe('buildHistory', () => {
  const hit = missionOf({
    id: 'hit',
    startDate: '2026-11-02',
    endDate: '2026-11-06',
    status: 'completed',
  });
  const missed = missionOf({
    id: 'missed',
    startDate: '2026-11-09',
    endDate: '2026-11-13',
    status: 'missed',
    reflection: {
      reason: 'external-blockers',
      note: 'CRM was down',
      nextStep: 'Call from the list',
      shareWithTeam: true,
      at: '2026-11-14T09:00:00Z',
    },
  });
  const calls = missionOf({
    id: 'calls',
    metric: { kind: 'custom', label: 'Cold calls', unit: 'calls' },
    target: 50,
    startDate: '2026-11-16',
    endDate: '2026-11-20',
    status: 'completed',
  });
  const running = missionOf({ id: 'running', startDate: '2026-11-23', endDate: '2026-11-27' });
  const hidden = missionOf({ id: 'hidden', archived: true, status: 'missed' });

  const history = buildHistory({
    missions: [hit, missed, calls, running, hidden],
    totals: new Map([
      ['hit', 11],
      ['missed', 6],
      ['calls', 52],
      ['running', 3],
    ]),
    days: {
      '2026-11-20': { calls: { count: 12, hit: 1, of: 1 } },
      '2026-11-23': { running: { count: 1, hit: 0, of: 1 }, hidden: { count: 1, hit: 0, of: 1 } },
    },
    todayWins: [winAt('2026-11-24T09:00:00Z', 2, 'running')],
    today: '2026-11-24',
  });

  it('lists missions newest first with their outcome, leaving archived ones out', () => {
    expect(HistorySnapshot.parse(history)).toEqual(history);
    expect(history.missions.map((m) => [m.mission.id, m.outcome, m.total])).toEqual([
      ['running', 'active', 3],
      ['calls', 'hit', 52],
      ['missed', 'missed', 6],
      ['hit', 'hit', 11],
    ]);
    expect(history.missions[2]?.mission.reflection?.note).toBe('CRM was down');
  });

  it('shows the last 28 days, oldest first, wins against the plan', () => {
    expect(history.daily).toHaveLength(28);
    expect(history.daily[0]?.date).toBe('2026-10-28');
    expect(history.daily.at(-1)).toEqual({ date: '2026-11-24', wins: 2, planned: 2 });
    expect(history.daily.find((d) => d.date === '2026-11-23')).toEqual({
      date: '2026-11-23',
      wins: 2,
      planned: 2,
    });
    expect(history.daily.find((d) => d.date === '2026-11-20')).toEqual({
      date: '2026-11-20',
      wins: 12,
      planned: 10,
    });
    expect(history.daily.find((d) => d.date === '2026-11-21')).toEqual({
      date: '2026-11-21',
      wins: 0,
      planned: 0,
    });
  });

  it('gives the hit rate of finished missions by metric', () => {
    expect(history.hitRateByMetric).toEqual([
      { metric: 'Cold calls', hit: 1, total: 1, rate: 1 },
      { metric: 'meetings', hit: 1, total: 2, rate: 0.5 },
    ]);
  });
});
