// Time off as kept in "missions": one entry per day in date order, changed from today on only
// (rules.ts refuses the past), and the running missions' plans when the rep chose to spread.
import type { MissionsDoc } from '../../shared/documents.ts';
import { Mission, type LocalDate } from '../../shared/mission.ts';
import { awayDatesOf, type TimeOffDay, type TimeOffKind } from '../../shared/time-off.ts';
import { planAroundTimeOff } from '../missions/planner.ts';
import { checked } from '../missions/rules.ts';

/** `dates` become time off of `kind`, or working days again when `kind` is null. */
export function withTimeOff(
  current: readonly TimeOffDay[],
  dates: readonly LocalDate[],
  kind: TimeOffKind | null,
): TimeOffDay[] {
  const changed = new Set(dates);
  const kept = current.filter((d) => !changed.has(d.date));
  const added = kind === null ? [] : dates.map((date) => ({ date, kind }));
  return [...kept, ...added].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export interface TimeOffChange {
  /** The days changed (all from today on). */
  dates: readonly LocalDate[];
  kind: TimeOffKind | null;
  /** Spread each running mission's days off over its working days left. */
  spread: boolean;
  today: LocalDate;
  /** The sequence number the first changed mission takes. */
  nextSeq: number;
  now: Date;
}

/**
 * The missions document after a change of time off: the days, and (when spreading) each running
 * mission whose plan holds a changed day re-planned around the days off, with the next sequence
 * numbers. One document, so one write: a kill leaves the change whole or not at all.
 */
export function changeTimeOff(doc: MissionsDoc, change: TimeOffChange): MissionsDoc {
  const timeOff = withTimeOff(doc.timeOff, change.dates, change.kind);
  if (!change.spread) return { ...doc, timeOff };
  const away = awayDatesOf(timeOff);
  const changed = new Set(change.dates);
  let seq = change.nextSeq - 1;
  const missions = doc.missions.map((mission) => {
    if (mission.status !== 'active' || mission.archived) return mission;
    if (!mission.plan.some((day) => changed.has(day.date))) return mission;
    const plan = planAroundTimeOff(mission, away, change.today);
    if (plan === null) return mission;
    seq += 1;
    return checked(() =>
      Mission.parse({ ...mission, plan, seq, updatedAt: change.now.toISOString() }),
    );
  });
  return { ...doc, timeOff, missions, lastSeq: Math.max(doc.lastSeq, seq) };
}
