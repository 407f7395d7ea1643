// The team protocol (docs/PROTOCOL.md): what a rep's app sends to the team endpoint and reads back.
// Client and server parse every payload with these schemas. Objects are strict: a field the
// protocol does not name is rejected, so nothing private can ride along by accident.
import { z } from 'zod';
import {
  Amount,
  MAX_DEADLINES,
  MAX_PERIOD_DAYS,
  MAX_TARGET,
  Instant,
  LocalDate,
  Metric,
  MissionDraft,
  MissionStatus,
  ReflectionReason,
  Target,
  Title,
  Weekday,
} from './mission.ts';

/**
 * The app speaks protocol v2 (v1 plus the days a rep is away). A server serves both; one older
 * than v2 answers 404 under this prefix, and the app says so (core/sync/http-status.ts).
 */
export const API_PREFIX = '/api/v2';
/** Protocol v1, for apps from before time off: the same calls, no `away`. */
export const API_V1_PREFIX = '/api/v1';
/** Largest request body the server reads; a year of daily progress fits in a third of it. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Ids in URLs: the app's mission ids and the server's rep ids. */
export const TeamId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'Ids are 1–64 letters, digits, "-" or "_"' });

/**
 * The most wins one day of one mission can count: ten days' worth of the largest target. Every
 * number a rep sends is bounded like this, so sums the server makes of them (weekly tallies,
 * totals) stay far from overflowing whatever a rep sends.
 */
export const MAX_DAY_COUNT = 10 * MAX_TARGET;

export const DayProgress = z
  .strictObject({
    date: LocalDate,
    /** Wins logged that day. */
    count: z.int().min(0).max(MAX_DAY_COUNT),
    /** Milestones met that day, of those that were due (deadline passed or met). */
    hit: z.int().min(0).max(MAX_DEADLINES),
    of: z.int().min(0).max(MAX_DEADLINES),
  })
  .refine((d) => d.hit <= d.of, { error: 'A day cannot hit more milestones than were due' });
export type DayProgress = z.infer<typeof DayProgress>;

/** The largest total a mission can reach: every day of the longest period at the day's maximum. */
const MAX_TOTAL = (MAX_PERIOD_DAYS + 1) * MAX_DAY_COUNT;
const MAX_STREAK = MAX_PERIOD_DAYS + 1;

export const TeamPace = z.strictObject({
  /** Wins expected by the time of the push, rounded. */
  expected: z.int().min(0).max(MAX_TARGET),
  actual: z.int().min(0).max(MAX_TOTAL),
  /** actual − expected: > 0 ahead, < 0 behind. */
  delta: z.int().min(-MAX_TARGET).max(MAX_TOTAL),
  label: z.string().max(40),
});
export type TeamPace = z.infer<typeof TeamPace>;

/** A reflection the rep chose to share; the app never sends one that is not shared. */
export const SharedReflection = z.strictObject({
  reason: ReflectionReason,
  note: z.string().max(1000),
  nextStep: z.string().max(500),
});
export type SharedReflection = z.infer<typeof SharedReflection>;

/**
 * Days from one valid local date to another. Date.UTC on the date's parts, not date-fns's
 * parseISO: this runs on every upsert the server takes, and parseISO cost it ~15 µs.
 */
function calendarDaysBetween(from: string, to: string): number {
  const utc = (d: string) =>
    Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8)));
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** Everything the team sees of one public mission. */
export const TeamMissionState = z
  .strictObject({
    title: Title,
    metric: Metric,
    target: Target,
    startDate: LocalDate,
    endDate: LocalDate,
    workingDays: z.array(Weekday).min(1).max(7),
    objective: z.string().max(200).nullable(),
    status: MissionStatus,
    total: z.int().min(0).max(MAX_TOTAL),
    /** One entry per day with wins or milestones, oldest first. */
    days: z.array(DayProgress).max(MAX_PERIOD_DAYS + 1),
    pace: TeamPace,
    streak: z.strictObject({
      current: z.int().min(0).max(MAX_STREAK),
      best: z.int().min(0).max(MAX_STREAK),
    }),
    /** The latest wins (amount and time only: notes stay on the laptop). */
    recentWins: z.array(z.strictObject({ at: Instant, amount: Amount })).max(20),
    reflection: SharedReflection.nullable(),
    /**
     * v2: the mission's working days the rep is away (time off, past and planned), in order —
     * only the dates: the kind and any reason stay on the laptop. Absent from v1 apps.
     */
    away: z
      .array(LocalDate)
      .max(MAX_PERIOD_DAYS + 1)
      .optional(),
    /** When the app computed this state. */
    asOf: Instant,
  })
  .superRefine((s, ctx) => {
    const fail = (path: PropertyKey[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    if (s.endDate < s.startDate) return fail(['endDate'], 'The end date is before the start date');
    if (calendarDaysBetween(s.startDate, s.endDate) >= MAX_PERIOD_DAYS)
      return fail(['endDate'], `A mission lasts ${MAX_PERIOD_DAYS} days at most`);
    let previous = '';
    let sum = 0;
    for (const [i, day] of s.days.entries()) {
      if (day.date <= previous)
        return fail(['days', i, 'date'], 'Days are in order, each date once');
      if (day.date < s.startDate || day.date > s.endDate)
        return fail(['days', i, 'date'], 'A day of progress falls outside the mission');
      previous = day.date;
      sum += day.count;
    }
    if (s.total !== sum) fail(['total'], 'The total is not the sum of the days');
    let before = '';
    for (const [i, date] of (s.away ?? []).entries()) {
      if (date <= before) return fail(['away', i], 'Days away are in order, each date once');
      if (date < s.startDate || date > s.endDate)
        return fail(['away', i], 'A day away falls outside the mission');
      before = date;
    }
    if (s.pace.actual !== s.total) fail(['pace', 'actual'], 'Pace counts a different total');
  });
export type TeamMissionState = z.infer<typeof TeamMissionState>;

/** PUT {API_PREFIX}/missions/:missionId */
export const UpsertMissionBody = z.strictObject({
  /** Strictly increasing per mission; the server keeps the highest it has seen. */
  revision: z.int().min(1),
  state: TeamMissionState,
});
export type UpsertMissionBody = z.infer<typeof UpsertMissionBody>;

/** DELETE {API_PREFIX}/missions/:missionId?revision=N */
export const WithdrawQuery = z.strictObject({ revision: z.coerce.number().pipe(z.int().min(1)) });

/** The answer to an upsert or a withdrawal. */
export const WriteResult = z.strictObject({
  missionId: TeamId,
  /** The revision the server now holds. */
  revision: z.int().min(0),
  /** false when the request was a repeat or older than what the server holds. */
  applied: z.boolean(),
});
export type WriteResult = z.infer<typeof WriteResult>;

/** Every error the server returns: a sentence the reader can act on. */
export const ErrorBody = z.object({ error: z.string() });

/** A teammate's mission as the team sees it (GET {API_PREFIX}/team). */
export const TeammateMission = z.strictObject({
  missionId: TeamId,
  title: z.string(),
  metric: Metric,
  target: z.int(),
  total: z.int(),
  pace: TeamPace,
  streak: z.strictObject({ current: z.int(), best: z.int() }),
  status: MissionStatus,
  endDate: LocalDate,
  cheers: z.int().min(0),
  /** Whether the reader has already cheered it. */
  cheeredByMe: z.boolean(),
});
export type TeammateMission = z.infer<typeof TeammateMission>;

export const TeamView = z.strictObject({
  me: z.strictObject({ repId: TeamId, name: z.string(), team: z.string() }),
  reps: z.array(
    z.strictObject({ repId: TeamId, name: z.string(), missions: z.array(TeammateMission) }),
  ),
  /** Cheers on the reader's own missions, newest first. */
  cheersReceived: z.array(
    z.strictObject({ missionId: TeamId, missionTitle: z.string(), from: z.string(), at: Instant }),
  ),
});
export type TeamView = z.infer<typeof TeamView>;

/** POST {API_PREFIX}/missions/:missionId/cheers → how many cheers it now has. */
export const CheerResult = z.strictObject({ cheers: z.int().min(0) });

// ── The app side: sync status shown in the window and the tray, and its IPC inputs. ──

export const SyncState = z.enum(['off', 'idle', 'syncing', 'retrying', 'stopped']);
export type SyncState = z.infer<typeof SyncState>;

export const SyncStatus = z.object({
  enabled: z.boolean(),
  endpoint: z.string().nullable(),
  state: SyncState,
  lastSuccessAt: Instant.nullable(),
  /** Public missions whose latest change the server has not acknowledged (withdrawals included). */
  pending: z.int().min(0),
  /** What went wrong last, in words; null after a success. */
  lastError: z.string().nullable(),
  /** Missions left on the previous server by the last switch of server or token, in words. */
  leftBehind: z.string().nullable(),
  nextAttemptAt: Instant.nullable(),
  /** The team's name, when the rep joined by invite (a token set up by hand has none). */
  team: z.string().nullable(),
  /** The team's manager removed this rep's access: sync stopped until they join again. */
  revoked: z.boolean(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** An invite as the rep pasted it or a link brought it: the link or the `MT1-…` code. */
export const JoinInput = z.strictObject({
  invite: z
    .string()
    .max(2048, { error: 'That is too long for an invite. Paste only the link or the code.' }),
});
export type JoinInput = z.infer<typeof JoinInput>;

/** The confirm screen: whom the rep is about to join and what Mission Tray will send there. */
export const JoinPreview = z.strictObject({
  /** The team server's origin, as the invite names it. */
  server: z.string(),
  team: z.string(),
  rep: z.string(),
  expiresAt: Instant,
  /** The titles of the rep's public missions now: all that is sent (none: nothing yet). */
  shares: z.array(z.string()),
  /** The team the rep is on now, which joining replaces; null when sync was never set up. */
  current: z.strictObject({ endpoint: z.string(), team: z.string().nullable() }).nullable(),
});
export type JoinPreview = z.infer<typeof JoinPreview>;

export const SyncConfigureInput = z.object({
  endpoint: z.url({
    error: 'Enter the team endpoint as a full URL, like https://team.example.com',
  }),
  /** Omitted = keep the token already stored. */
  token: z
    .string()
    .trim()
    .min(16, { error: 'Paste the whole token your manager gave you' })
    .max(200, { error: 'That token is too long; paste only the token' })
    .optional(),
});
export type SyncConfigureInput = z.infer<typeof SyncConfigureInput>;

export const CheerInput = z.object({ missionId: TeamId });

/**
 * Which missions to preview as the team would receive them: one saved mission, the form's draft
 * (a new mission, or `missionId` edited) as it would be saved, or every mission sync sends.
 */
export const TeamPreviewInput = z.discriminatedUnion('of', [
  z.strictObject({ of: z.literal('mission'), missionId: TeamId }),
  z.strictObject({ of: z.literal('draft'), missionId: TeamId.nullable(), draft: MissionDraft }),
  z.strictObject({ of: z.literal('public') }),
]);
export type TeamPreviewInput = z.input<typeof TeamPreviewInput>;

/** One mission as the sync engine sends it: the body of its PUT, built by the same function. */
export const TeamPreviewItem = z.strictObject({
  /** null: a mission not saved yet (its id is given when it is). */
  missionId: TeamId.nullable(),
  /** Where the PUT goes; null while no endpoint is set up or the mission has no id yet. */
  url: z.string().nullable(),
  /** The revision is null for a draft: it is numbered when saved. */
  body: UpsertMissionBody.extend({ revision: z.int().min(1).nullable() }),
  /** The mission has a reflection the rep chose not to share: it is not in the body. */
  reflectionKept: z.boolean(),
});
export type TeamPreviewItem = z.infer<typeof TeamPreviewItem>;

export const TeamPreview = z.strictObject({
  sync: z.strictObject({ enabled: z.boolean(), endpoint: z.string().nullable() }),
  /** What the team endpoint receives; empty when what was asked about is private. */
  missions: z.array(TeamPreviewItem),
  /** Of the missions asked about, how many stay on this computer (private or archived). */
  keptPrivate: z.int().min(0),
});
export type TeamPreview = z.infer<typeof TeamPreview>;
