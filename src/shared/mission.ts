// The mission domain's shapes: one zod schema per persisted or transmitted shape.
// Messages are written for the rep: each says what to change.
import { differenceInCalendarDays, parseISO } from 'date-fns';
import { z } from 'zod';

export const MAX_TITLE = 120;
export const MAX_TARGET = 100_000;
export const MAX_PERIOD_DAYS = 366;
/** Milestones (deadline times, a plan day's checkpoints) in one day. */
export const MAX_DEADLINES = 8;
/** The deadline a milestone added to a mission's day starts at: the end of a working day. */
export const DEFAULT_DEADLINE = '17:00';

/**
 * The days the calendar has, as one pattern: each month's length, and 29 February in leap years
 * only, from year 0100 on — what date-fns's isExists accepted, compared over every date of years
 * 0000–9999. A pattern, not a refine: every date is checked on every upsert the team server takes
 * and on every open of the app's store (3 years of plans and tallies are thousands), and zod's
 * refine cost ~1.2 µs a date where the pattern costs ~0.1 µs.
 */
const EXISTING_DATE =
  /^(?!00)(?:(?:\d\d(?:[2468][048]|[13579][26]|0[48])|(?:[02468][048]|[13579][26])00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8])))$/;

/** A local calendar day, `YYYY-MM-DD`. */
export const LocalDate = z
  .string({ error: 'Pick a date' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Dates look like 2026-11-23', abort: true })
  .regex(EXISTING_DATE, { error: 'That date does not exist' });
export type LocalDate = z.infer<typeof LocalDate>;

/** A local wall-clock time, `HH:MM` (24 h). */
export const LocalTime = z
  .string({ error: 'Pick a time' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Deadlines look like 12:00 (24-hour clock)' });
export type LocalTime = z.infer<typeof LocalTime>;

/** An absolute instant, ISO 8601 with offset. */
export const Instant = z.iso.datetime({ offset: true, error: 'Expected a date and time' });

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const Weekday = z.int().min(1).max(7);
export const WorkingDays = z
  .array(Weekday, { error: 'Pick at least one working day' })
  .min(1, { error: 'Pick at least one working day' })
  .transform((days) => [...new Set(days)].sort((a, b) => a - b));

export const STANDARD_METRICS = [
  'meetings',
  'calls',
  'follow-ups',
  'opportunities',
  'demos',
] as const;
export const StandardMetricKind = z.enum(STANDARD_METRICS);

export const Metric = z.discriminatedUnion('kind', [
  z.object({ kind: StandardMetricKind }),
  z.object({
    kind: z.literal('custom'),
    label: z
      .string()
      .trim()
      .min(1, { error: 'Give the custom metric a name' })
      .max(40, { error: 'Metric names are 40 characters at most' }),
    unit: z
      .string()
      .trim()
      .min(1, { error: 'Give the custom metric a unit, like "emails"' })
      .max(40, { error: 'Units are 40 characters at most' }),
    /**
     * One of the unit ("1 proposal"). Optional: missions stored before it existed, and clients
     * that do not send it, read the unit's derived singular (metric-label.ts, singularOf).
     */
    singular: z
      .string()
      .trim()
      .min(1, { error: 'Say what one is called, like "email"' })
      .max(40, { error: 'Units are 40 characters at most' })
      .optional(),
  }),
]);
export type Metric = z.infer<typeof Metric>;

export const Title = z
  .string({ error: 'Give the mission a title' })
  .trim()
  .min(1, { error: 'Give the mission a title' })
  .max(MAX_TITLE, { error: `Titles are ${MAX_TITLE} characters at most` });

export const Target = z
  .number({ error: 'Target must be a number' })
  .int({ error: 'Target must be a whole number' })
  .min(1, { error: 'Target must be at least 1' })
  .max(MAX_TARGET, { error: `Target can be at most ${MAX_TARGET.toLocaleString('en')}` });

export const Amount = z
  .number({ error: 'Amount must be a number' })
  .int({ error: 'Amount must be a whole number' })
  .min(1, { error: 'Amount must be at least 1' })
  .max(MAX_TARGET, { error: `Amount can be at most ${MAX_TARGET.toLocaleString('en')}` });

export const Visibility = z.enum(['private', 'public']);
export type Visibility = z.infer<typeof Visibility>;

export const MissionStatus = z.enum(['active', 'completed', 'missed', 'abandoned']);
export type MissionStatus = z.infer<typeof MissionStatus>;

/** Where a win was logged: `link` a missiontray:// link, `command-line` `mission-tray log`. */
export const WinSource = z.enum(['tray', 'window', 'shortcut', 'link', 'command-line']);
export type WinSource = z.infer<typeof WinSource>;

/**
 * A checkpoint within a day: `count` wins (cumulative for the day) by local time `by`.
 * `by: null` means by the end of the day.
 */
export const Checkpoint = z.object({
  count: z.int().min(0).max(MAX_TARGET),
  by: LocalTime.nullable(),
});
export type Checkpoint = z.infer<typeof Checkpoint>;

/** Each element with the one before it: [[a, b], [b, c], …]. */
function consecutivePairs<T>(items: readonly T[]): [T, T][] {
  const pairs: [T, T][] = [];
  items.reduce<T | undefined>((previous, item) => {
    if (previous !== undefined) pairs.push([previous, item]);
    return item;
  }, undefined);
  return pairs;
}

/** One working day's milestones. Checkpoints are ordered by time; counts never decrease. */
export const DayPlan = z
  .object({ date: LocalDate, checkpoints: z.array(Checkpoint).min(1).max(MAX_DEADLINES) })
  .refine((d) => consecutivePairs(d.checkpoints).every(([a, b]) => b.count >= a.count), {
    error: 'Later milestones in a day must ask for at least as many wins as earlier ones',
  })
  .refine(
    (d) =>
      consecutivePairs(d.checkpoints).every(([a, b]) => b.by === null || (a.by ?? '24:00') < b.by),
    { error: 'Milestone deadlines in a day must be in order, each later than the one before' },
  );
export type DayPlan = z.infer<typeof DayPlan>;

export const ReflectionReason = z.enum([
  'wrong-inputs',
  'unrealistic-target',
  'external-blockers',
  'other',
]);
export type ReflectionReason = z.infer<typeof ReflectionReason>;

export const Reflection = z.object({
  reason: ReflectionReason,
  note: z.string().trim().max(1000, { error: 'Keep the note under 1,000 characters' }),
  nextStep: z.string().trim().max(500, { error: 'Keep the next step under 500 characters' }),
  shareWithTeam: z.boolean(),
  at: Instant,
});
export type Reflection = z.infer<typeof Reflection>;
export const ReflectionInput = Reflection.omit({ at: true });
export type ReflectionInput = z.infer<typeof ReflectionInput>;

/** A mission's period: local days, the end on or after the start, at most a year long. */
export const Period = z
  .object({ startDate: LocalDate, endDate: LocalDate })
  .refine((p) => p.endDate >= p.startDate, {
    error: 'End date must be on or after the start date',
    path: ['endDate'],
  })
  .refine(
    (p) => differenceInCalendarDays(parseISO(p.endDate), parseISO(p.startDate)) < MAX_PERIOD_DAYS,
    { error: `A mission can last ${MAX_PERIOD_DAYS} days at most`, path: ['endDate'] },
  );

/** What a draft and a mission both say: what is counted, how many, when. */
const missionTerms = {
  title: Title,
  metric: Metric,
  target: Target,
  startDate: LocalDate,
  endDate: LocalDate,
  workingDays: WorkingDays,
};

/** What a rep fills in to create a mission. The planner turns it into a Mission. */
export const MissionDraft = z
  .object({
    ...missionTerms,
    /** Deadline times for each working day's milestones, e.g. ['12:00', '17:00']; empty = end of day. */
    deadlines: z
      .array(LocalTime)
      .max(MAX_DEADLINES, { error: `At most ${MAX_DEADLINES} milestones a day` })
      .default([]),
    visibility: Visibility.default('private'),
    objective: z
      .string()
      .trim()
      .max(200, { error: 'Keep the team objective under 200 characters' })
      .nullable()
      .default(null),
    /** The rep's edited plan; omitted = planned automatically. */
    plan: z.array(DayPlan).optional(),
  })
  .and(Period);
export type MissionDraft = z.input<typeof MissionDraft>;
export type ParsedMissionDraft = z.output<typeof MissionDraft>;

export const Mission = z
  .object({
    id: z.string().min(1).max(64),
    ...missionTerms,
    deadlines: z.array(LocalTime).max(MAX_DEADLINES),
    visibility: Visibility,
    objective: z.string().max(200).nullable(),
    status: MissionStatus,
    archived: z.boolean(),
    /** One entry per working day of the period. */
    plan: z.array(DayPlan),
    reflection: Reflection.nullable(),
    createdAt: Instant,
    updatedAt: Instant,
    /** Store-wide sequence number of the last change to this definition (sync revisions build on it). */
    seq: z.int().min(0),
  })
  .and(Period);
export type Mission = z.infer<typeof Mission>;

export const WinNote = z.string().trim().max(200, { error: 'Keep the note under 200 characters' });

export const Win = z.object({
  id: z.string().min(1).max(64),
  missionId: z.string().min(1).max(64),
  amount: Amount,
  at: Instant,
  note: WinNote.optional(),
  source: WinSource,
  /** Store-wide, strictly increasing. */
  seq: z.int().min(0),
});
export type Win = z.infer<typeof Win>;

export const LogWinInput = z.object({
  missionId: z.string().min(1).max(64),
  amount: Amount.default(1),
  note: WinNote.optional(),
  source: WinSource,
});
export type LogWinInput = z.input<typeof LogWinInput>;

export { metricLabel } from './metric-label.ts';

/** The first message of a failed parse, for a rep to act on. */
export function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'That input is not valid';
}
