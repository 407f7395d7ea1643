// The ports the core works over. Adapters live in src/main (Electron, Node) and test/fakes.

/** The current instant and the rep's time zone; injected so tests control time. */
export interface ClockPort {
  now(): Date;
  /** IANA zone, e.g. "Europe/Berlin". */
  timeZone(): string;
}

export const systemClock: ClockPort = {
  now: () => new Date(),
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
};
