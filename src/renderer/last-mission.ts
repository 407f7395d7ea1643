// Where a rep stands once nothing is running: the mission that ended last, and the words of the
// button that starts the next one. Pure and free of zod and date-fns: Today's first screen uses it.
import type { Mission } from '../shared/mission.ts';
import type { HistorySnapshot } from '../shared/snapshot.ts';

export interface EndedMission {
  mission: Mission;
  total: number;
  outcome: 'hit' | 'missed' | 'abandoned';
}

/** The mission that ended last (the latest end date, then the latest change); null: none has. */
export function lastEnded(history: HistorySnapshot): EndedMission | null {
  let last: EndedMission | null = null;
  for (const { mission, total, outcome } of history.missions) {
    if (outcome === 'active') continue;
    const later =
      !last ||
      mission.endDate > last.mission.endDate ||
      (mission.endDate === last.mission.endDate && mission.updatedAt > last.mission.updatedAt);
    if (later) last = { mission, total, outcome };
  }
  return last;
}

/** ISO weekday (Monday 1 … Sunday 7) of a local calendar day `YYYY-MM-DD`. */
const isoDayOf = (date: string): number => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
};

/**
 * The button's words for the mission that follows `last` (nextMissionForm's period): today's for a
 * one-day mission, this week's while a working day is left in it, else next week's.
 */
export function nextPeriodWords(last: Mission, today: string): string {
  if (last.startDate === last.endDate) return 'Start today’s mission';
  const from = isoDayOf(today);
  const left = last.workingDays.some((d) => d >= from);
  return left ? 'Start this week’s mission' : 'Start next week’s mission';
}
