// The team preview's words: every field of the payload gets a row, a field added to the protocol
// later included (its name in words, its value as sent), and the reflection says whether it is in.
import { describe, expect, it } from 'vitest';
import { dayRow, previewRows } from '../../../src/renderer/team-preview-rows.ts';
import type { TeamMissionState } from '../../../src/shared/team.ts';
import { sampleState } from '../server/team-server-fixture.ts';

const labels = (state: TeamMissionState, kept = false) =>
  Object.fromEntries(previewRows(state, kept).map((r) => [r.label, r.value]));

describe('the team preview in words', () => {
  it("gives every field of the payload a row, the period's end in the period's", () => {
    const state = sampleState();
    const rows = previewRows(state, false);
    const keys = rows.map((r) => r.key);
    expect(keys).toEqual(Object.keys(state).filter((k) => k !== 'endDate'));
    expect(labels(state)).toMatchObject({
      Title: 'Book 10 meetings',
      Metric: 'Meetings',
      Target: '10 meetings',
      'Logged so far': '3 meetings',
      'Days with progress': '1 day',
      Outcome: 'Active',
      Reflection: 'Not included: none written',
    });
  });

  it('shows a field it does not know yet, and a day carrying one, as the payload holds them', () => {
    // As if the protocol gained fields: the preview shows them without a change here.
    const state = { ...sampleState(), awayDays: ['2026-11-25'] };
    const withDay = { date: '2026-11-25', count: 0, hit: 0, of: 0, away: true };
    expect(previewRows(state, false).at(-1)).toEqual({
      key: 'awayDays',
      label: 'Away days',
      value: expect.stringContaining('25'),
    });
    expect(dayRow(withDay).milestones).toBe('— · Away');
  });

  it('says whether the reflection is included, with its words when it is', () => {
    const missed = sampleState({ status: 'missed' });
    expect(labels(missed, true)['Reflection']).toBe('Not included: you kept it to yourself');
    const shared = sampleState({
      status: 'missed',
      reflection: {
        reason: 'external-blockers',
        note: 'Two clients away',
        nextStep: 'Book earlier',
      },
    });
    expect(labels(shared)['Reflection']).toBe(
      'Included — External blockers. Two clients away. Next: Book earlier',
    );
  });
});
