// Logging a win and undoing the last one: today's partition (or the undone win's day) is the one
// durable write, and a day already folded is tallied again.
import type { IpcHandlers } from '../../shared/ipc.ts';
import { Win } from '../../shared/mission.ts';
import { addDays } from '../kernel/time.ts';
import { latestOf } from '../ledger/day-ledger.ts';
import { checkTakesWins, checkUndoable, checked, winToUndo } from '../missions/rules.ts';
import type { CommandContext } from './context.ts';

export function winCommands(ctx: CommandContext): IpcHandlers['wins'] {
  const { book, ledger, closed, serial, catchUpQuietly, emit } = ctx;
  return {
    log: (input) =>
      serial(async () => {
        await catchUpQuietly();
        const mission = await book.byId(input.missionId);
        const today = ledger.today;
        checkTakesWins(mission, today);
        const note = input.note?.trim();
        const win = checked(() =>
          Win.parse({
            id: ctx.newId(),
            missionId: mission.id,
            amount: input.amount,
            at: ctx.clock.now().toISOString(),
            ...(note ? { note } : {}),
            source: input.source,
            seq: ledger.seq + 1,
          }),
        );
        // A day already folded only when the clock went back to it (zone change, clock fix).
        await closed.changeWins(today, async () => {
          const updated = await ledger.todayDoc.update((d) => ({ ...d, wins: [...d.wins, win] }));
          ledger.seq = win.seq;
          ledger.lastWin = { win, date: today };
          return updated.wins;
        });
        return emit();
      }),

    undo: () =>
      serial(async () => {
        await catchUpQuietly();
        const last = winToUndo(ledger.lastWin);
        const mission = await book.find(last.win.missionId);
        checkUndoable(mission);
        // The mission's sync revision must move on undo too, so its seq is bumped first: if
        // the partition write then fails, the only trace is a harmless extra revision.
        if (mission) await book.save(mission);
        const doc = last.date === ledger.today ? ledger.todayDoc : await ledger.openDay(last.date);
        const wins = await closed.changeWins(last.date, async () => {
          const updated = await doc.update((d) => ({
            ...d,
            wins: d.wins.filter((w) => w.id !== last.win.id),
          }));
          return updated.wins;
        });
        const before = latestOf(wins);
        const through = addDays(last.date, -1);
        ledger.lastWin = before
          ? { win: before, date: last.date }
          : await ledger.latestWinThrough(through, book.earliestStart(through));
        return emit();
      }),
  };
}
