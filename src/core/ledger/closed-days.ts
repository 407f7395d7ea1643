// Closed days: each day's wins folded into one tally per mission, one document per calendar year,
// and the totals and streak over them, kept in memory (they change only when the tallies do).
// What opening reads, the carried streak, a failed fold: docs/decisions/0001-store-layout.md.
import type {
  DayTallies,
  StreakCarry,
  SummaryDoc,
  YearTalliesDoc,
} from '../../shared/documents.ts';
import type { LocalDate, Mission, Win } from '../../shared/mission.ts';
import { maxSeq } from './day-ledger.ts';
import { tallyClosedDays, totalsOf } from './fold.ts';
import type { DocPort, StorePort } from '../kernel/ports.ts';
import {
  YEAR_TALLIES_PREFIX,
  coreDocSpecs,
  dayDocName,
  dayWinsDocSpec,
  docYears,
  yearTalliesDocName,
} from './store-docs.ts';
import { unlessStorage } from '../kernel/errors.ts';
import { LOOKBACK_DAYS } from './mission-archive.ts';
import { closedDaysStreak, dayResultsOf, type Streak } from './streak.ts';
import { addDays, yearOf } from '../kernel/time.ts';

export interface ClosedDaysDeps {
  store: StorePort;
  summary: DocPort<SummaryDoc>;
  today: () => LocalDate;
  /** Every mission the days to fold may hold wins or milestones of. */
  missions: () => readonly Mission[];
  /** Days of time off: they neither extend nor break the streak. */
  awayDates: () => ReadonlySet<LocalDate>;
  timeZone: () => string;
  /** Makes `missions` hold the archived missions too (a marked day may be theirs). */
  loadArchive: () => Promise<void>;
}

export interface ClosedDays {
  /** The tallies of every closed day read so far: written, or pending after a failed write. */
  days(): DayTallies;
  foldedThrough(): LocalDate | null;
  /** Wins of a mission over the closed days read so far (whole once `loadFrom` its start). */
  totalOf(id: string): number;
  /** The streak through yesterday. */
  streak(): Streak;
  /** Reads the tallies of every year from `year` on, once. */
  loadFrom(year: number): Promise<void>;
  /** Reads the tallies of every year, once. */
  loadAll(): Promise<void>;
  /**
   * Folds every day after the last folded one up to yesterday; `wins` holds the wins of those
   * days (days without an entry had none). Rejects with the store's error when the write fails.
   */
  fold(wins: ReadonlyMap<LocalDate, readonly Win[]>): Promise<void>;
  /**
   * Changes the wins of `date` with `change` (its one partition write, resolving to the day's
   * wins); a day already folded is marked in the summary first and tallied again after, so a
   * crash or a failed write at any step leaves a mark the next open settles from the wins. Rejects
   * when the mark or the change is not written; a failed tally write stays pending in memory.
   */
  changeWins(date: LocalDate, change: () => Promise<readonly Win[]>): Promise<readonly Win[]>;
  /** Recomputes totals and the streak (after the day or the time off changed). */
  refresh(): void;
}

interface PendingFold {
  days: DayTallies;
  through: LocalDate | null;
  lastSeq: number;
}

/**
 * The last day the carried streak should reach: the end of the last year wholly outside the
 * look-back window, whose days the rep can no longer change (undo, a late fold). So in January
 * last year is still read, from February on only this year.
 */
export const carryTarget = (today: LocalDate): LocalDate =>
  `${yearOf(addDays(today, -LOOKBACK_DAYS - 1)) - 1}-12-31`;

export async function openClosedDays(deps: ClosedDaysDeps): Promise<ClosedDays> {
  const { store, summary } = deps;
  const years = new Map<number, DocPort<YearTalliesDoc>>();
  // Version 1's tallies wait to be split into year documents: written like any pending fold.
  let pending: PendingFold | null = summary.data.unsplit
    ? {
        days: summary.data.unsplit,
        through: summary.data.foldedThrough,
        lastSeq: summary.data.lastSeq,
      }
    : null;
  let merged: DayTallies = {};
  let totals = new Map<string, number>();
  let streak: Streak = { current: 0, best: 0 };

  const foldedThrough = (): LocalDate | null =>
    pending ? pending.through : summary.data.foldedThrough;

  async function yearDoc(year: number): Promise<DocPort<YearTalliesDoc>> {
    let doc = years.get(year);
    if (!doc) {
      doc = await store.open(yearTalliesDocName(year), coreDocSpecs.yearTallies(year));
      years.set(year, doc);
    }
    return doc;
  }

  function refresh(): void {
    const all: DayTallies = {};
    for (const year of [...years.keys()].sort((a, b) => a - b)) {
      Object.assign(all, years.get(year)?.data.days);
    }
    Object.assign(all, pending?.days);
    merged = all;
    const today = deps.today();
    const carry = summary.data.carry;
    totals = totalsOf(all);
    streak = closedDaysStreak(
      dayResultsOf(all).filter(
        (d) => d.date < today && (carry.through === null || d.date > carry.through),
      ),
      deps.awayDates(),
      carry,
    );
  }

  async function loadFrom(year: number): Promise<void> {
    const last = yearOf(deps.today());
    const missing: number[] = [];
    for (let y = year; y <= last; y += 1) if (!years.has(y)) missing.push(y);
    if (missing.length === 0) return;
    for (const y of missing) await yearDoc(y);
    refresh();
  }

  async function loadAll(): Promise<void> {
    for (const year of await docYears(store, YEAR_TALLIES_PREFIX)) await yearDoc(year);
    await loadFrom(yearOf(deps.today()));
    refresh();
  }

  /** The carried streak, moved on to its target once every day up to it is folded. */
  function nextCarry(folded: LocalDate | null): StreakCarry {
    const target = carryTarget(deps.today());
    const carry = summary.data.carry;
    if (folded === null || folded < target) return carry;
    if (carry.through !== null && carry.through >= target) return carry;
    const days = dayResultsOf(merged).filter(
      (d) => d.date <= target && (carry.through === null || d.date > carry.through),
    );
    return { through: target, ...closedDaysStreak(days, deps.awayDates(), carry) };
  }

  async function write(): Promise<void> {
    const fold = pending;
    if (!fold) return;
    try {
      // The year documents first, then how far they reach: a crash between the two only makes
      // the next open fold the same days again.
      const byYear = new Map<number, DayTallies>();
      for (const [date, tallies] of Object.entries(fold.days)) {
        const year = yearOf(date);
        byYear.set(year, { ...byYear.get(year), [date]: tallies });
      }
      for (const [year, days] of byYear) {
        await (await yearDoc(year)).update((d) => ({ ...d, days: { ...d.days, ...days } }));
      }
      refresh();
      const carry = nextCarry(fold.through);
      // Written whole, so version 1's tallies (`unsplit`) leave once they are in year documents.
      const retallying = (s: SummaryDoc) => s.retallying?.filter((d) => !(d in fold.days)) ?? [];
      await summary.update((s) => ({
        schemaVersion: s.schemaVersion,
        foldedThrough: fold.through,
        lastSeq: Math.max(s.lastSeq, fold.lastSeq),
        carry,
        ...(retallying(s).length > 0 ? { retallying: retallying(s) } : {}),
      }));
      if (pending === fold) pending = null;
    } finally {
      refresh();
    }
  }

  const tally = (from: LocalDate, to: LocalDate, wins: ReadonlyMap<LocalDate, readonly Win[]>) =>
    tallyClosedDays({
      from,
      to,
      missions: deps.missions(),
      winsByDate: wins,
      timeZone: deps.timeZone(),
    });

  // What today needs: the years after the carried streak (every year when there is none: a new
  // store, an upgrade, a rebuilt summary).
  const noticed = new Set(store.notices().map((n) => n.id));
  const carried = summary.data.carry.through;
  if (carried === null) await loadAll();
  else await loadFrom(Math.min(yearOf(deps.today()), yearOf(carried) + 1));
  // A year's tallies found damaged (reset, or restored from a backup that may lack the last fold):
  // that year is folded again from the wins partitions, which hold every win.
  const damaged = store
    .notices()
    .filter((n) => !noticed.has(n.id))
    .flatMap((n) => /summary[\\/](\d{4})\.corrupt/.exec(n.movedTo)?.[1] ?? [])
    .map(Number);
  const through = foldedThrough();
  if (damaged.length > 0 && through !== null) {
    const refold = addDays(`${Math.min(...damaged)}-01-01`, -1);
    if (refold < through) {
      pending = {
        days: pending?.days ?? {},
        through: refold,
        lastSeq: pending?.lastSeq ?? summary.data.lastSeq,
      };
    }
  }
  refresh();

  /** Puts a day's tally, from its wins, in the pending fold. */
  const retally = (date: LocalDate, wins: readonly Win[]): void => {
    pending = {
      days: { ...pending?.days, [date]: tally(date, date, new Map([[date, wins]]))[date] ?? {} },
      through: foldedThrough(),
      lastSeq: pending?.lastSeq ?? 0,
    };
  };

  // Days marked by a change that may not have finished (a crash, a failed write): their tallies
  // are made again from their wins, which are what the rep sees as logged.
  const marked = (summary.data.retallying ?? []).filter((d) => {
    const through = foldedThrough();
    return through !== null && d <= through;
  });
  if (marked.length > 0) {
    await deps.loadArchive();
    for (const date of marked) {
      retally(date, (await store.open(dayDocName(date), dayWinsDocSpec(date))).data.wins);
    }
    await write().catch(unlessStorage);
  }

  return {
    days: () => merged,
    foldedThrough,
    totalOf: (id) => totals.get(id) ?? 0,
    streak: () => streak,
    refresh,
    loadFrom,
    loadAll,

    async fold(wins) {
      const to = addDays(deps.today(), -1);
      const through = foldedThrough();
      if (through === null || through < to) {
        // Never folded: start from the first day anything could have happened.
        const from =
          through !== null
            ? addDays(through, 1)
            : [...deps.missions().map((m) => m.startDate), ...wins.keys()].sort()[0];
        pending = {
          days: {
            ...pending?.days,
            ...(from !== undefined && from <= to ? tally(from, to, wins) : {}),
          },
          through: to,
          lastSeq: Math.max(pending?.lastSeq ?? 0, ...[...wins.values()].map(maxSeq)),
        };
      }
      await write();
    },

    async changeWins(date, change) {
      const through = foldedThrough();
      if (through === null || date > through) return change();
      const carried = summary.data.carry.through;
      // A carried day changes (an undo long after): the streak is recounted over every year, and
      // carried again from the next write on.
      const uncarry = carried !== null && date <= carried;
      if (uncarry) await loadAll();
      await summary.update((s) => ({
        ...s,
        retallying: [...new Set([...(s.retallying ?? []), date])].sort(),
        ...(uncarry ? { carry: { through: null, current: 0, best: 0 } } : {}),
      }));
      const wins = await change();
      retally(date, wins);
      await write().catch(unlessStorage);
      return wins;
    },
  };
}
