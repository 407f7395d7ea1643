// A page that opens missiontray:// links in a loop must not fill the rep's day with wins (or
// their screen with windows): links are taken at most `max` in any `windowMs`, and a burst
// past it is said once, not once per link.

export const LINK_LIMIT = { max: 5, windowMs: 60_000 } as const;

export type LinkLimitVerdict = 'ok' | 'refused' | 'refused-again';

export interface LinkLimit {
  readonly max: number;
  readonly windowMs: number;
  /** Counts one link at `now` (ms) if the limit allows it. */
  take(now: number): LinkLimitVerdict;
}

export function createLinkLimit(
  options: { max: number; windowMs: number } = LINK_LIMIT,
): LinkLimit {
  const { max, windowMs } = options;
  /** When each link taken in the last window came. */
  let taken: number[] = [];
  let saidSo = false;
  return {
    max,
    windowMs,
    take(now) {
      // A clock set back makes every stored time "future": they are dropped, not kept forever.
      taken = taken.filter((t) => t > now - windowMs && t <= now);
      if (taken.length < max) {
        taken.push(now);
        saidSo = false;
        return 'ok';
      }
      if (saidSo) return 'refused-again';
      saidSo = true;
      return 'refused';
    },
  };
}
