// The mission most unit tests start from: Book 10 meetings, Monday 23 to Friday 27 November 2026,
// working days only, milestones at noon and 17:00.
import type { MissionDraft } from '../../src/shared/mission.ts';

export const weekDraft = (over: Partial<MissionDraft> = {}): MissionDraft => ({
  title: 'Book 10 meetings',
  metric: { kind: 'meetings' },
  target: 10,
  startDate: '2026-11-23',
  endDate: '2026-11-27',
  workingDays: [1, 2, 3, 4, 5],
  deadlines: ['12:00', '17:00'],
  ...over,
});
