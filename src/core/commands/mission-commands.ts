// The commands that change missions and the notices (time off: time-off-commands.ts): each checks (rules.ts),
// makes its one durable write, then pushes the new snapshot.
import type { IpcHandlers } from '../../shared/ipc.ts';
import type { Reflection } from '../../shared/mission.ts';
import { draftedMission } from '../missions/drafted-mission.ts';
import { checkAbandonable, checkReflectable } from '../missions/rules.ts';
import type { CommandContext } from './context.ts';

type MissionCommands = Pick<
  IpcHandlers['missions'],
  'create' | 'update' | 'archive' | 'abandon' | 'reflect' | 'dismissNotice'
>;

export function missionCommands(ctx: CommandContext): MissionCommands {
  const { book, ledger, serial, catchUpQuietly, emit } = ctx;
  return {
    create: (draft) =>
      serial(async () => {
        await catchUpQuietly();
        const now = ctx.clock.now().toISOString();
        const mission = await book.save(
          draftedMission(draft, null, { id: ctx.newId(), now, today: ledger.today }),
        );
        emit();
        return mission;
      }),

    update: ({ id, draft }) =>
      serial(async () => {
        await catchUpQuietly();
        const mission = await book.byId(id);
        const now = ctx.clock.now().toISOString();
        const saved = await book.save(
          draftedMission(draft, mission, { id, now, today: ledger.today }),
        );
        emit();
        return saved;
      }),

    archive: ({ id }) =>
      serial(async () => {
        const mission = await book.byId(id);
        if (mission.archived) return mission;
        const saved = await book.save({ ...mission, archived: true });
        emit();
        return saved;
      }),

    abandon: ({ id }) =>
      serial(async () => {
        await catchUpQuietly();
        const mission = await book.byId(id);
        checkAbandonable(mission);
        const saved = await book.save({ ...mission, status: 'abandoned' });
        emit();
        return saved;
      }),

    reflect: ({ id, reflection }) =>
      serial(async () => {
        await catchUpQuietly();
        const mission = await book.byId(id);
        checkReflectable(mission);
        const withTime: Reflection = { ...reflection, at: ctx.clock.now().toISOString() };
        const saved = await book.save({ ...mission, reflection: withTime });
        emit();
        return saved;
      }),

    dismissNotice: ({ id }) =>
      serial(async () => {
        ctx.store.dismissNotice(id);
        return emit();
      }),
  };
}
