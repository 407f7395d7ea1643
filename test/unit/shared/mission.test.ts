// The mission domain's shapes (src/shared/mission.ts): what a date must be, and the sentence a
// rep reads when it is not.
import { isExists } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { LocalDate } from '../../../src/shared/mission.ts';

const messages = (value: unknown) =>
  LocalDate.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];

describe('a local date', () => {
  it('is a day the calendar has, leap days in leap years only', () => {
    for (const date of ['2026-11-23', '2024-02-29', '2000-02-29', '2026-01-31', '2026-04-30'])
      expect(messages(date)).toEqual([]);
    for (const date of ['2026-02-29', '1900-02-29', '2026-04-31', '2026-02-30', '2026-13-01'])
      expect(messages(date)).toEqual(['That date does not exist']);
    expect(messages('2026-11-00')).toEqual(['That date does not exist']);
  });

  it('is written YYYY-MM-DD, said in one sentence', () => {
    for (const date of ['23/11/2026', '2026-11-3', '2026-11-23T00:00', ''])
      expect(messages(date)).toEqual(['Dates look like 2026-11-23']);
    expect(messages(20261123)).toEqual(['Pick a date']);
  });

  it('exists exactly when date-fns says it does, for every day of years 1890–2110 and 0000–0130', () => {
    const wrong: string[] = [];
    const years = [
      ...Array.from({ length: 221 }, (_, i) => 1890 + i),
      ...Array.from({ length: 131 }, (_, i) => i),
    ];
    for (const year of years)
      for (let month = 0; month <= 13; month++)
        for (let day = 0; day <= 32; day++) {
          const text = [String(year).padStart(4, '0'), month, day]
            .map((part) => String(part).padStart(2, '0'))
            .join('-');
          if (LocalDate.safeParse(text).success !== isExists(year, month - 1, day))
            wrong.push(text);
        }
    expect(wrong).toEqual([]);
  });
});
