// The core service: every mission and win command over the store, and today's snapshot from
// memory. Commands run one at a time; each makes its durable write(s) first and changes memory
// only after they succeed, so a failed write leaves the snapshot as it was.
//
// Data (src/shared/documents.ts): "missions" (what today needs), the archive of ended missions,
// "summary" and one tallies document per year of closed days, and one wins partition per local
// day. Logging a win writes only today's partition. Opening reads missions, the summary, this
// year's tallies (last year's too in January), today's partition and any closed day not yet
// folded; the archive and older tallies are read only by history, suggestions and export.
import { ZodError } from 'zod';
import type { DayWinsDoc } from '../shared/documents.ts';
import type { IpcHandlers } from '../shared/ipc.ts';
import { Mission, Win, firstIssue, type LocalDate } from '../shared/mission.ts';
import type { ParsedMissionDraft, Reflection } from '../shared/mission.ts';
import type { TodaySnapshot } from '../shared/snapshot.ts';
import { MissionTrayError, StorageError } from './kernel/errors.ts';
import { createSerialQueue } from './kernel/serial-queue.ts';
import { exportJson, winsCsv } from './missions/export.ts';
import { openClosedDays } from './ledger/closed-days.ts';
import { buildHistory } from './missions/history.ts';
import { LOOKBACK_DAYS, createMissionArchive, mergeMissions } from './ledger/mission-archive.ts';
import { orderedDeadlines, resolvePlan } from './missions/planner.ts';
import type { ClockPort, DocPort, StorePort } from './kernel/ports.ts';
import { DEFAULT_LEAD_MINUTES, settledStatus } from './missions/progress.ts';
import {
  MISSIONS_DOC,
  SUMMARY_DOC,
  WINS_PREFIX,
  dateOfDayDoc,
  dayDocName,
  dayWinsDocSpec,
  missionsDocSpec,
  summaryDocSpec,
} from './ledger/store-docs.ts';
import { suggestTarget } from './missions/suggest.ts';
import { sameView } from './today/same-view.ts';
import { buildTodaySnapshot } from './today/today-snapshot.ts';
import {
  addDays,
  datesInPeriod,
  daysBetween,
  instantOf,
  localDateOf,
  yearOf,
} from './kernel/time.ts';

export interface MissionTrayCore {
  /** Every missions.* and wins.* IPC call, given parsed input. */
  handlers: Pick<IpcHandlers, 'missions' | 'wins'>;
  /** The current snapshot, computed from memory at the clock's now. */
  today(): TodaySnapshot;
  /**
   * Missions that ended with their target met, still among today's data (ended within the
   * look-back window) and not archived by the rep, with their totals: news for a notification.
   */
  recentlyCompleted(): { mission: Mission; total: number }[];
  /** Called with a new snapshot after every change; returns the unsubscribe function. */
  subscribe(listener: (snapshot: TodaySnapshot) => void): () => void;
  exportData(format: 'json' | 'csv'): Promise<string>;
  /**
   * Re-evaluates at the clock's now: rolls the day over, folds closed days into the summary and
   * settles ended missions. Idempotent; call it on a timer and on resume. Rejects when a write
   * fails (it is retried on the next tick).
   */
  tick(): Promise<void>;
  /** Waits for running commands and refuses new ones. The store stays open: its opener closes it. */
  close(): Promise<void>;
}

export interface MissionTrayDeps {
  store: StorePort;
  clock: ClockPort;
  /** Minutes before a deadline a milestone shows as at risk (the reminder lead); default 60. */
  reminderLeadMinutes?: () => number;
  /** New mission and win ids; default random UUIDs. */
  newId?: () => string;
}

interface PlacedWin {
  win: Win;
  /** The local day partition holding it. */
  date: LocalDate;
}

const latestOf = (wins: readonly Win[]): Win | undefined =>
  wins.reduce<Win | undefined>((a, w) => (a === undefined || w.seq > a.seq ? w : a), undefined);

const maxSeq = (wins: readonly Win[]): number => latestOf(wins)?.seq ?? 0;

/** Summary and settling writes are retried on the next tick; other errors are bugs. */
function unlessStorage(error: unknown): void {
  if (!(error instanceof StorageError)) throw error;
}

const notFound = (): MissionTrayError =>
  new MissionTrayError('not-found', 'That mission no longer exists. Pick another one.');

/** Parses what the core is about to write; a failure here is a bug, reported with its reason. */
function checked<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ZodError) throw new MissionTrayError('invalid', firstIssue(error));
    throw error;
  }
}

export async function createMissionTray(deps: MissionTrayDeps): Promise<MissionTrayCore> {
  const { store, clock } = deps;
  const zone = (): string => clock.timeZone();
  const leadMinutes = (): number => deps.reminderLeadMinutes?.() ?? DEFAULT_LEAD_MINUTES;
  const newId = deps.newId ?? ((): string => crypto.randomUUID());

  const openDay = (date: LocalDate): Promise<DocPort<DayWinsDoc>> =>
    store.open(dayDocName(date), dayWinsDocSpec(date));

  const missionsDoc = await store.open(MISSIONS_DOC, missionsDocSpec);
  const summaryDoc = await store.open(SUMMARY_DOC, summaryDocSpec);
  let today = localDateOf(clock.now(), zone());
  let todayDoc = await openDay(today);

  /** The missions today needs: every running one, and those ended lately (mission-archive.ts). */
  const missions = (): readonly Mission[] => missionsDoc.data.missions;
  const archive = createMissionArchive(store, missionsDoc);
  /** Every mission read so far: the archived ones too once something has asked for them. */
  const knownMissions = (): readonly Mission[] => mergeMissions(missions(), archive.loaded() ?? []);
  /** Every mission, the archive read on first use (history, suggestions, export). */
  const allMissions = async (): Promise<readonly Mission[]> =>
    mergeMissions(missions(), await archive.load());
  const closed = await openClosedDays({
    store,
    summary: summaryDoc,
    today: () => today,
    missions: knownMissions,
    pausedDays: () => missionsDoc.data.pausedDays,
    timeZone: zone,
  });
  // Totals of running missions need the tallies since the earliest of them began.
  const startYears = missions()
    .filter((m) => m.status === 'active')
    .map((m) => yearOf(m.startDate));
  if (startYears.length > 0) await closed.loadFrom(Math.min(...startYears));

  // Closed days with wins the summary does not hold yet (the app was not running at midnight):
  // read now, folded below.
  const unfolded = new Map<LocalDate, readonly Win[]>();
  const foldedAtOpen = closed.foldedThrough();
  const yesterday = addDays(today, -1);
  const unfoldedDates =
    foldedAtOpen !== null && daysBetween(foldedAtOpen, yesterday) <= LOOKBACK_DAYS
      ? datesInPeriod(addDays(foldedAtOpen, 1), yesterday)
      : (await store.list(WINS_PREFIX))
          .map(dateOfDayDoc)
          .filter((d) => d < today && (foldedAtOpen === null || d > foldedAtOpen));
  for (const date of unfoldedDates) {
    const wins = (await openDay(date)).data.wins;
    if (wins.length > 0) unfolded.set(date, wins);
  }

  let lastWin: PlacedWin | null = null;
  let seq = Math.max(
    missionsDoc.data.lastSeq,
    summaryDoc.data.lastSeq,
    maxSeq(todayDoc.data.wins),
    ...[...unfolded.values()].map(maxSeq),
  );

  /**
   * Wins so far of a mission, by id. Today's partition is live; if the clock went back to a day
   * already folded, that day's tally is replaced by the live count rather than added to it.
   */
  function totals(): (id: string) => number {
    const live = new Map<string, number>();
    for (const win of todayDoc.data.wins) {
      live.set(win.missionId, (live.get(win.missionId) ?? 0) + win.amount);
    }
    const through = closed.foldedThrough();
    const folded = through !== null && today <= through ? closed.days()[today] : undefined;
    return (id) => closed.totalOf(id) - (folded?.[id]?.count ?? 0) + (live.get(id) ?? 0);
  }

  /** Missions whose period has ended become completed or missed. */
  async function settle(): Promise<void> {
    const due = missions().filter((m) => m.status === 'active' && m.endDate < today);
    if (due.length === 0) return;
    const now = clock.now().toISOString();
    const total = totals();
    let next = seq;
    const settled = new Map<string, Mission>();
    for (const mission of due) {
      const status = settledStatus(mission, total(mission.id), today);
      if (status !== mission.status) {
        next += 1;
        settled.set(mission.id, { ...mission, status, updatedAt: now, seq: next });
      }
    }
    if (settled.size === 0) return;
    await missionsDoc.update((d) => ({
      ...d,
      missions: d.missions.map((m) => settled.get(m.id) ?? m),
      lastSeq: next,
    }));
    seq = next;
  }

  // Every command asks which day it is; zoned math is the slow part, so keep today's bounds.
  let todayBounds = { zone: '', from: 0, to: 0 };
  function dayOf(now: Date): LocalDate {
    const ms = now.getTime();
    const b = todayBounds;
    if (b.zone === zone() && b.from <= ms && ms < b.to) return today;
    const date = localDateOf(now, zone());
    if (date === today) {
      todayBounds = {
        zone: zone(),
        from: instantOf(today, '00:00', zone()).getTime(),
        to: instantOf(today, null, zone()).getTime(),
      };
    }
    return date;
  }

  /** Moves to the clock's day when it changed, then folds closed days and settles. */
  async function catchUpWithClock(): Promise<void> {
    const date = dayOf(clock.now());
    if (date !== today) {
      const doc = await openDay(date);
      if (today < date && todayDoc.data.wins.length > 0) unfolded.set(today, todayDoc.data.wins);
      today = date;
      todayDoc = doc;
      closed.refresh();
    }
    // Days further back than the look-back window may hold wins of archived missions.
    const through = closed.foldedThrough();
    if (through === null || daysBetween(through, today) > LOOKBACK_DAYS) await archive.load();
    try {
      await closed.fold(unfolded);
    } finally {
      // Folded, or pending in memory when the write failed: either way no longer unfolded.
      unfolded.clear();
    }
    await settle();
    await archive.sweep(today, summaryDoc.data.foldedThrough);
  }

  /**
   * Before a command: the same, but a failed summary write must not block the rep's command;
   * the next tick retries it.
   */
  const catchUpQuietly = (): Promise<void> => catchUpWithClock().catch(unlessStorage);

  /** The most recent win in a partition on or before `date`. */
  async function latestWinThrough(date: LocalDate): Promise<PlacedWin | null> {
    // Wins are only ever logged within a mission's period.
    const earliest = missions().reduce<LocalDate>(
      (a, m) => (m.startDate < a ? m.startDate : a),
      date,
    );
    const days = Math.min(LOOKBACK_DAYS, daysBetween(earliest, date) + 1);
    for (let back = 0; back < days; back += 1) {
      const d = addDays(date, -back);
      const win = latestOf(d === today ? todayDoc.data.wins : (await openDay(d)).data.wins);
      if (win) return { win, date: d };
    }
    return null;
  }

  // Opening: fold what closed while the app was not running, settle ended missions.
  await catchUpQuietly();
  const todayLatest = latestOf(todayDoc.data.wins);
  lastWin = todayLatest
    ? { win: todayLatest, date: today }
    : await latestWinThrough(addDays(today, -1));
  seq = Math.max(seq, lastWin?.win.seq ?? 0);

  const snapshot = (): TodaySnapshot =>
    buildTodaySnapshot({
      now: clock.now(),
      timeZone: zone(),
      today,
      missions: missions(),
      pausedDays: missionsDoc.data.pausedDays,
      todayWins: todayDoc.data.wins,
      totalOf: totals(),
      lastWin: lastWin?.win ?? null,
      closedStreak: closed.streak(),
      leadMinutes: leadMinutes(),
      notices: store.notices(),
    });

  const listeners = new Set<(snapshot: TodaySnapshot) => void>();
  let lastEmitted: TodaySnapshot | null = null;
  function emit(): TodaySnapshot {
    const snap = snapshot();
    lastEmitted = snap;
    for (const listener of listeners) {
      try {
        listener(snap);
      } catch (error) {
        // A view's failure must not turn an acknowledged write into a failed command.
        console.error('[core] snapshot listener failed', error);
      }
    }
    return snap;
  }

  const queue = createSerialQueue();
  let shuttingDown = false;
  /** Runs commands one at a time, in the order they arrive. */
  function serial<T>(command: () => Promise<T>): Promise<T> {
    if (shuttingDown) return Promise.reject(new Error('Mission Tray is shutting down.'));
    return queue.run(command);
  }

  /** A mission by id, looked for in the archive when today does not hold it. */
  async function findMission(id: string): Promise<Mission | undefined> {
    return missions().find((m) => m.id === id) ?? (await allMissions()).find((m) => m.id === id);
  }

  async function missionById(id: string): Promise<Mission> {
    const mission = await findMission(id);
    if (!mission) throw notFound();
    return mission;
  }

  /**
   * Writes one changed mission with the next sequence number. An archived mission comes back to
   * "missions" with the change (the newer copy wins), and the next sweep archives it again.
   */
  async function saveMission(mission: Mission): Promise<Mission> {
    const next = seq + 1;
    const saved = checked(() =>
      Mission.parse({ ...mission, seq: next, updatedAt: clock.now().toISOString() }),
    );
    await missionsDoc.update((d) => ({
      ...d,
      missions: d.missions.some((m) => m.id === saved.id)
        ? d.missions.map((m) => (m.id === saved.id ? saved : m))
        : [...d.missions, saved],
      lastSeq: next,
    }));
    seq = next;
    return saved;
  }

  /** The plan of a draft, with the dates a new or edited mission may have. */
  function planFor(draft: ParsedMissionDraft, keptStart?: LocalDate) {
    if (draft.startDate < today && draft.startDate !== keptStart) {
      throw new MissionTrayError(
        'invalid',
        `Missions start today or later: pick a start date from ${today} on.`,
        { path: ['startDate'] },
      );
    }
    if (draft.endDate < today) {
      throw new MissionTrayError('invalid', `The end date has passed: pick ${today} or later.`, {
        path: ['endDate'],
      });
    }
    return resolvePlan(draft);
  }

  function definitionOf(draft: ParsedMissionDraft) {
    return {
      title: draft.title,
      metric: draft.metric,
      target: draft.target,
      startDate: draft.startDate,
      endDate: draft.endDate,
      workingDays: draft.workingDays,
      deadlines: orderedDeadlines(draft.deadlines),
      visibility: draft.visibility,
      objective: draft.objective,
    };
  }

  const handlers: MissionTrayCore['handlers'] = {
    missions: {
      today: async () => snapshot(),

      history: async () => {
        const all = await allMissions();
        await closed.loadAll();
        const totalOf = totals();
        return buildHistory({
          missions: all,
          totals: new Map(all.map((m) => [m.id, totalOf(m.id)])),
          days: closed.days(),
          todayWins: todayDoc.data.wins,
          today,
        });
      },

      preview: async (draft) => resolvePlan(draft),

      suggest: async (input) => {
        const all = await allMissions();
        await closed.loadAll();
        const total = totals();
        return suggestTarget(
          input,
          all.map((mission) => ({ mission, total: total(mission.id) })),
        );
      },

      create: (draft) =>
        serial(async () => {
          await catchUpQuietly();
          const now = clock.now().toISOString();
          const mission = await saveMission({
            id: newId(),
            ...definitionOf(draft),
            status: 'active',
            archived: false,
            plan: planFor(draft),
            reflection: null,
            createdAt: now,
            updatedAt: now,
            seq: 0,
          });
          emit();
          return mission;
        }),

      update: ({ id, draft }) =>
        serial(async () => {
          await catchUpQuietly();
          const mission = await missionById(id);
          if (mission.archived) {
            throw new MissionTrayError(
              'invalid',
              `“${mission.title}” is archived, so it can't be edited.`,
            );
          }
          if (mission.status !== 'active') {
            throw new MissionTrayError(
              'invalid',
              `“${mission.title}” has ended, so it can't be edited. Start a new mission instead.`,
            );
          }
          const plan = planFor(draft, mission.startDate);
          const saved = await saveMission({ ...mission, ...definitionOf(draft), plan });
          emit();
          return saved;
        }),

      archive: ({ id }) =>
        serial(async () => {
          const mission = await missionById(id);
          if (mission.archived) return mission;
          const saved = await saveMission({ ...mission, archived: true });
          emit();
          return saved;
        }),

      abandon: ({ id }) =>
        serial(async () => {
          await catchUpQuietly();
          const mission = await missionById(id);
          if (mission.status !== 'active') {
            throw new MissionTrayError(
              'invalid',
              `Only a running mission can be abandoned; “${mission.title}” is already ${mission.status}.`,
            );
          }
          const saved = await saveMission({ ...mission, status: 'abandoned' });
          emit();
          return saved;
        }),

      reflect: ({ id, reflection }) =>
        serial(async () => {
          await catchUpQuietly();
          const mission = await missionById(id);
          if (mission.status !== 'missed' && mission.status !== 'abandoned') {
            throw new MissionTrayError(
              'invalid',
              mission.status === 'active'
                ? `“${mission.title}” is still running: reflect on it once it has ended.`
                : `“${mission.title}” reached its target, so there is nothing to reflect on.`,
            );
          }
          const withTime: Reflection = { ...reflection, at: clock.now().toISOString() };
          const saved = await saveMission({ ...mission, reflection: withTime });
          emit();
          return saved;
        }),

      dismissNotice: ({ id }) =>
        serial(async () => {
          store.dismissNotice(id);
          return emit();
        }),

      pauseToday: ({ paused }) =>
        serial(async () => {
          await catchUpQuietly();
          const day = today;
          await missionsDoc.update((d) => ({
            ...d,
            pausedDays: paused
              ? [...new Set([...d.pausedDays, day])].sort()
              : d.pausedDays.filter((date) => date !== day),
          }));
          return emit();
        }),
    },

    wins: {
      log: (input) =>
        serial(async () => {
          await catchUpQuietly();
          const mission = await missionById(input.missionId);
          const title = `“${mission.title}”`;
          if (mission.archived) {
            throw new MissionTrayError(
              'invalid',
              `${title} is archived, so it can't take new wins.`,
            );
          }
          if (mission.status === 'abandoned') {
            throw new MissionTrayError(
              'invalid',
              `${title} was abandoned, so it can't take new wins.`,
            );
          }
          if (mission.status !== 'active' || today > mission.endDate) {
            throw new MissionTrayError(
              'invalid',
              `${title} ended on ${mission.endDate}. Start a new mission to keep logging wins.`,
            );
          }
          if (today < mission.startDate) {
            throw new MissionTrayError(
              'invalid',
              `${title} starts on ${mission.startDate}. Log wins toward it from then.`,
            );
          }
          const note = input.note?.trim();
          const win = checked(() =>
            Win.parse({
              id: newId(),
              missionId: mission.id,
              amount: input.amount,
              at: clock.now().toISOString(),
              ...(note ? { note } : {}),
              source: input.source,
              seq: seq + 1,
            }),
          );
          const updated = await todayDoc.update((d) => ({ ...d, wins: [...d.wins, win] }));
          seq = win.seq;
          lastWin = { win, date: today };
          // Only when the clock went back to a day already folded (zone change, clock fix).
          await closed.retally(today, updated.wins).catch(unlessStorage);
          return emit();
        }),

      undo: () =>
        serial(async () => {
          await catchUpQuietly();
          const last = lastWin;
          if (!last) throw new MissionTrayError('not-found', 'There is no win to undo.');
          const mission = await findMission(last.win.missionId);
          if (mission && mission.status !== 'active') {
            throw new MissionTrayError(
              'invalid',
              `“${mission.title}” has ended, so its wins are final and the last one can't be undone.`,
            );
          }
          // The mission's sync revision must move on undo too, so its seq is bumped first: if
          // the partition write then fails, the only trace is a harmless extra revision.
          if (mission) await saveMission(mission);
          const doc = last.date === today ? todayDoc : await openDay(last.date);
          const updated = await doc.update((d) => ({
            ...d,
            wins: d.wins.filter((w) => w.id !== last.win.id),
          }));
          const before = latestOf(updated.wins);
          lastWin = before
            ? { win: before, date: last.date }
            : await latestWinThrough(addDays(last.date, -1));
          await closed.retally(last.date, updated.wins).catch(unlessStorage);
          return emit();
        }),
    },
  };

  return {
    handlers,
    today: snapshot,
    recentlyCompleted() {
      const total = totals();
      return missions()
        .filter((m) => m.status === 'completed' && !m.archived)
        .map((mission) => ({ mission, total: total(mission.id) }));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    // Not queued behind commands: it only reads, and years of partitions take a while to read,
    // while logging a win must not wait for it.
    async exportData(format) {
      const wins: Win[] = [];
      for (const name of await store.list(WINS_PREFIX)) {
        wins.push(...(await openDay(dateOfDayDoc(name))).data.wins);
      }
      // In the order they were created, wherever they are stored.
      const all = [...(await allMissions())].sort((a, b) =>
        a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.seq - b.seq,
      );
      const input = {
        missions: { ...missionsDoc.data, missions: all },
        wins,
        exportedAt: clock.now(),
        timeZone: zone(),
      };
      return format === 'json' ? exportJson(input) : winsCsv(input);
    },
    tick: () =>
      serial(async () => {
        try {
          await catchUpWithClock();
        } finally {
          const snap = snapshot();
          if (!sameView(snap, lastEmitted)) emit();
        }
      }),
    async close() {
      shuttingDown = true;
      await queue.idle();
      listeners.clear();
    },
  };
}
