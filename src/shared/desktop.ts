// What the OS made of the app's desktop integration, for Preferences: whether the global shortcut
// is in place (and others to try when it is not), whether launch at login applies to this copy,
// and where the log file is.
import { z } from 'zod';

export const DesktopStatus = z.object({
  shortcut: z.object({
    accelerator: z.string(),
    /** Registered with the OS now. */
    active: z.boolean(),
    /** Why it is not, as a sentence; null while active. */
    problem: z.string().nullable(),
    /** Shortcuts to offer instead, none of them refused in this run. */
    alternatives: z.array(z.string()),
  }),
  launchAtLogin: z.object({
    /** Why launch at login is not offered in this run (a development build), or null. */
    unavailable: z.string().nullable(),
  }),
  /** Electron's logs folder, where main.log is written; null where the run keeps no log file. */
  logsFolder: z.string().nullable(),
});
export type DesktopStatus = z.infer<typeof DesktopStatus>;
