// Missions and wins for core tests, built through the real planner and schemas.
import { planMission } from '../../../src/core/missions/planner.ts';
import { Mission, MissionDraft } from '../../../src/shared/mission.ts';
import type { ParsedMissionDraft, Win } from '../../../src/shared/mission.ts';

export const draftOf = (over: Partial<ParsedMissionDraft> = {}): ParsedMissionDraft =>
  MissionDraft.parse({
    title: 'Book meetings',
    metric: { kind: 'meetings' },
    target: 10,
    startDate: '2026-11-23', // a Monday
    endDate: '2026-11-27',
    workingDays: [1, 2, 3, 4, 5],
    ...over,
  });

export function missionOf(over: Partial<ParsedMissionDraft> & Partial<Mission> = {}): Mission {
  const draft = draftOf(over);
  return Mission.parse({
    id: 'm1',
    status: 'active',
    archived: false,
    reflection: null,
    createdAt: '2026-11-20T09:00:00Z',
    updatedAt: '2026-11-20T09:00:00Z',
    seq: 1,
    ...draft,
    plan: planMission(draft),
    ...over,
  });
}

let nextSeq = 100;
export function winAt(at: string, amount = 1, missionId = 'm1'): Win {
  nextSeq += 1;
  return {
    id: `w${nextSeq}`,
    missionId,
    amount,
    at: new Date(at).toISOString(),
    source: 'tray',
    seq: nextSeq,
  };
}
