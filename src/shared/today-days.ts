// What kind of day today is for the streak, read from a snapshot. Free of zod on purpose, like
// metric-label.ts: Today's first screen imports it.
import type { TodaySnapshot } from './snapshot.ts';

type Days = Pick<TodaySnapshot, 'missions'>;

/** Today asks for at least one win of some mission: a working day, not a weekend or time off. */
export const hasMilestonesToday = (snapshot: Days): boolean =>
  snapshot.missions.some((m) => m.milestones.some((milestone) => milestone.target > 0));

/** One of today's milestones has passed short: today can no longer start or extend a streak. */
export const missedToday = (snapshot: Days): boolean =>
  snapshot.missions.some((m) => m.milestones.some((milestone) => milestone.state === 'missed'));
