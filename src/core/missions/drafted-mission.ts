// A draft made into the mission it would be saved as: the create and update commands save it, the
// team preview shows what the team would receive of it before it is saved.
import type { LocalDate, Mission, ParsedMissionDraft } from '../../shared/mission.ts';
import { orderedDeadlines, resolvePlan } from './planner.ts';
import { checkEditable, checkPlanDates } from './rules.ts';

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

/**
 * `draft` as a new mission (`base` null) or as `base` edited, with the dates a new or edited
 * mission may have; throws the rule's refusal otherwise. `seq` is the store's to set on save.
 */
export function draftedMission(
  draft: ParsedMissionDraft,
  base: Mission | null,
  at: { id: string; now: string; today: LocalDate },
): Mission {
  if (base) {
    checkEditable(base);
    checkPlanDates(draft, at.today, base.startDate);
    return { ...base, ...definitionOf(draft), plan: resolvePlan(draft) };
  }
  checkPlanDates(draft, at.today);
  return {
    id: at.id,
    ...definitionOf(draft),
    status: 'active',
    archived: false,
    plan: resolvePlan(draft),
    reflection: null,
    createdAt: at.now,
    updatedAt: at.now,
    seq: 0,
  };
}
