// The checks a command makes before it writes: plain functions of the mission, the day and the
// input, each refusing with a sentence the rep can act on. None reads or writes the store.
import { ZodError } from 'zod';
import { firstIssue } from '../../shared/mission.ts';
import type { LocalDate, Mission, ParsedMissionDraft } from '../../shared/mission.ts';
import { MissionTrayError } from '../kernel/errors.ts';

const invalid = (message: string, path?: string[]): MissionTrayError =>
  new MissionTrayError('invalid', message, path ? { path } : undefined);

export const missionNotFound = (): MissionTrayError =>
  new MissionTrayError('not-found', 'That mission no longer exists. Pick another one.');

/** Parses what the core is about to write; a failure here is a bug, reported with its reason. */
export function checked<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ZodError) throw invalid(firstIssue(error));
    throw error;
  }
}

/**
 * A new or edited mission's dates: it starts today or later (an edit may keep the start it has)
 * and has not ended.
 */
export function checkPlanDates(
  draft: Pick<ParsedMissionDraft, 'startDate' | 'endDate'>,
  today: LocalDate,
  keptStart?: LocalDate,
): void {
  if (draft.startDate < today && draft.startDate !== keptStart) {
    throw invalid(`Missions start today or later: pick a start date from ${today} on.`, [
      'startDate',
    ]);
  }
  if (draft.endDate < today) {
    throw invalid(`The end date has passed: pick ${today} or later.`, ['endDate']);
  }
}

/** Only a running mission the rep has not archived can be edited. */
export function checkEditable(mission: Mission): void {
  if (mission.archived) {
    throw invalid(`“${mission.title}” is archived, so it can't be edited.`);
  }
  if (mission.status !== 'active') {
    throw invalid(
      `“${mission.title}” has ended, so it can't be edited. Start a new mission instead.`,
    );
  }
}

export function checkAbandonable(mission: Mission): void {
  if (mission.status !== 'active') {
    throw invalid(
      `Only a running mission can be abandoned; “${mission.title}” is already ${mission.status}.`,
    );
  }
}

/** A reflection is for a mission that ended short: missed or abandoned. */
export function checkReflectable(mission: Mission): void {
  if (mission.status !== 'missed' && mission.status !== 'abandoned') {
    throw invalid(
      mission.status === 'active'
        ? `“${mission.title}” is still running: reflect on it once it has ended.`
        : `“${mission.title}” reached its target, so there is nothing to reflect on.`,
    );
  }
}

/** A win goes to a running, unarchived mission within its period. */
export function checkTakesWins(mission: Mission, today: LocalDate): void {
  const title = `“${mission.title}”`;
  if (mission.archived) {
    throw invalid(`${title} is archived, so it can't take new wins.`);
  }
  if (mission.status === 'abandoned') {
    throw invalid(`${title} was abandoned, so it can't take new wins.`);
  }
  if (mission.status !== 'active' || today > mission.endDate) {
    throw invalid(
      `${title} ended on ${mission.endDate}. Start a new mission to keep logging wins.`,
    );
  }
  if (today < mission.startDate) {
    throw invalid(`${title} starts on ${mission.startDate}. Log wins toward it from then.`);
  }
}

/** The win undo takes back; refused when there is none. */
export function winToUndo<W>(lastWin: W | null): W {
  if (lastWin === null) throw new MissionTrayError('not-found', 'There is no win to undo.');
  return lastWin;
}

/** An ended mission's wins are final. A win whose mission no longer exists can be undone. */
export const canUndoWinOf = (mission: Mission | undefined): boolean =>
  !mission || mission.status === 'active';

export function checkUndoable(mission: Mission | undefined): void {
  if (mission && !canUndoWinOf(mission)) {
    throw invalid(
      `“${mission.title}” has ended, so its wins are final and the last one can't be undone.`,
    );
  }
}

/** Time off changes from today on: the days before today stay what they were. */
export function checkTimeOffFrom(from: LocalDate, today: LocalDate): void {
  if (from < today) {
    throw invalid(
      `Time off before today can't be changed: the past stays as it was. Pick ${today} or later as the first day.`,
      ['from'],
    );
  }
}
