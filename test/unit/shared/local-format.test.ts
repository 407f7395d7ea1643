// The one formatter the tray, the notifications and the window write times, dates and numbers with:
// the rep's OS locale and time zone in, the words a rep of that region expects out.
import { describe, expect, it } from 'vitest';
import { localeTag, localFormat } from '../../../src/shared/local-format.ts';

const gb = localFormat('en-GB', 'Europe/Berlin');
const us = localFormat('en-US', 'America/New_York');
const de = localFormat('de-DE', 'Europe/Berlin');

describe('deadlines, as "by …" reads them', () => {
  it('en-GB: a 24-hour clock with its leading zero, and "noon"', () => {
    expect(['09:00', '12:00', '17:00', '00:30'].map(gb.deadline)).toEqual([
      '09:00',
      'noon',
      '17:00',
      '00:30',
    ]);
  });

  it('en-US: a 12-hour clock, and "noon"', () => {
    expect(['09:00', '12:00', '17:00', '00:30'].map(us.deadline)).toEqual([
      '9:00 AM',
      'noon',
      '5:00 PM',
      '12:30 AM',
    ]);
  });

  it('another language: the time itself at 12:00 too (no English "noon" inside its clock)', () => {
    expect(['12:00', '17:00'].map(de.deadline)).toEqual(['12:00', '17:00']);
  });

  it('no deadline is the end of the day, in every locale', () => {
    expect([gb, us, de].map((f) => f.deadline(null))).toEqual([
      'end of day',
      'end of day',
      'end of day',
    ]);
  });
});

describe('instants, in the rep’s zone whatever the process’s', () => {
  it('a time of day', () => {
    expect(gb.time('2026-11-23T16:00:00Z')).toBe('17:00');
    expect(us.time('2026-11-23T22:00:00Z')).toBe('5:00 PM');
  });

  it('until: the time when it is today where the rep is, else the weekday and time', () => {
    const now = '2026-11-23T10:30:00Z'; // Monday 11:30 in Berlin
    expect(gb.until('2026-11-23T11:30:00Z', now)).toBe('12:30');
    expect(gb.until('2026-11-23T23:00:00Z', now)).toBe('Tue 00:00');
    // 05:00 in New York on Monday 23 is still Monday there: the same day, not "Mon".
    expect(us.until('2026-11-23T22:00:00Z', '2026-11-23T10:00:00Z')).toBe('5:00 PM');
    expect(us.until('2026-11-24T14:00:00Z', '2026-11-23T10:00:00Z')).toBe('Tue 9:00 AM');
  });
});

describe('calendar days', () => {
  it('long, short, for a chart axis and as a range, each in the locale’s order', () => {
    expect([gb.dayLong('2026-11-23'), us.dayLong('2026-11-23')]).toEqual([
      'Monday 23 November',
      'Monday, November 23',
    ]);
    expect([gb.day('2026-11-23'), us.day('2026-11-23')]).toEqual(['Mon 23 Nov', 'Mon, Nov 23']);
    expect([gb.dayMonth('2026-11-23'), us.dayMonth('2026-11-23')]).toEqual(['23 Nov', 'Nov 23']);
    expect([
      gb.dayRange('2026-11-25', '2026-12-01'),
      us.dayRange('2026-11-25', '2026-12-01'),
    ]).toEqual(['25 Nov – 1 Dec', 'Nov 25 – Dec 1']);
  });

  it('a day is the same day in a zone far from UTC (no shift to the day before)', () => {
    expect(localFormat('en-GB', 'Pacific/Kiritimati').day('2026-11-23')).toBe('Mon 23 Nov');
    expect(localFormat('en-US', 'Pacific/Pago_Pago').day('2026-11-23')).toBe('Mon, Nov 23');
  });
});

describe('numbers', () => {
  it('with the locale’s separators', () => {
    expect([gb.number(1500), us.number(1500), de.number(1500)]).toEqual([
      '1,500',
      '1,500',
      '1.500',
    ]);
    expect(gb.percent(0.8)).toBe('80%');
  });
});

describe('the OS locale as Electron or a POSIX shell gives it', () => {
  it('accepts underscores and encodings, and falls back on what Intl cannot use', () => {
    expect(localeTag('en_US.UTF-8')).toBe('en-US');
    expect(localeTag('de_DE@euro')).toBe('de-DE');
    const fallback = new Intl.DateTimeFormat().resolvedOptions().locale;
    expect(localeTag('')).toBe(fallback);
    expect(localeTag('C')).toBe(fallback);
    expect(localeTag('not a locale!')).toBe(fallback);
    // A formatter for such a value still works instead of throwing a RangeError at start-up.
    expect(localFormat('C', 'Europe/Berlin').deadline('17:00')).toMatch(/^(17:00|5:00 PM)$/);
  });
});
