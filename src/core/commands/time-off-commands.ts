// The commands that change time off: days marked ahead from the window, today paused from the
// tray. Each checks the days are today or later, makes its one write of "missions" (the days and
// any plan spread around them), then pushes the new snapshot.
import type { IpcHandlers } from '../../shared/ipc.ts';
import type { LocalDate } from '../../shared/mission.ts';
import type { TimeOffKind } from '../../shared/time-off.ts';
import { datesInPeriod } from '../kernel/time.ts';
import { changeTimeOff } from '../ledger/time-off.ts';
import { checkTimeOffFrom } from '../missions/rules.ts';
import type { CommandContext } from './context.ts';

type TimeOffCommands = Pick<IpcHandlers['missions'], 'markTimeOff' | 'clearTimeOff' | 'pauseToday'>;

interface Change {
  /** The days changed, given today (the clock's day once caught up). */
  days: (today: LocalDate) => { from: LocalDate; to: LocalDate };
  kind: TimeOffKind | null;
  spread: boolean;
  /** Days already off keep their kind (the tray's pause of a day marked ahead). */
  keepKind?: boolean;
}

export function timeOffCommands(ctx: CommandContext): TimeOffCommands {
  const { book, ledger, serial, catchUpQuietly, emit } = ctx;
  const change = ({ days, kind, spread, keepKind }: Change) =>
    serial(async () => {
      await catchUpQuietly();
      const today = ledger.today;
      const { from, to } = days(today);
      checkTimeOffFrom(from, today);
      const away = book.awayDates();
      const keep = (date: LocalDate): boolean =>
        keepKind === true && kind !== null && away.has(date);
      const dates = datesInPeriod(from, to).filter((date) => !keep(date));
      const written = await book.doc.update((doc) =>
        changeTimeOff(doc, {
          dates,
          kind,
          spread,
          today,
          nextSeq: ledger.seq + 1,
          now: ctx.clock.now(),
        }),
      );
      ledger.seq = Math.max(ledger.seq, written.lastSeq);
      return emit();
    });
  const todayOnly = (today: LocalDate) => ({ from: today, to: today });
  return {
    markTimeOff: ({ from, to, kind, spread }) =>
      change({ days: () => ({ from, to }), kind, spread }),
    clearTimeOff: ({ from, to, spread }) =>
      change({ days: () => ({ from, to }), kind: null, spread }),
    // The tray's "today, as now": a day away that keeps every plan as it is, and the kind a day
    // marked ahead already has.
    pauseToday: ({ paused }) =>
      change({ days: todayOnly, kind: paused ? 'away' : null, spread: false, keepKind: true }),
  };
}
