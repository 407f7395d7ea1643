// The commands that change missions and the notices (time off: time-off-commands.ts): each checks (rules.ts),
// makes its one durable write, then pushes the new snapshot.
import type { IpcHandlers } from '../../shared/ipc.ts';
import type { ParsedMissionDraft, Reflection } from '../../shared/mission.ts';
import { orderedDeadlines, resolvePlan } from '../missions/planner.ts';
import {
  checkAbandonable,
  checkEditable,
  checkPlanDates,
  checkReflectable,
} from '../missions/rules.ts';
import type { CommandContext } from './context.ts';

type MissionCommands = Pick<
  IpcHandlers['missions'],
  'create' | 'update' | 'archive' | 'abandon' | 'reflect' | 'dismissNotice'
>;

function definitionOf(draft: ParsedMissionDraft) {
  return {
    title: draft.title,
    metric: draft.metric,
    target: draft.target,
    startDate: draft.startDate,
    endDate: draft.endDate,
    workingDays: draft.workingDays,
    deadlines: orderedDeadlines(draft.deadlines),
    visibility: draft.visibility,
    objective: draft.objective,
  };
}

export function missionCommands(ctx: CommandContext): MissionCommands {
  const { book, ledger, serial, catchUpQuietly, emit } = ctx;
  /** The plan of a draft, with the dates a new or edited mission may have. */
  const planFor = (draft: ParsedMissionDraft, keptStart?: string) => {
    checkPlanDates(draft, ledger.today, keptStart);
    return resolvePlan(draft);
  };
  return {
    create: (draft) =>
      serial(async () => {
        await catchUpQuietly();
        const now = ctx.clock.now().toISOString();
        const mission = await book.save({
          id: ctx.newId(),
          ...definitionOf(draft),
          status: 'active',
          archived: false,
          plan: planFor(draft),
          reflection: null,
          createdAt: now,
          updatedAt: now,
          seq: 0,
        });
        emit();
        return mission;
      }),

    update: ({ id, draft }) =>
      serial(async () => {
        await catchUpQuietly();
        const mission = await book.byId(id);
        checkEditable(mission);
        const plan = planFor(draft, mission.startDate);
        const saved = await book.save({ ...mission, ...definitionOf(draft), plan });
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
