// Mission Tray's core: every mission and win command over the store, and today's snapshot from
// memory. Commands run one at a time; each makes its durable write(s) first and changes memory
// only after they succeed, so a failed write leaves the snapshot as it was. What is stored where,
// and what opening reads: docs/decisions/0001-store-layout.md.
import type { IpcHandlers } from '../shared/ipc.ts';
import type { Mission } from '../shared/mission.ts';
import type { TodaySnapshot } from '../shared/snapshot.ts';
import { createCommandQueue } from './commands/command-queue.ts';
import type { CommandContext } from './commands/context.ts';
import { missionCommands } from './commands/mission-commands.ts';
import { timeOffCommands } from './commands/time-off-commands.ts';
import { exportData, queries, recentlyCompleted } from './commands/queries.ts';
import { winCommands } from './commands/win-commands.ts';
import type { ClockPort, StorePort } from './kernel/ports.ts';
import { liveTotals } from './ledger/day-ledger.ts';
import { openLedger, findLastWin } from './ledger/open-ledger.ts';
import { DEFAULT_LEAD_MINUTES } from './missions/progress.ts';
import { createDayRollover } from './today/day-rollover.ts';
import { createSnapshotFeed } from './today/snapshot-feed.ts';
import { buildTodaySnapshot } from './today/today-snapshot.ts';

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
  /**
   * The OS locale (Electron's app.getSystemLocale(): the region's format) that the tray, the
   * notifications and the window write times and dates in; the snapshot carries it to each.
   */
  locale: string;
  /** Minutes before a deadline a milestone shows as at risk (the reminder lead); default 60. */
  reminderLeadMinutes?: () => number;
  /** New mission and win ids; default random UUIDs. */
  newId?: () => string;
}

export async function createMissionTray(deps: MissionTrayDeps): Promise<MissionTrayCore> {
  const { store, clock } = deps;
  const leadMinutes = (): number => deps.reminderLeadMinutes?.() ?? DEFAULT_LEAD_MINUTES;

  const { ledger, book, closed, summaryDoc } = await openLedger(store, clock);
  const rollover = createDayRollover({ clock, ledger, book, closed, summaryDoc });
  // Opening: fold what closed while the app was not running, settle ended missions.
  await rollover.catchUpQuietly();
  await findLastWin(ledger, book);

  const totals = (): ((id: string) => number) =>
    liveTotals(closed, ledger.today, ledger.todayDoc.data.wins);
  const snapshot = (): TodaySnapshot =>
    buildTodaySnapshot({
      now: clock.now(),
      timeZone: clock.timeZone(),
      locale: deps.locale,
      today: ledger.today,
      missions: book.current(),
      timeOff: book.timeOff(),
      awayDates: book.awayDates(),
      todayWins: ledger.todayDoc.data.wins,
      totalOf: totals(),
      lastWin: ledger.lastWin?.win ?? null,
      closedStreak: closed.streak(),
      leadMinutes: leadMinutes(),
      notices: store.notices(),
    });
  const feed = createSnapshotFeed(snapshot);
  const commands = createCommandQueue();

  const ctx: CommandContext = {
    store,
    clock,
    newId: deps.newId ?? ((): string => crypto.randomUUID()),
    ledger,
    book,
    closed,
    totals,
    snapshot,
    emit: feed.emit,
    serial: (command) => commands.run(command),
    catchUpQuietly: rollover.catchUpQuietly,
  };

  // A document found damaged while only reading (an older day, the archive) is repaired by the
  // store, which adds a notice: the views hear of it at once, not with the next change.
  const announcingRepairs =
    <A extends unknown[], R>(read: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await read(...args);
      } finally {
        feed.emitIfChanged();
      }
    };
  const reads = queries(ctx);

  return {
    handlers: {
      missions: {
        ...reads,
        history: announcingRepairs(reads.history),
        suggest: announcingRepairs(reads.suggest),
        ...missionCommands(ctx),
        ...timeOffCommands(ctx),
      },
      wins: winCommands(ctx),
    },
    today: snapshot,
    recentlyCompleted: () => recentlyCompleted(ctx),
    subscribe: feed.subscribe,
    // Not queued behind commands: it only reads, and years of partitions take a while to read,
    // while logging a win must not wait for it.
    exportData: announcingRepairs((format: 'json' | 'csv') => exportData(ctx, format)),
    tick: () =>
      commands.run(async () => {
        try {
          await rollover.catchUp();
        } finally {
          feed.emitIfChanged();
        }
      }),
    async close() {
      await commands.close();
      feed.clear();
    },
  };
}
