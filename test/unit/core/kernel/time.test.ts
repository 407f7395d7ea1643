import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  datesInPeriod,
  daysBetween,
  instantOf,
  isoWeekday,
  localDateOf,
  localTimeOf,
} from '../../../../src/core/kernel/time.ts';

const HOUR = 3_600_000;
const ZONES = ['America/New_York', 'Europe/Berlin'] as const;

// Results must come from the zone passed in, never from the process's own zone.
describe.each(['UTC', 'Asia/Tokyo', 'America/Los_Angeles'])('with process TZ=%s', (processTz) => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = processTz;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('reads the local date and time of an instant in the given zone', () => {
    const instant = new Date('2026-11-23T03:30:00Z');
    expect(localDateOf(instant, 'America/New_York')).toBe('2026-11-22');
    expect(localTimeOf(instant, 'America/New_York')).toBe('22:30');
    expect(localDateOf(instant, 'Europe/Berlin')).toBe('2026-11-23');
    expect(localTimeOf(instant, 'Europe/Berlin')).toBe('04:30');
  });

  it('gives 23- and 25-hour days on DST changes', () => {
    const length = (date: string, zone: string) =>
      (instantOf(date, null, zone).getTime() - instantOf(date, '00:00', zone).getTime()) / HOUR;
    expect(length('2026-03-08', 'America/New_York')).toBe(23);
    expect(length('2026-11-01', 'America/New_York')).toBe(25);
    expect(length('2026-03-29', 'Europe/Berlin')).toBe(23);
    expect(length('2026-10-25', 'Europe/Berlin')).toBe(25);
    expect(length('2026-11-23', 'Europe/Berlin')).toBe(24);
  });

  it('places noon deadlines on DST days at the right instant', () => {
    expect(instantOf('2026-03-08', '12:00', 'America/New_York').toISOString()).toBe(
      '2026-03-08T16:00:00.000Z',
    );
    expect(instantOf('2026-03-07', '12:00', 'America/New_York').toISOString()).toBe(
      '2026-03-07T17:00:00.000Z',
    );
    expect(instantOf('2026-10-25', '12:00', 'Europe/Berlin').toISOString()).toBe(
      '2026-10-25T11:00:00.000Z',
    );
    expect(instantOf('2026-03-29', '17:00', 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T15:00:00.000Z',
    );
  });

  it('moves a time skipped by spring-forward to after the gap', () => {
    expect(instantOf('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    expect(localTimeOf(instantOf('2026-03-29', '02:15', 'Europe/Berlin'), 'Europe/Berlin')).toBe(
      '03:15',
    );
  });

  it('resolves a time repeated at fall-back to its first pass', () => {
    // 02:05 happens twice in Berlin on 27 Oct 2024 (CEST, then CET) and 01:05 in New York on
    // 3 Nov 2024 (EDT, then EST): the first is when the deadline passes.
    expect(instantOf('2024-10-27', '02:05', 'Europe/Berlin').toISOString()).toBe(
      '2024-10-27T00:05:00.000Z',
    );
    expect(instantOf('2024-11-03', '01:05', 'America/New_York').toISOString()).toBe(
      '2024-11-03T05:05:00.000Z',
    );
  });

  it('ends the last day of a month and year at the next day’s midnight', () => {
    expect(instantOf('2026-12-31', null, 'Europe/Berlin').toISOString()).toBe(
      '2026-12-31T23:00:00.000Z',
    );
    expect(instantOf('2028-02-28', null, 'America/New_York').toISOString()).toBe(
      '2028-02-29T05:00:00.000Z',
    );
  });

  it('round-trips every local date and time, in both zones (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.date({
          min: new Date('2024-01-01T00:00:00Z'),
          max: new Date('2030-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (zone, instant) => {
          const date = localDateOf(instant, zone);
          const time = localTimeOf(instant, zone);
          const back = instantOf(date, time, zone);
          // Same wall-clock minute; the hour repeated at fall-back resolves to its first pass.
          expect(localDateOf(back, zone)).toBe(date);
          expect(localTimeOf(back, zone)).toBe(time);
          expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(instant.getTime() - back.getTime()).toBeLessThan(HOUR + 60_000);
          // The instant lies within its local day.
          expect(instant.getTime()).toBeGreaterThanOrEqual(
            instantOf(date, '00:00', zone).getTime(),
          );
          expect(instant.getTime()).toBeLessThan(instantOf(date, null, zone).getTime());
        },
      ),
    );
  });
});

describe('calendar days', () => {
  it('knows ISO weekdays', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(isoWeekday('2026-03-08')).toBe(7);
  });

  it('adds days across months, years and DST dates', () => {
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
  });

  it('lists every date of a period, both ends included', () => {
    expect(datesInPeriod('2026-10-24', '2026-10-27')).toEqual([
      '2026-10-24',
      '2026-10-25',
      '2026-10-26',
      '2026-10-27',
    ]);
    expect(datesInPeriod('2026-10-27', '2026-10-24')).toEqual([]);
  });

  it('agrees with addDays for any span (property)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2030-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 400 }),
        (d, n) => {
          const start = d.toISOString().slice(0, 10);
          const end = addDays(start, n);
          const dates = datesInPeriod(start, end);
          expect(dates).toHaveLength(n + 1);
          expect(daysBetween(start, end)).toBe(n);
          expect(new Set(dates.map(isoWeekday)).size).toBe(Math.min(7, n + 1));
        },
      ),
      { numRuns: 50 },
    );
  });
});
