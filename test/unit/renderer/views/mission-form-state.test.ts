// The window's mission templates and form validation: every template, on every day of the week,
// gives a draft the core accepts and plans; the form's messages are the core's.
import { describe, expect, it } from 'vitest';
import { resolvePlan } from '../../../../src/core/missions/planner.ts';
import { MissionDraft } from '../../../../src/shared/mission.ts';
import type { Suggestion } from '../../../../src/shared/snapshot.ts';
import {
  TEMPLATES,
  blankForm,
  draftOf,
  isFoldedField,
  parseDraft,
  prefilled,
  templateForm,
  weekAhead,
  weekdaysSummary,
  withTarget,
} from '../../../../src/renderer/views/mission-form-state.ts';

// Monday 23 to Sunday 29 November 2026.
const WEEK = ['23', '24', '25', '26', '27', '28', '29'].map((d) => `2026-11-${d}`);
const MON_FRI = [1, 2, 3, 4, 5];

describe('mission templates', () => {
  for (const template of TEMPLATES) {
    for (const today of WEEK) {
      it(`${template.name}, on ${today}: a draft the core plans`, () => {
        const parsed = parseDraft(template.apply(today, MON_FRI), null);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const plan = resolvePlan(parsed.draft);
        expect(plan.length).toBeGreaterThan(0);
        expect((plan[0]?.date ?? '') >= today).toBe(true);
        const planned = plan.reduce((sum, day) => sum + (day.checkpoints.at(-1)?.count ?? 0), 0);
        expect(planned).toBe(parsed.draft.target);
      });
    }
  }

  it('"5 follow-ups a day" asks for five on each working day', () => {
    const followUps = TEMPLATES.find((t) => t.name === '5 follow-ups a day');
    if (!followUps) throw new Error('no follow-ups template');
    const parsed = parseDraft(followUps.apply('2026-11-25', MON_FRI), null);
    if (!parsed.ok) throw new Error('template did not parse');
    expect(resolvePlan(parsed.draft).map((d) => d.checkpoints.at(-1)?.count)).toEqual([5, 5, 5]);
  });
});

/** After "Book 10 meetings" ended 8 of 10 and was called unrealistic. */
const lowered: Suggestion = {
  attainable: 7,
  challenging: 8,
  elite: 10,
  recommended: 'attainable',
  basis: 'history',
  sampleSize: 1,
  explanation: 'Lowered: you marked your last meetings mission as an unrealistic target.',
};
const noHistory: Suggestion = {
  ...lowered,
  attainable: 10,
  challenging: 12,
  elite: 15,
  basis: 'default',
  sampleSize: 0,
};
const template = (name: string) => {
  const found = TEMPLATES.find((t) => t.name === name);
  if (!found) throw new Error(`no template "${name}"`);
  return found;
};

describe('the suggested target', () => {
  const monday = '2026-11-30';

  it('fills the target (and the number in the title) with the level the rep most likely takes', () => {
    const form = { ...blankForm(monday, MON_FRI), title: 'Book 10 meetings this week' };
    expect(prefilled(form, lowered, false)).toMatchObject({
      title: 'Book 7 meetings this week',
      target: '7',
    });
    expect(prefilled(form, { ...lowered, recommended: 'challenging' }, false).target).toBe('8');
    // A title the rep typed is theirs.
    expect(prefilled(form, lowered, true)).toMatchObject({
      title: 'Book 10 meetings this week',
      target: '7',
    });
  });

  it('without history, the form keeps its own target', () => {
    const form = blankForm(monday, MON_FRI);
    expect(prefilled(form, noHistory, false)).toBe(form);
    expect(prefilled(form, null, false)).toBe(form);
  });

  it('changes only the number the title names, as a whole number', () => {
    const form = { ...blankForm(monday, MON_FRI), target: '10', title: '100 calls, 10 a day' };
    expect(withTarget(form, 7).title).toBe('100 calls, 7 a day');
    expect(withTarget({ ...form, title: 'Q4 push' }, 7)).toMatchObject({
      title: 'Q4 push',
      target: '7',
    });
  });

  it('template chips offer it too: "Book 7 meetings this week", never the old 10', () => {
    const meetings = templateForm(template('Book 10 meetings this week'), monday, MON_FRI, lowered);
    expect(meetings).toMatchObject({ title: 'Book 7 meetings this week', target: '7' });
    const plain = templateForm(template('Book 10 meetings this week'), monday, MON_FRI, noHistory);
    expect(plain).toMatchObject({ title: 'Book 10 meetings this week', target: '10' });
  });

  it('a daily template stays daily: the suggestion as a whole number a day', () => {
    const followUps = template('5 follow-ups a day');
    const form = templateForm(followUps, monday, MON_FRI, { ...lowered, attainable: 33 });
    expect(form).toMatchObject({ title: '7 follow-ups a day', target: '35' });
    const parsed = parseDraft(form, null);
    if (!parsed.ok) throw new Error('template did not parse');
    expect(resolvePlan(parsed.draft).map((d) => d.checkpoints.at(-1)?.count)).toEqual([
      7, 7, 7, 7, 7,
    ]);
  });
});

describe('weekAhead', () => {
  it('is the rest of this week while a working day is left', () => {
    expect(weekAhead('2026-11-27', MON_FRI)).toEqual({
      startDate: '2026-11-27',
      endDate: '2026-11-29',
    });
  });
  it('is next week at the weekend', () => {
    expect(weekAhead('2026-11-28', MON_FRI)).toEqual({
      startDate: '2026-11-30',
      endDate: '2026-12-06',
    });
  });
});

describe('form validation', () => {
  const form = { ...blankForm('2026-11-23', MON_FRI), title: 'Book 10 meetings' };

  it('maps each message to its field, with the core schema’s own words', () => {
    const parsed = parseDraft(
      { ...form, title: 'x'.repeat(121), target: '0', endDate: '2026-11-20' },
      null,
    );
    expect(parsed).toEqual({
      ok: false,
      errors: {
        title: 'Titles are 120 characters at most',
        target: 'Target must be at least 1',
        endDate: 'End date must be on or after the start date',
      },
    });
    const core = MissionDraft.safeParse(
      draftOf({ ...form, title: 'x'.repeat(121), target: '0', endDate: '2026-11-20' }, null),
    );
    expect(core.error?.issues.map((i) => i.message).sort()).toEqual(
      Object.values(parsed.ok ? {} : parsed.errors).sort(),
    );
  });

  it('an empty or fractional target is refused with a sentence', () => {
    expect(parseDraft({ ...form, target: '' }, null)).toMatchObject({
      errors: { target: 'Target must be a number' },
    });
    expect(parseDraft({ ...form, target: '2.5' }, null)).toMatchObject({
      errors: { target: 'Target must be a whole number' },
    });
  });

  it('an edited plan goes with the draft, and its problems are reported under "plan"', () => {
    const plan = [
      {
        date: '2026-11-23',
        checkpoints: [
          { count: 3, by: '12:00' },
          { count: 1, by: '17:00' },
        ],
      },
    ];
    expect(parseDraft(form, plan)).toEqual({
      ok: false,
      errors: {
        plan: 'Later milestones in a day must ask for at least as many wins as earlier ones',
      },
    });
  });
});

describe('the fold under "Working days and milestones"', () => {
  it('says the working days as a rep reads them', () => {
    expect(weekdaysSummary([1, 2, 3, 4, 5])).toBe('Mon–Fri');
    expect(weekdaysSummary([5, 1, 3])).toBe('Mon, Wed, Fri');
    expect(weekdaysSummary([1, 3, 4, 5, 6, 7])).toBe('Mon, Wed–Sun');
    expect(weekdaysSummary([1, 2, 4, 5])).toBe('Mon, Tue, Thu, Fri');
    expect(weekdaysSummary([6])).toBe('Sat');
    expect(weekdaysSummary([])).toBe('');
  });

  it('holds the working days, the deadlines and the plan, and none of the essentials', () => {
    // The messages the core gives for a form with everything wrong, sorted into what folds.
    const errors = parseDraft(
      {
        ...blankForm('2026-11-23', []),
        title: '',
        target: '0',
        endDate: '2026-11-01',
        deadlines: ['', '17:00'],
      },
      [
        {
          date: '2026-11-23',
          checkpoints: [
            { count: 3, by: '17:00' },
            { count: 1, by: '12:00' },
          ],
        },
      ],
    );
    expect(errors.ok).toBe(false);
    if (errors.ok) return;
    const keys = Object.keys(errors.errors);
    expect(keys.filter(isFoldedField).sort()).toEqual(['deadlines.0', 'plan', 'workingDays']);
    expect(keys.filter((k) => !isFoldedField(k)).sort()).toEqual(['endDate', 'target', 'title']);
  });
});
