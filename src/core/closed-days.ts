// Closed days, as the summary holds them: folding each day's wins into one tally per mission,
// and the totals and streak over every closed day, kept in memory (they change only when the
// summary does). A fold whose write fails stays pending in memory, so totals and the streak stay
// right, and is written with the next fold.
import type { SummaryDoc } from '../shared/documents.ts';
import type { LocalDate, Mission, Win } from '../shared/mission.ts';
import { tallyClosedDays, totalsOf } from './fold.ts';
import type { DocPort } from './ports.ts';
import { closedDaysStreak, dayResultsOf, type Streak } from './streak.ts';
import { addDays } from './time.ts';

export interface ClosedDaysDeps {
  summary: DocPort<SummaryDoc>;
  today: () => LocalDate;
  missions: () => readonly Mission[];
  pausedDays: () => readonly LocalDate[];
  timeZone: () => string;
}

export interface ClosedDays {
  /** Every closed day's tallies: written, or pending after a failed write. */
  days(): SummaryDoc['days'];
  foldedThrough(): LocalDate | null;
  /** Wins of a mission over the closed days. */
  totalOf(id: string): number;
  /** The streak through yesterday. */
  streak(): Streak;
  /**
   * Folds every day after the last folded one up to yesterday; `wins` holds the wins of those
   * days (days without an entry had none). Rejects with the store's error when the write fails.
   */
  fold(wins: ReadonlyMap<LocalDate, readonly Win[]>): Promise<void>;
  /** Re-tallies a closed day whose wins changed (undo; a clock that went back a day). */
  retally(date: LocalDate, wins: readonly Win[]): Promise<void>;
  /** Recomputes totals and the streak (after the day or the paused days changed). */
  refresh(): void;
}

interface PendingFold {
  days: SummaryDoc['days'];
  through: LocalDate | null;
  lastSeq: number;
}

const maxSeq = (wins: readonly Win[]): number => wins.reduce((max, w) => Math.max(max, w.seq), 0);

export function createClosedDays(deps: ClosedDaysDeps): ClosedDays {
  const { summary } = deps;
  let pending: PendingFold | null = null;
  let totals = new Map<string, number>();
  let streak: Streak = { current: 0, best: 0 };

  const days = (): SummaryDoc['days'] =>
    pending ? { ...summary.data.days, ...pending.days } : summary.data.days;
  const foldedThrough = (): LocalDate | null =>
    pending ? pending.through : summary.data.foldedThrough;

  function refresh(): void {
    const all = days();
    const today = deps.today();
    totals = totalsOf(all);
    streak = closedDaysStreak(
      dayResultsOf(all).filter((d) => d.date < today),
      new Set(deps.pausedDays()),
    );
  }

  async function write(): Promise<void> {
    const fold = pending;
    if (!fold) return;
    try {
      await summary.update((s) => ({
        ...s,
        foldedThrough: fold.through,
        days: { ...s.days, ...fold.days },
        lastSeq: Math.max(s.lastSeq, fold.lastSeq),
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

  refresh();
  return {
    days,
    foldedThrough,
    totalOf: (id) => totals.get(id) ?? 0,
    streak: () => streak,
    refresh,

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

    async retally(date, wins) {
      const through = foldedThrough();
      if (through === null || date > through) return;
      pending = {
        days: { ...pending?.days, [date]: tally(date, date, new Map([[date, wins]]))[date] ?? {} },
        through,
        lastSeq: pending?.lastSeq ?? 0,
      };
      await write();
    },
  };
}
