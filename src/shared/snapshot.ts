// What the core computes and every view (window, tray, harness) shows.
import { z } from 'zod';
import { DayPlan, Instant, LocalDate, LocalTime, Mission, WinSource } from './mission.ts';
import { TimeOffDay } from './time-off.ts';

export const MilestoneState = z.enum(['done', 'on-track', 'at-risk', 'missed', 'upcoming']);
export type MilestoneState = z.infer<typeof MilestoneState>;

export const MilestoneView = z.object({
  date: LocalDate,
  /** null = by the end of the day. */
  by: LocalTime.nullable(),
  /** Wins the milestone asks for (cumulative for the day). */
  target: z.int().min(0),
  /** Wins that count toward it: logged that day before its deadline. */
  count: z.int().min(0),
  state: MilestoneState,
});
export type MilestoneView = z.infer<typeof MilestoneView>;

export const Pace = z.object({
  /** Wins expected by now. */
  expected: z.number().min(0),
  actual: z.int().min(0),
  /** actual − expected, rounded: > 0 ahead, < 0 behind. */
  delta: z.int(),
  /** "ahead by 2", "behind by 1", "on pace". */
  label: z.string(),
});
export type Pace = z.infer<typeof Pace>;

export const MissionToday = z.object({
  mission: Mission,
  total: z.int().min(0),
  todayCount: z.int().min(0),
  todayTarget: z.int().min(0),
  milestones: z.array(MilestoneView),
  pace: Pace,
  /** When behind: what remains spread over the working days left (today included). */
  catchUp: z.array(DayPlan).nullable(),
  workingDaysLeft: z.int().min(0),
});
export type MissionToday = z.infer<typeof MissionToday>;

/** What stood where a document should be and was set aside: a damaged file, a folder or a link. */
export const SetAside = z.enum(['damaged-file', 'folder', 'link']);
export type SetAside = z.infer<typeof SetAside>;

export const StoreNotice = z.object({
  id: z.string(),
  kind: z.enum(['recovered-from-backup', 'reset-to-empty', 'preferences-reset']),
  setAside: SetAside,
  /** Where what was set aside now is, moved so nothing is silently discarded. */
  movedTo: z.string(),
  message: z.string(),
  at: Instant,
});
export type StoreNotice = z.infer<typeof StoreNotice>;

export const LastWin = z.object({
  id: z.string(),
  missionId: z.string(),
  missionTitle: z.string(),
  amount: z.int().min(1),
  at: Instant,
  /** Where it was logged: the window announces a link's or a command line's with its Undo. */
  source: WinSource,
});
export type LastWin = z.infer<typeof LastWin>;

/** How many of today's wins a snapshot carries for Today's log. */
export const TODAY_LOG_LIMIT = 50;

/** One of today's wins, as Today's log lists it. */
export const TodayWin = z.object({
  id: z.string(),
  missionId: z.string(),
  amount: z.int().min(1),
  at: Instant,
  note: z.string().optional(),
});
export type TodayWin = z.infer<typeof TodayWin>;

export const TrayStatus = z.enum(['idle', 'on-track', 'behind', 'done']);
export type TrayStatus = z.infer<typeof TrayStatus>;

export const TodaySnapshot = z.object({
  at: Instant,
  timeZone: z.string(),
  /** The OS locale every view formats times, dates and numbers in (shared/local-format.ts). */
  locale: z.string(),
  today: LocalDate,
  missions: z.array(MissionToday),
  /** The win undo would take back; null when there is none it can (its mission has ended). */
  lastWin: LastWin.nullable(),
  /** Today's latest wins, newest first (at most TODAY_LOG_LIMIT; the export has them all). */
  wins: z.array(TodayWin),
  streak: z.object({ current: z.int().min(0), best: z.int().min(0) }),
  status: TrayStatus,
  /**
   * Today is time off (paused from the tray, or marked ahead): no reminders, the streak is kept,
   * the tray is idle.
   */
  paused: z.boolean(),
  /** Time off from today on, in date order (the past stays as it was and is not listed). */
  timeOff: z.array(TimeOffDay),
  /** Missions that ended short and still await the rep's reflection. */
  awaitingReflection: z.array(Mission),
  notices: z.array(StoreNotice),
});
export type TodaySnapshot = z.infer<typeof TodaySnapshot>;

export const MissionOutcome = z.enum(['hit', 'missed', 'abandoned', 'active']);
export const HistorySnapshot = z.object({
  missions: z.array(z.object({ mission: Mission, total: z.int().min(0), outcome: MissionOutcome })),
  /** Last 28 days, oldest first: wins against the planned milestone, over all missions. */
  daily: z.array(z.object({ date: LocalDate, wins: z.int().min(0), planned: z.int().min(0) })),
  hitRateByMetric: z.array(
    z.object({ metric: z.string(), hit: z.int().min(0), total: z.int().min(0), rate: z.number() }),
  ),
});
export type HistorySnapshot = z.infer<typeof HistorySnapshot>;

export const SuggestionLevel = z.enum(['attainable', 'challenging', 'elite']);
export type SuggestionLevel = z.infer<typeof SuggestionLevel>;

export const Suggestion = z.object({
  attainable: z.int().min(1),
  challenging: z.int().min(1),
  elite: z.int().min(1),
  /** The level the rep most likely takes: the form starts with it. */
  recommended: SuggestionLevel,
  basis: z.enum(['history', 'default']),
  /** Past missions the suggestion is built on. */
  sampleSize: z.int().min(0),
  /** Why, in a sentence ("Lowered: your last mission was marked unrealistic"). */
  explanation: z.string(),
});
export type Suggestion = z.infer<typeof Suggestion>;
