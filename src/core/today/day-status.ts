// The day's status in one place: the tray's icon, tooltip, title and menu and the window's Today
// all read `snapshot.status`, computed here from the same pace and milestones the cards show.
import type { LocalDate } from '../../shared/mission.ts';
import type { MissionToday, TrayStatus } from '../../shared/snapshot.ts';

/**
 * - `idle`: nothing is due today (a weekend, time off, no mission running), whatever the pace;
 * - `behind`: a running mission's pace is behind, the words its card shows ("behind by 2"),
 *   even when today's milestones are all done;
 * - `done`: every milestone due today is done and no mission is behind;
 * - `on-track`: otherwise, on pace or ahead (a milestone missed earlier today while the pace
 *   holds is the card's business, not a "Behind" for the whole day).
 */
export function dayStatusOf(missions: readonly MissionToday[], today: LocalDate): TrayStatus {
  const running = missions.filter(
    (m) => m.mission.startDate <= today && today <= m.mission.endDate,
  );
  const due = running.flatMap((m) => m.milestones.filter((milestone) => milestone.target > 0));
  if (due.length === 0) return 'idle';
  if (running.some((m) => m.pace.delta < 0)) return 'behind';
  if (due.every((m) => m.state === 'done')) return 'done';
  return 'on-track';
}
