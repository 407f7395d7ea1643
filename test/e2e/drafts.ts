// Missions the scenarios start from, created through the real core (the subject of those
// scenarios is what comes after; creating from the form is first-run.spec.ts's subject).
import { MissionDraft } from '../../src/shared/mission.ts';
import type { Mission } from '../../src/shared/mission.ts';
import type { MissionTrayHarness } from './launch-mission-tray.ts';

/** Monday 23 – Sunday 29 November 2026, Monday to Friday, milestones at noon and 17:00. */
export const weekDraft = (fields: Record<string, unknown> = {}) => ({
  title: 'Book 20 meetings this week',
  metric: { kind: 'meetings' },
  target: 20,
  startDate: '2026-11-23',
  endDate: '2026-11-29',
  workingDays: [1, 2, 3, 4, 5],
  deadlines: ['12:00', '17:00'],
  ...fields,
});

export async function createMission(
  app: MissionTrayHarness,
  fields: Record<string, unknown> = {},
): Promise<Mission> {
  return app.core.handlers.missions.create(MissionDraft.parse(weekDraft(fields)));
}

export async function logWin(app: MissionTrayHarness, missionId: string): Promise<void> {
  await app.core.handlers.wins.log({ missionId, amount: 1, source: 'tray' });
}
