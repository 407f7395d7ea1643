// The calls that only read: today's snapshot, history, a plan preview, a suggested target, the
// missions just completed and the export. None waits behind commands or writes.
import type { IpcHandlers } from '../../shared/ipc.ts';
import type { Mission, Win } from '../../shared/mission.ts';
import { dateOfDayDoc, WINS_PREFIX } from '../ledger/store-docs.ts';
import { exportJson, winsCsv } from '../missions/export.ts';
import { buildHistory } from '../missions/history.ts';
import { resolvePlan } from '../missions/planner.ts';
import { suggestTarget } from '../missions/suggest.ts';
import type { CommandContext } from './context.ts';

type Queries = Pick<IpcHandlers['missions'], 'today' | 'history' | 'preview' | 'suggest'>;

export function queries(ctx: CommandContext): Queries {
  const { book, closed, ledger } = ctx;
  return {
    today: async () => ctx.snapshot(),

    history: async () => {
      const all = await book.all();
      await closed.loadAll();
      const totalOf = ctx.totals();
      return buildHistory({
        missions: all,
        totals: new Map(all.map((m) => [m.id, totalOf(m.id)])),
        days: closed.days(),
        todayWins: ledger.todayDoc.data.wins,
        today: ledger.today,
      });
    },

    preview: async (draft) => resolvePlan(draft),

    suggest: async (input) => {
      const all = await book.all();
      await closed.loadAll();
      const total = ctx.totals();
      return suggestTarget(
        input,
        all.map((mission) => ({ mission, total: total(mission.id) })),
      );
    },
  };
}

/** Missions that ended with their target met and not archived by the rep, with their totals. */
export function recentlyCompleted(ctx: CommandContext): { mission: Mission; total: number }[] {
  const total = ctx.totals();
  return ctx.book
    .current()
    .filter((m) => m.status === 'completed' && !m.archived)
    .map((mission) => ({ mission, total: total(mission.id) }));
}

/** Every mission and every win, whatever partition or archive holds them. */
export async function exportData(ctx: CommandContext, format: 'json' | 'csv'): Promise<string> {
  const wins: Win[] = [];
  for (const name of await ctx.store.list(WINS_PREFIX)) {
    wins.push(...(await ctx.ledger.openDay(dateOfDayDoc(name))).data.wins);
  }
  // In the order they were created, wherever they are stored.
  const all = [...(await ctx.book.all())].sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.seq - b.seq,
  );
  const input = {
    missions: { ...ctx.book.doc.data, missions: all },
    wins,
    exportedAt: ctx.clock.now(),
    timeZone: ctx.clock.timeZone(),
  };
  return format === 'json' ? exportJson(input) : winsCsv(input);
}
