// The checks commands make before they write, as plain functions: no store, no clock.
import { describe, expect, it } from 'vitest';
import { MissionTrayError } from '../../../../src/core/kernel/errors.ts';
import {
  checkAbandonable,
  checkEditable,
  checkPlanDates,
  checkReflectable,
  checkTakesWins,
  checkUndoable,
  checked,
  missionNotFound,
  winToUndo,
} from '../../../../src/core/missions/rules.ts';
import { Win } from '../../../../src/shared/mission.ts';
import { missionOf } from '../fixtures.ts';

const reflection = {
  reason: 'external-blockers',
  note: '',
  nextStep: '',
  shareWithTeam: false,
  at: '2026-11-28T10:00:00Z',
} as const;

/** What a refusal tells the rep and the boundary: its code, sentence and field. */
function refusal(check: () => unknown) {
  try {
    check();
  } catch (error) {
    if (error instanceof MissionTrayError) {
      return { code: error.code, message: error.message, path: error.path };
    }
    throw error;
  }
  return null;
}

describe('rules a command checks before it writes', () => {
  const week = missionOf({ title: 'Book 10 meetings' }); // Mon 23 – Fri 27 Nov 2026

  it('plans missions from today on; an edit may keep a start that has passed', () => {
    expect(refusal(() => checkPlanDates(week, '2026-11-24'))).toEqual({
      code: 'invalid',
      message: 'Missions start today or later: pick a start date from 2026-11-24 on.',
      path: ['startDate'],
    });
    expect(refusal(() => checkPlanDates(week, '2026-11-24', '2026-11-23'))).toBeNull();
    expect(refusal(() => checkPlanDates(week, '2026-11-28', '2026-11-23'))).toEqual({
      code: 'invalid',
      message: 'The end date has passed: pick 2026-11-28 or later.',
      path: ['endDate'],
    });
    expect(refusal(() => checkPlanDates(week, '2026-11-23'))).toBeNull();
  });

  it('edits only a running mission the rep has not archived', () => {
    expect(refusal(() => checkEditable(week))).toBeNull();
    expect(refusal(() => checkEditable({ ...week, archived: true }))?.message).toBe(
      "“Book 10 meetings” is archived, so it can't be edited.",
    );
    expect(refusal(() => checkEditable({ ...week, status: 'missed' }))?.message).toBe(
      "“Book 10 meetings” has ended, so it can't be edited. Start a new mission instead.",
    );
  });

  it('abandons only a running mission', () => {
    expect(refusal(() => checkAbandonable(week))).toBeNull();
    expect(refusal(() => checkAbandonable({ ...week, status: 'completed' }))).toEqual({
      code: 'invalid',
      message: 'Only a running mission can be abandoned; “Book 10 meetings” is already completed.',
      path: undefined,
    });
  });

  it('asks for a reflection only on a mission that ended short', () => {
    expect(refusal(() => checkReflectable({ ...week, status: 'missed' }))).toBeNull();
    expect(refusal(() => checkReflectable({ ...week, status: 'abandoned' }))).toBeNull();
    expect(refusal(() => checkReflectable(week))?.message).toBe(
      '“Book 10 meetings” is still running: reflect on it once it has ended.',
    );
    expect(
      refusal(() => checkReflectable({ ...week, status: 'completed', reflection }))?.message,
    ).toBe('“Book 10 meetings” reached its target, so there is nothing to reflect on.');
  });

  it('takes wins only within a running mission’s period', () => {
    expect(refusal(() => checkTakesWins(week, '2026-11-23'))).toBeNull();
    expect(refusal(() => checkTakesWins(week, '2026-11-27'))).toBeNull();
    const says = (mission: typeof week, today: string) =>
      refusal(() => checkTakesWins(mission, today))?.message;
    expect(says(week, '2026-11-22')).toBe(
      '“Book 10 meetings” starts on 2026-11-23. Log wins toward it from then.',
    );
    expect(says(week, '2026-11-28')).toBe(
      '“Book 10 meetings” ended on 2026-11-27. Start a new mission to keep logging wins.',
    );
    expect(says({ ...week, status: 'completed' }, '2026-11-25')).toBe(
      '“Book 10 meetings” ended on 2026-11-27. Start a new mission to keep logging wins.',
    );
    expect(says({ ...week, status: 'abandoned' }, '2026-11-25')).toBe(
      "“Book 10 meetings” was abandoned, so it can't take new wins.",
    );
    // Archived wins over abandoned: the rep hid it.
    expect(says({ ...week, status: 'abandoned', archived: true }, '2026-11-25')).toBe(
      "“Book 10 meetings” is archived, so it can't take new wins.",
    );
  });

  it('undoes the last win of a running mission, or of one that no longer exists', () => {
    expect(refusal(() => winToUndo(null))).toEqual({
      code: 'not-found',
      message: 'There is no win to undo.',
      path: undefined,
    });
    expect(winToUndo('the last win')).toBe('the last win');
    expect(refusal(() => checkUndoable(week))).toBeNull();
    expect(refusal(() => checkUndoable(undefined))).toBeNull();
    expect(refusal(() => checkUndoable({ ...week, status: 'completed' }))?.message).toBe(
      "“Book 10 meetings” has ended, so its wins are final and the last one can't be undone.",
    );
  });

  it('names a missing mission and turns a refused write into its first issue', () => {
    expect(
      refusal(() => {
        throw missionNotFound();
      }),
    ).toEqual({
      code: 'not-found',
      message: 'That mission no longer exists. Pick another one.',
      path: undefined,
    });
    const win = {
      id: 'w1',
      missionId: 'm1',
      amount: 1,
      at: '2026-11-23T10:00:00Z',
      source: 'tray',
      seq: 1,
    };
    expect(refusal(() => checked(() => Win.parse({ ...win, note: 'x'.repeat(201) })))).toEqual({
      code: 'invalid',
      message: 'Keep the note under 200 characters',
      path: undefined,
    });
    expect(checked(() => Win.parse(win))).toEqual(win);
  });
});
