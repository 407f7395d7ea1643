// Time off: the days a rep is away (holiday, training, field days, ill), marked ahead from the
// window or today from the tray. One notion for all of them: on such a day there are no
// reminders, the streak is kept, and pace and the expected count leave the day out. The kind is
// the rep's own: it stays on the laptop (the team only ever hears "away").
import { differenceInCalendarDays, parseISO } from 'date-fns';
import { z } from 'zod';
import { LocalDate, MAX_PERIOD_DAYS } from './mission.ts';
import { TIME_OFF_KINDS } from './time-off-days.ts';

export const TimeOffKind = z.enum(TIME_OFF_KINDS, { error: 'Pick what kind of time off it is' });
export type TimeOffKind = z.infer<typeof TimeOffKind>;

/** One day of time off, as stored and as the snapshot lists it. */
export const TimeOffDay = z.object({ date: LocalDate, kind: TimeOffKind });
export type TimeOffDay = z.infer<typeof TimeOffDay>;

/** The most days one change may cover: a mission's longest period. */
export const MAX_TIME_OFF_DAYS = MAX_PERIOD_DAYS;

type Range = { from: LocalDate; to: LocalDate };
const ordered = (r: Range): boolean => r.to >= r.from;
const notTooLong = (r: Range): boolean =>
  differenceInCalendarDays(parseISO(r.to), parseISO(r.from)) < MAX_TIME_OFF_DAYS;
const ORDER_ERROR = {
  error: 'The last day is before the first: pick a last day on or after the first.',
  path: ['to'],
};
const LENGTH_ERROR = { error: `Mark at most ${MAX_TIME_OFF_DAYS} days at once.`, path: ['to'] };

/**
 * `spread`: the rep's choice for each running mission — true spreads what its plan still asks of
 * the days off over the working days left; false keeps the plan, so the mission expects less.
 */
const Spread = z.boolean({ error: 'Choose whether to spread the missions over the days left' });

/** missions.markTimeOff: these days, from today on, are time off of this kind. */
export const MarkTimeOffInput = z
  .object({ from: LocalDate, to: LocalDate, kind: TimeOffKind, spread: Spread })
  .refine(ordered, ORDER_ERROR)
  .refine(notTooLong, LENGTH_ERROR);
export type MarkTimeOffInput = z.infer<typeof MarkTimeOffInput>;

/** missions.clearTimeOff: these days, from today on, are working days again. */
export const ClearTimeOffInput = z
  .object({ from: LocalDate, to: LocalDate, spread: Spread })
  .refine(ordered, ORDER_ERROR)
  .refine(notTooLong, LENGTH_ERROR);
export type ClearTimeOffInput = z.infer<typeof ClearTimeOffInput>;

/** The dates of a list of time-off days, for the rules that only ask "away that day?". */
export const awayDatesOf = (days: readonly TimeOffDay[]): ReadonlySet<LocalDate> =>
  new Set(days.map((d) => d.date));
