// Keeping up with the clock: moving to a new local day, folding the closed days into the
// summary, settling missions whose period has ended and archiving what today no longer needs.
import type { SummaryDoc } from '../../shared/documents.ts';
import type { LocalDate, Mission } from '../../shared/mission.ts';
import { unlessStorage } from '../kernel/errors.ts';
import type { ClockPort, DocPort } from '../kernel/ports.ts';
import { daysBetween, instantOf, localDateOf } from '../kernel/time.ts';
import type { ClosedDays } from '../ledger/closed-days.ts';
import { liveTotals, type DayLedger } from '../ledger/day-ledger.ts';
import { LOOKBACK_DAYS } from '../ledger/mission-archive.ts';
import type { MissionBook } from '../ledger/mission-book.ts';
import { settledStatus } from '../missions/progress.ts';

export interface DayRollover {
  /** Moves to the clock's day when it changed, then folds closed days and settles. */
  catchUp(): Promise<void>;
  /**
   * Before a command: the same, but a failed summary write must not block the rep's command;
   * the next tick retries it.
   */
  catchUpQuietly(): Promise<void>;
}

/**
 * The running missions whose period ended before `today`, with the status their total gives
 * them and the next sequence numbers from `seq` on; those whose status stays are left out.
 */
export function settlements(
  missions: readonly Mission[],
  totalOf: (id: string) => number,
  today: LocalDate,
  at: string,
  seq: number,
): { settled: Map<string, Mission>; lastSeq: number } {
  let next = seq;
  const settled = new Map<string, Mission>();
  for (const mission of missions) {
    if (mission.status !== 'active' || mission.endDate >= today) continue;
    const status = settledStatus(mission, totalOf(mission.id), today);
    if (status !== mission.status) {
      next += 1;
      settled.set(mission.id, { ...mission, status, updatedAt: at, seq: next });
    }
  }
  return { settled, lastSeq: next };
}

export function createDayRollover(deps: {
  clock: ClockPort;
  ledger: DayLedger;
  book: MissionBook;
  closed: ClosedDays;
  summaryDoc: DocPort<SummaryDoc>;
}): DayRollover {
  const { clock, ledger, book, closed } = deps;
  const zone = (): string => clock.timeZone();

  async function settle(): Promise<void> {
    const today = ledger.today;
    if (!book.current().some((m) => m.status === 'active' && m.endDate < today)) return;
    const total = liveTotals(closed, today, ledger.todayDoc.data.wins);
    const { settled, lastSeq } = settlements(
      book.current(),
      total,
      today,
      clock.now().toISOString(),
      ledger.seq,
    );
    if (settled.size === 0) return;
    await book.doc.update((d) => ({
      ...d,
      missions: d.missions.map((m) => settled.get(m.id) ?? m),
      lastSeq,
    }));
    ledger.seq = lastSeq;
  }

  // Every command asks which day it is; zoned math is the slow part, so keep today's bounds.
  let todayBounds = { zone: '', from: 0, to: 0 };
  function dayOf(now: Date): LocalDate {
    const ms = now.getTime();
    const b = todayBounds;
    const today = ledger.today;
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

  async function catchUp(): Promise<void> {
    const date = dayOf(clock.now());
    if (date !== ledger.today) {
      ledger.moveTo(date, await ledger.openDay(date));
      closed.refresh();
    }
    // Days further back than the look-back window may hold wins of archived missions.
    const through = closed.foldedThrough();
    if (through === null || daysBetween(through, ledger.today) > LOOKBACK_DAYS) {
      await book.archive.load();
    }
    try {
      await closed.fold(ledger.unfolded);
    } finally {
      // Folded, or pending in memory when the write failed: either way no longer unfolded.
      ledger.unfolded.clear();
    }
    await settle();
    await book.archive.sweep(ledger.today, deps.summaryDoc.data.foldedThrough);
  }

  return { catchUp, catchUpQuietly: () => catchUp().catch(unlessStorage) };
}
