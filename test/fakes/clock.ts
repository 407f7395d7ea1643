// A clock tests control: a fixed instant in an explicit IANA zone, moved only by the test.
import type { ClockPort } from '../../src/core/kernel/ports.ts';

/** The OS locale tests run under unless they say otherwise: a 24-hour clock, "by noon". */
export const TEST_LOCALE = 'en-GB';

export interface FakeClock extends ClockPort {
  set(instant: Date | string): void;
  advance(ms: number): void;
  setTimeZone(timeZone: string): void;
}

export function createFakeClock(options: { now: Date | string; timeZone: string }): FakeClock {
  let current = new Date(options.now).getTime();
  let zone = options.timeZone;
  return {
    now: () => new Date(current),
    timeZone: () => zone,
    set(instant) {
      current = new Date(instant).getTime();
    },
    advance(ms) {
      current += ms;
    },
    setTimeZone(timeZone) {
      zone = timeZone;
    },
  };
}
