// The documents persisted in the rep's data directory. Each is parsed with zod on load.
// Layout (why): logging a win rewrites only today's small partition, however long the history;
// opening the store reads missions, the compact summary and today's partition only.
//   missions.json            every mission definition and plan (small: kilobytes a year)
//   summary.json             one tally per mission per closed day (compact aggregates)
//   wins/YYYY/YYYY-MM-DD.json the wins of one local day
import { z } from 'zod';
import { LocalDate, Mission, Win } from './mission.ts';

export const SCHEMA_VERSION = 1;

export const MissionsDoc = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  missions: z.array(Mission),
  /** Days the rep paused (vacation, sick): they never break a streak. */
  pausedDays: z.array(LocalDate),
  /** Highest sequence number written to this document. */
  lastSeq: z.int().min(0),
});
export type MissionsDoc = z.infer<typeof MissionsDoc>;
export const emptyMissionsDoc = (): MissionsDoc => ({
  schemaVersion: SCHEMA_VERSION,
  missions: [],
  pausedDays: [],
  lastSeq: 0,
});

/** One mission's result on one closed day. */
export const DayTally = z.object({
  count: z.int().min(0),
  /** Milestones (checkpoints) of that day that were met by their deadline. */
  hit: z.int().min(0),
  /** Milestones planned that day. */
  of: z.int().min(0),
});
export type DayTally = z.infer<typeof DayTally>;

export const SummaryDoc = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  /** Every day up to and including this one has been folded into `days`. */
  foldedThrough: LocalDate.nullable(),
  /** date → missionId → tally. */
  days: z.record(LocalDate, z.record(z.string(), DayTally)),
  /** Highest win sequence number folded. */
  lastSeq: z.int().min(0),
});
export type SummaryDoc = z.infer<typeof SummaryDoc>;
export const emptySummaryDoc = (): SummaryDoc => ({
  schemaVersion: SCHEMA_VERSION,
  foldedThrough: null,
  days: {},
  lastSeq: 0,
});

export const DayWinsDoc = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  date: LocalDate,
  wins: z.array(Win),
});
export type DayWinsDoc = z.infer<typeof DayWinsDoc>;
export const emptyDayWinsDoc = (date: string): DayWinsDoc => ({
  schemaVersion: SCHEMA_VERSION,
  date,
  wins: [],
});

/** The document name of a day's wins partition. */
export const dayDocName = (date: string): string => `wins/${date.slice(0, 4)}/${date}`;
