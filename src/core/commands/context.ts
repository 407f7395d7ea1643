// What the command handlers work with, assembled once by mission-tray.ts.
import type { TodaySnapshot } from '../../shared/snapshot.ts';
import type { ClockPort, StorePort } from '../kernel/ports.ts';
import type { ClosedDays } from '../ledger/closed-days.ts';
import type { DayLedger } from '../ledger/day-ledger.ts';
import type { MissionBook } from '../ledger/mission-book.ts';

export interface CommandContext {
  store: StorePort;
  clock: ClockPort;
  /** New mission and win ids. */
  newId: () => string;
  ledger: DayLedger;
  book: MissionBook;
  closed: ClosedDays;
  /** Wins so far of each mission, as of now. */
  totals(): (id: string) => number;
  /** The current snapshot, computed from memory at the clock's now. */
  snapshot(): TodaySnapshot;
  /** The same, handed to every subscriber: after a command changed something. */
  emit(): TodaySnapshot;
  /** Runs a command after the ones before it (command-queue.ts). */
  serial<T>(command: () => Promise<T>): Promise<T>;
  /** Moves to the clock's day and settles first; a failed summary write does not block. */
  catchUpQuietly(): Promise<void>;
}
