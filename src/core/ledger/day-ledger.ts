// The day ledger: today's partition, the closed days whose wins the summary does not hold yet,
// the last win (what undo takes back) and the store-wide sequence number each write takes the
// next of. Only today's partition is kept open; a past day is opened by name when needed.
import type { DayWinsDoc } from '../../shared/documents.ts';
import type { LocalDate, Win } from '../../shared/mission.ts';
import type { DocPort, StorePort } from '../kernel/ports.ts';
import { addDays, daysBetween } from '../kernel/time.ts';
import type { ClosedDays } from './closed-days.ts';
import { LOOKBACK_DAYS } from './mission-archive.ts';
import { dayDocName, dayWinsDocSpec } from './store-docs.ts';

export interface PlacedWin {
  win: Win;
  /** The local day partition holding it. */
  date: LocalDate;
}

export const latestOf = (wins: readonly Win[]): Win | undefined =>
  wins.reduce<Win | undefined>((a, w) => (a === undefined || w.seq > a.seq ? w : a), undefined);

export const maxSeq = (wins: readonly Win[]): number => latestOf(wins)?.seq ?? 0;

export interface DayLedger {
  /** The local day the core is on; it moves only with `moveTo`. */
  readonly today: LocalDate;
  readonly todayDoc: DocPort<DayWinsDoc>;
  /** Closed days with wins the summary does not hold yet, until the next fold. */
  readonly unfolded: Map<LocalDate, readonly Win[]>;
  /** The highest sequence number written so far. */
  seq: number;
  /** The most recent win, what undo takes back; null when there is none to find. */
  lastWin: PlacedWin | null;
  openDay(date: LocalDate): Promise<DocPort<DayWinsDoc>>;
  /** Makes `date` today, with its partition already open; a day left behind awaits its fold. */
  moveTo(date: LocalDate, doc: DocPort<DayWinsDoc>): void;
  /** The most recent win in a partition on or before `date`, no earlier than `earliest`. */
  latestWinThrough(date: LocalDate, earliest: LocalDate): Promise<PlacedWin | null>;
}

export async function openDayLedger(store: StorePort, date: LocalDate): Promise<DayLedger> {
  const openDay = (day: LocalDate): Promise<DocPort<DayWinsDoc>> =>
    store.open(dayDocName(day), dayWinsDocSpec(day));
  let today = date;
  let todayDoc = await openDay(today);
  const unfolded = new Map<LocalDate, readonly Win[]>();
  return {
    get today() {
      return today;
    },
    get todayDoc() {
      return todayDoc;
    },
    unfolded,
    seq: 0,
    lastWin: null,
    openDay,
    moveTo(next, doc) {
      if (today < next && todayDoc.data.wins.length > 0) unfolded.set(today, todayDoc.data.wins);
      today = next;
      todayDoc = doc;
    },
    async latestWinThrough(through, earliest) {
      const days = Math.min(LOOKBACK_DAYS, daysBetween(earliest, through) + 1);
      for (let back = 0; back < days; back += 1) {
        const d = addDays(through, -back);
        const win = latestOf(d === today ? todayDoc.data.wins : (await openDay(d)).data.wins);
        if (win) return { win, date: d };
      }
      return null;
    },
  };
}

/**
 * Wins so far of a mission, by id. Today's partition is live; if the clock went back to a day
 * already folded, that day's tally is replaced by the live count rather than added to it.
 */
export function liveTotals(
  closed: Pick<ClosedDays, 'foldedThrough' | 'days' | 'totalOf'>,
  today: LocalDate,
  todayWins: readonly Win[],
): (id: string) => number {
  const live = new Map<string, number>();
  for (const win of todayWins) {
    live.set(win.missionId, (live.get(win.missionId) ?? 0) + win.amount);
  }
  const through = closed.foldedThrough();
  const folded = through !== null && today <= through ? closed.days()[today] : undefined;
  return (id) => closed.totalOf(id) - (folded?.[id]?.count ?? 0) + (live.get(id) ?? 0);
}
