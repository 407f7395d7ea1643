// Whether two snapshots show the same: the core's tick and the shell's poll push a snapshot only
// when something but the instant it was computed at changed.
import type { TodaySnapshot } from '../../shared/snapshot.ts';

/** All of `a` but its instant equals `b`; never equal to no snapshot at all. */
export const sameView = (a: TodaySnapshot, b: TodaySnapshot | null): boolean =>
  b !== null && JSON.stringify({ ...a, at: '' }) === JSON.stringify({ ...b, at: '' });
