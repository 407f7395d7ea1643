// Words about the rep's access to their team, shared by the sync engine, the shell's notification
// and the window's banner. Kept free of zod: the window's first screen imports it.

/** The team as the rep knows it: its name when they joined by invite, else where it is. */
const teamOf = (sync: { endpoint: string | null; team?: string | null }): string =>
  sync.team ?? (sync.endpoint ? `the team at ${sync.endpoint}` : 'your team');

/** What the window, the notification and the status say once the team's manager removed the rep. */
export const revokedMessage = (sync: { endpoint: string | null; team?: string | null }): string =>
  `Your access to ${teamOf(sync)} was removed by its manager.`;

/** What follows it: sync stopped, and nothing local was touched. */
export const REVOKED_DETAIL =
  'Mission Tray stopped syncing. Your missions and wins stay on this computer.';
