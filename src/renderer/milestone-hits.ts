// Which milestones a new snapshot completed: the window celebrates exactly those.
import type { MilestoneView, MissionToday, TodaySnapshot } from '../shared/snapshot.ts';

export interface MilestoneHit {
  mission: MissionToday['mission'];
  milestone: MilestoneView;
}

const keyOf = (missionId: string, m: MilestoneView): string => `${missionId}|${m.date}|${m.by}`;

export function milestoneHits(before: TodaySnapshot | null, after: TodaySnapshot): MilestoneHit[] {
  if (!before) return [];
  const doneBefore = new Set(
    before.missions.flatMap((t) =>
      t.milestones.filter((m) => m.state === 'done').map((m) => keyOf(t.mission.id, m)),
    ),
  );
  return after.missions.flatMap((t) =>
    t.milestones
      .filter((m) => m.state === 'done' && m.target > 0 && !doneBefore.has(keyOf(t.mission.id, m)))
      .map((milestone) => ({ mission: t.mission, milestone })),
  );
}
