// The documents persisted in the rep's data directory, each parsed with zod on load. Which file
// holds what, and why the data is split that way: docs/decisions/0001-store-layout.md.
import { z } from 'zod';
import { LocalDate, Mission, Win } from './mission.ts';
import { TimeOffDay } from './time-off.ts';

/** 2: ended missions archived by year, tallies split by year (1 held both in one file each). */
export const SCHEMA_VERSION = 2;

/** Older documents carry only a number here; each spec's `migrate` brings them up to date. */
const versionOf = (raw: unknown): unknown =>
  typeof raw === 'object' && raw !== null && 'schemaVersion' in raw ? raw.schemaVersion : undefined;

export const MissionsDoc = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  /** Active missions, and ended ones still needed by today (core/ledger/mission-archive.ts). */
  missions: z.array(Mission),
  /**
   * Time off, one entry per day in date order (holiday, training, ill, a day paused from the
   * tray): no reminders, never breaks a streak, left out of pace.
   */
  timeOff: z.array(TimeOffDay),
  /** Highest sequence number written to this document. */
  lastSeq: z.int().min(0),
});
export type MissionsDoc = z.infer<typeof MissionsDoc>;
export const emptyMissionsDoc = (): MissionsDoc => ({
  schemaVersion: SCHEMA_VERSION,
  missions: [],
  timeOff: [],
  lastSeq: 0,
});

/**
 * Version 1 held every mission; the move to the archive happens on open, mission by mission.
 * A document from before time off had kinds holds `pausedDays` (dates paused from the tray):
 * each becomes a day of time off of the kind "away", so no paused day is lost.
 */
export function migrateMissionsDoc(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const version = versionOf(raw) === 1 ? { schemaVersion: 2 } : {};
  if ('timeOff' in raw || !('pausedDays' in raw) || !Array.isArray(raw.pausedDays)) {
    return { ...raw, ...version };
  }
  const { pausedDays, ...rest } = raw;
  // Anything but a date stays as it was, for the schema to refuse (and the store to repair).
  const timeOff = [...new Set<unknown>(pausedDays)].map((date) => ({ date, kind: 'away' }));
  return { ...rest, ...version, timeOff };
}

/** Ended missions of one end year, moved out of "missions" once today no longer needs them. */
export const MissionArchiveDoc = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  year: z.int(),
  missions: z.array(Mission),
});
export type MissionArchiveDoc = z.infer<typeof MissionArchiveDoc>;
export const emptyMissionArchiveDoc = (year: number): MissionArchiveDoc => ({
  schemaVersion: SCHEMA_VERSION,
  year,
  missions: [],
});
export const archiveDocName = (year: number): string => `archive/missions-${year}`;

/** One mission's result on one closed day. */
export const DayTally = z.object({
  count: z.int().min(0),
  /** Milestones (checkpoints) of that day that were met by their deadline. */
  hit: z.int().min(0),
  /** Milestones planned that day. */
  of: z.int().min(0),
});
export type DayTally = z.infer<typeof DayTally>;

/** date → missionId → tally. */
export const DayTallies = z.record(LocalDate, z.record(z.string(), DayTally));
export type DayTallies = z.infer<typeof DayTallies>;

/** The streak over every closed day up to and including `through`. */
export const StreakCarry = z.object({
  through: LocalDate.nullable(),
  current: z.int().min(0),
  best: z.int().min(0),
});
export type StreakCarry = z.infer<typeof StreakCarry>;

export const SummaryDoc = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  /** Every day up to and including this one has been folded into the year documents. */
  foldedThrough: LocalDate.nullable(),
  /** Highest win sequence number folded. */
  lastSeq: z.int().min(0),
  /** The streak over the years not read at open, so the streak never needs them. */
  carry: StreakCarry,
  /**
   * Version 1's tallies of every day, until the core has split them into year documents: a
   * migration that stops half-way is simply done again.
   */
  unsplit: DayTallies.optional(),
  /**
   * Folded days whose wins are being changed (an undo of an earlier day's win): marked before the
   * wins file is written and cleared once the day's tally is, so a crash or a failed write in
   * between leaves the mark, and the next open tallies the day again from its wins.
   */
  retallying: z.array(LocalDate).optional(),
});
export type SummaryDoc = z.infer<typeof SummaryDoc>;
export const emptySummaryDoc = (): SummaryDoc => ({
  schemaVersion: SCHEMA_VERSION,
  foldedThrough: null,
  lastSeq: 0,
  carry: { through: null, current: 0, best: 0 },
});

/** Version 1 kept every day's tallies here; they wait in `unsplit` for the core to move them. */
export function migrateSummaryDoc(raw: unknown): unknown {
  if (versionOf(raw) !== 1 || typeof raw !== 'object' || raw === null) return raw;
  const rest = Object.fromEntries(Object.entries(raw).filter(([key]) => key !== 'days'));
  return {
    ...rest,
    schemaVersion: 2,
    carry: { through: null, current: 0, best: 0 },
    unsplit: 'days' in raw ? raw.days : undefined,
  };
}

/** The closed days of one calendar year. */
export const YearTalliesDoc = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  year: z.int(),
  days: DayTallies,
});
export type YearTalliesDoc = z.infer<typeof YearTalliesDoc>;
export const emptyYearTalliesDoc = (year: number): YearTalliesDoc => ({
  schemaVersion: SCHEMA_VERSION,
  year,
  days: {},
});
export const yearTalliesDocName = (year: number): string => `summary/${year}`;

/** Wins partitions kept their shape in version 2: thousands of files need no rewrite. */
export const DAY_WINS_VERSION = 1;

export const DayWinsDoc = z.object({
  schemaVersion: z.literal(DAY_WINS_VERSION),
  date: LocalDate,
  wins: z.array(Win),
});
export type DayWinsDoc = z.infer<typeof DayWinsDoc>;
export const emptyDayWinsDoc = (date: string): DayWinsDoc => ({
  schemaVersion: DAY_WINS_VERSION,
  date,
  wins: [],
});

/** The document name of a day's wins partition. */
export const dayDocName = (date: string): string => `wins/${date.slice(0, 4)}/${date}`;
