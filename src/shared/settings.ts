// Preferences: one schema, defaults for every field, so a partial or old file still parses.
import { z } from 'zod';
import { Instant, LocalTime, WorkingDays } from './mission.ts';
import type { StoreNotice } from './snapshot.ts';

/**
 * The default global shortcut. CommandOrControl+Shift+M, the first default, is Microsoft Teams'
 * mute toggle: a rep muting a call logged a win. Ctrl/Cmd+Alt/Option+Shift with a letter is a
 * chord that apps rarely bind and that types no character (on Windows, AltGr is Ctrl+Alt, but W
 * with AltGr+Shift types nothing on the common European layouts). Checked against each one's
 * published shortcut list (from memory of those lists: no network here to re-read them):
 * - Microsoft Teams: Ctrl+Shift+M/O/K/E/H/A/S/D/P, Ctrl+Space (Cmd on macOS).
 * - Zoom: Alt+A/V/S/R/H/U/Y/…, Ctrl+Alt+Shift alone (focus the meeting controls), and
 *   Cmd+Shift+A/V/S/H/… on macOS — none with W.
 * - Slack: Ctrl/Cmd+Shift+Space (huddle mute), Ctrl/Cmd+Shift+K/A/M/L/….
 * - Google Meet (in the browser): Ctrl/Cmd+D, Ctrl/Cmd+E, Ctrl+Alt+H/C/P/…, Cmd+Ctrl+H.
 * - Chrome, Edge, Firefox, Safari: Ctrl/Cmd+W, Ctrl/Cmd+Shift+W (close tab/window), Cmd+Option+W
 *   (close all windows); none binds Ctrl/Cmd+Alt/Option+Shift+W.
 * - Windows: Win+… shortcuts, Ctrl+Alt+Del, Ctrl+Shift+Esc; Ctrl+Alt+Shift+Win+W (Office's Word key)
 *   is another chord.
 * - macOS: Cmd+Shift+3/4/5, Cmd+Option+Esc, Cmd+Option+Shift+Esc, Cmd+Option+Shift+V (paste and
 *   match style, in some apps only).
 * - GNOME: Ctrl+Alt+Shift+R (screencast, older releases), Ctrl+Alt+Shift+arrows; KDE Plasma:
 *   Ctrl+Alt+Shift+Del/PgUp/PgDn.
 */
export const DEFAULT_SHORTCUT = 'CommandOrControl+Alt+Shift+W';
/** Earlier versions' default, replaced in preferences files where the rep never set a shortcut. */
export const FIRST_DEFAULT_SHORTCUT = 'CommandOrControl+Shift+M';

export const Settings = z.object({
  reminderLeadMinutes: z
    .int({ error: 'Reminder lead time must be a whole number of minutes' })
    .min(5, { error: 'Remind at least 5 minutes before a deadline' })
    .max(240, { error: 'Remind at most 4 hours before a deadline' })
    .default(60),
  notify: z
    .object({
      reminders: z.boolean().default(true),
      milestoneHit: z.boolean().default(true),
      deadlineMissed: z.boolean().default(false),
      morningPlan: z.boolean().default(false),
      missionEnded: z.boolean().default(true),
    })
    .prefault({}),
  morningPlanAt: LocalTime.default('09:00'),
  workingDays: WorkingDays.default([1, 2, 3, 4, 5]),
  quietHours: z
    .object({
      enabled: z.boolean().default(true),
      start: LocalTime.default('19:00'),
      end: LocalTime.default('08:00'),
    })
    .prefault({}),
  pausedUntil: Instant.nullable().default(null),
  shortcut: z
    .string()
    .trim()
    .min(1, { error: `Type a shortcut, like ${DEFAULT_SHORTCUT}` })
    .max(60)
    .default(DEFAULT_SHORTCUT),
  /** Whether the rep set the shortcut themselves: only then is an old default kept as chosen. */
  shortcutChosen: z.boolean().default(false),
  launchAtLogin: z.boolean().default(false),
  focusMissionId: z.string().max(64).nullable().default(null),
  window: z
    .object({
      width: z.int().min(320).max(1600).default(360),
      height: z.int().min(400).max(1400).default(560),
      mode: z.enum(['compact', 'normal']).default('compact'),
    })
    .prefault({}),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  sync: z
    .object({
      enabled: z.boolean().default(false),
      endpoint: z.url({ error: 'Enter the team endpoint as a full URL' }).nullable().default(null),
      /** The team's name as the server said when the rep joined; null when set up by token. */
      team: z.string().max(200).nullable().default(null),
      /** The team's manager removed this rep: nothing is sent until the rep joins again. */
      revoked: z.boolean().default(false),
    })
    .prefault({}),
  /** Updates: on by default; `url` is a company's own update host (electron-updater generic). */
  updates: z
    .object({
      enabled: z.boolean().default(true),
      url: z.url({ error: 'Enter the update host as a full URL' }).nullable().default(null),
    })
    .prefault({}),
});
export type Settings = z.infer<typeof Settings>;
export const DEFAULT_SETTINGS: Settings = Settings.parse({});

// Why not `Settings.partial()`: in zod 4 an optional field with a default still fills the
// default in, so a patch of `{ theme: 'dark' }` would reset every other preference.
const unset = <T extends z.ZodType>(field: z.ZodDefault<T>) => field.unwrap().optional();
const n = Settings.shape.notify.unwrap().shape;
const q = Settings.shape.quietHours.unwrap().shape;
const w = Settings.shape.window.unwrap().shape;
const y = Settings.shape.sync.unwrap().shape;
const u = Settings.shape.updates.unwrap().shape;

/**
 * What a view may change: only the keys it sends, groups (notify, quietHours, window, sync)
 * partially. The settings store merges it over the current settings and parses the whole again.
 */
export const SettingsPatch = z.object({
  reminderLeadMinutes: unset(Settings.shape.reminderLeadMinutes),
  notify: z
    .object({
      reminders: unset(n.reminders),
      milestoneHit: unset(n.milestoneHit),
      deadlineMissed: unset(n.deadlineMissed),
      morningPlan: unset(n.morningPlan),
      missionEnded: unset(n.missionEnded),
    })
    .optional(),
  morningPlanAt: unset(Settings.shape.morningPlanAt),
  workingDays: unset(Settings.shape.workingDays),
  quietHours: z
    .object({ enabled: unset(q.enabled), start: unset(q.start), end: unset(q.end) })
    .optional(),
  pausedUntil: unset(Settings.shape.pausedUntil),
  shortcut: unset(Settings.shape.shortcut),
  launchAtLogin: unset(Settings.shape.launchAtLogin),
  focusMissionId: unset(Settings.shape.focusMissionId),
  window: z
    .object({ width: unset(w.width), height: unset(w.height), mode: unset(w.mode) })
    .optional(),
  theme: unset(Settings.shape.theme),
  sync: z.object({ enabled: unset(y.enabled), endpoint: unset(y.endpoint) }).optional(),
  updates: z.object({ enabled: unset(u.enabled), url: unset(u.url) }).optional(),
});
export type SettingsPatch = z.input<typeof SettingsPatch>;

/**
 * What the app itself may change: a view's patch, and also what sync records of the team (its
 * name, a removed access), which no view may send (SettingsPatch has no such keys).
 */
export type SettingsChange = z.output<typeof SettingsPatch> & {
  sync?: Partial<Settings['sync']>;
};

/** Applies a patch: each group merged key by key, then the whole parsed again. */
export function applySettingsPatch(current: Settings, patch: SettingsChange): Settings {
  return Settings.parse({
    ...current,
    ...patch,
    shortcutChosen: current.shortcutChosen || patch.shortcut !== undefined,
    notify: { ...current.notify, ...patch.notify },
    quietHours: { ...current.quietHours, ...patch.quietHours },
    window: { ...current.window, ...patch.window },
    sync: { ...current.sync, ...patch.sync },
    updates: { ...current.updates, ...patch.updates },
  });
}

/** Preferences as the shell and the harness see them, whatever file backs them. */
export interface SettingsPort {
  get(): Settings;
  /** Merges the patch, writes it, tells every subscriber; throws StorageError if the disk refuses. */
  update(patch: SettingsChange): Settings;
  subscribe(listener: (settings: Settings) => void): () => void;
  /** A damaged preferences file found at start-up and moved aside. */
  notices(): StoreNotice[];
  dismissNotice(id: string): void;
  /** What reading an older preferences file changed, as sentences for the rep (told at start). */
  upgrades(): string[];
}
