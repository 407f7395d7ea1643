// Opening the data directory: what today needs is read, and nothing more (what and why:
// docs/decisions/0001-store-layout.md) — the missions, the summary, the tallies since the
// earliest running mission began, today's partition and any closed day not folded yet.
import type { SummaryDoc } from '../../shared/documents.ts';
import type { LocalDate } from '../../shared/mission.ts';
import type { ClockPort, DocPort, StorePort } from '../kernel/ports.ts';
import { addDays, datesInPeriod, daysBetween, localDateOf, yearOf } from '../kernel/time.ts';
import { openClosedDays, type ClosedDays } from './closed-days.ts';
import { latestOf, maxSeq, openDayLedger, type DayLedger } from './day-ledger.ts';
import { LOOKBACK_DAYS } from './mission-archive.ts';
import { createMissionBook, type MissionBook } from './mission-book.ts';
import {
  MISSIONS_DOC,
  SUMMARY_DOC,
  WINS_PREFIX,
  dateOfDayDoc,
  missionsDocSpec,
  summaryDocSpec,
} from './store-docs.ts';

export interface OpenedLedger {
  ledger: DayLedger;
  book: MissionBook;
  closed: ClosedDays;
  summaryDoc: DocPort<SummaryDoc>;
}

/** Reads what today needs; the days found unfolded wait in `ledger.unfolded` for the catch-up. */
export async function openLedger(store: StorePort, clock: ClockPort): Promise<OpenedLedger> {
  const zone = (): string => clock.timeZone();
  const missionsDoc = await store.open(MISSIONS_DOC, missionsDocSpec);
  const summaryDoc = await store.open(SUMMARY_DOC, summaryDocSpec);
  const ledger = await openDayLedger(store, localDateOf(clock.now(), zone()));
  const today = ledger.today;
  const book = createMissionBook({ store, clock, doc: missionsDoc, ledger });
  const closed = await openClosedDays({
    store,
    summary: summaryDoc,
    today: () => ledger.today,
    missions: book.known,
    awayDates: book.awayDates,
    timeZone: zone,
    loadArchive: async () => {
      await book.archive.load();
    },
  });
  // Totals of running missions need the tallies since the earliest of them began.
  const startYears = book
    .current()
    .filter((m) => m.status === 'active')
    .map((m) => yearOf(m.startDate));
  if (startYears.length > 0) await closed.loadFrom(Math.min(...startYears));

  // Closed days with wins the summary does not hold yet (the app was not running at midnight).
  const foldedAtOpen = closed.foldedThrough();
  const yesterday = addDays(today, -1);
  const unfoldedDates: LocalDate[] =
    foldedAtOpen !== null && daysBetween(foldedAtOpen, yesterday) <= LOOKBACK_DAYS
      ? datesInPeriod(addDays(foldedAtOpen, 1), yesterday)
      : (await store.list(WINS_PREFIX))
          .map(dateOfDayDoc)
          .filter((d) => d < today && (foldedAtOpen === null || d > foldedAtOpen));
  for (const date of unfoldedDates) {
    const wins = (await ledger.openDay(date)).data.wins;
    if (wins.length > 0) ledger.unfolded.set(date, wins);
  }
  ledger.seq = Math.max(
    missionsDoc.data.lastSeq,
    summaryDoc.data.lastSeq,
    maxSeq(ledger.todayDoc.data.wins),
    ...[...ledger.unfolded.values()].map(maxSeq),
  );
  return { ledger, book, closed, summaryDoc };
}

/** After the catch-up at open: the win undo would take back, today's or an earlier day's. */
export async function findLastWin(ledger: DayLedger, book: MissionBook): Promise<void> {
  const todayLatest = latestOf(ledger.todayDoc.data.wins);
  const yesterday = addDays(ledger.today, -1);
  ledger.lastWin = todayLatest
    ? { win: todayLatest, date: ledger.today }
    : await ledger.latestWinThrough(yesterday, book.earliestStart(yesterday));
  ledger.seq = Math.max(ledger.seq, ledger.lastWin?.win.seq ?? 0);
}
